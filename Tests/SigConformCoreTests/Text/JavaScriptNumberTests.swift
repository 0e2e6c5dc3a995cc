import SigConform
import Testing

/// JavaScript's `String(n)` for JSON number texts (ECMAScript Number::toString).
@Suite struct JavaScriptNumberTests {
    @Test(arguments: [
        // The spellings scripts/reference/cryptocom.py pins with its own independent formatter.
        ("0.1", "0.1"), ("1e-8", "1e-8"), ("2.5", "2.5"), ("1.0", "1"), ("36500.5", "36500.5"), ("1e21", "1e+21"),
        ("1e20", "100000000000000000000"), ("0.000001", "0.000001"), ("1.5e-7", "1.5e-7"),
        ("123456789.125", "123456789.125"), ("-0.25", "-0.25"), ("7", "7"),
        // What a body may write differently from JavaScript.
        ("0.00000001", "1e-8"), ("1E5", "100000"), ("-0", "0"), ("0.0", "0"), ("100", "100"), ("1.50", "1.5"),
        ("123456789012345678", "123456789012345680"), ("1.7976931348623157e308", "1.7976931348623157e+308"),
        ("5e-324", "5e-324"), ("-1.5e-7", "-1.5e-7"), ("12345678901234567890123", "1.2345678901234568e+22"),
    ])
    func writesLikeJavaScript(json: String, javascript: String) {
        #expect(JavaScriptNumber.string(json) == javascript)
    }

    @Test func rejectsWhatIsNotAFiniteNumber() {
        #expect(JavaScriptNumber.string("1e999") == nil)
        #expect(JavaScriptNumber.string("abc") == nil)
    }
}
