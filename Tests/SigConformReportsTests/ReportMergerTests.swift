import Foundation
import SigConform
import Testing

@Suite struct ReportMergerTests {
    /// The fixture split into `count` shards the way `check --shard K/N` splits, each shard
    /// written as JSON and read back, as `report merge` reads them.
    static func shards(_ count: Int, of report: RunReport = ReportFixture.report) throws -> [(name: String, report: RunReport)] {
        try (1...count).map { index in
            var shard = report
            shard.context.shard = RunInfo.Shard(index: index, count: count)
            shard.vectors = report.vectors.filter { VectorFilter.shardIndex(of: $0.id, count: count) == index }
            shard.inputErrors = index == 1 ? report.inputErrors : []
            let document = try JSONParser().parse(JSONReporter().render(shard))
            return ("shard-\(index)/report.json", try ReportJSONDecoder().decode(JSONReader(file: "shard-\(index)", document: document)))
        }
    }

    @Test func mergedShardsEqualTheUnshardedRun() throws {
        let whole = ReportFixture.report
        let merged = ReportMerger.merge(try Self.shards(3))
        #expect(merged.vectors == whole.vectors.map(\.asReported), "same vectors, same order; passed ones as their short entries")
        #expect(merged.inputErrors == whole.inputErrors)
        #expect(merged.summary == whole.summary)
        #expect(merged.exitCode == whole.exitCode)
        #expect(merged.context.shard == nil && merged.context.mergedReports == 3)
    }

    @Test func everyFormatRendersFromTheMergedReportAsFromTheRun() throws {
        var merged = ReportMerger.merge(try Self.shards(3))
        merged.context.mergedReports = nil
        for reporter in Reporters.all {
            #expect(reporter.render(merged) == reporter.render(ReportFixture.report), "\(type(of: reporter).identifier)")
        }
    }

    @Test func aMissingShardIsAnUnusableInput() throws {
        var shards = try Self.shards(3)
        shards.remove(at: 1)
        let merged = ReportMerger.merge(shards)
        #expect(merged.inputErrors.contains { $0.file == "shard 2/3" && $0.message.contains("missing") })
        #expect(merged.exitCode == 2)
    }

    /// A shard given twice is one mistake: one problem that says so, not one per vector.
    @Test func aRepeatedShardIsOneUnusableInput() throws {
        let shards = try Self.shards(2)
        let merged = ReportMerger.merge(shards + [(name: "copy/report.json", report: shards[0].report)])
        let problems = merged.inputErrors.filter { !ReportFixture.report.inputErrors.contains($0) }
        #expect(problems.count == 1, "\(problems)")
        #expect(problems.first?.message.hasPrefix("shard 1/2 again (also shard-1/report.json): its ") == true)
        #expect(merged.inputErrors.count == ReportFixture.report.inputErrors.count + 1)
        #expect(merged.vectors.count == ReportFixture.report.vectors.count)
        #expect(merged.exitCode == 2)
    }

    @Test func vectorsInTwoReportsAreOneProblemPerPairOfFiles() throws {
        var first = ReportFixture.report
        first.inputErrors = []
        let merged = ReportMerger.merge([("a/report.json", first), ("b/report.json", first)])
        let count = first.vectors.count
        #expect(merged.inputErrors.count == 1)
        #expect(merged.inputErrors.first?.message.hasPrefix("\(count) vectors (\(first.vectors[0].id), ") == true)
        #expect(merged.inputErrors.first?.message.hasSuffix("are also in a/report.json; kept the first") == true)
        #expect(merged.vectors.count == count)
    }

    @Test func shardsOfDifferentSplitsAreRefused() throws {
        let merged = ReportMerger.merge(try Self.shards(2) + Self.shards(3))
        #expect(merged.inputErrors.contains { $0.message.contains("split differently") })
    }
}
