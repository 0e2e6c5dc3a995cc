import Foundation
import FoundationXML
import SigConform
import Testing

@Suite struct JUnitReporterTests {
    static let xsd = Repository.path("Tests/SigConformReportsTests/Fixtures/junit.xsd")

    @Test(.enabled(if: Tools.xmllint != nil, "xmllint is needed to validate against the JUnit XSD (apt-get install libxml2-utils)"),
          arguments: ["fixture", "shard+signer+baseline", "hostile text"])
    func junitValidatesAgainstTheJenkinsSurefireSchema(variant: String) throws {
        let report = Self.report(variant)
        let file = temporaryDirectory("junit") + "/junit.xml"
        try JUnitReporter().render(report).write(toFile: file, atomically: true, encoding: .utf8)
        let (status, output) = try Tools.run([Tools.xmllint!, "--noout", "--schema", Self.xsd, file])
        #expect(status == 0, "\(variant): \(output)")
    }

    @Test(arguments: ["fixture", "shard+signer+baseline", "hostile text"])
    func countsAgreeWithTheTestCasesInside(variant: String) throws {
        let report = Self.report(variant)
        let document = try XMLDocument(xmlString: JUnitReporter().render(report))
        let root = try #require(document.rootElement())
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for suite in root.elements(forName: "testsuite") {
            let cases = suite.elements(forName: "testcase")
            let failures = cases.count { !$0.elements(forName: "failure").isEmpty }
            let errors = cases.count { !$0.elements(forName: "error").isEmpty }
            let skipped = cases.count { !$0.elements(forName: "skipped").isEmpty }
            #expect(Self.int(suite, "tests") == cases.count)
            #expect(Self.int(suite, "failures") == failures)
            #expect(Self.int(suite, "errors") == errors)
            #expect(Self.int(suite, "skipped") == skipped)
            totals = (totals.tests + cases.count, totals.failures + failures, totals.errors + errors, totals.skipped + skipped)
        }
        #expect(Self.int(root, "tests") == totals.tests)
        #expect(Self.int(root, "failures") == totals.failures)
        #expect(Self.int(root, "errors") == totals.errors)
        #expect(Self.int(root, "skipped") == totals.skipped)
        #expect(totals.tests == report.vectors.count * report.backends.count + report.inputErrors.count)
    }

    @Test func oneSuitePerVenueAndOneCasePerVectorAndBackend() throws {
        let document = try XMLDocument(xmlString: JUnitReporter().render(ReportFixture.report))
        let suites = try #require(document.rootElement()).elements(forName: "testsuite")
        #expect(suites.compactMap { $0.attribute(forName: "name")?.stringValue }
                == ["binance-spot", "bybit-v5", "kraken-spot", "nonexistent-venue", "openai-compatible", "sigconform.input"])
        let bybit = try #require(suites.first { $0.attribute(forName: "name")?.stringValue == "bybit-v5" })
        let names = bybit.elements(forName: "testcase").compactMap { $0.attribute(forName: "name")?.stringValue }
        #expect(names == ["missing-component-recv-window [swift]", "missing-component-recv-window [openssl]",
                          "get-wallet-balance [swift]", "get-wallet-balance [openssl]"])
        let failing = try #require(bybit.elements(forName: "testcase").first)
        #expect(failing.attribute(forName: "classname")?.stringValue == "bybit-v5")
        let failure = try #require(failing.elements(forName: "failure").first)
        #expect(failure.attribute(forName: "type")?.stringValue == "missing_component")
        #expect(failure.stringValue?.contains("first difference at byte 31") == true)
        #expect(failure.stringValue?.contains("docs: https://bybit-exchange.github.io") == true)
        let unknown = try #require(suites.first { $0.attribute(forName: "name")?.stringValue == "nonexistent-venue" })
        #expect(unknown.elements(forName: "testcase").allSatisfy { !$0.elements(forName: "error").isEmpty }, "an unusable vector is an error")
    }

    @Test func knownFailuresAreSkippedCases() throws {
        let document = try XMLDocument(xmlString: JUnitReporter().render(ReportVariants.sharedWithBaseline))
        let skipped = try document.nodes(forXPath: "//testcase[skipped]")
        #expect(skipped.count == 2, "the known failure, on both backends")
        #expect(try document.nodes(forXPath: "//skipped/@message").first?.stringValue?.contains("baseline") == true)
    }

    @Test func charactersXMLCannotCarryAreRemovedAndTheRestEscaped() throws {
        let xml = JUnitReporter().render(ReportVariants.hostileText)
        let document = try XMLDocument(xmlString: xml)
        for scalar in xml.unicodeScalars { #expect(Escaping.isXMLCharacter(scalar), "U+\(String(scalar.value, radix: 16)) left in the XML") }
        let failure = try #require(try document.nodes(forXPath: "//testsuite[@name='binance-spot']/testcase[1]/failure").first as? XMLElement)
        let message = try #require(failure.attribute(forName: "message")?.stringValue)
        #expect(message.contains("]]> <tag attr=\"v\"> & 'q'"), "markup survives as text: \(message)")
        #expect(message.contains("\n"), "a line break in an attribute is kept as &#10;")
        #expect(message.contains("abcdefghij"), "controls, DEL and U+FFFE/U+FFFF are removed: \(message.unicodeScalars.prefix(14).map { String($0.value, radix: 16) })")
    }

    static func report(_ variant: String) -> RunReport {
        switch variant {
        case "fixture": ReportFixture.report
        case "shard+signer+baseline": ReportVariants.sharedWithBaseline
        default: ReportVariants.hostileText
        }
    }

    static func int(_ element: XMLElement, _ name: String) -> Int? { element.attribute(forName: name)?.stringValue.flatMap { Int($0) } }
}
