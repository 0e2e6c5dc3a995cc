import Foundation
import SigConform
import Testing

@Suite struct TerminalReporterTests {
    @Test func colourOnlyWhenAsked() {
        let plain = TerminalReporter(useColor: false).render(ReportFixture.report)
        let coloured = TerminalReporter(useColor: true).render(ReportFixture.report)
        #expect(!plain.contains("\u{1B}["))
        #expect(coloured.contains("\u{1B}[31mFAIL\u{1B}[0m"))
    }

    @Test func textFromVectorsCannotSendEscapeSequences() {
        var report = ReportFixture.report
        report.vectors[0].comment = "\u{1B}]0;pwned\u{07}\u{1B}[2J"
        report.vectors[0].status = .failed
        let text = TerminalReporter(useColor: false).render(report)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("\\x1b]0;pwned\\x07\\x1b[2J"))
    }

    @Test func diffMarkerPointsAtTheFirstDifferentCharacter() throws {
        let text = TerminalReporter().render(ReportFixture.report)
        let lines = text.split(separator: "\n").map(String.init)
        let client = try #require(lines.firstIndex { $0.contains("client prehash:  1700004213370") })
        let correctLine = lines[client - 1]
        let markerLine = lines[client + 1]
        let column = try #require(markerLine.firstIndex(of: "^")).utf16Offset(in: markerLine)
        let prefix = "    correct prehash: "
        #expect(correctLine.hasPrefix(prefix))
        let correct = Array(correctLine.dropFirst(prefix.count))
        #expect(correct[column - prefix.count] == "5", "the marker sits under recv_window's first digit")
    }

    @Test func summaryLineCountsKnownFailures() {
        let text = TerminalReporter().render(ReportVariants.sharedWithBaseline)
        #expect(text.contains("(1 known from the baseline, 3 new)"))
        #expect(text.contains("FAIL (known)"))
        #expect(text.contains("Fixed since the baseline ci/known.json (1): binance-spot/docs-hmac-query"))
    }
}
