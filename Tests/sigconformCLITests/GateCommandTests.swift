import Foundation
import SigConform
import Testing

/// The CI gate from the outside: exit statuses, baselines, shards and their merge, formats.
@Suite(.serialized) struct GateCommandTests {
    /// A corpus of `count` Binance vectors whose requests the venue rejects, presented as valid
    /// (so each is a failure), plus the bundled Binance docs vectors (which pass).
    static func corpus(failing count: Int) throws -> String {
        let directory = temporaryDirectory("gate")
        let mistakes = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Repository.path("vectors/binance-spot/mistakes.json")))) as! [String: Any]
        var vectors = (mistakes["vectors"] as! [[String: Any]]).filter { ($0["expect"] as? [String: Any])?["diagnosis"] as? [String] == ["unsorted_params"] || ($0["expect"] as? [String: Any])?["diagnosis"] as? [String] == ["query_encoding"] }
        vectors = Array(vectors.prefix(count)).map { vector in
            var copy = vector
            copy["result"] = "valid"
            var expect = copy["expect"] as! [String: Any]
            expect["diagnosis"] = nil
            expect["clientPrehash"] = nil
            expect["clientPrehashHex"] = nil
            copy["expect"] = expect
            return copy
        }
        var file = mistakes
        file["vectors"] = vectors
        try FileManager.default.createDirectory(atPath: directory + "/binance-spot", withIntermediateDirectories: true)
        try JSONSerialization.data(withJSONObject: file).write(to: URL(fileURLWithPath: directory + "/binance-spot/failing.json"))
        try FileManager.default.copyItem(atPath: Repository.path("vectors/binance-spot/docs.json"), toPath: directory + "/binance-spot/docs.json")
        return directory
    }

    @Test func exitStatusIsZeroOneOrTwo() throws {
        let passing = try CLI.run(["check", Repository.path("vectors/binance-spot/docs.json"), "--no-reports"])
        #expect(passing.status == 0, "\(passing.stdout)")
        let failing = try CLI.run(["check", try Self.corpus(failing: 2), "--no-reports"])
        #expect(failing.status == 1)
        let unusable = try CLI.run(["check", "/nonexistent/vectors.json", "--no-reports"])
        #expect(unusable.status == 2)
        #expect(unusable.stdout.contains("/nonexistent/vectors.json: error: no such file or directory"))
    }

    @Test func baselineLetsKnownFailuresPassAndCatchesNewOnes() throws {
        let work = temporaryDirectory("baseline")
        let two = try Self.corpus(failing: 2)
        let written = try CLI.run(["check", two, "--write-baseline", work + "/known.json", "--no-reports"])
        #expect(written.status == 0, "writing a baseline accepts the run's failures")
        let baseline = try Baseline.read(file: work + "/known.json")
        #expect(baseline.entries.count == 2)
        let known = try CLI.run(["check", two, "--baseline", work + "/known.json", "--report-dir", work + "/known"])
        #expect(known.status == 0, "\(known.stdout)")
        #expect(known.stdout.contains("(2 known from the baseline, 0 new)"))
        let three = try Self.corpus(failing: 3)
        let new = try CLI.run(["check", three, "--baseline", work + "/known.json", "--report-dir", work + "/new"])
        #expect(new.status == 1)
        let report = try ReportJSONDecoder().decode(file: work + "/new/report.json")
        #expect(report.vectors.filter { $0.baseline == .new }.count == 1)
        #expect(report.vectors.filter { $0.baseline == .known }.count == 2)
        let missing = try CLI.run(["check", two, "--baseline", work + "/absent.json", "--no-reports"])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("absent.json: error: no such file [unreadable]"), "\(missing.stderr)")
    }

    @Test func shardReportsMergeIntoTheUnshardedReport() throws {
        let work = temporaryDirectory("shards")
        let corpus = try Self.corpus(failing: 3)
        let whole = try CLI.run(["check", corpus, "--report-dir", work + "/whole", "--format", "json"])
        var shardFiles: [String] = []
        for index in 1...3 {
            let shard = try CLI.run(["check", corpus, "--shard", "\(index)/3", "--report-dir", work + "/shard-\(index)", "--format", "json"])
            #expect(shard.status <= 1)
            shardFiles.append(work + "/shard-\(index)/report.json")
        }
        let merged = try CLI.run(["report", "merge"] + shardFiles + ["--report-dir", work + "/merged"])
        #expect(merged.status == whole.status)
        let wholeReport = try ReportJSONDecoder().decode(file: work + "/whole/report.json")
        let mergedReport = try ReportJSONDecoder().decode(file: work + "/merged/report.json")
        #expect(mergedReport.vectors.map(\.id) == wholeReport.vectors.map(\.id))
        #expect(mergedReport.vectors.map(\.status) == wholeReport.vectors.map(\.status))
        #expect(mergedReport.context.mergedReports == 3)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: work + "/merged"))
        #expect(files == ["report.txt", "report.json", "junit.xml", "report.md", "report.html"])

        let partial = try CLI.run(["report", "merge", shardFiles[0], shardFiles[2], "--no-reports"])
        #expect(partial.status == 2)
        #expect(partial.stdout.contains("shard 2/3: error: is missing"))
    }

    @Test func formatsChooseTheFilesAndNoReportsWritesNone() throws {
        let work = temporaryDirectory("formats")
        let docs = Repository.path("vectors/binance-spot/docs.json")
        _ = try CLI.run(["check", docs, "--report-dir", work + "/two", "--format", "junit", "markdown"])
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: work + "/two")) == ["junit.xml", "report.md"])
        let none = try CLI.run(["check", docs, "--report-dir", work + "/none", "--no-reports"])
        #expect(!FileManager.default.fileExists(atPath: work + "/none"))
        #expect(!none.stdout.contains("reports:"))
        let bad = try CLI.run(["check", docs, "--format", "pdf"])
        #expect(bad.status != 0 && bad.stderr.contains("unknown format 'pdf'"))
    }

    @Test func outputIsPlainWhenNotATerminalOrWhenNoColorIsSet() throws {
        let result = try CLI.run(["check", try Self.corpus(failing: 1), "--no-reports"], environment: ["NO_COLOR": "1"])
        #expect(!result.stdout.contains("\u{1B}["))
        #expect(result.stdout.contains("FAIL binance-spot/"))
    }
}
