#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
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
    package static func decode(_ bytes: ArraySlice<UInt8>, file: String) -> Vector? {
        guard bytes.count <= InputLimits.jsonLinesLineBytes else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> Vector? in
            var scanner = LineScanner(bytes: buffer, repeated: RepeatedStrings.current)
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

/// Whether a header object's values are looked up among the strings earlier lines made.
private enum HeaderValues { case lookedUp, made }

/// A string value as read: where its UTF-8 is (escapes resolved, validated).
private struct StringValue {
    /// Its bytes in the line, between the quotes; with escapes, the escaped text.
    var range: Range<Int>
    /// With escapes its bytes are the scanner's `scratch`, not `range`.
    var escaped: Bool
}

private let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

private struct LineScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    /// The bytes of a string with escapes (reused for every such string).
    var scratch: [UInt8] = []
    /// Strings earlier lines made that this one may repeat (credentials, header names).
    let repeated: RepeatedStrings

    init(bytes: UnsafeBufferPointer<UInt8>, repeated: RepeatedStrings) {
        self.bytes = bytes
        self.repeated = repeated
    }

    // MARK: The vector

    mutating func vector(file: String) throws(Declined) -> Vector {
        // A line that starts elsewhere than with '{' (blank prefix, a byte-order mark) is rare: the slow path places it.
        guard bytes.first == UInt8(ascii: "{") else { throw Declined() }
        var seen: UInt16 = 0
        var id: String?, venue: String?, comment: String?, tags: [String] = []
        var credentials: Credentials?, request: HTTPRequest?, time = TimeContext()
        var result: ExpectedResult?, expect: Expectation?, keyChoices: [String: String] = [:]
        // Members are read in a loop, not through a closure per member: values a closure
        // captures are copied into the vector instead of moved (a fifth of the decoder; callgrind).
        var more = try openObject()
        while more {
            let key = try memberName()
            let member: UInt16
            if self.key(key, is: "id") {
                member = Member.id
                let value = try readString()
                guard withBytes(value, { !$0.isEmpty && $0.count <= 200 && $0.allSatisfy(VectorDecoder.isIDByte) }) else { throw Declined() }
                id = make(value)
            } else if self.key(key, is: "venue") {
                member = Member.venue
                let value = try readString()
                // RecipeDecoder.isVenueID on the bytes: every allowed character is one ASCII byte.
                guard withBytes(value, { bytes in
                    !bytes.isEmpty && bytes.count <= 64
                        && bytes.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "-") }
                }) else { throw Declined() }
                venue = make(value)
            } else if self.key(key, is: "comment") {
                member = Member.comment
                comment = try string()
            } else if self.key(key, is: "tags") {
                member = Member.tags
                tags = try stringArray()
            } else if self.key(key, is: "credentials") {
                member = Member.credentials
                credentials = try readCredentials()
            } else if self.key(key, is: "request") {
                member = Member.request
                request = try readRequest()
            } else if self.key(key, is: "time") {
                member = Member.time
                time = try readTime()
            } else if self.key(key, is: "result") {
                member = Member.result
                let value = try readString()
                // ExpectedResult's raw values, matched on the bytes instead of through a string.
                if withBytes(value, { Self.equal($0, "valid") }) {
                    result = .valid
                } else if withBytes(value, { Self.equal($0, "invalid") }) {
                    result = .invalid
                } else {
                    throw Declined()
                }
            } else if self.key(key, is: "expect") {
                member = Member.expect
                expect = try readExpectation()
            } else if self.key(key, is: "keyOptions") {
                member = Member.keyOptions
                var moreChoices = try openObject()
                while moreChoices {
                    let key = try memberName()
                    let name = keyString(key)
                    // `$` members are annotations the slow path leaves out; a repeat is a duplicate key.
                    guard !name.hasPrefix("$"), keyChoices[name] == nil else { throw Declined() }
                    keyChoices[name] = try string()
                    moreChoices = try hasNextMember()
                }
            } else {
                throw Declined()
            }
            guard seen & member == 0 else { throw Declined() }
            seen |= member
            more = try hasNextMember()
        }
        skipWhitespace()
        guard index == bytes.count else { throw Declined() }
        // Moved out of the optionals (`take()`), not copied out of them and then released.
        guard let id = id.take(), let venue = venue.take(), let request = request.take(), let result, let expect = expect.take() else { throw Declined() }
        // The decoder's rules on what a result needs (VectorDecoder.decodeVector).
        switch result {
        case .invalid: guard expect.diagnosis != nil else { throw Declined() }
        case .valid:
            guard expect.diagnosis == nil, expect.prehash != nil || expect.signature != nil || !expect.headers.isEmpty else { throw Declined() }
        }
        var vector = Vector(id: id, venue: venue, comment: comment, tags: tags, credentials: credentials.take() ?? Credentials(), request: request,
                            time: time, result: result, expect: expect,
                            origin: VectorOrigin(file: file, pointer: "", location: SourceLocation(line: 1, column: 1)))
        if !keyChoices.isEmpty { vector.keyChoices = keyChoices }
        return vector
    }

    mutating func readCredentials() throws(Declined) -> Credentials {
        // Members gathered in locals and handed to the initialiser once: setting them on a
        // `Credentials` copied it twice a vector (callgrind).
        var apiKey: String?, secret: String?, passphrase: String?, fields: [String: String] = [:], otherSecrets: [String] = []
        var seen: UInt16 = 0
        var more = try openObject()
        while more {
            let key = try memberName()
            var member: UInt16 = 0
            if self.key(key, is: "apiKey") {
                member = 1
                apiKey = try repeatedString(keep: true)
            } else if self.key(key, is: "secret") {
                member = 2
                secret = try repeatedString(keep: true)
            } else if self.key(key, is: "passphrase") {
                member = 4
                passphrase = try repeatedString(keep: true)
            } else if self.key(key, is: "otherSecrets") {
                member = 8
                otherSecrets = try stringArray()
                // Too many is the decoder's error to report.
                guard otherSecrets.count <= Credentials.maximumOtherSecrets else { throw Declined() }
            } else {
                // A field the recipe declares; anything else is the slow path's error.
                let name = keyString(key)
                guard Credentials.isFieldName(name), fields[name] == nil else { throw Declined() }
                fields[name] = try string()
            }
            guard seen & member == 0 else { throw Declined() }
            seen |= member
            more = try hasNextMember()
        }
        return Credentials(apiKey: apiKey, secret: secret, passphrase: passphrase, fields: fields, otherSecrets: otherSecrets)
    }

    mutating func readRequest() throws(Declined) -> HTTPRequest {
        var method: String?, path: String?, host: String?, query: String?, body: String?, headers: HTTPHeaders?
        var seen: UInt16 = 0
        var more = try openObject()
        while more {
            let key = try memberName()
            let member: UInt16
            if self.key(key, is: "method") {
                member = 1
                let value = try readString()
                guard withBytes(value, { !$0.isEmpty && $0.allSatisfy { ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") } }) else { throw Declined() }
                method = make(value)
            } else if self.key(key, is: "path") {
                member = 2
                let value = try readString()
                guard !withBytes(value, { $0.contains(UInt8(ascii: "?")) }) else { throw Declined() }
                // A corpus signs the same few endpoints over and over.
                path = withBytes(value) { repeated.string($0, keep: true) }
            } else if self.key(key, is: "host") {
                member = 4
                host = try string()
            } else if self.key(key, is: "query") {
                member = 8
                let value = try readString()
                guard withBytes(value, { $0.first != UInt8(ascii: "?") }) else { throw Declined() }
                query = make(value)
            } else if self.key(key, is: "body") {
                member = 16
                body = try string()
            } else if self.key(key, is: "headers") {
                member = 32
                let (fields, checked) = try headerObject(values: .lookedUp) { HTTPHeaders.Field(name: $0, value: $1) }
                let read = HTTPHeaders(fields: fields)
                guard checked || read.repeatedName() == nil else { throw Declined() }
                headers = read
            } else {
                throw Declined()
            }
            guard seen & member == 0 else { throw Declined() }
            seen |= member
            more = try hasNextMember()
        }
        guard let method = method.take(), let path = path.take() else { throw Declined() }
        let request = HTTPRequest(method: method, host: host.take(), path: path, query: query.take() ?? "", headers: headers.take() ?? HTTPHeaders(), body: body.take() ?? "")
        guard InputLimits.oversizedRequest(request) == nil else { throw Declined() }
        return request
    }

    /// An object of strings (headers), each pair made by `make`, in order. A name repeated in
    /// any letter case is refused by the decoder: with `checked`, the names were ASCII and none
    /// is repeated; otherwise the caller asks `HTTPHeaders.repeatedName()`.
    ///
    /// Names are kept in ``repeated`` (every line of a venue sends the same ones); `values` says
    /// whether a value is looked up there (a request's: its API key or passphrase header) or
    /// only made (an expectation's: signatures, which no other line repeats).
    mutating func headerObject<Element>(values: HeaderValues, _ make: (String, String) -> Element) throws(Declined) -> (elements: [Element], checked: Bool) {
        // A request has a handful of headers: room for eight, so the array is not regrown.
        var elements: [Element] = []
        elements.reserveCapacity(8)
        // The names' bytes, to find a repeat without the strings when every name is ASCII (nearly always).
        var names = InlineArray<16, Range<Int>>(repeating: 0..<0)
        var asciiNames = true
        var more = try openObject()
        while more {
            let key = try memberName()
            if elements.count < names.count { names[elements.count] = key }
            if asciiNames, !isASCII(key) { asciiNames = false }
            let name = repeated.string(UnsafeBufferPointer(rebasing: bytes[key]), keep: true)
            let value = try readString()
            elements.append(make(name, values == .lookedUp ? withBytes(value) { repeated.string($0, keep: false) } : self.make(value)))
            more = try hasNextMember()
        }
        guard asciiNames, elements.count <= names.count else { return (elements, false) }
        // ASCII names are one header exactly when they are equal ignoring ASCII case, as
        // `equalsIgnoringCase` compares them (HTTPHeaders.repeatedName).
        for later in 0..<elements.count {
            for earlier in 0..<later where equalIgnoringASCIICase(names[earlier], names[later]) { throw Declined() }
        }
        return (elements, true)
    }

    mutating func readTime() throws(Declined) -> TimeContext {
        var time = TimeContext()
        var seen: UInt16 = 0
        var more = try openObject()
        while more {
            let key = try memberName()
            if self.key(key, is: "serverTime") {
                guard seen & 1 == 0 else { throw Declined() }
                seen |= 1
                let number = try integer()
                guard TimestampCodec.validMilliseconds.contains(number) else { throw Declined() }
                time.serverTime = number
            } else if self.key(key, is: "recvWindow") {
                guard seen & 2 == 0 else { throw Declined() }
                seen |= 2
                let number = try integer()
                guard number >= 0 else { throw Declined() }
                time.recvWindow = number
            } else {
                throw Declined()
            }
            more = try hasNextMember()
        }
        return time
    }

    mutating func readExpectation() throws(Declined) -> Expectation {
        var expect = Expectation()
        var seen: UInt16 = 0
        var more = try openObject()
        while more {
            let key = try memberName()
            let member: UInt16
            if self.key(key, is: "prehash") {
                member = 1
                let value = try readString()
                expect.prehash = withBytes(value) { Array($0) }
            } else if self.key(key, is: "prehashHex") {
                member = 2
                expect.prehash = try hexBytes()
            } else if self.key(key, is: "signature") {
                member = 4
                expect.signature = try string()
            } else if self.key(key, is: "headers") {
                member = 8
                // Straight into the fields the expectation keeps: no pairs, no HTTPHeaders.
                let (fields, checked) = try headerObject(values: .made) { HTTPHeaders.Field(name: $0, value: $1) }
                guard checked || HTTPHeaders(fields.map { ($0.name, $0.value) }).repeatedName() == nil else { throw Declined() }
                expect.headers = fields
            } else if self.key(key, is: "diagnosis") {
                member = 16
                let ids = try stringArray()
                guard !ids.isEmpty else { throw Declined() }
                expect.diagnosis = ids
            } else if self.key(key, is: "clientPrehash") {
                member = 32
                let value = try readString()
                expect.clientPrehash = withBytes(value) { Array($0) }
            } else if self.key(key, is: "clientPrehashHex") {
                member = 64
                expect.clientPrehash = try hexBytes()
            } else {
                throw Declined()
            }
            guard seen & member == 0 else { throw Declined() }
            seen |= member
            more = try hasNextMember()
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

    /// Opens an object: whether it has a member (read with ``memberName()``, then its value,
    /// then ``hasNextMember()``).
    mutating func openObject() throws(Declined) -> Bool {
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else { throw Declined() }
        index += 1
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return false
        }
        return true
    }

    /// The range of the next member's name (its bytes, no escapes), the cursor left on its value.
    mutating func memberName() throws(Declined) -> Range<Int> {
        skipWhitespace()
        let key = try rawKey()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw Declined() }
        index += 1
        skipWhitespace()
        return key
    }

    /// After a member's value: whether another member follows, or the object ended.
    mutating func hasNextMember() throws(Declined) -> Bool {
        skipWhitespace()
        guard index < bytes.count else { throw Declined() }
        if bytes[index] == UInt8(ascii: ",") {
            index += 1
            return true
        }
        guard bytes[index] == UInt8(ascii: "}") else { throw Declined() }
        index += 1
        return false
    }

    /// A member name without escapes: the range of its bytes.
    mutating func rawKey() throws(Declined) -> Range<Int> {
        guard index < bytes.count, bytes[index] == quote else { throw Declined() }
        let start = index + 1
        index = start
        // Nearly every name is plain ASCII: found a word at a time, nothing to validate.
        skipPlainASCII()
        if index < bytes.count, bytes[index] == quote {
            index += 1
            return start..<(index - 1)
        }
        var position = index
        var high: UInt8 = 0
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote { break }
            if byte == backslash || byte < 0x20 { throw Declined() }
            high |= byte
            position += 1
        }
        guard position < bytes.count else { throw Declined() }
        if high >= 0x80, String(validating: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self) == nil { throw Declined() }
        index = position + 1
        return start..<position
    }

    /// Whether the name at `key` is `name` (ASCII). Inlined, so the length is a constant and
    /// most names are told apart by it alone.
    @inline(__always)
    func key(_ key: Range<Int>, is name: StaticString) -> Bool {
        Self.equal(UnsafeBufferPointer(rebasing: bytes[key]), name)
    }

    /// Whether `bytes` are `text` (ASCII).
    @inline(__always)
    static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString) -> Bool {
        bytes.count == text.utf8CodeUnitCount && memcmp(bytes.baseAddress!, text.utf8Start, bytes.count) == 0
    }

    /// The name at `key` as a string (already checked to be UTF-8 without escapes).
    func keyString(_ key: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[key]), as: UTF8.self)
    }

    func isASCII(_ range: Range<Int>) -> Bool {
        for position in range where bytes[position] >= 0x80 { return false }
        return true
    }

    /// Whether the bytes at `a` and `b` are equal ignoring ASCII letter case.
    func equalIgnoringASCIICase(_ a: Range<Int>, _ b: Range<Int>) -> Bool {
        guard a.count == b.count else { return false }
        for offset in 0..<a.count {
            let x = bytes[a.lowerBound + offset], y = bytes[b.lowerBound + offset]
            if x != y, CaseFolding.lowercase(x) != CaseFolding.lowercase(y) { return false }
        }
        return true
    }

    /// A string value that other lines may repeat, through ``repeated``.
    mutating func repeatedString(keep: Bool) throws(Declined) -> String {
        let value = try readString()
        return withBytes(value) { repeated.string($0, keep: keep) }
    }

    mutating func string() throws(Declined) -> String {
        // Read first, then made: `make(try readString())` would take `self` (and the old
        // `scratch`) before the read that fills it.
        let value = try readString()
        return make(value)
    }

    /// `body` with the UTF-8 of `value` (valid only during the call).
    func withBytes<Result>(_ value: StringValue, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        value.escaped ? scratch.withUnsafeBufferPointer(body) : body(UnsafeBufferPointer(rebasing: bytes[value.range]))
    }

    /// The string `value` holds. Its bytes are valid UTF-8 already (``readString()``); the
    /// standard library checks them again, quickly for ASCII, and there is no public way around
    /// it (the check is a tenth of making a string; the allocation is most of it, which
    /// ``RepeatedStrings`` saves for values other lines repeat).
    func make(_ value: StringValue) -> String {
        withBytes(value) { String(decoding: $0, as: UTF8.self) }
    }

    /// A string of hex digits as its bytes, decoded from the line (``Hex/decode(_:)``'s rule: an
    /// even number of digits, either case); anything else declines.
    mutating func hexBytes() throws(Declined) -> [UInt8] {
        let value = try readString()
        let decoded = withBytes(value) { digits -> [UInt8]? in
            guard digits.count % 2 == 0 else { return nil }
            var valid = true
            let bytes = [UInt8](unsafeUninitializedCapacity: digits.count / 2) { buffer, count in
                for offset in 0..<buffer.count {
                    guard let high = JSONParser.hexDigit(digits[2 * offset]), let low = JSONParser.hexDigit(digits[2 * offset + 1]) else {
                        valid = false
                        break
                    }
                    buffer[offset] = UInt8(truncatingIfNeeded: high << 4 | low)
                    count = offset + 1
                }
            }
            return valid ? bytes : nil
        }
        guard let decoded else { throw Declined() }
        return decoded
    }

    /// Moves `index` past plain string content (ASCII, no quote, backslash or control byte),
    /// eight bytes at a time: string values are most of a line's bytes.
    mutating func skipPlainASCII() {
        guard let base = bytes.baseAddress else { return }
        var position = index
        // Two words a turn: one test of both when neither has a stop byte (most turns).
        while position + 16 <= bytes.count {
            let first = Self.stopBytes(UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)))
            let second = Self.stopBytes(UInt64(littleEndian: UnsafeRawPointer(base + position + 8).loadUnaligned(as: UInt64.self)))
            if first | second != 0 {
                index = position + (first != 0 ? first.trailingZeroBitCount >> 3 : 8 + second.trailingZeroBitCount >> 3)
                return
            }
            position += 16
        }
        while position + 8 <= bytes.count {
            let stops = Self.stopBytes(UInt64(littleEndian: UnsafeRawPointer(base + position).loadUnaligned(as: UInt64.self)))
            if stops != 0 {
                index = position + stops.trailingZeroBitCount >> 3
                return
            }
            position += 8
        }
        while position < bytes.count {
            let byte = bytes[position]
            if byte == quote || byte == backslash || byte < 0x20 || byte >= 0x80 { break }
            position += 1
        }
        index = position
    }

    /// The high bit of each byte of `word` that is a quote, a backslash, a control byte or not
    /// ASCII; exact for the lowest such byte (a borrow can only mark bytes above a marked one).
    static func stopBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let quotes = word ^ (ones &* UInt64(quote)), backslashes = word ^ (ones &* UInt64(backslash))
        let isQuote = (quotes &- ones) & ~quotes
        let isBackslash = (backslashes &- ones) & ~backslashes
        let isControl = (word &- ones &* 0x20) & ~word
        return (isQuote | isBackslash | isControl | word) & highs
    }

    /// Reads a string value: its UTF-8 is validated and its escapes resolved (into `scratch`).
    mutating func readString() throws(Declined) -> StringValue {
        guard index < bytes.count, bytes[index] == quote else { throw Declined() }
        index += 1
        let start = index
        var runStart = index
        var escaped = false
        // Whether the current run between escapes has a byte of 0x80 or more: it is then
        // validated on its own, as the parser checks it, and read on byte by byte.
        var high = false
        while true {
            if high {
                while index < bytes.count {
                    let byte = bytes[index]
                    if byte == quote || byte == backslash || byte < 0x20 { break }
                    index += 1
                }
            } else {
                skipPlainASCII()
            }
            guard index < bytes.count else { throw Declined() }
            let byte = bytes[index]
            if byte >= 0x80 {
                high = true
                continue
            }
            let run = UnsafeBufferPointer(rebasing: bytes[runStart..<index])
            if high, String(validating: run, as: UTF8.self) == nil { throw Declined() }
            if byte == quote {
                index += 1
                if escaped { scratch.append(contentsOf: run) }
                return StringValue(range: start..<(index - 1), escaped: escaped)
            }
            guard byte == backslash else { throw Declined() }
            high = false
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
        // Tags and diagnoses are a few names: room for four, so the array is not regrown.
        strings.reserveCapacity(4)
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
        var negative = false
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        let digitsStart = index
        // Up to 18 digits cannot overflow Int64; 19 are summed with overflow checks.
        var magnitude: Int64 = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            guard index - digitsStart < 19 else { throw Declined() }
            let (times10, overflowA) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times10.addingReportingOverflow(Int64(bytes[index] - 0x30))
            guard !overflowA, !overflowB else {
                // -9223372036854775808 is the one value whose magnitude is not an Int64.
                throw Declined()
            }
            magnitude = sum
            index += 1
        }
        let count = index - digitsStart
        guard count > 0, bytes[digitsStart] != UInt8(ascii: "0") || count == 1 else { throw Declined() }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] | 0x20 == UInt8(ascii: "e") { throw Declined() }
        return negative ? -magnitude : magnitude
    }
}
