import Foundation
import Testing

/// The smaller promises of the hostile-input pass: usage errors are unusable input (2, not
/// ArgumentParser's 64), case files are strict, and text from input files reaches the
/// terminal with its control characters made visible.
@Suite struct HostileInputSmallerCLITests {
    @Test(arguments: [["check", "--bogus"], ["check", "--shard", "0/0"], ["check", "--backend", "bogus"], ["check", "--format", "pdf"], ["lint", "--format", "xml"], ["diagnose", "--id"], ["report", "merge", "--nope"], ["report", "nosuch"]])
    func aUsageErrorExitsTwo(_ arguments: [String]) throws {
        let output = try CLI.run(arguments)
        #expect(output.status == 2, "\(arguments): \(output.stderr)")
        #expect(output.stderr.contains("Usage:") || output.stderr.contains("Error:"))
    }

    @Test func helpAndVersionStillExitZero() throws {
        #expect(try CLI.run(["--help"]).status == 0)
        #expect(try CLI.run(["--version"]).status == 0)
        #expect(try CLI.run(["check", "--help"]).status == 0)
    }

    @Test func aMisspeltMemberOfACaseFileIsAnErrorWithTheNearestName() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("case.json")
        try #"{"venue": "binance-spot", "request": {"method": "GET", "path": "/api/v3/account", "query": "timestamp=1700000000000&signature=00"}, "time": {"serverTme": 1700000000000}}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["diagnose", file.path, "--secret-env", "SMALLER_SECRET", "--no-reports", "--no-color"],
                                 environment: ["SMALLER_SECRET": "NhqPtmdSJYdKjVHjA7PZj6ZkT6JyLlv3sBFBW7Y9Yek2"])
        #expect(output.status == 2)
        #expect(output.stdout.contains(#"error: unknown member "serverTme" (at /time/serverTme) [unknown-member]"#), "\(output.stdout)")
        #expect(output.stdout.contains(#"fix: did you mean "serverTime"?"#), "\(output.stdout)")
    }

    @Test func selftestAndLintShowControlCharactersFromTheirInputVisibly() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("rfc"), withIntermediateDirectories: true)
        try #"[{"id": "\u001b]0;pwned\u0007\u001b[2J", "hash": "sha256", "key": "0b0b", "data": "4869", "mac": "00", "comment": "c"}]"#
            .write(to: folder.appendingPathComponent("rfc/evil.json"), atomically: true, encoding: .utf8)
        let selftest = try CLI.run(["selftest", "--vectors", folder.path])
        #expect(selftest.status == 2)
        #expect(selftest.stdout.contains(#"\x1b]0;pwned\x07"#), "\(selftest.stdout)")
        let vectors = folder.appendingPathComponent("v.json")
        try #"{"format": "sigconform/vectors@1", "venue": "binance-spot", "vectors": [{"id": "x", "\u001b[31mevil\u0007": 1}]}"#
            .write(to: vectors, atomically: true, encoding: .utf8)
        let lint = try CLI.run(["lint", vectors.path])
        #expect(lint.status == 2)
        for output in [selftest.stdout + selftest.stderr, lint.stdout + lint.stderr] {
            #expect(!output.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" }, "\(output)")
        }
    }
}
