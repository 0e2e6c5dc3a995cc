/// Reads a raw HTTP/1.1 request (RFC 9112), as captured by a proxy, `curl -v --trace-ascii`,
/// or written by hand, into the request a venue receives.
///
/// Strict where a lenient reader would change what was signed: a space before a header's
/// colon, obsolete line folding, a second Host, a Content-Length that does not match the body,
/// a Transfer-Encoding other than chunked, or a body that is not UTF-8 are errors with their
/// line and column. Lines may end in CRLF or LF (a pasted capture often loses the CR).
///
/// The body is what follows the blank line: exactly `Content-Length` bytes when given (a final
/// newline an editor added after them is dropped); decoded when `Transfer-Encoding: chunked`;
/// otherwise everything to the end of the text, less one final newline, which is how a text
/// editor saves a request written by hand. Give a Content-Length to sign a body ending in a newline.
public struct HTTPMessageParser: Sendable {
    public init() {}

    /// Parses the text of one request.
    public func parse(_ text: String) throws(RequestParseError) -> HTTPRequest { try parse(Array(text.utf8)) }

    /// Parses the bytes of one request.
    public func parse(_ bytes: [UInt8]) throws(RequestParseError) -> HTTPRequest {
        var reader = LineReader(bytes: bytes)
        while let line = reader.peekLine(), line.bytes.isEmpty { _ = reader.nextLine() }  // RFC 9112 §2.2: ignore leading empty lines
        guard let requestLine = reader.nextLine() else {
            throw RequestParseError(.http, at: SourceLocation(line: 1, column: 1), "the request is empty", hint: "start with a request line such as GET /path HTTP/1.1")
        }
        var request = try parseRequestLine(requestLine, reader: reader)
        var contentLength: (value: Int, line: Line)?
        var chunked = false
        var sawHost = false
        var fields: [(String, String)] = []
        while let line = reader.nextLine() {
            if line.bytes.isEmpty { break }
            let (name, value) = try parseField(line, reader: reader)
            switch name.lowercased() {
            case "host":
                guard !sawHost else { throw reader.error(line, 0, "a second Host header", hint: "a request has exactly one Host (RFC 9112 §3.2)") }
                sawHost = true
            case "content-length":
                guard let length = Int(value), value.allSatisfy(\.isASCII), value.allSatisfy(\.isNumber) else {
                    throw reader.error(line, name.utf8.count + 1, "Content-Length \"\(value)\" is not a number of bytes")
                }
                if let previous = contentLength, previous.value != length {
                    throw reader.error(line, 0, "two different Content-Length headers", hint: "keep the one that matches the body")
                }
                contentLength = (length, line)
            case "transfer-encoding":
                guard value.lowercased() == "chunked" else {
                    throw reader.error(line, name.utf8.count + 1, "Transfer-Encoding \"\(value)\" is not supported", hint: "record the decoded body with a Content-Length")
                }
                chunked = true
            default: break
            }
            fields.append((name, value))
        }
        request.headers = HTTPHeaders(fields)
        if let pair = request.headers.repeatedName(differentValuesOnly: true),
           let index = request.headers.fields.lastIndex(of: pair.repeated) {
            throw RequestParseError(.http, at: SourceLocation(line: requestLine.number + 1 + index, column: 1), HTTPHeaders.repeatMessage(pair), hint: "keep one")
        }
        let bodyStart = reader.position
        var body = Array(bytes[bodyStart...])
        if chunked {
            guard contentLength == nil else { throw reader.error(at: bodyStart, "both Content-Length and Transfer-Encoding: chunked", hint: "keep one (RFC 9112 §6.3)") }
            body = try decodeChunks(body, offset: bodyStart, reader: reader)
        } else if let (length, line) = contentLength {
            if body.count < length {
                throw reader.error(line, 0, "Content-Length is \(length) but the body has \(body.count) bytes", hint: "the capture is truncated, or the header is wrong")
            }
            let extra = body[length...]
            guard extra.isEmpty || Array(extra) == [0x0A] || Array(extra) == [0x0D, 0x0A] else {
                throw reader.error(at: bodyStart + length, "\(extra.count) bytes follow the \(length) bytes of Content-Length",
                                   hint: "one request per file; fix Content-Length if the body is longer")
            }
            body = Array(body[..<length])
        } else if body.last == 0x0A {
            body.removeLast()
            if body.last == 0x0D { body.removeLast() }
        }
        guard let text = String(validating: body, as: UTF8.self) else {
            throw reader.error(at: bodyStart, "the body is not UTF-8 text", hint: "vectors hold text bodies; binary bodies are not supported")
        }
        request.body = text
        if let problem = InputLimits.oversizedRequest(request) {
            throw RequestParseError(.http, at: SourceLocation(line: 1, column: 1), problem, hint: "an exchange request is kilobytes")
        }
        return request
    }

    func parseRequestLine(_ line: Line, reader: LineReader) throws(RequestParseError) -> HTTPRequest {
        let text = String(decoding: line.bytes, as: UTF8.self)
        if text.hasPrefix(":") {
            throw reader.error(line, 0, "HTTP/2 pseudo-headers (:method, :path) are not an HTTP/1.1 request line",
                               hint: "write it as METHOD /path?query HTTP/1.1 followed by the headers")
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3 else {
            throw reader.error(line, 0, "the request line \"\(text)\" is not METHOD TARGET VERSION", hint: "e.g. POST /api/v3/order HTTP/1.1 (single spaces)")
        }
        let method = String(parts[0])
        guard !method.isEmpty, method.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
            throw reader.error(line, 0, "\"\(method)\" is not an HTTP method")
        }
        let version = String(parts[2])
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else {
            throw reader.error(line, parts[0].utf8.count + parts[1].utf8.count + 2, "version \"\(version)\" is not HTTP/1.1",
                               hint: "write HTTP/1.1; method, target and headers read the same in HTTP/2")
        }
        let targetText = String(parts[1])
        let location = reader.location(line, parts[0].utf8.count + 1)
        guard !targetText.contains("#") else { throw RequestParseError(.http, at: location, "a request target never contains '#'", hint: "remove the fragment") }
        let target: URLParts
        if targetText.hasPrefix("/") {
            target = try RequestTarget.origin(targetText, at: location, source: .http)
        } else if targetText.lowercased().hasPrefix("http://") || targetText.lowercased().hasPrefix("https://") {
            target = try RequestTarget.parseURL(targetText, at: location, source: .http).parts
        } else {
            throw RequestParseError(.http, at: location, "the target \"\(targetText)\" is neither /path nor an absolute URL", hint: "e.g. /api/v5/account/balance?ccy=BTC")
        }
        return HTTPRequest(method: method, host: target.host, path: target.path, query: target.query)
    }

    func parseField(_ line: Line, reader: LineReader) throws(RequestParseError) -> (String, String) {
        if line.bytes.first == 0x20 || line.bytes.first == 0x09 {
            throw reader.error(line, 0, "a header line starts with white space (obsolete line folding)", hint: "join it to the previous header's value (RFC 9112 §5.2)")
        }
        guard let colon = line.bytes.firstIndex(of: UInt8(ascii: ":")) else {
            throw reader.error(line, 0, "a header line without ':'", hint: "write Name: value, and leave a blank line before the body")
        }
        let name = String(decoding: line.bytes[..<colon], as: UTF8.self)
        guard !name.isEmpty, name.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
            let position = name.utf8.firstIndex { !Self.isTokenCharacter(Unicode.Scalar($0)) }.map { name.utf8.distance(from: name.utf8.startIndex, to: $0) } ?? 0
            throw reader.error(line, position, "\"\(name)\" is not a valid header name",
                               hint: name.hasSuffix(" ") ? "no space before the ':' (RFC 9112 §5.1)" : "header names are letters, digits and !#$%&'*+-.^_`|~")
        }
        var valueBytes = line.bytes[(colon + 1)...]
        while let first = valueBytes.first, first == 0x20 || first == 0x09 { valueBytes.removeFirst() }
        while let last = valueBytes.last, last == 0x20 || last == 0x09 { valueBytes.removeLast() }
        guard let value = String(validating: valueBytes, as: UTF8.self) else {
            throw reader.error(line, colon - line.start + 1, "the value of \(name) is not UTF-8")
        }
        return (name, value)
    }

    func decodeChunks(_ body: [UInt8], offset: Int, reader: LineReader) throws(RequestParseError) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while true {
            guard let end = body[index...].firstIndex(of: 0x0A) else {
                throw reader.error(at: offset + index, "a chunk size line is missing", hint: "chunked bodies end with a 0-size chunk")
            }
            var sizeLine = body[index..<end]
            if sizeLine.last == 0x0D { sizeLine.removeLast() }
            let sizeText = String(decoding: sizeLine.prefix { $0 != UInt8(ascii: ";") }, as: UTF8.self)
            // RFC 9112 §7.1: chunk-size = 1*HEXDIG (no sign, which Int(_:radix:) would accept).
            guard sizeText.utf8.allSatisfy({ $0 < 0x80 && Character(Unicode.Scalar($0)).isHexDigit }), let size = Int(sizeText, radix: 16) else {
                throw reader.error(at: offset + index, "\"\(sizeText)\" is not a hex chunk size")
            }
            index = end + 1
            if size == 0 { return out }
            // `size` is any 63-bit number the capture states: compared by subtraction, never `index + size`.
            guard size <= body.count - index else { throw reader.error(at: offset + index, "a chunk of \(size) bytes is truncated") }
            out += body[index..<(index + size)]
            index += size
            if body[index...].starts(with: [0x0D, 0x0A]) { index += 2 } else if body[index...].starts(with: [0x0A]) { index += 1 } else {
                throw reader.error(at: offset + index, "a chunk is longer than its size says")
            }
        }
    }

    /// RFC 9110 §5.6.2 `tchar`: the characters of header names and methods.
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII else { return false }
        if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) { return true }
        return "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar)
    }

    struct Line {
        var bytes: ArraySlice<UInt8>
        var number: Int
        var start: Int
    }

    /// Hands out lines (without CR/LF) and knows where every byte is, for error locations.
    struct LineReader {
        let bytes: [UInt8]
        var position = 0
        var lineNumber = 0

        func peekLine() -> Line? {
            var copy = self
            return copy.nextLine()
        }

        mutating func nextLine() -> Line? {
            guard position < bytes.count else { return nil }
            let end = bytes[position...].firstIndex(of: 0x0A) ?? bytes.count
            var content = bytes[position..<end]
            if content.last == 0x0D { content.removeLast() }
            lineNumber += 1
            let line = Line(bytes: content, number: lineNumber, start: position)
            position = min(end + 1, bytes.count)
            return line
        }

        /// The location `offset` bytes into `line`, columns counted in characters.
        func location(_ line: Line, _ offset: Int) -> SourceLocation {
            let prefix = bytes[line.start..<min(line.start + offset, bytes.count)]
            return SourceLocation(line: line.number, column: 1 + prefix.reduce(0) { $0 + ($1 & 0xC0 == 0x80 ? 0 : 1) })
        }

        func error(_ line: Line, _ offset: Int, _ message: String, hint: String? = nil) -> RequestParseError {
            RequestParseError(.http, at: location(line, offset), message, hint: hint)
        }

        /// An error at an absolute byte offset.
        func error(at offset: Int, _ message: String, hint: String? = nil) -> RequestParseError {
            let before = bytes[..<min(offset, bytes.count)]
            let lineStart = (before.lastIndex(of: 0x0A).map { $0 + 1 }) ?? 0
            let line = Line(bytes: bytes[lineStart..<lineStart], number: before.filter { $0 == 0x0A }.count + 1, start: lineStart)
            return error(line, offset - lineStart, message, hint: hint)
        }
    }
}
