import SigConformMAC

/// Decodes one JSON Lines vector straight from its bytes into a ``Vector``, without the
/// `JSONValue` tree: member names are matched as bytes and strings are made once, where they go.
///
/// It is the fast path of ``CorpusLoader/decodeLine(_:number:of:)``, and only a path: it accepts
/// a line only when the line is well-formed JSON, every member is one ``VectorDecoder`` knows, of
/// the type it wants, and every value is one the decoder accepts. On anything else (an unknown
/// or `$` member, a wrong type, a number that is not a plain integer, a surrogate escape, invalid
/// UTF-8, a value the decoder would refuse) it declines with `nil`, and the line goes through
/// the parser and ``VectorDecoder``, which say what is wrong and where. So every diagnostic stays
/// that decoder's; the two agree on every line this one accepts (`VectorLineDecoderTests`).
///
/// Why: the tree (an array per object, a string per key) and its release were about a quarter
/// of a `check --no-reports` run of a large corpus (docs/performance.md, issue 20).
package enum VectorLineDecoder {
    /// The vector `bytes` holds, as the slow path would decode it, or nil to leave it to that path.
    package static func decode(_ bytes: [UInt8], file: String) -> Vector? {
        guard bytes.count <= InputLimits.jsonLinesLineBytes else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Vector? in
            var scanner = LineScanner(bytes: buffer)
            return try? scanner.vector(file: file)
        }
    }
}

/// Why the fast path gave up; carries nothing, the slow path says what is wrong.
struct Declined: Error {}

/// The known members of each object, as bits of a mask (a repeated member is a duplicate key,
/// which the parser refuses: the fast path declines it).
private enum Member {
    static let id: UInt16 = 1, venue: UInt16 = 2, comment: UInt16 = 4, tags: UInt16 = 8, credentials: UInt16 = 16,
               request: UInt16 = 32, time: UInt16 = 64, result: UInt16 = 128, expect: UInt16 = 256, keyOptions: UInt16 = 512
}

private struct LineScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// The bytes of a string with escapes (reused for every such string).
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    // MARK: The vector

    mutating func vector(file: String) throws(Declined) -> Vector {
        // A line that starts elsewhere than with '{' (blank prefix, a byte-order mark) is rare: the slow path places it.
        guard bytes.first == UInt8(ascii: "{") else { throw Declined() }
        var seen: UInt16 = 0
        var id: String?, venue: String?, comment: String?, tags: [String] = []
        var credentials = Credentials(), request: HTTPRequest?, time = TimeContext()
        var result: ExpectedResult?, expect: Expectation?, keyChoices: [String: String] = [:]
        try object { (scanner: inout LineScanner, key: Range<Int>) throws(Declined) in
            let member: UInt16
            if scanner.key(key, is: "id") {
                member = Member.id
                let text = try scanner.string()
                guard !text.isEmpty, text.utf8.count <= 200, text.utf8.allSatisfy(VectorDecoder.isIDByte) else { throw Declined() }
                id = text
            } else if scanner.key(key, is: "venue") {
                member = Member.venue
                let text = try scanner.string()
                guard RecipeDecoder.isVenueID(text) else { throw Declined() }
                venue = text
            } else if scanner.key(key, is: "comment") {
                member = Member.comment
                comment = try scanner.string()
            } else if scanner.key(key, is: "tags") {
                member = Member.tags
                tags = try scanner.stringArray()
            } else if scanner.key(key, is: "credentials") {
                member = Member.credentials
                credentials = try scanner.credentials()
            } else if scanner.key(key, is: "request") {
                member = Member.request
                request = try scanner.request()
            } else if scanner.key(key, is: "time") {
                member = Member.time
                time = try scanner.time()
            } else if scanner.key(key, is: "result") {
                member = Member.result
                guard let value = ExpectedResult(rawValue: try scanner.string()) else { throw Declined() }
                result = value
            } else if scanner.key(key, is: "expect") {
                member = Member.expect
                expect = try scanner.expectation()
            } else if scanner.key(key, is: "keyOptions") {
                member = Member.keyOptions
                try scanner.object { (scanner: inout LineScanner, key: Range<Int>) throws(Declined) in
                    let name = try scanner.keyString(key)
                    // `$` members are annotations the slow path leaves out; a repeat is a duplicate key.
                    guard !name.hasPrefix("$"), keyChoices[name] == nil else { throw Declined() }
                    keyChoices[name] = try scanner.string()
                }
            } else {
                throw Declined()
            }
            guard seen & member == 0 else { throw Declined() }
            seen |= member
        }
        skipWhitespace()
        guard index == bytes.count else { throw Declined() }
        guard let id, let venue, let request, let result, let expect else { throw Declined() }
        // The decoder's rules on what a result needs (VectorDecoder.decodeVector).
        switch result {
        case .invalid: guard expect.diagnosis != nil else { throw Declined() }
        case .valid:
            guard expect.diagnosis == nil, expect.prehash != nil || expect.signature != nil || !expect.headers.isEmpty else { throw Declined() }
        }
        var vector = Vector(id: id, venue: venue, comment: comment, tags: tags, credentials: credentials, request: request,
                            time: time, result: result, expect: expect,
                            origin: VectorOrigin(file: file, pointer: "", location: SourceLocation(line: 1, column: 1)))
        vector.keyChoices = keyChoices
        return vector
    }

    mutating func credentials() throws(Declined) -> Credentials {
        var credentials = Credentials()
        var seen: UInt16 = 0
        try object { (scanner: inout LineScanner, key: Range<Int>) throws(Declined) in
            let member: UInt16
            if scanner.key(key, is: "apiKey") {
                member = 1
                credentials.apiKey = try scanner.string()
            } else if scanner.key(key, is: "secret") {
                member = 2
                credentials.secret = try scanner.string()
            } else if scanner.key(key, is: "passphrase") {
                member = 4
                credentials.passphrase = try scanner.string()
            } else if scanner.key(key, is: "otherSecrets") {
                member = 8
                credentials.otherSecrets = try scanner.stringArray()
                // Too many is the decoder's error to report.
                guard credentials.otherSecrets.count <= Credentials.maximumOtherSecrets else { throw Declined() }
            } else {
                // A field the recipe declares; anything else is the slow path's error.
                let name = try scanner.keyString(key)
                guard Credentials.isFieldName(name), credentials.fields[name] == nil else { throw Declined() }
                credentials.fields[name] = try scanner.string()
                return
            }
            guard seen & member == 0 else { throw Declined() }
            seen |= member
        }
        return credentials
    }

    mutating func request() throws(Declined) -> HTTPRequest {
        var method: String?, path: String?, host: String?, query: String?, body: String?, headers: HTTPHeaders?
        var seen: UInt16 = 0
        try object { (scanner: inout LineScanner, key: Range<Int>) throws(Declined) in
            let member: UInt16
            if scanner.key(key, is: "method") {
                member = 1
                let text = try scanner.string()
                guard !text.isEmpty, text.utf8.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) else { throw Declined() }
                method = text
            } else if scanner.key(key, is: "path") {
                member = 2
                let text = try scanner.string()
                guard !text.utf8.contains(UInt8(ascii: "?")) else { throw Declined() }
                path = text
            } else if scanner.key(key, is: "host") {
                member = 4
                host = try scanner.string()
            } else if scanner.key(key, is: "query") {
                member = 8
                let text = try scanner.string()
                guard text.utf8.first != UInt8(ascii: "?") else { throw Declined() }
                query = text
            } else if scanner.key(key, is: "body") {
                member = 16
                body = try scanner.string()
            } else if scanner.key(key, is: "headers") {
                member = 32
                headers = try scanner.headers()
            } else {
                throw Declined()
            }
            guard seen & member == 0 else { throw Declined() }
            seen |= member
        }
        guard let method, let path else { throw Declined() }
        let request = HTTPRequest(method: method, host: host, path: path, query: query ?? "", headers: headers ?? HTTPHeaders(), body: body ?? "")
        guard InputLimits.oversizedRequest(request) == nil else { throw Declined() }
        return request
    }

    /// An object of strings, in order, with no name repeated in any letter case (the decoder refuses a repeat).
    mutating func headers() throws(Declined) -> HTTPHeaders {
        var pairs: [(String, String)] = []
        try object { (scanner: inout LineScanner, key: Range<Int>) throws(Declined) in
            let name = try scanner.keyString(key)
            pairs.append((name, try scanner.string()))
        }
        let headers = HTTPHeaders(pairs)
        guard headers.repeatedName() == nil else { throw Declined() }
        return headers
    }

    mutating func time() throws(Declined) -> TimeContext {
        var time = TimeContext()
        var seen: UInt16 = 0
        try object { (scanner: inout LineScanner, key: Range<Int>) throws(Declined) in
            if scanner.key(key, is: "serverTime") {
                guard seen & 1 == 0 else { throw Declined() }
                seen |= 1
                let number = try scanner.integer()
                guard TimestampCodec.validMilliseconds.contains(number) else { throw Declined() }
                time.serverTime = number
            } else if scanner.key(key, is: "recvWindow") {
                guard seen & 2 == 0 else { throw Declined() }
                seen |= 2
                let number = try scanner.integer()
                guard number >= 0 else { throw Declined() }
                time.recvWindow = number
            } else {
                throw Declined()
            }
        }
        return time
    }

    mutating func expectation() throws(Declined) -> Expectation {
        var expect = Expectation()
        var seen: UInt16 = 0
        try object { (scanner: inout LineScanner, key: Range<Int>) throws(Declined) in
            let member: UInt16
            if scanner.key(key, is: "prehash") {
                member = 1
                expect.prehash = try scanner.stringBytes()
            } else if scanner.key(key, is: "prehashHex") {
                member = 2
                guard let bytes = Hex.decode(try scanner.string()) else { throw Declined() }
                expect.prehash = bytes
            } else if scanner.key(key, is: "signature") {
                member = 4
                expect.signature = try scanner.string()
            } else if scanner.key(key, is: "headers") {
                member = 8
                expect.headers = try scanner.headers().fields
            } else if scanner.key(key, is: "diagnosis") {
                member = 16
                let ids = try scanner.stringArray()
                guard !ids.isEmpty else { throw Declined() }
                expect.diagnosis = ids
            } else if scanner.key(key, is: "clientPrehash") {
                member = 32
                expect.clientPrehash = try scanner.stringBytes()
            } else if scanner.key(key, is: "clientPrehashHex") {
                member = 64
                guard let bytes = Hex.decode(try scanner.string()) else { throw Declined() }
                expect.clientPrehash = bytes
            } else {
                throw Declined()
            }
            guard seen & member == 0 else { throw Declined() }
            seen |= member
        }
        // Text and hex of the same bytes together is the decoder's error.
        guard seen & 3 != 3, seen & 96 != 96 else { throw Declined() }
        return expect
    }

    // MARK: JSON

    mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D, 0x0A: index += 1
            default: return
            }
        }
    }

    /// Reads an object, calling `member` with the range of each member's name (its bytes, no
    /// escapes) with the cursor on its value, which `member` reads.
    mutating func object(_ member: (inout LineScanner, Range<Int>) throws(Declined) -> Void) throws(Declined) {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Declined() }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            let key = try rawKey()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Declined() }
            index += 1
            skipWhitespace()
            try member(&self, key)
            skipWhitespace()
            guard index < bytes.count else { throw Declined() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "}") else { throw Declined() }
            index += 1
            return
        }
    }

    /// A member name without escapes: the range of its bytes.
    mutating func rawKey() throws(Declined) -> Range<Int> {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Declined() }
        let start = index + 1
        var position = start
        var high: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { throw Declined() }
            high |= byte
            position += 1
        }
        guard position < bytes.count else { throw Declined() }
        if high >= 0x80, String(validating: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) == nil { throw Declined() }
        index = position + 1
        return start..<position
    }

    /// Whether the name at `key` is `name` (ASCII).
    func key(_ key: Range<Int>, is name: StaticString) -> Bool {
        guard key.count == name.utf8CodeUnitCount else { return false }
        let expected = name.utf8Start
        for offset in 0..<key.count where bytes[key.lowerBound + offset] != expected[offset] { return false }
        return true
    }

    /// The name at `key` as a string (already checked to be UTF-8 without escapes).
    func keyString(_ key: Range<Int>) throws(Declined) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[key]), as: UTF8.self)
    }

    mutating func string() throws(Declined) -> String {
        var result = ""
        try readString { result = String(decoding: $0, as: UTF8.self) }
        return result
    }

    mutating func stringBytes() throws(Declined) -> [UInt8] {
        var result: [UInt8] = []
        try readString { result = Array($0) }
        return result
    }

    /// Reads a string value and hands its UTF-8 (escapes resolved, validated) to `take`.
    mutating func readString(_ take: (UnsafeBufferPointer<UInt8>) -> Void) throws(Declined) {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw Declined() }
        index += 1
        var runStart = index
        var escaped = false
        var high: UInt8 = 0
        while true {
            var position = index
            while position < bytes.count {
                let byte = bytes[position]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                high |= byte
                position += 1
            }
            index = position
            guard index < bytes.count else { throw Declined() }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
                // Each run between escapes must be UTF-8 on its own, as the parser checks it.
                if high >= 0x80, String(validating: run, as: UTF8.self) == nil { throw Declined() }
                index += 1
                if !escaped {
                    take(run)
                } else {
                    scratch.append(contentsOf: run)
                    scratch.withUnsafeBufferPointer { take($0) }
                }
                return
            }
            guard byte == UInt8(ascii: "\\") else { throw Declined() }
            let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
            if high >= 0x80, String(validating: run, as: UTF8.self) == nil { throw Declined() }
            high = 0
            if !escaped {
                scratch.removeAll(keepingCapacity: true)
                escaped = true
            }
            scratch.append(contentsOf: run)
            index += 1
            try escape()
            runStart = index
        }
    }

    /// Appends the escape after a backslash to `scratch`.
    mutating func escape() throws(Declined) {
        guard index < bytes.count else { throw Declined() }
        let byte = bytes[index]
        index += 1
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(byte)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var value = try hex4()
            // A high surrogate followed by an escaped low one is one scalar; any other surrogate is an error.
            if (0xD800...0xDBFF).contains(value), index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw Declined() }
                value = 0x10000 + ((value - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(value) else { throw Declined() }
            UTF8.encode(scalar) { scratch.append($0) }
        default:
            throw Declined()
        }
    }

    /// The four hex digits of a `\u` escape.
    mutating func hex4() throws(Declined) -> UInt32 {
        guard index + 4 <= bytes.count else { throw Declined() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let digit = JSONParser.hexDigit(bytes[index]) else { throw Declined() }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    mutating func stringArray() throws(Declined) -> [String] {
        guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { throw Declined() }
        index += 1
        var strings: [String] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return strings
        }
        while true {
            skipWhitespace()
            strings.append(try string())
            skipWhitespace()
            guard index < bytes.count else { throw Declined() }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard bytes[index] == UInt8(ascii: "]") else { throw Declined() }
            index += 1
            return strings
        }
    }

    /// A JSON number that is a plain integer (`-?digits`, no leading zero) in Int64; a fraction,
    /// an exponent or a string of digits is left to the slow path.
    mutating func integer() throws(Declined) -> Int64 {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let digitsStart = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        let count = index - digitsStart
        guard count > 0, count <= 19, bytes[digitsStart] != UInt8(ascii: "0") || count == 1 else { throw Declined() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { throw Declined() }
        guard let number = Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)) else { throw Declined() }
        return number
    }
}
