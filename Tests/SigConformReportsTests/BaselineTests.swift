import Foundation
import SigConform
import Testing

@Suite struct BaselineTests {
    @Test func aBaselineOfTheRunMakesItPass() {
        var report = ReportFixture.report
        #expect(report.exitCode == 2, "the fixture has an unusable input and an unknown venue")
        report.inputErrors = []
        Baseline(report: report).apply(to: &report, file: "b.json")
        #expect(report.exitCode == 0)
        #expect(report.summary.knownFailures == 4 && report.summary.newFailures == 0)
    }

    @Test func onlyFailuresNotInTheBaselineFail() {
        var report = ReportFixture.report
        report.inputErrors = []
        let all = Baseline(report: report)
        let withoutBearer = Baseline(entries: all.entries.filter { !$0.id.hasPrefix("openai-compatible/") })
        withoutBearer.apply(to: &report, file: "b.json")
        #expect(report.exitCode == 1)
        #expect(report.vectors.filter { $0.baseline == .new }.map(\.id) == ["openai-compatible/get-models"])
    }

    @Test func aKnownFailureWithOtherClassesIsNew() {
        var report = ReportFixture.report
        report.inputErrors = []
        var entries = Baseline(report: report).entries
        let index = entries.firstIndex { $0.id == "bybit-v5/missing-component-recv-window" }!
        entries[index].classes = ["unsorted_params"]
        Baseline(entries: entries).apply(to: &report, file: "b.json")
        #expect(report.vectors.first { $0.id == "bybit-v5/missing-component-recv-window" }?.baseline == .new)
        #expect(report.exitCode == 1)
    }

    @Test func listedIdsThatPassAreFixedAndUncheckedIdsIgnored() {
        var report = ReportFixture.report
        Baseline(entries: [
            .init(id: "binance-spot/docs-hmac-query", status: .failed, classes: ["unexplained"]),
            .init(id: "gateio-v4/not-in-this-shard", status: .failed, classes: ["wrong_hash"]),
        ]).apply(to: &report, file: "b.json")
        #expect(report.baseline?.fixed == ["binance-spot/docs-hmac-query"])
    }

    @Test func fileRoundTrips() throws {
        let baseline = Baseline(report: ReportFixture.report)
        let path = temporaryDirectory("baseline") + "/known.json"
        try baseline.text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try Baseline.read(file: path) == baseline)
        #expect(baseline.text.hasPrefix("{\n  \"format\": \"sigconform/baseline@1\""))
        #expect(baseline.entries.map(\.id) == baseline.entries.map(\.id).sorted())
    }

    @Test func badFilesSayWhereAndWhy() throws {
        let path = temporaryDirectory("baseline") + "/bad.json"
        try #"{"format": "sigconform/baseline@1", "known": [{"id": "a/b", "status": "passed", "classes": []}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try Baseline.read(file: path) } throws: { error in
            (error as? InputError).map { $0.pointer == "/known/0" && $0.message.contains("not passed vectors") } ?? false
        }
        try #"{"format": "sigconform/baseline@2", "known": []}"#.write(toFile: path, atomically: true, encoding: .utf8)
        #expect { try Baseline.read(file: path) } throws: { error in (error as? InputError)?.pointer == "/format" }
    }
}
