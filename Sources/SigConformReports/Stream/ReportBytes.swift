/// Report text appended as UTF-8 to a byte buffer that is kept and reused, with each format's
/// escaping done on bytes. Passed vectors are nearly all of a large run's output; building their
/// entries as `String`s (concatenation, scalar-by-scalar escaping, a copy into the spool) cost
/// more than checking them (issue 20). Each escape writes exactly what its `String` counterpart
/// in ``Escaping`` or ``JSONWriter`` writes (ReportBytesTests compares them), so a report holds
/// the same text whichever path wrote it.
struct ReportBytes {
    private(set) var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1024) }

    /// Empties the buffer, keeping its storage for the next entry.
    mutating func clear() { bytes.removeAll(keepingCapacity: true) }

    /// `text` as it is (markup and literals the reporter wrote, never input).
    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `text` unescaped: only for text that holds nothing the format escapes (numbers, fixed words).
    mutating func appendRaw(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `items`, each written by `write`, with `separator` between them.
    mutating func append(_ items: [String], separator: StaticString, _ write: (inout ReportBytes, String) -> Void) {
        for (index, item) in items.enumerated() {
            if index > 0 { append(separator) }
            write(&self, item)
        }
    }

    mutating func append(_ number: Int) {
        if number < 0 {
            bytes.append(UInt8(ascii: "-"))
            bytes.append(contentsOf: Self.digits(UInt(number.magnitude)))
        } else {
            bytes.append(contentsOf: Self.digits(UInt(number)))
        }
    }

    private static func digits(_ value: UInt) -> [UInt8] {
        var value = value
        var reversed: [UInt8] = []
        repeat {
            reversed.append(UInt8(ascii: "0") + UInt8(value % 10))
            value /= 10
        } while value > 0
        return reversed.reversed()
    }

    /// A JSON string literal with its quotes, as ``JSONWriter`` writes it in its compact style:
    /// `"`, `\` and the C0 controls escaped, everything else (UTF-8 included) as it is.
    mutating func appendJSONString(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        Self.forEachRun(of: text, into: &bytes) { byte, _, _ in
            switch byte {
            case UInt8(ascii: "\""): return (Self.escaped("\\\""), 1)
            case UInt8(ascii: "\\"): return (Self.escaped("\\\\"), 1)
            case 0x0A: return (Self.escaped("\\n"), 1)
            case 0x0D: return (Self.escaped("\\r"), 1)
            case 0x09: return (Self.escaped("\\t"), 1)
            case 0x08: return (Self.escaped("\\b"), 1)
            case 0x0C: return (Self.escaped("\\f"), 1)
            case ..<0x20: return (Array("\\u00".utf8) + Self.hex2(byte), 1)
            default: return nil
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// HTML text or a quoted attribute value, as ``Escaping/html(_:)`` writes it: the five
    /// special characters as entities, controls other than line feed, carriage return and tab
    /// (C0, DEL and the C1 controls) shown as `\xNN`.
    mutating func appendHTML(_ text: String) {
        Self.forEachRun(of: text, into: &bytes) { byte, next, _ in
            switch byte {
            case UInt8(ascii: "&"): return (Self.escaped("&amp;"), 1)
            case UInt8(ascii: "<"): return (Self.escaped("&lt;"), 1)
            case UInt8(ascii: ">"): return (Self.escaped("&gt;"), 1)
            case UInt8(ascii: "\""): return (Self.escaped("&quot;"), 1)
            case UInt8(ascii: "'"): return (Self.escaped("&#39;"), 1)
            case 0x0A, 0x0D, 0x09: return nil
            case ..<0x20, 0x7F: return (Array("\\x".utf8) + Self.hex2(byte), 1)
            // U+0080…U+009F, the C1 controls, are C2 80…C2 9F in UTF-8.
            case 0xC2 where (0x80...0x9F).contains(next): return (Array("\\x".utf8) + Self.hex2(next), 2)
            default: return nil
            }
        }
    }

    /// An XML attribute value, as ``Escaping/xml(_:attribute:)`` writes it: what XML 1.0 cannot
    /// carry, DEL and the C1 controls removed; markup characters, quotes, line breaks and tabs
    /// as references.
    mutating func appendXMLAttribute(_ text: String) {
        Self.forEachRun(of: text, into: &bytes) { byte, next, third in
            switch byte {
            case UInt8(ascii: "&"): return (Self.escaped("&amp;"), 1)
            case UInt8(ascii: "<"): return (Self.escaped("&lt;"), 1)
            case UInt8(ascii: ">"): return (Self.escaped("&gt;"), 1)
            case UInt8(ascii: "\""): return (Self.escaped("&quot;"), 1)
            case UInt8(ascii: "'"): return (Self.escaped("&apos;"), 1)
            case 0x0A: return (Self.escaped("&#10;"), 1)
            case 0x0D: return (Self.escaped("&#13;"), 1)
            case 0x09: return (Self.escaped("&#9;"), 1)
            case ..<0x20, 0x7F: return ([], 1)
            case 0xC2 where (0x80...0x9F).contains(next): return ([], 2)
            // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
            case 0xEF where next == 0xBF && (third == 0xBE || third == 0xBF): return ([], 3)
            default: return nil
            }
        }
    }

    private static func escaped(_ text: StaticString) -> [UInt8] {
        text.withUTF8Buffer { Array($0) }
    }

    private static func hex2(_ byte: UInt8) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return [digits[Int(byte >> 4)], digits[Int(byte & 0xF)]]
    }

    /// Copies `text` into `out` in runs, calling `replacement` on each byte that may need an
    /// escape (with the two bytes after it, 0 past the end): it returns the bytes to write in
    /// place of how many input bytes, or `nil` to keep the byte. Most text needs no escape and is
    /// copied in one piece.
    private static func forEachRun(of text: String, into out: inout [UInt8],
                                   _ replacement: (UInt8, UInt8, UInt8) -> (bytes: [UInt8], count: Int)?) {
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                // Printable ASCII other than the markup characters never changes: the common case, tested first.
                if byte >= 0x20, byte < 0x7F, !Self.mayEscape(byte) {
                    index += 1
                    continue
                }
                let next = index + 1 < utf8.count ? utf8[index + 1] : 0
                let third = index + 2 < utf8.count ? utf8[index + 2] : 0
                guard let (written, count) = replacement(byte, next, third) else {
                    index += 1
                    continue
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
                out.append(contentsOf: written)
                index += count
                runStart = index
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
        }
    }

    /// The printable ASCII bytes some format escapes: `"`, `&`, `'`, `<`, `>`, `\`.
    private static func mayEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "&"), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\\"): true
        default: false
        }
    }
}
