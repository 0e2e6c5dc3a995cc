import Foundation
import SigConform
import Testing

/// report.json went from format `@1` (every vector in full) to `@2` (a passed vector as a short
/// entry). `report merge` must still read the reports earlier versions wrote:
/// Fixtures/report-v1.json is the `@1` report the writer of that version wrote for
/// ``ReportFixture``'s run (its golden file then, with the volatile values filled in).
@Suite struct ReportFormatVersionTests {
    /// The fixture's text, its `{VECTORS}` placeholder replaced by this checkout's vectors folder.
    static func formatOneText() throws -> String {
        try String(contentsOfFile: Repository.path("Tests/SigConformReportsTests/Fixtures/report-v1.json"), encoding: .utf8)
            .replacingOccurrences(of: "{VECTORS}", with: ReportFixture.vectorsDirectory)
    }

    @Test func aFormatOneReportReadsBackAsTheRunItWasWrittenFrom() throws {
        let text = try Self.formatOneText()
        #expect(text.contains("\"format\": \"sigconform/report@1\""))
        let decoded = try ReportJSONDecoder().decode(JSONReader(file: "report-v1.json", document: JSONParser().parse(text)))
        #expect(decoded.vectors == ReportFixture.report.vectors, "every vector in full, passed ones included")
        #expect(decoded.summary == ReportFixture.report.summary)
    }

    /// Shard 1 of the fixture's run as a `@1` report and shard 2 as a `@2` one, merged as
    /// `report merge` merges files: the result is the unsharded run's report, written as `@2`.
    @Test func aFormatOneAndAFormatTwoShardMergeIntoTheRunsReport() throws {
        let folder = temporaryDirectory("format-versions")
        var formatOne = try #require(try JSONSerialization.jsonObject(with: Data(Self.formatOneText().utf8)) as? [String: Any])
        var run = try #require(formatOne["run"] as? [String: Any])
        run["shard"] = ["index": 1, "count": 2]
        formatOne["run"] = run
        let vectors = try #require(formatOne["vectors"] as? [[String: Any]])
        formatOne["vectors"] = vectors.filter { VectorFilter.shardIndex(of: $0["id"] as? String ?? "", count: 2) == 1 }
        let first = folder + "/shard-1.json"
        try JSONSerialization.data(withJSONObject: formatOne).write(to: URL(fileURLWithPath: first))

        let shards = try ReportMergerTests.shards(2)
        var second = ReportFixture.report
        second.context.shard = RunInfo.Shard(index: 2, count: 2)
        second.vectors = second.vectors.filter { VectorFilter.shardIndex(of: $0.id, count: 2) == 2 }
        second.inputErrors = []
        let secondPath = folder + "/shard-2.json"
        try Data(JSONReporter().render(second).utf8).write(to: URL(fileURLWithPath: secondPath))
        #expect(!(formatOne["vectors"] as? [Any] ?? []).isEmpty && !second.vectors.isEmpty, "each shard holds vectors")
        #expect(shards[1].report.vectors.map(\.id) == second.vectors.map(\.id))

        let (merged, written) = try ReportFileTests.streamedMerge([secondPath, first], into: folder + "/merged")
        let whole = ReportFixture.report
        // The input error came from the @1 shard, which kept no code: the rest is the run's.
        #expect(merged.inputErrors.map(\.code) == [nil])
        #expect(merged.inputErrors == whole.inputErrors.map { var error = $0; error.code = nil; return error })
        #expect(merged.summary == whole.summary)
        #expect(merged.exitCode == whole.exitCode)
        let json = try #require(written.first { $0.hasSuffix("/report.json") })
        let reread = try ReportFileTests.whole(json)
        #expect(try String(contentsOfFile: json, encoding: .utf8).contains("\"format\": \"sigconform/report@2\""))
        #expect(reread.vectors == whole.vectors.map(\.asReported), "the run's vectors in its order, passed ones as short entries")
        #expect(reread.summary == whole.summary)
    }
}
