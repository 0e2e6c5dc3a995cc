import Foundation
import Testing

/// The built binary over inputs whose numbers once trapped it (SIGILL, the whole run lost):
/// each now ends with a report and the exit status that input deserves.
@Suite struct HostileInputCrashCLITests {
    static let secret = "NhqPtmdSJYdKjVHjA7PZj6ZkT6JyLlv3sBFBW7Y9Yek2kHvZ3uFxS5ZmLn8fH7hY"

    @Test func aRejectedRequestWithANumberPastInt64IsDiagnosed() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("big.http")
        let body = #"{"symbol":"BTCUSDT","price":1e19,"qty":-1e300,"timestamp":1700000000000}"#
        try "POST /api/v3/order?signature=00 HTTP/1.1\r\nHost: api.binance.com\r\nX-MBX-APIKEY: abcdefghijklmnop\r\nContent-Type: application/json\r\n\r\n\(body)"
            .write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["diagnose", file.path, "--venue", "binance-spot", "--secret-env", "HOSTILE_SECRET", "--no-reports", "--no-color"],
                                 environment: ["HOSTILE_SECRET": Self.secret])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
    }

    @Test func aChunkSizeNearInt64MaxIsAnUnusableInputForDiagnoseAndRecord() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("chunk.http")
        try "POST /api/v3/order HTTP/1.1\r\nHost: api.binance.com\r\nTransfer-Encoding: chunked\r\n\r\n7fffffffffffffff\r\nabc\r\n0\r\n\r\n"
            .write(to: file, atomically: true, encoding: .utf8)
        let environment = ["HOSTILE_SECRET": Self.secret]
        let diagnose = try CLI.run(["diagnose", file.path, "--venue", "binance-spot", "--secret-env", "HOSTILE_SECRET", "--no-reports", "--no-color"], environment: environment)
        #expect(diagnose.status == 2)
        #expect(diagnose.stdout.contains("a chunk of 9223372036854775807 bytes is truncated"))
        let record = try CLI.run(["record", "--venue", "binance-spot", "--http", file.path, "--secret-env", "HOSTILE_SECRET", "--dry-run"], environment: environment)
        #expect(record.status == 2)
        #expect(record.stderr.contains("a chunk of 9223372036854775807 bytes is truncated"))
    }

    @Test(arguments: [(0, 0), (-1, -5), (3, 2), (1, 9_223_372_036_854_775_807)])
    func reportMergeRefusesAnImpossibleShard(_ shard: (index: Int, count: Int)) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let written = try CLI.run(["check", "vectors/kraken-spot", "--shard", "1/2", "--report-dir", folder.appendingPathComponent("s1").path, "--no-color"])
        #expect(written.status == 0, "\(written.stdout)")
        let report = try String(contentsOf: folder.appendingPathComponent("s1/report.json"), encoding: .utf8)
        let edited = report.replacingOccurrences(of: "\"index\": 1,\n      \"count\": 2", with: "\"index\": \(shard.index),\n      \"count\": \(shard.count)")
        #expect(edited != report, "the report's shard object changed shape")
        let file = folder.appendingPathComponent("edited.json")
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["report", "merge", file.path, "--report-dir", folder.appendingPathComponent("merged").path, "--no-color"])
        #expect(output.status == 2, "\(output.stdout)\(output.stderr)")
        #expect((output.stdout + output.stderr).contains("is not K/N with 1 ≤ K ≤ N ≤ 10000"))
    }

    @Test func checkRefusesAShardCountPastTheLimit() throws {
        let output = try CLI.run(["check", "vectors/kraken-spot", "--shard", "1/10001", "--no-reports"])
        #expect(output.status != 0)
        #expect(output.stderr.contains("1 ≤ K ≤ N ≤ 10000"))
    }
}
