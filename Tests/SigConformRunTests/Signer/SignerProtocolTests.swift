import Foundation
import SigConform
import Testing

@Suite struct SignerProtocolTests {
    static let registry = RunEnvironment.registry(extraRoots: []).0

    static func vector(_ venue: String, _ id: String) throws -> Vector {
        var found: Vector?
        try CorpusLoader().forEachVector(in: "\(BundledVectors.directory)/\(venue)/requests.json", body: { if $0.id == id { found = $0 } }, lineError: { _ in })
        return try #require(found)
    }

    static func line(_ vector: Vector) throws -> [String: Any] {
        let venue = try #require(registry[vector.venue])
        let text = SignerProtocol.requestLine(for: vector, venue: venue)
        #expect(!text.contains("\n"), "one JSON line")
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func theVenuesClockGoesWithTheRequest() throws {
        let line = try Self.line(Self.vector("binance-spot", "get-account-timestamp-only"))
        let time = try #require(line["time"] as? [String: Any])
        #expect((time["serverTime"] as? NSNumber)?.int64Value == 1_700_000_000_300)
    }

    @Test func theRequestGoesOutWithoutItsSignatureWhereverTheVenueCarriesIt() throws {
        let binance = try Self.line(Self.vector("binance-spot", "post-order-query"))
        let query = try #require((binance["request"] as? [String: Any])?["query"] as? String)
        #expect(!query.contains("signature="))
        #expect(query.hasSuffix("&timestamp=1700000920055"), "every other byte as sent")
        let bybit = try #require((try Self.line(Self.vector("bybit-v5", "get-wallet-balance"))["request"] as? [String: Any])?["headers"] as? [String: String])
        #expect(bybit["X-BAPI-SIGN"] == nil && bybit["X-BAPI-TIMESTAMP"] == "1700000122674")
        let bearer = try Self.line(Self.vector("openai-compatible", "get-models"))
        #expect(((bearer["request"] as? [String: Any])?["headers"] as? [String: String])?["Authorization"] == nil)
        #expect((bearer["credentials"] as? [String: String])?["apiKey"] != nil)
        #expect(bearer["id"] as? String == "openai-compatible/get-models" && bearer["venue"] as? String == "openai-compatible")
    }

    @Test func answersAreReadStrictly() {
        let id = "binance-spot/x"
        #expect(SignerProtocol.parseAnswer(#"{"id":"binance-spot/x","request":{"method":"GET","path":"/p","query":"a=1"}}"#, expectedID: id)
                == .request(HTTPRequest(method: "GET", path: "/p", query: "a=1")))
        #expect(SignerProtocol.parseAnswer(#"{"id":"binance-spot/x","error":"unsupported"}"#, expectedID: id) == .declined("unsupported"))
        #expect(SignerProtocol.parseAnswer(#"{"id":"binance-spot/earlier","request":{"method":"GET","path":"/"}}"#, expectedID: id) == .otherID("binance-spot/earlier"))
        for line in ["Signing request…", #"{"id":"binance-spot/x"}"#, #"{"id":"binance-spot/x","request":{"method":"GET","path":"/","query":"?a"}}"#,
                     #"{"id":"binance-spot/x","reqest":{}}"#, #"{"request":{"method":"GET","path":"/"}}"#, "[1,2]"] {
            guard case .malformed(let reason) = SignerProtocol.parseAnswer(line, expectedID: id) else {
                Issue.record("accepted \(line)")
                continue
            }
            #expect(!reason.isEmpty)
        }
    }

    /// A venue that carries its signature at `location`.
    static func venue(signatureAt location: FieldLocation) -> Venue {
        let recipe = HMACRecipe(hash: .sha256, secretEncoding: .utf8, prehash: Template([.variable(.body, optional: false)]),
                                signature: SignatureField(location: location, encoding: .hex))
        return Venue(id: "test-venue", name: "test", docs: "https://example.invalid/docs", auth: .hmac(recipe), file: "venue.json")
    }

    @Test func headerParameterSignaturesAreCutOutOfTheirHeader() {
        let venue = Self.venue(signatureAt: .headerParameter(header: "Authorization", scheme: "deri-hmac-sha256 ", parameter: "sig"))
        var request = HTTPRequest(method: "GET", path: "/api/v2/private/get_account_summary")
        request.headers.set("Authorization", "deri-hmac-sha256 id=AbCd,ts=1700000000000,sig=0123abcd,nonce=xyz")
        #expect(request.removingSignature(for: venue).headers["Authorization"] == "deri-hmac-sha256 id=AbCd,ts=1700000000000,nonce=xyz")
        request.headers.set("Authorization", "deri-hmac-sha256 sig=0123abcd,id=AbCd,ts=1700000000000")
        #expect(request.removingSignature(for: venue).headers["Authorization"] == "deri-hmac-sha256 id=AbCd,ts=1700000000000")
    }

    @Test func jsonBodySignaturesAreRemovedKeepingOrderAndNumbers() {
        let venue = Self.venue(signatureAt: .body("sig"))
        let request = HTTPRequest(method: "POST", path: "/v1/private/get-order-detail",
                                  body: #"{"id":1,"method":"private/get","params":{"a":1.50},"sig":"ab","nonce":17}"#)
        #expect(request.removingSignature(for: venue).body == #"{"id":1,"method":"private/get","params":{"a":1.50},"nonce":17}"#)
        let form = HTTPRequest(method: "POST", path: "/v1/x", body: "a=1&sig=ab&b=2")
        #expect(form.removingSignature(for: venue).body == "a=1&b=2")
    }

    @Test func encodedHeaderMembersAreRemovedFromTheirPayload() throws {
        let venue = Self.venue(signatureAt: .encodedHeaderMember(header: "X-PAYLOAD", member: "sig"))
        var request = HTTPRequest(method: "POST", path: "/v1/order")
        request.headers.set("X-PAYLOAD", Base64.encode(Array(#"{"request":"/v1/order","nonce":5,"sig":"ab"}"#.utf8)))
        let payload = try #require(request.removingSignature(for: venue).headers["X-PAYLOAD"].flatMap { Base64.decode($0) })
        #expect(String(decoding: payload, as: UTF8.self) == #"{"request":"/v1/order","nonce":5}"#)
    }
}
