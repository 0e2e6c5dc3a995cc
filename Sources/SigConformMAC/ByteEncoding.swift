/// Text encodings of byte strings used by signatures, keys and vectors: hex and base64.
///
/// Written against the standard library only so that the pure-Swift backend and everything
/// above it share one strict decoder (Foundation's base64 decoder is lenient about padding
/// and line breaks in ways that would hide vector mistakes).
public enum ByteEncoding: String, CaseIterable, Sendable, Codable {
    /// Lower-case hexadecimal.
    case hex
    /// Upper-case hexadecimal.
    case hexUpper = "hex-upper"
    /// Standard base64 with `=` padding (RFC 4648 §4).
    case base64
    /// URL-safe base64 (RFC 4648 §5), `-` and `_`, with padding.
    case base64url

    /// Encodes `bytes` as text.
    public func encode(_ bytes: [UInt8]) -> String {
        switch self {
        case .hex: Hex.encode(bytes, uppercase: false)
        case .hexUpper: Hex.encode(bytes, uppercase: true)
        case .base64: Base64.encode(bytes, urlSafe: false)
        case .base64url: Base64.encode(bytes, urlSafe: true)
        }
    }

    /// Decodes `text`, or returns `nil` when it is not valid in this encoding.
    /// Hex decoding accepts either case; base64 requires canonical padding.
    public func decode(_ text: String) -> [UInt8]? {
        switch self {
        case .hex, .hexUpper: Hex.decode(text)
        case .base64: Base64.decode(text, urlSafe: false)
        case .base64url: Base64.decode(text, urlSafe: true)
        }
    }
}

/// Hexadecimal encoding of byte strings.
package enum Hex {
    private static let lower = Array("0123456789abcdef".utf8)
    private static let upper = Array("0123456789ABCDEF".utf8)

    /// Encodes `bytes` as hex, two digits per byte.
    package static func encode(_ bytes: some Sequence<UInt8>, uppercase: Bool = false) -> String {
        // Arrays and slices (every caller) are encoded from their storage into the string's own:
        // iterating an unspecialised generic sequence cost 20,000 instructions a `check` vector.
        if let text = bytes.withContiguousStorageIfAvailable({ encode(contiguous: $0, uppercase: uppercase) }) { return text }
        return Array(bytes).withUnsafeBufferPointer { encode(contiguous: $0, uppercase: uppercase) }
    }

    private static func encode(contiguous bytes: UnsafeBufferPointer<UInt8>, uppercase: Bool) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            encode(bytes, uppercase: uppercase, into: out)
            return bytes.count * 2
        }
    }

    /// Writes the hex of `bytes` to the first `2 × bytes.count` bytes of `out`, without
    /// allocating (a search loop encodes a digest per candidate).
    package static func encode(_ bytes: UnsafeBufferPointer<UInt8>, uppercase: Bool, into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= 2 * bytes.count, "output shorter than the hex")
        (uppercase ? upper : lower).withUnsafeBufferPointer { digits in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = digits[Int(byte >> 4)]
                out[2 * index + 1] = digits[Int(byte & 0x0f)]
            }
        }
    }

    /// Decodes hex of either case; `nil` for odd length or a non-hex character.
    package static func decode(_ text: String) -> [UInt8]? {
        let utf8 = Array(text.utf8)
        guard utf8.count % 2 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 2)
        var index = 0
        while index < utf8.count {
            guard let high = nibble(utf8[index]), let low = nibble(utf8[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return out
    }

    /// Whether `text` is non-empty hex of even length.
    package static func isHex(_ text: String) -> Bool { !text.isEmpty && decode(text) != nil }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// Base64 encoding (RFC 4648), standard and URL-safe alphabets.
package enum Base64 {
    private static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let urlSafe = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Encodes `bytes` with `=` padding.
    package static func encode(_ bytes: [UInt8], urlSafe useURLAlphabet: Bool = false) -> String {
        let length = encodedLength(bytes.count)
        return bytes.withUnsafeBufferPointer { bytes in
            String(unsafeUninitializedCapacity: length) { out in
                encode(bytes, urlSafe: useURLAlphabet, into: out)
                return length
            }
        }
    }

    /// Characters of the padded base64 of `count` bytes.
    package static func encodedLength(_ count: Int) -> Int { (count + 2) / 3 * 4 }

    /// Writes the padded base64 of `bytes` to the first ``encodedLength(_:)`` bytes of `out`,
    /// without allocating (a search loop encodes a payload window per candidate).
    package static func encode(_ bytes: UnsafeBufferPointer<UInt8>, urlSafe useURLAlphabet: Bool = false, into out: UnsafeMutableBufferPointer<UInt8>) {
        precondition(out.count >= encodedLength(bytes.count), "output shorter than the base64")
        (useURLAlphabet ? urlSafe : standard).withUnsafeBufferPointer { alphabet in
            var index = 0
            var position = 0
            func put(_ byte: UInt8) {
                out[position] = byte
                position += 1
            }
            while index + 3 <= bytes.count {
                let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
                put(alphabet[Int(chunk >> 18 & 63)])
                put(alphabet[Int(chunk >> 12 & 63)])
                put(alphabet[Int(chunk >> 6 & 63)])
                put(alphabet[Int(chunk & 63)])
                index += 3
            }
            let remaining = bytes.count - index
            if remaining > 0 {
                var chunk = UInt32(bytes[index]) << 16
                if remaining == 2 { chunk |= UInt32(bytes[index + 1]) << 8 }
                put(alphabet[Int(chunk >> 18 & 63)])
                put(alphabet[Int(chunk >> 12 & 63)])
                put(remaining == 2 ? alphabet[Int(chunk >> 6 & 63)] : UInt8(ascii: "="))
                put(UInt8(ascii: "="))
            }
        }
    }

    /// Decodes canonical base64: length a multiple of 4, padding only at the end, no whitespace,
    /// and zero bits in the unused part of the last symbol. Returns `nil` otherwise.
    /// `strict: false` accepts non-zero bits in the unused part of the last symbol, as most
    /// client libraries (Python's `b64decode`, Node's `Buffer.from`) do.
    package static func decode(_ text: String, urlSafe useURLAlphabet: Bool = false, strict: Bool = true) -> [UInt8]? {
        var utf8 = Array(text.utf8)
        if !strict {
            // Lenient readers ignore missing or surplus '=' and re-pad the data characters.
            while utf8.last == UInt8(ascii: "=") { utf8.removeLast() }
            guard utf8.count % 4 != 1 else { return nil }
            utf8 += Array(repeating: UInt8(ascii: "="), count: (4 - utf8.count % 4) % 4)
        }
        guard utf8.count % 4 == 0 else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count / 4 * 3)
        var index = 0
        while index < utf8.count {
            let isLast = index + 4 == utf8.count
            // The quantum's sextets are shifted into `chunk` as read (no array per four characters:
            // the secret of a base64 venue is decoded for every signature `check` computes).
            var chunk: UInt32 = 0
            var padding = 0
            for offset in 0..<4 {
                let c = utf8[index + offset]
                if c == UInt8(ascii: "=") {
                    guard isLast, offset >= 2 else { return nil }
                    padding += 1
                    continue
                }
                guard padding == 0, let value = sextet(c, urlSafe: useURLAlphabet) else { return nil }
                chunk = chunk << 6 | value
            }
            chunk <<= UInt32(6 * padding)
            out.append(UInt8(chunk >> 16 & 0xff))
            if padding < 2 { out.append(UInt8(chunk >> 8 & 0xff)) } else if strict, chunk & 0xffff != 0 { return nil }
            if padding < 1 { out.append(UInt8(chunk & 0xff)) } else if strict, chunk & 0xff != 0 { return nil }
            index += 4
        }
        return out
    }

    private static func sextet(_ c: UInt8, urlSafe: Bool) -> UInt32? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): UInt32(c - UInt8(ascii: "A"))
        case UInt8(ascii: "a")...UInt8(ascii: "z"): UInt32(c - UInt8(ascii: "a") + 26)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(c - UInt8(ascii: "0") + 52)
        case UInt8(ascii: "+") where !urlSafe: 62
        case UInt8(ascii: "/") where !urlSafe: 63
        case UInt8(ascii: "-") where urlSafe: 62
        case UInt8(ascii: "_") where urlSafe: 63
        default: nil
        }
    }
}
