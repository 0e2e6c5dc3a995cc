import Foundation
import SigConformCore
import Testing

@Suite("VectorEncoder")
struct VectorEncoderTests {
    /// Decodes `value` as vector 0 of a one-vector file of `venue`.
    static func decode(_ value: JSONValue, venue: String) throws -> Vector {
        let document = try JSONParser().parse(JSONWriter.compact(value))
        return try VectorDecoder().decodeVector(document.root, at: "", reader: JSONReader(file: "t", document: document), fileVenue: venue)
    }

    @Test("reads back as the same vector for every bundled vector", arguments: RepoPaths.vectorFiles)
    func encodedVectorsDecodeToThemselves(path: String) throws {
        for vector in try VectorDecoder().decodeFile(try FileReader.readJSON(path)) {
            var again = try Self.decode(try VectorEncoder().encode(vector), venue: vector.venue)
            again.origin = vector.origin
            #expect(again == vector, "\(vector.qualifiedID)")
        }
    }

    @Test func writesMembersInTheBundledOrderAndLeavesOutInheritedCredentials() throws {
        let vector = Vector(
            id: "v", venue: "x", comment: "c", tags: ["t"],
            credentials: Credentials(apiKey: "k", secret: "own-secret"),
            request: HTTPRequest(method: "GET", host: "h.example", path: "/p", query: "a=1", headers: HTTPHeaders([("K", "k")])),
            time: TimeContext(serverTime: 5), result: .invalid,
            expect: Expectation(prehash: [0xff, 0x00], signature: "s", diagnosis: ["wrong_hash"], clientPrehash: Array("x".utf8)),
            origin: VectorOrigin(file: "t", pointer: "", location: nil))
        let value = try VectorEncoder().encode(vector, defaults: Credentials(apiKey: "k", secret: "shared"))
        #expect(JSONWriter.compact(value) == #"{"id":"v","comment":"c","tags":["t"],"credentials":{"secret":"own-secret"},"#
            + #""request":{"method":"GET","host":"h.example","path":"/p","query":"a=1","headers":{"K":"k"},"body":""},"#
            + #""time":{"serverTime":5},"result":"invalid","#
            + #""expect":{"prehashHex":"ff00","signature":"s","diagnosis":["wrong_hash"],"clientPrehash":"x"}}"#)
    }

    @Test func refusesAHeaderSentTwice() {
        let request = HTTPRequest(method: "GET", path: "/", headers: HTTPHeaders([("X-A", "1"), ("x-a", "2")]))
        #expect(throws: VectorEncoder.Failure.self) { try VectorEncoder().encode(request) }
    }
}
