#if canImport(Glibc)
import Glibc
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Glibc.read(descriptor, buffer, count) }
#elseif canImport(Darwin)
import Darwin
private func readBytes(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { Darwin.read(descriptor, buffer, count) }
#endif

/// Reads one JSON object piece by piece, so a file far larger than memory can be read: each
/// member's value, and each element of one named array member, is handed over as its own
/// bytes (a ``Fragment``) for ``JSONParser`` to parse, and then dropped.
///
/// The stream only finds where values begin and end (strings, escapes and bracket depth); the
/// parser checks each fragment in full, so what the stream accepts and the parser accepts is
/// exactly strict JSON. Errors carry the line and column in the whole input.
public struct JSONObjectStream: ~Copyable {
    public struct Limits: Sendable {
        /// The whole input; counted while reading.
        public var totalBytes: Int
        /// One member's value or one element of the streamed array.
        public var fragmentBytes: Int
        public var maximumDepth: Int
        public init(totalBytes: Int, fragmentBytes: Int, maximumDepth: Int = InputLimits.jsonDepth) {
            self.totalBytes = totalBytes
            self.fragmentBytes = fragmentBytes
            self.maximumDepth = maximumDepth
        }
    }

    /// One value's bytes, and where it starts in the whole input.
    public struct Fragment: Sendable {
        public var bytes: [UInt8]
        /// Byte offset of the first byte in the input.
        public var offset: Int
        public var location: SourceLocation
        /// Nesting of the value in the input (1: a member of the root; 2: an element of the streamed array).
        public var depth: Int

        public init(bytes: [UInt8], offset: Int, location: SourceLocation, depth: Int) {
            self.bytes = bytes
            self.offset = offset
            self.location = location
            self.depth = depth
        }

        /// The fragment parsed, with a parse error located in the whole input.
        public func parse(recordingLocations: Bool = false, limits: Limits) throws(JSONParseError) -> JSONDocument {
            let parser = JSONParser(limits: JSONParser.Limits(maximumDepth: max(1, limits.maximumDepth - depth), maximumBytes: limits.fragmentBytes),
                                    recordsLocations: recordingLocations)
            do {
                return try parser.parse(bytes)
            } catch {
                var located = error
                located.location = shifted(error.location)
                throw located
            }
        }

        /// `inner`, a location inside the fragment, as a location in the whole input.
        public func shifted(_ inner: SourceLocation) -> SourceLocation {
            inner.line == 1
                ? SourceLocation(line: location.line, column: location.column + inner.column - 1)
                : SourceLocation(line: location.line + inner.line - 1, column: inner.column)
        }
    }

    private let descriptor: Int32?
    private var buffer: [UInt8]
    private var position = 0
    /// Offset in the input of `buffer[0]`.
    private var bufferOffset = 0
    private var atEnd = false
    private var line = 1
    private var column = 1
    public let limits: Limits

    /// Reads from an open file (not closed here).
    public init(descriptor: Int32, limits: Limits) {
        self.descriptor = descriptor
        self.buffer = []
        self.limits = limits
    }

    /// Reads `bytes` (tests and the fuzz target).
    public init(bytes: [UInt8], limits: Limits) {
        self.descriptor = nil
        self.buffer = bytes
        self.atEnd = true
        self.limits = limits
        if bytes.count > limits.totalBytes { self.buffer = Array(bytes.prefix(limits.totalBytes + 1)) }
    }

    private var offset: Int { bufferOffset + position }
    private var location: SourceLocation { SourceLocation(line: line, column: column) }

    private func error(_ message: String, hint: String? = nil) -> JSONParseError {
        JSONParseError(location: location, message: message, hint: hint)
    }

    /// The next byte, reading more of the file when the buffer is used up; `nil` at the end.
    private mutating func peek() throws(JSONParseError) -> UInt8? {
        if position < buffer.count {
            guard offset < limits.totalBytes else { throw overLimit() }
            return buffer[position]
        }
        guard !atEnd, let descriptor else { return nil }
        bufferOffset += buffer.count
        position = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        let got = chunk.withUnsafeMutableBytes { readBytes(descriptor, $0.baseAddress, $0.count) }
        guard got >= 0 else { throw error("cannot read: \(String(cString: strerror(errno)))") }
        if got == 0 {
            atEnd = true
            buffer = []
            return nil
        }
        chunk.removeLast(chunk.count - got)
        buffer = chunk
        guard offset < limits.totalBytes else { throw overLimit() }
        return buffer[position]
    }

    private func overLimit() -> JSONParseError {
        error("the input is over the \(InputLimits.describe(limits.totalBytes)) limit", hint: "nothing after the limit is read")
    }

    private mutating func advance(_ byte: UInt8) {
        position += 1
        if byte == 0x0A {
            line += 1
            column = 1
        } else if byte & 0xC0 != 0x80 {
            column += 1
        }
    }

    private mutating func skipWhitespace() throws(JSONParseError) {
        while let byte = try peek(), byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { advance(byte) }
    }

    private mutating func expect(_ expected: UInt8, _ what: String) throws(JSONParseError) {
        try skipWhitespace()
        guard let byte = try peek() else { throw error("the input ends where \(what) belongs", hint: "the file is truncated") }
        guard byte == expected else { throw error("expected \(what), found \(Self.describe(byte))") }
        advance(byte)
    }

    private static func describe(_ byte: UInt8) -> String {
        (0x21...0x7E).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "byte 0x\(String(byte, radix: 16))"
    }

    /// The next value's bytes, up to the end of the value.
    private mutating func value(depth: Int) throws(JSONParseError) -> Fragment {
        try skipWhitespace()
        var fragment = Fragment(bytes: [], offset: offset, location: location, depth: depth)
        var nesting = 0
        var inString = false
        var escaped = false
        var scalar = false
        while true {
            guard let byte = try peek() else {
                if scalar { return fragment }
                throw error("the input ends inside a value", hint: "the file is truncated")
            }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if scalar {
                switch byte {
                case UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x0A, 0x0D, 0x09: return fragment
                default: break
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    nesting += 1
                    // This container's depth in the whole input, counted as the parser counts it.
                    guard depth + nesting - 1 <= limits.maximumDepth else {
                        throw error("nesting deeper than \(limits.maximumDepth) levels", hint: "flatten the document")
                    }
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    guard nesting > 0 else { throw error("expected a value, found \(Self.describe(byte))") }
                    nesting -= 1
                case 0x20, 0x0A, 0x0D, 0x09: break
                case UInt8(ascii: ","), UInt8(ascii: ":"):
                    guard nesting > 0 else { throw error("expected a value, found \(Self.describe(byte))") }
                default:
                    if nesting == 0 { scalar = true }
                }
            }
            guard fragment.bytes.count < limits.fragmentBytes else {
                throw JSONParseError(location: fragment.location, message: "one value is over the \(InputLimits.describe(limits.fragmentBytes)) limit",
                                     hint: "nothing after the limit is read")
            }
            fragment.bytes.append(byte)
            advance(byte)
            if !inString, !scalar, nesting == 0 { return fragment }
        }
    }

    /// Reads the whole input: `member` gets each member of the root object except `streaming`,
    /// whose value must be an array: `element` gets its elements one by one, with their index.
    /// Duplicate member names, trailing content and a truncated input are errors.
    public mutating func read(streaming: String,
                              member: (_ name: String, _ value: Fragment) throws -> Void,
                              element: (_ index: Int, _ value: Fragment) throws -> Void) throws {
        try expect(UInt8(ascii: "{"), "'{' (a JSON object)")
        try skipWhitespace()
        var names: Set<String> = []
        if try peek() == UInt8(ascii: "}") {
            advance(UInt8(ascii: "}"))
        } else {
            while true {
                try skipWhitespace()
                let nameFragment = try value(depth: 1)
                guard case .string(let name) = try nameFragment.parse(limits: limits).root else {
                    throw JSONParseError(location: nameFragment.location, message: "expected a member name in quotes")
                }
                guard names.insert(name).inserted else {
                    throw JSONParseError(location: nameFragment.location, message: "duplicate key \"\(name)\" in the same object",
                                         hint: "JSON readers disagree on which duplicate wins; keep one")
                }
                try expect(UInt8(ascii: ":"), "':' after a member name")
                try skipWhitespace()
                if name == streaming, try peek() == UInt8(ascii: "[") {
                    advance(UInt8(ascii: "["))
                    try skipWhitespace()
                    if try peek() == UInt8(ascii: "]") {
                        advance(UInt8(ascii: "]"))
                    } else {
                        var index = 0
                        while true {
                            try element(index, try value(depth: 2))
                            index += 1
                            try skipWhitespace()
                            guard let byte = try peek() else { throw error("the input ends inside an array", hint: "the file is truncated") }
                            guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") else { throw error("expected ',' or ']' in an array, found \(Self.describe(byte))") }
                            advance(byte)
                            if byte == UInt8(ascii: "]") { break }
                        }
                    }
                } else {
                    try member(name, try value(depth: 1))
                }
                try skipWhitespace()
                guard let byte = try peek() else { throw error("the input ends inside an object", hint: "the file is truncated") }
                guard byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") else { throw error("expected ',' or '}' in an object, found \(Self.describe(byte))") }
                advance(byte)
                if byte == UInt8(ascii: "}") { break }
            }
        }
        try skipWhitespace()
        if let byte = try peek() {
            throw error("unexpected \(Self.describe(byte)) after the end of the object",
                        hint: "remove what follows the closing bracket")
        }
    }
}
