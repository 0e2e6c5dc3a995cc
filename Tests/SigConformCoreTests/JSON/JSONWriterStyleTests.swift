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
}
