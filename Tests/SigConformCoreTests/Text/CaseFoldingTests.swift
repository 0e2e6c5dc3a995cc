@testable import SigConformCore
import Testing

/// The ASCII fast path of header-name and signature comparisons answers exactly as comparing
/// `lowercased()` copies did, for ASCII and non-ASCII text alike.
@Suite struct CaseFoldingTests {
    static let samples = [
        "", "a", "A", "Content-Type", "content-type", "CONTENT-TYPE", "Content-Typ", "Content-Typee", "X-MBX-APIKEY",
        "x-mbx-apikey", "OK-ACCESS-SIGN", "ok-access-sign", "[", "{", "@", "`", "Ä", "ä", "ÄB", "äb", "İ", "i̇", "i",
        "ΣΑΣ", "σας", "σασ", "Straße", "STRASSE", "a\u{301}", "A\u{301}", "\u{212A}", "k", "K", "ab\u{0}", "AB\u{0}",
        "c8db56825ae71d6d79447849e617115f", "C8DB56825AE71D6D79447849E617115F", "c8db56825ae71d6d79447849e617115e",
    ]

    @Test func equalsIgnoringCaseAgreesWithLowercased() {
        for a in Self.samples {
            for b in Self.samples {
                #expect(a.equalsIgnoringCase(b) == (a.lowercased() == b.lowercased()), "\(a) vs \(b)")
            }
        }
    }

    @Test func constantTimeComparisonAgreesWithLowercasedBytes() {
        for a in Self.samples {
            for b in Self.samples {
                #expect(constantTimeEquals(a, b, foldingCase: true) == (Array(a.lowercased().utf8) == Array(b.lowercased().utf8)), "\(a) vs \(b)")
                #expect(constantTimeEquals(a, b, foldingCase: false) == (Array(a.utf8) == Array(b.utf8)), "\(a) vs \(b)")
            }
        }
    }

    @Test func headersFindNamesInAnyLetterCase() {
        var headers = HTTPHeaders([("X-MBX-APIKEY", "key"), ("Content-Type", "application/json")])
        #expect(headers["x-mbx-apikey"] == "key")
        #expect(headers["CONTENT-type"] == "application/json")
        #expect(headers["X-MBX-APIKE"] == nil)
        headers.set("content-TYPE", "text/plain")
        #expect(headers.fields.map(\.name) == ["X-MBX-APIKEY", "Content-Type"])
        #expect(headers["Content-Type"] == "text/plain")
        headers.remove("x-mbx-APIKEY")
        #expect(headers.fields.map(\.name) == ["Content-Type"])
    }

    @Test func repeatedNamesAreFoundAsBefore() {
        let pairs: [(String, String)] = [("A", "1"), ("b", "2"), ("a", "1"), ("B", "3")]
        let repeated = HTTPHeaders(pairs).repeatedName()
        #expect(repeated?.earlier.name == "A" && repeated?.repeated.name == "a")
        let differing = HTTPHeaders(pairs).repeatedName(differentValuesOnly: true)
        #expect(differing?.earlier.name == "b" && differing?.repeated.name == "B")
        #expect(HTTPHeaders([("A", "1"), ("a", "1")]).repeatedName(differentValuesOnly: true) == nil)
        // Beyond sixteen headers the names are hashed: same answers.
        let many = (0..<20).map { ("H\($0)", "v") } + [("h3", "w")]
        #expect(HTTPHeaders(many).repeatedName()?.earlier.name == "H3")
        #expect(HTTPHeaders(many).repeatedName(differentValuesOnly: true)?.repeated.name == "h3")
    }
}
