import Foundation
import SigConform
@testable import SigConformReports
import Testing

/// A URL from input becomes a link only when it is http(s), and the page's CSP lets only its
/// own style sheet and script run (issue #17, item 8).
@Suite struct HTMLLinkSafetyTests {
    static let hostileURLs = ["javascript:alert(document.domain)", " JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>",
                              "file:///etc/passwd", "https://example.com/\" onmouseover=\"alert(1)", "//evil.example/x"]

    /// The fixture report with every venue's and diagnosis' docs set to `url`.
    static func report(docs url: String) -> RunReport {
        var report = ReportFixture.report
        for index in report.venues.indices { report.venues[index].docs = url }
        for index in report.vectors.indices { report.vectors[index].diagnosis?.docs = url }
        return report
    }

    @Test(arguments: hostileURLs)
    func aURLThatIsNotHTTPIsShownAsTextNotALink(url: String) {
        let report = Self.report(docs: url)
        let html = HTMLReporter().render(report)
        #expect(!html.lowercased().contains("href=\"javascript"), "a javascript: link")
        #expect(!html.contains("href=\"\(Escaping.html(url))\""), "\(url) became a link")
        #expect(!html.contains("onmouseover=\"alert"), "an attribute escaped the quotes")
        #expect(html.contains(Escaping.html(url)), "the URL is still shown, as text")
        let markdown = MarkdownReporter().render(report)
        #expect(!markdown.contains("<\(url)>"), "\(url) became an autolink")
    }

    @Test func anHTTPSURLIsALink() {
        let html = HTMLReporter().render(Self.report(docs: "https://docs.example.com/auth#sign"))
        #expect(html.contains("<a href=\"https://docs.example.com/auth#sign\" rel=\"noopener noreferrer\">https://docs.example.com/auth#sign</a>"))
        #expect(MarkdownReporter().render(Self.report(docs: "https://docs.example.com/auth#sign")).contains("<https://docs.example.com/auth#sign>"))
    }

    @Test(arguments: hostileURLs)
    func theVenueTableLinksOnlyWebURLs(url: String) {
        #expect(!VenueTable.docsLink(url).contains("]("), "\(url)")
        #expect(VenueTable.docsLink("https://a.example/x_(y)") == "[docs](<https://a.example/x_(y)>)")
    }

    /// The text between `<tag>` and `</tag>` in `html`.
    static func element(_ tag: String, in html: String) throws -> String {
        let start = try #require(html.range(of: "<\(tag)>"))
        let end = try #require(html.range(of: "</\(tag)>", range: start.upperBound..<html.endIndex))
        return String(html[start.upperBound..<end.lowerBound])
    }

    @Test func theCSPAllowsOnlyThePagesOwnStyleAndScriptByHash() throws {
        let html = HTMLReporter().render(ReportFixture.report)
        let policy = try #require(html.range(of: "content=\"default-src 'none'").map { html[$0.lowerBound...].prefix { $0 != ">" } })
        #expect(!policy.contains("unsafe-inline") && !policy.contains("unsafe-eval"))
        for tag in ["script", "style"] {
            let text = try Self.element(tag, in: html)
            let digest = try PureSwiftBackend().digest(.sha256, Array(text.utf8))
            #expect(policy.contains("\(tag)-src 'sha256-\(Base64.encode(digest))'"), "the \(tag) element's hash is not in the policy")
        }
        #expect(!html.contains(" style=\""), "a style attribute would be blocked by the policy")
        #expect(html.components(separatedBy: "<script").count == 2, "one script element")
    }

    @Test(.enabled(if: Tools.chromium != nil, "Chromium is needed to run the page's script (apt-get install chromium)"))
    func theScriptRunsUnderThePolicyInChromium() throws {
        let directory = temporaryDirectory("html-csp")
        let page = directory + "/report.html"
        try HTMLReporter().render(Self.report(docs: Self.hostileURLs[0])).write(toFile: page, atomically: true, encoding: .utf8)
        var arguments = [Tools.chromium!, "--headless", "--disable-gpu", "--no-first-run", "--user-data-dir=\(directory)/profile",
                         "--dump-dom", "file://\(page)"]
        if getuid() == 0 { arguments.insert("--no-sandbox", at: 1) }
        let (status, output) = try Tools.run(arguments)
        #expect(status == 0, "\(output)")
        // The script fills the filter count on load: it ran, so the policy allows it.
        #expect(output.range(of: #"id="f-count"[^>]*>\d+ of \d+ vectors<"#, options: .regularExpression) != nil, "the script did not run")
        #expect(!output.contains("href=\"javascript"))
    }
}
