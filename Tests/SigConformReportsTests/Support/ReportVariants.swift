import Foundation
import SigConform

/// Variants of the fixture report that exercise the optional parts of every format.
enum ReportVariants {
    /// The fixture as shard 2/3 of a signer run compared with a baseline that knows one failure
    /// and lists one id that now passes.
    static var sharedWithBaseline: RunReport {
        var report = ReportFixture.report
        report.context.shard = RunInfo.Shard(index: 2, count: 3)
        report.context.signer = "python3 examples/signer-correct.py"
        let known = report.vectors.first { $0.status == .failed }!
        let baseline = Baseline(entries: [
            Baseline.Entry(id: known.id, status: known.status, classes: known.failureClasses),
            Baseline.Entry(id: "binance-spot/docs-hmac-query", status: .failed, classes: ["unexplained"]),
        ])
        baseline.apply(to: &report, file: "ci/known.json")
        return report
    }

    /// A report whose free text holds everything XML, HTML, Markdown and JSON must escape or drop.
    static var hostileText: RunReport {
        var report = ReportFixture.report
        let nasty = "a\u{0}b\u{1}c\u{8}d\u{B}e\u{C}f\u{1F}g\u{7F}h\u{FFFE}i\u{FFFF}j ]]> <tag attr=\"v\"> & 'q' \t tab\r\nline 😀 \u{2028}"
        report.vectors[0].comment = nasty
        report.vectors[0].problems = [nasty]
        report.vectors[0].status = .failed
        for index in report.vectors[0].backends.indices { report.vectors[0].backends[index].status = .failed }
        report.vectors[0].tags = ["<b>", "x\"y"]
        report.inputErrors[0].message = nasty
        return report
    }
}
