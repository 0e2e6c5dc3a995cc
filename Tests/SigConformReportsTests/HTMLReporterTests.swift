import Foundation
import SigConform
import Testing

@Suite struct HTMLReporterTests {
    static let html = HTMLReporter().render(ReportFixture.report)

    @Test func pageLoadsNothingFromElsewhere() {
        let html = Self.html.lowercased()
        for forbidden in ["<script src", "<link", "<img", "<iframe", "@import", "url(", "<object", "<embed", "srcset"] {
            #expect(!html.contains(forbidden), "the page must be self-contained, found \(forbidden)")
        }
        #expect(html.contains("content-security-policy\" content=\"default-src 'none'"))
        #expect(html.contains("<style>") && html.contains("<script>"))
    }

    @Test func eachFailureHasItsByteDiffFixAndDocs() throws {
        let html = Self.html
        let card = try #require(html.range(of: "id=\"v-bybit-v5/missing-component-recv-window\"").map { String(html[$0.lowerBound...]) })
        let body = String(card[..<(card.range(of: "</details>")?.lowerBound ?? card.endIndex)])
        #expect(body.contains("<div class=\"bytediff\">"))
        // The first differing byte: '5' of recv_window on the correct side, 'c' of category on the client side.
        #expect(body.contains("<mark class=\"b-first c-recvWindow\" title=\"{recvWindow} · bytes 31–31\">5</mark>"))
        #expect(body.contains("<mark class=\"b-first c-query\" title=\"{query} · bytes 31–31\">c</mark>"))
        #expect(body.contains("first difference at byte 31 (correct: recvWindow, client: query)"))
        #expect(body.contains("class=\"fix\"><b>Fix:</b> include every component"))
        #expect(body.contains("href=\"https://bybit-exchange.github.io/docs/v5/guide#authentication\""))
        #expect(body.contains("scTe**********0001"), "the API key inside the prehash is masked byte for byte")
    }

    @Test func filtersOfferEveryVenueClassAndResult() {
        let html = Self.html
        for venue in ["binance-spot", "bybit-v5", "kraken-spot", "nonexistent-venue", "openai-compatible"] {
            #expect(html.contains("<option value=\"\(venue)\">"))
        }
        for diagnosisClass in ["missing_bearer_prefix", "missing_component", "query_encoding", "unsorted_params"] {
            #expect(html.contains("<option value=\"\(diagnosisClass)\">"))
        }
        #expect(html.contains("data-result=\"failed failing\""))
        #expect(html.contains("data-result=\"passed\""))
        #expect(html.contains("data-result=\"error failing\""))
    }

    @Test func failuresAreListedBeforePassingVectors() throws {
        let html = Self.html
        let firstFailure = try #require(html.range(of: "data-result=\"failed failing\""))
        let firstPass = try #require(html.range(of: "data-result=\"passed\""))
        #expect(firstFailure.lowerBound < firstPass.lowerBound)
    }

    @Test func hostileTextCannotOpenElements() {
        let html = HTMLReporter().render(ReportVariants.hostileText)
        #expect(!html.contains("<tag attr"))
        #expect(html.contains("&lt;tag attr=&quot;v&quot;&gt;"))
        #expect(html.contains("\\x01"), "control characters are shown, not sent")
    }

    @Test func binaryPrehashIsShownAsHex() throws {
        // Made to fail: a passed vector is a row without its prehash.
        var report = ReportFixture.report
        let krakenIndex = try #require(report.vectors.firstIndex { $0.id == "kraken-spot/balance-nonce-only" })
        report.vectors[krakenIndex].status = .failed
        let html = HTMLReporter().render(report)
        let card = try #require(html.range(of: "id=\"v-kraken-spot/balance-nonce-only\"").map { String(html[$0.lowerBound...]) })
        #expect(card.contains("2f\u{2009}30\u{2009}2f\u{2009}"), "the path /0/ as hex bytes")
    }

    @Test(.enabled(if: Tools.chromium != nil, "Chromium is needed to render the page (apt-get install chromium)"))
    func pageRendersInHeadlessChromium() throws {
        let directory = temporaryDirectory("html")
        let page = directory + "/report.html"
        let shot = directory + "/report.png"
        try Self.html.write(toFile: page, atomically: true, encoding: .utf8)
        var arguments = [Tools.chromium!, "--headless", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                         "--user-data-dir=\(directory)/profile", "--screenshot=\(shot)", "--window-size=1280,2000", "file://\(page)"]
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        let (status, output) = try Tools.run(arguments)
        #expect(status == 0, "\(output)")
        let png = try #require(FileManager.default.contents(atPath: shot), "no screenshot written: \(output)")
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]), "not a PNG")
        // A blank 1280×2000 page compresses to a few kilobytes; the report has text, tables and diffs.
        #expect(png.count > 50_000, "the screenshot is \(png.count) bytes: the page looks empty")
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 1280 && height == 2000)
    }

    /// Passed vectors are rows, not cards: the filters must still reach them (the script once
    /// selected `details.vector` only). The page opened with a venue in its fragment shows that
    /// venue's one vector, a passed row, and hides the rest.
    @Test(.enabled(if: Tools.chromium != nil, "Chromium is needed to run the page's script (apt-get install chromium)"))
    func theVenueFilterReachesPassedRows() throws {
        let directory = temporaryDirectory("html-filter")
        let page = directory + "/report.html"
        try Self.html.write(toFile: page, atomically: true, encoding: .utf8)
        var arguments = [Tools.chromium!, "--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(directory)/profile",
                         "--dump-dom", "file://\(page)#kraken-spot///"]
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        let (status, dom) = try Tools.run(arguments)
        #expect(status == 0)
        #expect(dom.contains("id=\"f-count\" class=\"muted\">1 of 8 vectors<"), "the count after filtering")
        let rows = dom.components(separatedBy: "<div class=\"vector row\"").dropFirst().map { String($0.prefix { $0 != ">" }) }
        #expect(rows.count == 4)
        #expect(rows.filter { !$0.contains("hidden") }.map { $0.contains("data-venue=\"kraken-spot\"") } == [true])
    }
}
