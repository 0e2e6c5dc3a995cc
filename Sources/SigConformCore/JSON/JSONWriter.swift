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
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/" where style.escapeSlash: out += "\\/"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 || (style.escapeNonASCII && scalar.value > 0x7F) {
                    for unit in String(scalar).utf16 { out += "\\u" + hex4(unit) }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }

    static func hex4(_ unit: UInt16) -> String {
        let digits = Array("0123456789abcdef")
        return String([digits[Int(unit >> 12)], digits[Int(unit >> 8 & 0xf)], digits[Int(unit >> 4 & 0xf)], digits[Int(unit & 0xf)]])
    }
}
