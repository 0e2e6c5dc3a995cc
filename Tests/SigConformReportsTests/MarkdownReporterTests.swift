import Foundation
import SigConform
import Testing

@Suite struct MarkdownReporterTests {
    @Test func verdictComesFirstThenFailuresThenTheVenueTable() throws {
        let markdown = MarkdownReporter().render(ReportFixture.report)
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("## ❌ sigconform check") == true)
        let failures = try #require(lines.firstIndex(of: "### Failures by cause"))
        let venues = try #require(lines.firstIndex(of: "### By venue"))
        #expect(failures < venues)
        #expect(lines[failures + 1] == "| venue | vectors | status | diagnosis | cause | fix |")
        #expect(lines[failures + 3].hasPrefix("| binance-spot | 1 | FAIL | query\\_encoding | signed a differently percent-encoded query"))
        let members = try #require(lines.firstIndex(of: "| vector | status | diagnosis | first problem |"))
        #expect(lines[members + 2].hasPrefix("| `binance-spot/query-encoding-lowercase-hex` | FAIL | query\\_encoding |"))
    }

    @Test func detailsAreFoldedAndBalanced() {
        let markdown = MarkdownReporter().render(ReportFixture.report)
        let opened = markdown.components(separatedBy: "<details>").count - 1
        let closed = markdown.components(separatedBy: "</details>").count - 1
        #expect(opened == closed && opened == 9, "4 causes, 4 failing vectors and the unusable input")
        #expect(markdown.contains("first difference at byte 31 (correct: recvWindow, client: query)"))
    }

    @Test func passingRunSaysSoInOneLine() {
        var report = ReportFixture.report
        report.vectors = report.vectors.filter { $0.status == .passed }
        report.inputErrors = []
        let markdown = MarkdownReporter().render(report)
        #expect(markdown.hasPrefix("## ✅ sigconform check: all 4 vectors behave\n"))
        #expect(!markdown.contains("### Failures"))
    }

    @Test func manyFailuresStayUnderGitHubsCommentLimit() {
        var report = ReportFixture.report
        let failing = report.vectors.filter { $0.status == .failed }
        report.vectors = (0..<3000).map { index in
            var vector = failing[index % failing.count]
            vector.id += "-\(index)"
            return vector
        }
        let markdown = MarkdownReporter().render(report)
        #expect(markdown.count < 65_536, "\(markdown.count) characters")
        #expect(markdown.contains("…and 2800 more: see report.html or report.json."))
        // The one cause listed, 25 detailed failures, the unusable input.
        #expect(markdown.components(separatedBy: "<details>").count - 1 <= 27)
    }

    @Test func knownFailuresComeAfterNewOnesAndAreMarked() {
        let markdown = MarkdownReporter().render(ReportVariants.sharedWithBaseline)
        let known = markdown.range(of: "FAIL (known)")
        let new = markdown.range(of: "| FAIL |")
        #expect(known != nil && new != nil && new!.lowerBound < known!.lowerBound)
        #expect(markdown.contains("Fixed since the baseline (1): `binance-spot/docs-hmac-query`"))
    }

    @Test func tableCellsCannotBreakTheTable() {
        let markdown = MarkdownReporter().render(ReportVariants.hostileText)
        let row = markdown.split(separator: "\n").first { $0.hasPrefix("| `binance-spot/docs-hmac-query`") }
        #expect(row != nil)
        // Five unescaped pipes: the row's own cell borders, none from the text.
        #expect(row.map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count } == 5)
        #expect(!markdown.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "no raw control characters")
    }
}
