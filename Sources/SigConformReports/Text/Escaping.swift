import SigConformCore

/// The escapes reporters write text with. The ``Redactor`` derives the escaped forms of each
/// credential from these same functions, so whatever a reporter can write, it can find.
public enum Escaping {
    /// The inside of a JSON string literal (no quotes), written as ``JSONWriter`` writes it.
    public static func json(_ text: String, style: JSONWriter.Style = .compact) -> String {
        String(JSONWriter.write(.string(text), style: style).dropFirst().dropLast())
    }

    /// JSON that can sit inside an HTML `<script>` element: `<`, `>` and `&` as `\u00XX`, so no
    /// string in it can close the element or start a comment.
    public static func scriptJSON(_ json: String) -> String {
        var out = ""
        out.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": out += "\\u003c"
            case ">": out += "\\u003e"
            case "&": out += "\\u0026"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether XML 1.0 allows `scalar` in a document (§2.2 Char): tab, line feed, carriage
    /// return, and everything from U+0020 except U+FFFE and U+FFFF (Swift scalars exclude surrogates).
    public static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: true
        case 0x20...0xFFFD: true
        case 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// XML character data or an attribute value (`attribute` also escapes quotes and line
    /// breaks, which attribute normalisation would otherwise turn into spaces). Characters XML
    /// cannot carry are removed, and so are DEL and the C1 controls, which XML 1.0 discourages
    /// (§2.2) and XML 1.1 forbids unescaped.
    public static func xml(_ text: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars where isXMLCharacter(scalar) && !(0x7F...0x9F).contains(scalar.value) {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "'" where attribute: out += "&apos;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Control characters (C0 except those `keeping`, DEL, C1) as visible `\x01`, so text
    /// from a vector file cannot move a terminal's cursor, change its colours or hide text.
    public static func visibleControls(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !keeping.contains($0) }) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar), !keeping.contains(scalar) {
                switch scalar {
                case "\n": out += "\\n"
                case "\r": out += "\\r"
                case "\t": out += "\\t"
                default: out += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 2)
                }
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// HTML text or a quoted attribute value (line breaks and tabs kept, other controls visible).
    public static func html(_ text: String) -> String {
        // Most report text is plain ASCII with nothing to escape: returned as it is.
        if !text.utf8.contains(where: { $0 >= 0x7F || ($0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09) || htmlSpecial($0) }) {
            return text
        }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in visibleControls(text, keeping: ["\n", "\r", "\t"]).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func htmlSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Markdown table cell / inline text: pipes and backticks escaped, line breaks as spaces.
    public static func markdown(_ text: String) -> String {
        var out = ""
        for character in visibleControls(text, keeping: ["\n", "\r"]) {
            switch character {
            case "|": out += "\\|"
            case "\n", "\r\n", "\r": out += " "
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "*", "_", "`", "[", "]", "\\": out += "\\" + String(character)
            default: out.append(character)
            }
        }
        return out
    }

    /// Every form `value` can take in a report: raw and each reporter's escape, plus common
    /// equivalents other tools produce (numeric character references, `\u` escapes, percent-encoding).
    public static func forms(of value: String) -> Set<String> {
        var forms: Set<String> = [value]
        let compact = json(value)
        forms.insert(compact)
        forms.insert(json(value, style: JSONWriter.Style(escapeNonASCII: true)))
        forms.insert(json(value, style: JSONWriter.Style(escapeSlash: true)))
        forms.insert(json(value, style: JSONWriter.Style(escapeNonASCII: true, escapeSlash: true)))
        forms.insert(scriptJSON(compact))
        forms.insert(xml(value))
        forms.insert(xml(value, attribute: true))
        forms.insert(html(value))
        forms.insert(numericReferences(value, hexadecimal: false))
        forms.insert(numericReferences(value, hexadecimal: true))
        forms.insert(PercentEncoding.encode(value))
        forms.insert(markdown(value))
        // Markup escapes as other libraries write them: `"` escaped or not, `'` kept or written
        // as &apos;, &#39; or &#x27;.
        for quote in ["\"", "&quot;", "&#34;"] {
            for apostrophe in ["'", "&apos;", "&#39;", "&#x27;"] {
                forms.insert(markupEscaped(value, quote: quote, apostrophe: apostrophe))
            }
        }
        return forms
    }

    static func markupEscaped(_ value: String, quote: String, apostrophe: String) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += quote
            case "'": out += apostrophe
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `value` with every character outside unreserved ASCII as `&#N;` or `&#xN;`.
    static func numericReferences(_ value: String, hexadecimal: Bool) -> String {
        var out = ""
        for scalar in value.unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "-_.~ ".unicodeScalars.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += hexadecimal ? "&#x\(String(scalar.value, radix: 16));" : "&#\(scalar.value);"
            }
        }
        return out
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
