/// A strict JSON (RFC 8259) parser for files that strangers write.
///
/// Strict where lenience would hide mistakes (duplicate keys, a byte-order mark, invalid UTF-8,
/// trailing garbage are errors) and bounded where input could be hostile (nesting depth, input
/// size). Every error carries the line and column where parsing stopped.
public struct JSONParser: Sendable {
    /// Limits that keep a hostile file from exhausting the stack or memory.
    public struct Limits: Sendable {
        public var maximumDepth: Int
        public var maximumBytes: Int
        public init(maximumDepth: Int = 64, maximumBytes: Int = 64 << 20) {
            self.maximumDepth = maximumDepth
            self.maximumBytes = maximumBytes
        }
    }

    public var limits: Limits
    /// Whether the document can tell each value's line and column (for error messages about the
    /// file). Off for bodies that are only read. When on, the table of locations is still only
    /// built when first asked for (by parsing the text again): most documents are read without
    /// an error, and building a JSON-pointer string per value cost a fifth of a `check` run.
    public var recordsLocations: Bool
    public init(limits: Limits = Limits()) {
        self.init(limits: limits, recordsLocations: true)
    }
    public init(limits: Limits = Limits(), recordsLocations: Bool) {
        self.limits = limits
        self.recordsLocations = recordsLocations
    }

    /// Parses `bytes` as one JSON text.
    public func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
        guard bytes.count <= limits.maximumBytes else {
            throw JSONParseError(
                location: SourceLocation(line: 1, column: 1),
                message: "input is \(bytes.count) bytes, over the limit of \(limits.maximumBytes)",
                hint: "split the corpus into several files or use JSON Lines")
        }
        let (root, rootLocation, _) = try parse(bytes, buildingLocations: false)
        guard recordsLocations else { return JSONDocument(root: root, locations: [:]) }
        return JSONDocument(root: root, rootLocation: rootLocation, locatedBy: LocationTable(source: bytes, limits: limits))
    }

    /// The root, its location and, with `buildingLocations`, the location of every value by JSON pointer.
    func parse(_ bytes: [UInt8], buildingLocations: Bool) throws(JSONParseError) -> (JSONValue, SourceLocation, [String: SourceLocation]) {
        var cursor = Cursor(bytes: bytes, limits: limits, recordsLocations: buildingLocations)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            throw cursor.error("the file starts with a UTF-8 byte-order mark", hint: "save the file as UTF-8 without BOM")
        }
        cursor.skipWhitespace()
        guard !cursor.atEnd else { throw cursor.error("the input is empty", hint: "a vector file is one JSON object") }
        let rootLocation = cursor.location
        let root = try cursor.parseValue(pointer: "", depth: 0)
        cursor.skipWhitespace()
        guard cursor.atEnd else {
            throw cursor.error("unexpected \(cursor.describeCurrent()) after the end of the JSON value",
                               hint: "remove what follows the closing bracket, or use one JSON value per line (JSON Lines)")
        }
        return (root, rootLocation, cursor.locations)
    }

    /// Parses a UTF-8 string.
    public func parse(_ text: String) throws(JSONParseError) -> JSONDocument { try parse(Array(text.utf8)) }
}

/// Why a JSON text could not be parsed, and where: a `syntax` ``Diagnostic`` once the caller
/// names the text.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible, DiagnosticConvertible {
    public var location: SourceLocation
    public var message: String
    public var hint: String?
    public var description: String {
        "\(location): invalid JSON: \(message)" + (hint.map { " (\($0))" } ?? "")
    }

    public func diagnostics(file: String) -> [Diagnostic] {
        [Diagnostic(.syntax, file: file, location: location, message: message, fix: hint)]
    }

    /// The error of a JSON Lines line (parsed alone, so on its line 1) located on line `line` of its file.
    public func onLine(_ line: Int) -> JSONParseError {
        var located = self
        located.location = SourceLocation(line: line, column: location.column)
        return located
    }
}

private struct Cursor {
    let bytes: [UInt8]
    let limits: JSONParser.Limits
    var index = 0
    var line = 1
    var lineStart = 0
    var locations: [String: SourceLocation] = [:]
    let recordsLocations: Bool
    /// The bytes of the string being parsed, when it has escapes.
    var scratch: [UInt8] = []

    init(bytes: [UInt8], limits: JSONParser.Limits, recordsLocations: Bool) {
        self.bytes = bytes
        self.limits = limits
        self.recordsLocations = recordsLocations
    }

    /// The column at `columnCache.position` on the line starting at `columnCache.lineStart`: the
    /// parser only moves forward, so each location continues counting from the last one instead
    /// of from the start of the line (a minified file is one line of megabytes).
    var columnCache = (lineStart: 0, position: 0, column: 1)

    var atEnd: Bool { index >= bytes.count }
    /// The current location, for errors (computed once, so not cached).
    var location: SourceLocation { SourceLocation(line: line, column: columnOf(index, from: (lineStart, lineStart, 1))) }

    /// The current location, remembered so the next call counts on from here.
    mutating func trackedLocation() -> SourceLocation {
        let start = columnCache.lineStart == lineStart && columnCache.position <= index ? columnCache : (lineStart, lineStart, 1)
        let column = columnOf(index, from: start)
        columnCache = (lineStart, index, column)
        return SourceLocation(line: line, column: column)
    }

    /// Column counted in characters, not bytes, so editors land on the right spot.
    func columnOf(_ position: Int, from start: (lineStart: Int, position: Int, column: Int)) -> Int {
        var column = start.column
        var i = start.position
        while i < position && i < bytes.count {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return column
    }

    func error(_ message: String, hint: String? = nil) -> JSONParseError {
        JSONParseError(location: location, message: message, hint: hint)
    }

    func describeCurrent() -> String {
        guard !atEnd else { return "end of input" }
        let byte = bytes[index]
        if byte >= 0x20 && byte < 0x7F { return "'\(Character(Unicode.Scalar(byte)))'" }
        return "byte 0x" + String(byte, radix: 16)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D: index += 1
            case 0x0A:
                index += 1
                line += 1
                lineStart = index
            default: return
            }
        }
    }

    mutating func parseValue(pointer: String, depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth <= limits.maximumDepth else {
            throw error("nesting deeper than \(limits.maximumDepth) levels", hint: "vector files need only a few levels")
        }
        guard !atEnd else { throw error("unexpected end of input", hint: "the file is truncated") }
        if recordsLocations { locations[pointer] = trackedLocation() }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(pointer: pointer, depth: depth)
        case UInt8(ascii: "["): return try parseArray(pointer: pointer, depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default:
            throw error("unexpected \(describeCurrent()) where a value was expected",
                        hint: "strings need double quotes; JSON has no comments or trailing commas")
        }
    }

    mutating func expectLiteral(_ word: String) throws(JSONParseError) {
        let utf8 = Array(word.utf8)
        guard index + utf8.count <= bytes.count, Array(bytes[index..<index + utf8.count]) == utf8 else {
            throw error("unexpected \(describeCurrent()) where a value was expected")
        }
        index += utf8.count
    }

    mutating func parseObject(pointer: String, depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var members: [(key: String, value: JSONValue)] = []
        // Small objects (nearly all) look for a repeated key among the members; large ones hash.
        var seen: Set<String> = []
        skipWhitespace()
        if !atEnd && bytes[index] == UInt8(ascii: "}") {
            index += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard !atEnd else { throw error("unexpected end of input inside an object", hint: "the file is truncated") }
            guard bytes[index] == UInt8(ascii: "\"") else {
                throw error("expected a member name in double quotes, found \(describeCurrent())")
            }
            let keyStart = index
            let key = try parseString()
            let repeated: Bool
            if members.count < 16 {
                repeated = members.contains { $0.key == key }
            } else {
                if seen.isEmpty { seen = Set(members.map(\.key)) }
                repeated = !seen.insert(key).inserted
            }
            guard !repeated else {
                // A string holds no line break: the key starts on the current line.
                let keyLocation = SourceLocation(line: line, column: columnOf(keyStart, from: (lineStart, lineStart, 1)))
                throw JSONParseError(location: keyLocation, message: "duplicate key \"\(key)\" in the same object",
                                     hint: "JSON readers disagree on which duplicate wins; keep one")
            }
            skipWhitespace()
            guard !atEnd, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':' after member name \"\(key)\"") }
            index += 1
            skipWhitespace()
            let value = try parseValue(pointer: recordsLocations ? JSONPointer.appending(pointer, key) : "", depth: depth + 1)
            members.append((key, value))
            skipWhitespace()
            guard !atEnd else { throw error("unexpected end of input inside an object", hint: "the file is truncated") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "}") {
                index += 1
                return .object(members)
            }
            throw error("expected ',' or '}' in an object, found \(describeCurrent())")
        }
    }

    mutating func parseArray(pointer: String, depth: Int) throws(JSONParseError) -> JSONValue {
        index += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if !atEnd && bytes[index] == UInt8(ascii: "]") {
            index += 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue(pointer: recordsLocations ? JSONPointer.appending(pointer, elements.count) : "", depth: depth + 1))
            skipWhitespace()
            guard !atEnd else { throw error("unexpected end of input inside an array", hint: "the file is truncated") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            if bytes[index] == UInt8(ascii: "]") {
                index += 1
                return .array(elements)
            }
            throw error("expected ',' or ']' in an array, found \(describeCurrent())")
        }
    }

    mutating func parseNumber() throws(JSONParseError) -> String {
        let start = index
        func digits(_ cursor: inout Cursor) -> Int {
            let from = cursor.index
            while !cursor.atEnd, cursor.bytes[cursor.index] >= 0x30, cursor.bytes[cursor.index] <= 0x39 { cursor.index += 1 }
            return cursor.index - from
        }
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard !atEnd else { throw error("a number ends after '-'") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else if digits(&self) == 0 {
            throw error("expected a digit in a number, found \(describeCurrent())")
        }
        if !atEnd && bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard digits(&self) > 0 else { throw error("expected a digit after the decimal point") }
        }
        if !atEnd && (bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E")) {
            index += 1
            if !atEnd && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-")) { index += 1 }
            guard digits(&self) > 0 else { throw error("expected a digit in the exponent") }
        }
        if !atEnd, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            throw error("leading zeros are not allowed in JSON numbers")
        }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    mutating func parseString() throws(JSONParseError) -> String {
        index += 1
        // Most strings are one unescaped run and become a string made straight from the input.
        // A string with escapes is built as bytes in `scratch` (reused for every string), runs
        // copied whole and each escape appended as its UTF-8, then made a string once.
        var escaped = false
        var runStart = index
        var ascii = true
        while true {
            // Plain bytes are skipped in one tight pass over the buffer (this loop was a tenth of
            // a `check --no-reports` run when it went byte by byte through the cursor).
            let start = index
            let (stop, high) = bytes.withUnsafeBufferPointer { buffer -> (Int, UInt8) in
                var position = start
                var high: UInt8 = 0
                while position < buffer.count {
                    let byte = buffer[position]
                    if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                    high |= byte
                    position += 1
                }
                return (position, high)
            }
            index = stop
            if high >= 0x80 { ascii = false }
            guard !atEnd else { throw error("unexpected end of input inside a string", hint: "a closing quote is missing") }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                try validateRun(from: runStart, ascii: ascii)
                let end = index
                index += 1
                if !escaped {
                    return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[runStart..<end]), as: UTF8.self) }
                }
                scratch.append(contentsOf: bytes[runStart..<end])
                return String(decoding: scratch, as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") {
                try validateRun(from: runStart, ascii: ascii)
                if !escaped {
                    scratch.removeAll(keepingCapacity: true)
                    escaped = true
                }
                scratch.append(contentsOf: bytes[runStart..<index])
                index += 1
                let scalar = try parseEscape()
                UTF8.encode(scalar) { scratch.append($0) }
                runStart = index
                ascii = true
                continue
            }
            // Only a control character stops the scan otherwise.
            throw error("control character 0x\(String(byte, radix: 16)) inside a string",
                        hint: "write it as an escape such as \\n or \\u00XX")
        }
    }

    /// Checks that the unescaped run from `start` to the cursor is UTF-8 (ASCII needs no check).
    func validateRun(from start: Int, ascii: Bool) throws(JSONParseError) {
        guard !ascii, start < index else { return }
        // Decoding from a buffer takes the standard library's specialised path; the generic
        // validation of a slice cost two metadata lookups a string.
        let valid = bytes.withUnsafeBufferPointer { String(validating: UnsafeBufferPointer(rebasing: $0[start..<index]), as: UTF8.self) != nil }
        guard valid else {
            throw JSONParseError(location: location, message: "the string is not valid UTF-8", hint: "re-save the file as UTF-8")
        }
    }

    mutating func parseEscape() throws(JSONParseError) -> Unicode.Scalar {
        guard !atEnd else { throw error("unexpected end of input in an escape") }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try parseHex4()
            if (0xD800...0xDBFF).contains(high) {
                guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                    throw error("unpaired UTF-16 high surrogate \\u\(String(high, radix: 16))")
                }
                index += 2
                let low = try parseHex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("invalid UTF-16 low surrogate") }
                return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))!
            }
            guard let scalar = Unicode.Scalar(high) else { throw error("unpaired UTF-16 low surrogate") }
            return scalar
        default:
            index -= 1
            throw error("invalid escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = JSONParser.hexDigit(bytes[index]) else { throw error("invalid hex digit in \\u escape") }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}

extension JSONParser {
    /// The value of a hex digit of a `\u` escape (either case).
    static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }
}
