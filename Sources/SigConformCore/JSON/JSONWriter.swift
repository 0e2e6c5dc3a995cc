/// Writes ``JSONValue``s back to text, in the serialisations clients commonly produce.
public enum JSONWriter {
    /// How a client serialises JSON.
    public struct Style: Sendable, Hashable {
        /// The member separator: `":"` compact, `": "` Python's default.
        public var colon: String
        /// The element separator: `","` compact, `", "` Python's default.
        public var comma: String
        /// Write strings with single quotes and `True`/`False`/`None` (Python's `str(dict)`).
        public var pythonRepr: Bool
        /// Sort object keys (Python `sort_keys=True`, Go maps).
        public var sortKeys: Bool
        /// Escape non-ASCII as `\uXXXX` (Python's default `ensure_ascii=True`).
        public var escapeNonASCII: Bool
        /// Escape `/` as `\/` (PHP `json_encode`).
        public var escapeSlash: Bool

        public init(colon: String = ":", comma: String = ",", sortKeys: Bool = false, escapeNonASCII: Bool = false, escapeSlash: Bool = false,
                    pythonRepr: Bool = false) {
            self.pythonRepr = pythonRepr
            self.colon = colon
            self.comma = comma
            self.sortKeys = sortKeys
            self.escapeNonASCII = escapeNonASCII
            self.escapeSlash = escapeSlash
        }

        /// No spaces, keys in order, UTF-8 kept (JavaScript's JSON.stringify, most HTTP clients).
        public static let compact = Style()
        /// Python's `json.dumps` defaults.
        public static let python = Style(colon: ": ", comma: ", ", escapeNonASCII: true)
        /// Python's `str(dict)`: not JSON, but a frequent accident.
        public static let pythonRepr = Style(colon: ": ", comma: ", ", pythonRepr: true)

        /// Whether a string holding this UTF-8 byte is written with escapes.
        func needsEscape(_ byte: UInt8) -> Bool {
            byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
                || (escapeSlash && byte == UInt8(ascii: "/")) || (escapeNonASCII && byte >= 0x80)
        }
    }

    public static func compact(_ value: JSONValue) -> String { write(value, style: .compact) }

    public static func write(_ value: JSONValue, style: Style) -> String {
        var out = ""
        append(value, style: style, to: &out)
        return out
    }

    /// Appends `value` as ``write(_:style:)`` writes it.
    public static func append(_ value: JSONValue, style: Style, to out: inout String) {
        switch value {
        case .null: out += style.pythonRepr ? "None" : "null"
        case .bool(let b): out += style.pythonRepr ? (b ? "True" : "False") : (b ? "true" : "false")
        case .number(let n): out += n
        case .string(let s): appendString(s, style: style, to: &out)
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += style.comma }
                append(element, style: style, to: &out)
            }
            out += "]"
        case .object(let members):
            let ordered = style.sortKeys ? members.sorted { Array($0.key.utf16).lexicographicallyPrecedes(Array($1.key.utf16)) } : members
            out += "{"
            for (index, member) in ordered.enumerated() {
                if index > 0 { out += style.comma }
                appendString(member.key, style: style, to: &out)
                out += style.colon
                append(member.value, style: style, to: &out)
            }
            out += "}"
        }
    }

    static func appendString(_ text: String, style: Style, to out: inout String) {
        if style.pythonRepr {
            // Python's repr: single quotes unless the text holds one and no double quote.
            let quote = text.contains("'") && !text.contains("\"") ? "\"" : "'"
            out += quote
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default:
                    if String(scalar) == quote { out += "\\" + quote } else { out.unicodeScalars.append(scalar) }
                }
            }
            out += quote
            return
        }
        out += "\""
        // Most strings need no escape: copied whole, not scalar by scalar.
        if !text.utf8.contains(where: { style.needsEscape($0) }) {
            out += text
            out += "\""
            return
        }
        // Runs between escapes are copied whole; only the escaped bytes are written one by one
        // (a prehash with line breaks was appended scalar by scalar: 17 % of a run with reports).
        let utf8 = text.utf8
        var runStart = utf8.startIndex
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            guard style.needsEscape(byte) else {
                index = utf8.index(after: index)
                continue
            }
            // Every escaped byte is ASCII or starts a scalar, so runs start and end on scalar
            // boundaries; they are sliced by scalars, never by characters (a combining mark after
            // an escaped quote would round a character slice back over the quote).
            out.append(contentsOf: Substring(text.unicodeScalars[runStart..<index]))
            if byte >= 0x80 {
                // escapeNonASCII: the scalar as UTF-16 `\u` escapes.
                let scalar = text.unicodeScalars[index]
                for unit in String(scalar).utf16 { out += "\\u" + hex4(unit) }
                index = text.unicodeScalars.index(after: index)
            } else {
                switch byte {
                case UInt8(ascii: "\""): out += "\\\""
                case UInt8(ascii: "\\"): out += "\\\\"
                case UInt8(ascii: "/"): out += "\\/"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                case 0x08: out += "\\b"
                case 0x0C: out += "\\f"
                default: out += "\\u" + hex4(UInt16(byte))
                }
                index = utf8.index(after: index)
            }
            runStart = index
        }
        out.append(contentsOf: Substring(text.unicodeScalars[runStart..<index]))
        out += "\""
    }

    static func hex4(_ unit: UInt16) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(unit >> 12)], digits[Int(unit >> 8 & 0xf)], digits[Int(unit >> 4 & 0xf)], digits[Int(unit & 0xf)]])
    }
}
