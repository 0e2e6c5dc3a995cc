import Foundation
import SigConform
import Testing

/// Failures that share a venue and a diagnosis are one cause with one fix, in every format,
/// with each member still one step away.
@Suite struct FailureGroupTests {
    /// The fixture with its binance-spot failure repeated under 22 ids, as a client that signs
    /// sorted and sends in insertion order fails every request of a venue.
    static var report: RunReport {
        var report = ReportFixture.report
        let binance = report.vectors.first { $0.venue == "binance-spot" && $0.status == .failed }!
        report.vectors += (1...21).map { index in
            var vector = binance
            vector.id += "-\(index)"
            vector.vectorID += "-\(index)"
            return vector
        }
        return report
    }

    @Test func failuresOfOneVenueAndDiagnosisAreOneGroup() throws {
        let groups = FailureGroup.groups(of: Self.report.vectors)
        #expect(groups.count == 4)
        let binance = try #require(groups.first { $0.venue == "binance-spot" })
        #expect(binance.members.count == 22)
        #expect(binance.classes == ["query_encoding"])
        #expect(binance.headline() == "binance-spot: 22 vectors — query_encoding: signed a differently percent-encoded query than it sent — one fix")
        #expect(binance.headline(noun: "request").hasPrefix("binance-spot: 22 requests — "))
        #expect(binance.memberList(limit: 2) == "query-encoding-lowercase-hex, query-encoding-lowercase-hex-1, … and 20 more")
        // Errors are never merged with failures, nor two different unusable vectors with each other.
        #expect(groups.first { $0.status == .error }?.members.count == 1)
    }

    @Test func everyFormatShowsTheGroupOnceAndKeepsEveryMember() {
        let report = Self.report
        let headline = "binance-spot: 22 vectors — query_encoding: signed a differently percent-encoded query than it sent — one fix"
        let terminal = TerminalReporter().render(report)
        #expect(terminal.contains("Failures by cause (4 causes, 25 vectors):"))
        #expect(terminal.components(separatedBy: headline).count - 1 == 1)
        #expect(terminal.contains("FAIL binance-spot/query-encoding-lowercase-hex-21 "), "the per-vector detail stays")

        let markdown = MarkdownReporter().render(report)
        #expect(markdown.contains("| binance-spot | 22 | FAIL | query\\_encoding | signed a differently percent-encoded query than it sent |"))
        #expect(markdown.contains("<details><summary>\(headline)</summary>"))

        let html = HTMLReporter().render(report)
        #expect(html.contains("<details class=\"group\" id=\"g-binance-spot-failed-query_encoding\""))
        #expect(html.contains("<a href=\"#v-binance-spot/query-encoding-lowercase-hex-21\">query-encoding-lowercase-hex-21</a>"))
        #expect(html.contains("id=\"v-binance-spot/query-encoding-lowercase-hex-21\""), "the link's target card")

        let junit = JUnitReporter().render(report)
        #expect(junit.components(separatedBy: "message=\"[query_encoding × 22 in binance-spot] ").count - 1 == 44, "22 vectors on two backends")
    }

    /// A passing run explains its invalid vectors and colours their class as passed.
    @Test func passedInvalidVectorsAreExplainedAndGreen() {
        var report = ReportFixture.report
        report.vectors = report.vectors.filter { $0.status == .passed }
        report.inputErrors = []
        let html = HTMLReporter().render(report)
        #expect(html.contains("<span class=\"classes passed\">"))
        #expect(!html.contains("<span class=\"classes failed\">"))
        #expect(html.contains("invalid vector passed: each carries a signature that is wrong on purpose"))
        #expect(!html.contains("<th>computed</th>"), "a passed vector is a row, not a card with its backends")
        let terminal = TerminalReporter().render(report)
        #expect(terminal.contains("1 invalid vector passed: each carries a signature that is wrong on purpose, and passed means"))
        #expect(!terminal.contains("Failures by cause"))
    }
}

/// "If your prehash equals the correct one": every format shows the correct one, and what was tried.
@Suite struct UnexplainedDiagnosisTests {
    static let advice = "if your prehash equals the correct one and the venue still rejects the request, suspect the credentials or environment"
    static let diagnosis = DiagnosisReport(classes: ["unexplained"], steps: [], correctPrehash: PrehashReport(text: "1700000000000GET/api/v5/account/balance"),
                                           evidence: ["the observed signature is 64 hex digits (32 bytes: sha256/sha3-256)", advice],
                                           docs: "https://example.invalid/docs")

    @Test func theCorrectPrehashAndTheMistakesTriedAreShown() {
        let lines = TerminalReporter.describe(Self.diagnosis, paint: Paint(enabled: false))
        #expect(lines.contains("  correct prehash: 1700000000000GET/api/v5/account/balance"))
        let tried = lines.first { $0.hasPrefix("  mistakes searched for: ") }
        #expect(tried?.contains("unsorted_params") == true && tried?.contains("wrong_hash") == true, "\(lines)")
        #expect(tried?.hasSuffix("; none reproduces the observed signature") == true)
        #expect(!(tried?.contains("unexplained") ?? true))
    }

    @Test func aCorrectSignatureRejectedForAnotherReasonClaimsNoSearch() {
        var diagnosis = Self.diagnosis
        diagnosis.evidence = ["the signature is correct for this secret", Self.advice]
        let lines = TerminalReporter.describe(diagnosis, paint: Paint(enabled: false))
        #expect(lines.contains("  correct prehash: 1700000000000GET/api/v5/account/balance"))
        #expect(!lines.contains { $0.contains("mistakes searched for") })
    }
}
