import SigConformCore
import Testing

@Suite("JSONWriter styles")
struct JSONWriterStyleTests {
    static let value: JSONValue = .object([("a", .array([.number("1"), .string("é/")])), ("b", .null)])

    @Test func compactHasNoSpacesAndSingleSeparators() {
        #expect(JSONWriter.compact(Self.value) == #"{"a":[1,"é/"],"b":null}"#)
    }

    @Test func pythonStyleMatchesJsonDumpsDefaults() {
        #expect(JSONWriter.write(Self.value, style: .python) == #"{"a": [1, "\u00e9/"], "b": null}"#)
    }

    @Test func escapesCopyTheTextAroundThemExactly() {
        // A prehash with line breaks, a quote followed by a combining mark (one character with
        // it), CR LF (one character), other control bytes and non-ASCII text.
        let text = "GET\n/api?a=1\r\n\"\u{301}x\u{1}\u{7F}é😀\\/\t\u{8}\u{C}"
        #expect(JSONWriter.compact(.string(text)) == #""GET\n/api?a=1\r\n\"\#u{301}x\u0001\#u{7F}é😀\\/\t\b\f""#)
        #expect(JSONWriter.write(.string(text), style: JSONWriter.Style(escapeNonASCII: true, escapeSlash: true))
                    == #""GET\n\/api?a=1\r\n\"\u0301x\u0001\#u{7F}\u00e9\ud83d\ude00\\\/\t\b\f""#)
        #expect(JSONWriter.compact(.string("\"\u{301}")) == "\"\\\"\u{301}\"")
    }
}
