import Foundation
import SigConform
import Testing

@Suite("record: VectorRecorder")
struct VectorRecorderTests {
    static let registry = AuthoringFixtures.registry
    static var venue: Venue { registry["lintfix"]! }
    static let credentials = Credentials(apiKey: "lintfix-key-0001", secret: "lintfix-test-secret-0001")

    /// The fixture vectors (signed by Python's hmac), by id.
    static let fixtureVectors: [String: Vector] = {
        let path = AuthoringFixtures.root.appendingPathComponent("valid/lintfix/requests.json").path
        let vectors = (try? VectorDecoder().decodeFile(try FileReader.readJSON(path))) ?? []
        return Dictionary(uniqueKeysWithValues: vectors.map { ($0.id, $0) })
    }()

    static func record(_ request: HTTPRequest, id: String? = nil, taken: Set<String> = []) throws(RecordError) -> VectorRecorder.Recording {
        try VectorRecorder(registry: registry, backends: standardBackends())
            .record(.init(venue: venue, request: request, credentials: credentials, id: id), takenIDs: taken)
    }

    @Test func aCorrectCurlRequestBecomesAValidVectorWithTheReferenceValues() throws {
        let reference = try #require(Self.fixtureVectors["get-balance"])
        let headers = reference.request.headers.fields.map { "-H '\($0.name): \($0.value)'" }.joined(separator: " ")
        let request = try CurlParser().parse("curl 'https://api.lintfix.example/api/v1/balance?asset=BTC' \(headers)").request
        let recording = try Self.record(request)
        #expect(recording.vector.result == .valid)
        #expect(recording.vector.expect.prehash == reference.expect.prehash)
        #expect(recording.vector.expect.signature == reference.expect.signature)
        #expect(recording.vector.expect.headers.map(\.name) == ["X-LF-SIGN", "X-LF-KEY"])
        #expect(recording.vector.id == "get-balance")
        #expect(recording.backends == ["swift", "openssl"])
        #expect(recording.notes.isEmpty)
    }

    @Test func aRejectedRequestBecomesAnInvalidVectorWithItsDiagnosis() throws {
        let reference = try #require(Self.fixtureVectors["wrong-hash"])
        let recording = try Self.record(reference.request)
        #expect(recording.vector.result == .invalid)
        #expect(recording.vector.expect.diagnosis == ["wrong_hash"])
        #expect(recording.vector.expect.signature == reference.expect.signature)
        #expect(recording.vector.id == "post-order-wrong-hash")
        #expect(recording.vector.comment?.contains("SHA512") == true)
    }

    @Test func aRequestWithoutSignatureIsValidWithANote() throws {
        var request = try #require(Self.fixtureVectors["post-order"]).request
        request.headers.remove("X-LF-SIGN")
        let recording = try Self.record(request)
        #expect(recording.vector.result == .valid)
        #expect(recording.notes.first?.contains("no signature") == true)
    }

    @Test func aRequestWithoutWhatTheVenueSignsIsRefused() throws {
        var request = try #require(Self.fixtureVectors["post-order"]).request
        request.headers.remove("X-LF-TS")
        #expect(throws: RecordError.self) { try Self.record(request) }
        do { _ = try Self.record(request) } catch { #expect(error.message.contains("timestamp")) }
    }

    @Test func freshIdsAreNumberedAndGivenIdsChecked() throws {
        let request = try #require(Self.fixtureVectors["get-balance"]).request
        #expect(try Self.record(request, taken: ["get-balance", "get-balance-2"]).vector.id == "get-balance-3")
        #expect(throws: RecordError.self) { try Self.record(request, id: "get-balance", taken: ["get-balance"]) }
        #expect(throws: RecordError.self) { try Self.record(request, id: "no spaces") }
        #expect(try Self.record(request, id: "docs.example_1").vector.id == "docs.example_1")
    }

    @Test func bearerVenuesExpectTheExactHeader() throws {
        let venue = Venue(id: "relay", name: "Relay", docs: "https://example.invalid", auth: .bearer(BearerRecipe()), file: "relay/venue.json")
        let request = HTTPRequest(method: "GET", path: "/v1/models", headers: HTTPHeaders([("Authorization", "bearer sk-test")]))
        let recording = try VectorRecorder(registry: VenueRegistry([venue]), backends: standardBackends())
            .record(.init(venue: venue, request: request, credentials: Credentials(apiKey: "sk-test")), takenIDs: [])
        #expect(recording.vector.result == .invalid)
        #expect(recording.vector.expect.diagnosis == ["missing_bearer_prefix"])
        #expect(recording.vector.expect.headers == [HTTPHeaders.Field(name: "Authorization", value: "Bearer sk-test")])
    }

    /// A deliberately wrong backend: HMAC-SHA384 whenever HMAC-SHA256 is asked for.
    struct WrongHashBackend: MACBackend {
        let wrapped = PureSwiftBackend()
        var id: String { "wrong-hash" }
        var displayName: String { "pure Swift, SHA-384 for SHA-256" }
        func makeDigest(_ algorithm: HashAlgorithm) throws(MACError) -> any DigestContext { wrapped.makeDigest(algorithm) }
        func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) throws(MACError) -> any HMACContext {
            wrapped.makeHMAC(algorithm == .sha256 ? .sha384 : algorithm, key: key)
        }
    }

    @Test func refusesToRecordWhenTheBackendsDisagree() throws {
        let request = try #require(Self.fixtureVectors["get-balance"]).request
        let recorder = VectorRecorder(registry: Self.registry, backends: [PureSwiftBackend(), WrongHashBackend()])
        do {
            _ = try recorder.record(.init(venue: Self.venue, request: request, credentials: Self.credentials), takenIDs: [])
            Issue.record("recorded although the backends disagree")
        } catch {
            #expect(error.message.contains("the MAC backends disagree"))
        }
    }
}
