import Foundation
import SigConformCore
import Testing

/// The piece-by-piece reader `report merge` reads shard reports with: it hands over exactly
/// what a whole parse would see, locates every error in the whole input, and stops at its
/// limits while reading.
@Suite struct JSONObjectStreamTests {
    static let limits = JSONObjectStream.Limits(totalBytes: 1 << 20, fragmentBytes: 1 << 16)

    /// Members and streamed elements, each parsed from its own fragment.
    static func read(_ text: String, limits: JSONObjectStream.Limits = limits) throws -> (members: [String: JSONValue], elements: [JSONValue]) {
        var stream = JSONObjectStream(bytes: Array(text.utf8), limits: limits)
        var members: [String: JSONValue] = [:]
        var elements: [JSONValue] = []
        try stream.read(streaming: "items", member: { name, fragment in
            members[name] = try fragment.parse(limits: limits).root
        }, element: { index, fragment in
            #expect(index == elements.count)
            elements.append(try fragment.parse(limits: limits).root)
        })
        return (members, elements)
    }

    @Test func givesTheSameValuesAsAWholeParse() throws {
        let text = #"{"a": 1, "items": [{"x": "]}\"["}, [1, [2]], "s", -1.5e3, true, null], "b": {"c": [], "d": "é"}, "e": "x"}"#
        let whole = try JSONParser().parse(text).root
        let (members, elements) = try Self.read(text)
        #expect(members["a"] == whole["a"] && members["b"] == whole["b"] && members["e"] == whole["e"])
        guard case .array(let expected) = whole["items"] else { Issue.record("fixture"); return }
        #expect(elements == expected)
        #expect(members["items"] == nil)
    }

    @Test func emptyObjectAndEmptyArray() throws {
        #expect(try Self.read("{}").members.isEmpty)
        let (members, elements) = try Self.read(#" { "items" : [ ] } "#)
        #expect(members.isEmpty && elements.isEmpty)
    }

    @Test func aStreamedMemberThatIsNotAnArrayIsAMember() throws {
        #expect(try Self.read(#"{"items": 5}"#).members["items"] == .number("5"))
    }

    /// Errors, at the line and column a whole parse would give (the error inside an element
    /// is found by the parser on the fragment and moved to its place in the input).
    @Test(arguments: [
        ("{\"items\": [1,\n  {\"a\": tru}]}", 2, 9, "where a value was expected"),
        ("{\"items\": [1, 2", 1, 16, "truncated"),
        ("{\"a\": 1} x", 1, 10, "after the end"),
        ("{\"a\": 1, \"a\": 2}", 1, 10, "duplicate"),
        ("[1]", 1, 1, "'{'"),
        ("{\"a\" 1}", 1, 6, "':'"),
        ("{\"a\": 1 \"b\": 2}", 1, 9, "',' or '}'"),
        ("{\"items\": [1 2]}", 1, 14, "',' or ']'"),
        ("{\"a\": ]}", 1, 7, "expected a value"),
        ("{\"a\": \"\u{1}\"}", 1, 8, "control character"),
    ])
    func errorsAreLocatedInTheWholeInput(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        let error = #expect(throws: JSONParseError.self) { try Self.read(text) }
        #expect(error?.location == SourceLocation(line: line, column: column), "\(error.map { "\($0)" } ?? "")")
        #expect(error?.message.contains(message) == true || error?.hint?.contains(message) == true, "\(error.map { "\($0)" } ?? "")")
    }

    @Test func oneValueOverTheFragmentLimitIsRefused() {
        let limits = JSONObjectStream.Limits(totalBytes: 1 << 20, fragmentBytes: 100)
        let text = #"{"items": [1, ""# + String(repeating: "a", count: 200) + #""]}"#
        let error = #expect(throws: JSONParseError.self) { try Self.read(text, limits: limits) }
        #expect(error?.message.contains("over the 100 bytes limit") == true)
        #expect(error?.location == SourceLocation(line: 1, column: 15))
        #expect(throws: Never.self) { try Self.read(#"{"items": [1, "short"]}"#, limits: limits) }
    }

    @Test func anInputOverTheTotalLimitIsRefusedWhileReading() throws {
        let limits = JSONObjectStream.Limits(totalBytes: 1000, fragmentBytes: 100)
        let text = #"{"items": ["# + Array(repeating: "1", count: 600).joined(separator: ",") + "]}"
        let error = #expect(throws: JSONParseError.self) { try Self.read(text, limits: limits) }
        #expect(error?.message.contains("over the 1000 bytes limit") == true)
        // The same bytes from a file: the limit is counted on what was read, not on the size.
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("object-stream-\(UUID().uuidString).json").path
        defer { unlink(path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var stream = JSONObjectStream(descriptor: descriptor, limits: limits)
        let fromFile = #expect(throws: JSONParseError.self) { try stream.read(streaming: "items", member: { _, _ in }, element: { _, _ in }) }
        #expect(fromFile?.message == error?.message)
    }

    @Test func nestingIsBoundedAcrossTheFragments() {
        let limits = JSONObjectStream.Limits(totalBytes: 1 << 20, fragmentBytes: 1 << 16, maximumDepth: 8)
        // As a whole parse with the same limit counts: the innermost array is at depth 8.
        let deepest = #"{"items": ["# + String(repeating: "[", count: 7) + String(repeating: "]", count: 7) + "]}"
        #expect(throws: Never.self) { try JSONParser(limits: JSONParser.Limits(maximumDepth: 8)).parse(deepest) }
        #expect(throws: Never.self) { try Self.read(deepest, limits: limits) }
        let error = #expect(throws: JSONParseError.self) {
            try Self.read(#"{"items": ["# + String(repeating: "[", count: 8) + String(repeating: "]", count: 8) + "]}", limits: limits)
        }
        #expect(error?.message.contains("deeper than 8") == true)
    }

    /// Reads a file much larger than its buffer, element by element, in order.
    @Test func readsAFileLargerThanItsBuffer() throws {
        let count = 60_000
        let text = #"{"head": "x", "items": ["# + (0..<count).map { #"{"id": "v\#($0)", "pad": "\#(String(repeating: "p", count: 40))"}"# }.joined(separator: ",\n") + "]}"
        #expect(text.utf8.count > 3 << 20)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("object-stream-\(UUID().uuidString).json").path
        defer { unlink(path) }
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        let limits = JSONObjectStream.Limits(totalBytes: 8 << 20, fragmentBytes: 1 << 10)
        var stream = JSONObjectStream(descriptor: descriptor, limits: limits)
        var seen = 0
        try stream.read(streaming: "items", member: { name, _ in #expect(name == "head") }, element: { index, fragment in
            #expect(fragment.location.line == index + 1)
            let id = try fragment.parse(limits: limits).root["id"]
            #expect(id == .string("v\(index)"))
            seen += 1
        })
        #expect(seen == count)
    }
}
