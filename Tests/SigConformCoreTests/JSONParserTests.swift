import SigConformCore
import Testing

@Suite struct JSONParserTests {
    func parseError(_ text: String) -> JSONParseError? {
        do {
            _ = try JSONParser().parse(text)
            return nil
        } catch { return error }
    }

    @Test func keepsMemberOrderAndNumberText() throws {
        let document = try JSONParser().parse(#"{"b": 1e-08, "a": 219.0, "c": [true, null]}"#)
        #expect(document.root.objectMembers?.map(\.key) == ["b", "a", "c"])
        #expect(document.root["b"] == .number("1e-08"))
        #expect(document.root["a"] == .number("219.0"))
    }

    @Test func recordsTheLocationOfEveryValueByPointer() throws {
        let document = try JSONParser().parse("{\n  \"vectors\": [\n    {\"id\": \"x\"}\n  ]\n}")
        #expect(document.locations["/vectors/0/id"] == SourceLocation(line: 3, column: 12))
        #expect(document.location(of: "/vectors/0/missing") == SourceLocation(line: 3, column: 5))
    }

    @Test func rejectsDuplicateKeysAtTheSecondKey() {
        let error = parseError("{\"a\": 1,\n \"a\": 2}")
        #expect(error?.message.contains("duplicate key \"a\"") == true)
        #expect(error?.location == SourceLocation(line: 2, column: 2))
    }

    @Test func rejectsAByteOrderMark() {
        #expect(parseError("\u{FEFF}{}")?.message.contains("byte-order mark") == true)
    }

    @Test func rejectsTruncatedInputSayingSo() {
        let error = parseError(#"{"vectors": [ {"id": "a""#)
        #expect(error?.hint?.contains("truncated") == true)
    }

    @Test func boundsNestingDepth() {
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(parseError(deep)?.message.contains("nesting deeper") == true)
    }

    @Test func rejectsInvalidUTF8InsideStrings() {
        let bytes: [UInt8] = Array("{\"a\": \"".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        #expect(throws: JSONParseError.self) { try JSONParser().parse(bytes) }
    }

    @Test func rejectsTrailingGarbageAndLeadingZeros() {
        #expect(parseError("{} {}") != nil)
        #expect(parseError("[012]") != nil)
    }

    @Test func stringsJoinTheirRunsAndEscapesInOrder() throws {
        #expect(try JSONParser().parse(#""""#).root == .string(""))
        #expect(try JSONParser().parse(#""plain é text""#).root == .string("plain é text"))
        #expect(try JSONParser().parse(#""\n""#).root == .string("\n"))
        #expect(try JSONParser().parse(#""a\"b\\c\/d\u00e9e\tf""#).root == .string("a\"b\\c/d\u{e9}e\tf"))
        // A combining mark after an escape stays the scalars it was (String's == would not tell).
        let combining = try JSONParser().parse(#""\u0065\u0301x\u0301""#).root
        guard case .string(let text) = combining else { Issue.record("not a string: \(combining)"); return }
        #expect(Array(text.unicodeScalars) == ["e", "\u{301}", "x", "\u{301}"])
    }

    @Test func invalidUTF8AfterAnEscapeIsLocatedAtTheEndOfItsRun() throws {
        // {"a": "x\n<C3 28>"}: the run after the escape ends at the closing quote, column 13.
        let bytes: [UInt8] = Array(#"{"a": "x\n"#.utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        let error = #expect(throws: JSONParseError.self) { try JSONParser().parse(bytes) }
        #expect(error?.message == "the string is not valid UTF-8")
        #expect(error?.location == SourceLocation(line: 1, column: 13))
    }

    @Test func decodesSurrogatePairs() throws {
        #expect(try JSONParser().parse(#""\ud83d\ude00""#).root == .string("😀"))
    }
}
