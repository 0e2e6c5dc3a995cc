import Foundation
import SigConform
import Testing

/// A venue is data: one written by hand into a temporary folder is checked without rebuilding.
@Suite struct HandWrittenVenueTests {
    // Expected signatures computed with Python's hmac module:
    // hmac.new(b"acme-test-secret", b"1700000000000GET/v1/account?asset=BTC", hashlib.sha256).hexdigest()
    static let correct = "59cee4c5a503606125ef5d296584db1c00e159a3a751b92d63b2556277ccf4e0"
    // The same without "?asset=BTC": a client that signed the path without its query.
    static let pathOnly = "20da65da2367c3e9640c01e97c324153f3239a24813fb7ae64e0fca18606993e"

    static let venueJSON = """
        {
          "format": "sigconform/venue@1",
          "id": "acme",
          "name": "Acme Exchange (hand-written test venue)",
          "docs": "https://example.invalid/acme/auth",
          "auth": "hmac",
          "hmac": {
            "hash": "sha256",
            "prehash": "{timestamp}{method}{requestPath}",
            "signature": { "in": { "header": "ACME-SIGN" }, "encoding": "hex" },
            "apiKey": { "in": { "header": "ACME-KEY" } },
            "timestamp": { "in": { "header": "ACME-TS" }, "format": "unix-ms", "window": { "pastMs": 5000, "futureMs": 1000 } }
          }
        }
        """

    static func vectorsJSON(signature: String, result: String, diagnosis: String = "") -> String {
        """
        {
          "format": "sigconform/vectors@1",
          "venue": "acme",
          "defaults": { "credentials": { "apiKey": "acme-key-000000000001", "secret": "acme-test-secret" } },
          "vectors": [{
            "id": "get-account",
            "request": {
              "method": "GET", "path": "/v1/account", "query": "asset=BTC",
              "headers": { "ACME-KEY": "acme-key-000000000001", "ACME-TS": "1700000000000", "ACME-SIGN": "\(signature)" }
            },
            "time": { "serverTime": 1700000000250 },
            "result": "\(result)",
            "expect": { "prehash": "1700000000000GET/v1/account?asset=BTC", "signature": "\(correct)"\(diagnosis) }
          }]
        }
        """
    }

    func runInTemporaryFolder(vectors: String) throws -> RunResult {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-venue-\(UUID().uuidString)")
        let folder = root.appendingPathComponent("acme")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: root) }
        try Self.venueJSON.write(to: folder.appendingPathComponent("venue.json"), atomically: true, encoding: .utf8)
        try vectors.write(to: folder.appendingPathComponent("basic.json"), atomically: true, encoding: .utf8)
        let (registry, errors) = RunEnvironment.registry(extraRoots: [root.path], includeBundled: false)
        #expect(errors.isEmpty)
        return CheckRunner(registry: registry, backends: standardBackends()).run(paths: [root.path])
    }

    @Test func aValidVectorOfAHandWrittenVenuePassesOnBothBackends() throws {
        let run = try runInTemporaryFolder(vectors: Self.vectorsJSON(signature: Self.correct, result: "valid"))
        #expect(run.verdicts.count == 1)
        #expect(run.verdicts.first?.status == .passed, "\(run.verdicts.first?.problems ?? [])")
        #expect(run.backends == ["swift", "openssl"])
        #expect(run.exitCode == 0)
    }

    @Test func aCapturedBugOfAHandWrittenVenueIsDiagnosed() throws {
        let run = try runInTemporaryFolder(vectors: Self.vectorsJSON(signature: Self.pathOnly, result: "invalid",
                                                                      diagnosis: #", "diagnosis": ["path_mismatch"]"#))
        let verdict = try #require(run.verdicts.first)
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.diagnosis?.classIDs == ["path_mismatch"])
        #expect(verdict.diagnosis?.clientPrehash?.text == "1700000000000GET/v1/account")
    }

    @Test func aWrongExpectationFailsTheRun() throws {
        let run = try runInTemporaryFolder(vectors: Self.vectorsJSON(signature: Self.pathOnly, result: "valid"))
        #expect(run.verdicts.first?.status == .failed)
        #expect(run.exitCode == 1)
    }
}
