import Foundation
import SigConform
import Testing

/// A venue is data: a folder written at run time is checked without rebuilding sigconform.
@Suite struct TemporaryVenueTests {
    static let venueJSON = """
    {
      "format": "sigconform/venue@1", "id": "tmp-bitstamp-like", "name": "Temporary", "docs": "https://example.invalid",
      "auth": "hmac",
      "hmac": {
        "hash": "sha256",
        "prehash": ["X {apiKey}{method}{host}{path}{query}", {"if": "body", "then": "{header:Content-Type}"}, "{nonce}{timestamp}v2{body}"],
        "signature": {"in": {"header": "X-Auth-Signature"}, "encoding": "hex", "caseInsensitive": true},
        "apiKey": {"in": {"header": "X-Auth", "prefix": "X "}},
        "nonce": {"in": {"header": "X-Auth-Nonce"}},
        "timestamp": {"in": {"header": "X-Auth-Timestamp"}, "format": "unix-ms", "window": {"pastMs": 150000, "futureMs": 150000}}
      }
    }
    """

    /// A vector whose signature is computed here over the prehash the venue's rule gives.
    static func vector(id: String, body: String, contentType: String?, prehash: String, serverTime: Int64, result: String,
                       uppercase: Bool = false) throws -> String {
        var signature = try RecipeFixtures.hmacHex(prehash, secret: "tmp-secret")
        if uppercase { signature = signature.uppercased() }
        let contentTypeHeader = contentType.map { #", "Content-Type": "\#($0)""# } ?? ""
        return """
        {"id": "\(id)", "result": "\(result)",
         "request": {"method": "POST", "host": "h.example", "path": "/p/", "query": "",
                     "headers": {"X-Auth": "X k1", "X-Auth-Signature": "\(signature)", "X-Auth-Nonce": "n-1",
                                 "X-Auth-Timestamp": "1700000000000"\(contentTypeHeader)},
                     "body": \(JSONWriter.compact(.string(body)))},
         "time": {"serverTime": \(serverTime)},
         "expect": {"prehash": \(JSONWriter.compact(.string(prehash)))\(result == "invalid" ? #", "diagnosis": ["clock_drift"]"# : "")}}
        """
    }

    @Test func aVenueWrittenAtRunTimeChecksItsVectors() throws {
        let root = try RecipeFixtures.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("tmp-bitstamp-like")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Self.venueJSON.write(to: folder.appendingPathComponent("venue.json"), atomically: true, encoding: .utf8)
        let vectors = [
            try Self.vector(id: "form-body", body: "a=1", contentType: "application/x-www-form-urlencoded",
                            prehash: "X k1POSTh.example/p/application/x-www-form-urlencodedn-11700000000000v2a=1",
                            serverTime: 1_700_000_000_400, result: "valid"),
            try Self.vector(id: "no-body", body: "", contentType: nil, prehash: "X k1POSTh.example/p/n-11700000000000v2",
                            serverTime: 1_700_000_000_400, result: "valid", uppercase: true),
            try Self.vector(id: "late", body: "", contentType: nil, prehash: "X k1POSTh.example/p/n-11700000000000v2",
                            serverTime: 1_700_000_152_000, result: "invalid"),
        ]
        let file = """
        {"format": "sigconform/vectors@1", "venue": "tmp-bitstamp-like", "defaults": {"credentials": {"apiKey": "k1", "secret": "tmp-secret"}},
         "vectors": [\(vectors.joined(separator: ",\n"))]}
        """
        try file.write(to: folder.appendingPathComponent("requests.json"), atomically: true, encoding: .utf8)

        let (registry, errors) = RunEnvironment.registry(extraRoots: [root.path], includeBundled: false)
        #expect(errors.isEmpty)
        #expect(registry["tmp-bitstamp-like"] != nil)
        let result = CheckRunner(registry: registry, backends: standardBackends()).run(paths: [folder.path])
        #expect(result.inputErrors.isEmpty)
        #expect(result.verdicts.count == 3)
        for verdict in result.verdicts {
            #expect(verdict.status == .passed, "\(verdict.id): \(verdict.problems)")
        }
    }
}
