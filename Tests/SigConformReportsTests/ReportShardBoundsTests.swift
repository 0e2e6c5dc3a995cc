import Foundation
import SigConform
import Testing

/// Shard numbers in a report that `report merge` reads are outside input: a report claiming
/// shard 0/0, -1/-5, 3/2 or 1/9223372036854775807 is an input error, never a trap or a loop
/// over a billion missing shards.
@Suite struct ReportShardBoundsTests {
    static func report(shard: String) throws -> String {
        let text = JSONReporter().render(ReportFixture.report)
        return text.replacingOccurrences(of: #""run": {"#, with: #""run": {"shard": \#(shard), "#)
    }

    @Test(arguments: [#"{"index": 0, "count": 0}"#, #"{"index": -1, "count": -5}"#, #"{"index": 3, "count": 2}"#,
                      #"{"index": 1, "count": 9223372036854775807}"#, #"{"index": 1, "count": 10001}"#, #"{"index": 0, "count": 2}"#])
    func anImpossibleShardIsRefusedWhenRead(_ shard: String) throws {
        let text = try Self.report(shard: shard)
        #expect(text.contains(shard), "the fixture's run object changed shape")
        let document = try JSONParser().parse(text)
        let error = #expect(throws: InputError.self) { try ReportJSONDecoder().decode(JSONReader(file: "r.json", document: document)) }
        #expect(error?.message.contains("is not K/N") == true)
    }

    @Test func theLargestAllowedShardCountIsRead() throws {
        let document = try JSONParser().parse(try Self.report(shard: #"{"index": 10000, "count": 10000}"#))
        #expect(try ReportJSONDecoder().decode(JSONReader(file: "r.json", document: document)).context.shard == RunInfo.Shard(index: 10000, count: 10000))
    }

    @Test func aReportBuiltInCodeWithAnImpossibleShardIsAProblemNotATrap() {
        for (index, count) in [(0, 0), (-1, -5), (3, 2), (1, Int.max)] {
            var report = ReportFixture.report
            report.context.shard = RunInfo.Shard(index: index, count: count)
            let merged = ReportMerger.merge([("r.json", report)])
            #expect(merged.exitCode == 2)
            #expect(merged.inputErrors.contains { $0.message.contains("is not K/N") })
        }
    }

    @Test func thousandsOfMissingShardsAreCountedNotListed() {
        var report = ReportFixture.report
        report.context.shard = RunInfo.Shard(index: 1, count: 10_000)
        let merged = ReportMerger.merge([("r.json", report)])
        let missing = merged.inputErrors.filter { $0.message.contains("missing") }
        #expect(missing.count == 21, "twenty listed, then one line for the rest")
        #expect(missing.last?.message == "9979 more shards are missing")
    }

    @Test func aReportOverTheMergeLimitIsRefusedWithAWayOut() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-big-report-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A sparse file: the size is refused before a byte is read.
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        #expect(truncate(path, off_t(InputLimits.reportBytes + 1)) == 0)
        let error = #expect(throws: InputError.self) { try ReportJSONDecoder().decode(file: path) }
        #expect(error?.message.contains("over the 4 GiB limit") == true)
        #expect(error?.hint?.contains("more shards") == true)
    }
}
