import SigConformMAC

/// The escapes reporters write text with. The ``Redactor`` derives the escaped forms of each
/// credential from these same functions, so whatever a reporter can write, it can find. It
/// lives in Core (not Reports) because every layer that echoes outside text (the signer
/// harness, lint, record) scrubs with the same ``Redactor``.
package enum Escaping {
    /// The inside of a JSON string literal (no quotes), written as ``JSONWriter`` writes it.
    package static func json(_ text: String, style: JSONWriter.Style = .compact) -> String {
        String(JSONWriter.write(.string(text), style: style).dropFirst().dropLast())
    }

    /// JSON that can sit inside an HTML `<script>` element: `<`, `>` and `&` as `\u00XX`, so no
    /// string in it can close the element or start a comment.
    package static func scriptJSON(_ json: String) -> String {
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
    package static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
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
    package static func xml(_ text: String, attribute: Bool = false) -> String {
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
    package static func visibleControls(_ text: String, keeping: Set<Unicode.Scalar> = []) -> String {
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

    package static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// HTML text or a quoted attribute value (line breaks and tabs kept, other controls visible).
    package static func html(_ text: String) -> String {
        // Most report text is plain ASCII with nothing to escape: returned as it is.
        if !text.utf8.contains(where: { $0 >= 0x7F || ($0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09) || htmlSpecial($0) }) {
            return text
        }
        // One pass: what needs no escape is copied in runs (sliced by scalars, not characters),
        // controls other than line breaks and tabs shown as ``visibleControls(_:keeping:)`` shows
        // them (their `\xNN` holds nothing HTML escapes), and the five special characters escaped.
        // Going scalar by scalar through `visibleControls` cost a tenth of a run with reports.
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        let scalars = text.unicodeScalars
        var runStart = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            let replacement: String? = switch scalar {
            case "&": "&amp;"
            case "<": "&lt;"
            case ">": "&gt;"
            case "\"": "&quot;"
            case "'": "&#39;"
            case "\n", "\r", "\t": nil
            default: isControl(scalar) ? "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 2) : nil
            }
            let next = scalars.index(after: index)
            if let replacement {
                out.append(contentsOf: Substring(scalars[runStart..<index]))
                out += replacement
                runStart = next
            }
            index = next
        }
        out.append(contentsOf: Substring(scalars[runStart..<index]))
        return out
    }

    package static func htmlSpecial(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "&") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">") || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")
    }

    /// Markdown table cell / inline text: pipes and backticks escaped, line breaks as spaces.
    package static func markdown(_ text: String) -> String {
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
    /// equivalents other tools produce (numeric character references, `\u` escapes in either
    /// case, percent-encoding in either case and as Python's `quote()`, `quote_plus()` and
    /// JavaScript's `encodeURIComponent` write it).
    package static func forms(of value: String) -> Set<String> {
        // Credentials are mostly letters and digits: every escape below leaves those as they are
        // (`EscapingFormsTests` holds each escape to that), so such a value has one form. Running
        // the two dozen escapes anyway was most of the 256 k instructions a credential cost the
        // ``Redactor`` (callgrind, issue 20).
        if value.utf8.allSatisfy(isKeptByEveryEscape) { return [value] }
        return escapedForms(of: value)
    }

    /// The bytes no escape of ``escapedForms(of:)`` changes: ASCII letters, digits, `-`, `.`, `~`
    /// (RFC 3986 unreserved, without `_`, which Markdown escapes).
    package static func isKeptByEveryEscape(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "~"): true
        default: false
        }
    }

    /// ``forms(of:)`` computed by running every escape, whatever the value holds.
    package static func escapedForms(of value: String) -> Set<String> {
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
        for json in Array(forms) where json.contains("\\u") { forms.insert(uppercaseUnicodeEscapes(json)) }
        forms.formUnion(percentEncodings(of: value))
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

    /// `value` percent-encoded as the usual encoders write it: RFC 3986 unreserved kept
    /// (`urllib.parse.quote(safe='')`), also `/` kept (`quote()`'s default), also `!'()*` kept
    /// (`encodeURIComponent`), each with upper- and lower-case hex, and with space as `+`
    /// (`quote_plus`, form bodies). A client may write any of them into a signed query or body.
    static func percentEncodings(of value: String) -> Set<String> {
        let slash: Set<UInt8> = [UInt8(ascii: "/")]
        let javaScript = Set("!'()*".utf8)
        var forms: Set<String> = []
        for keep in [[], slash, javaScript] {
            for uppercase in [true, false] {
                for plus in [false, true] {
                    forms.insert(PercentEncoding.encode(value, uppercaseHex: uppercase, spaceAsPlus: plus, keep: keep))
                }
            }
        }
        return forms
    }

    /// JSON text with the hex digits of every `\uXXXX` escape in upper case (Java, .NET and
    /// some hand-written encoders; ``JSONWriter`` writes lower case).
    static func uppercaseUnicodeEscapes(_ json: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(json.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "\\"), index + 5 < bytes.count, bytes[index + 1] == UInt8(ascii: "u") {
                out += bytes[index...index + 1]
                for digit in bytes[index + 2...index + 5] {
                    out.append((UInt8(ascii: "a")...UInt8(ascii: "f")).contains(digit) ? digit - 32 : digit)
                }
                index += 6
            } else if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                out += bytes[index...index + 1]
                index += 2
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The forms `value`'s bytes take inside binary-to-text encodings of larger data: hex in
    /// both cases, and the base64 characters (standard and URL-safe alphabets) that depend on
    /// `value` alone at each of the three alignments it can start at (a `Basic` header is the
    /// base64 of `key:secret`, so the secret starts wherever the key's length puts it). Cores
    /// shorter than 8 characters are left out: they would match unrelated text.
    package static func binaryForms(of value: String) -> Set<String> {
        let bytes = Array(value.utf8)
        var forms: Set<String> = [Hex.encode(bytes), Hex.encode(bytes).uppercased()]
        for offset in 0..<3 {
            let padded = Array(repeating: UInt8(0), count: offset) + bytes
            // Character i of the encoding covers bits [6i, 6i + 6) of `padded`; keep those
            // wholly inside `value`'s bits [8·offset, 8·(offset + count)).
            let first = (8 * offset + 5) / 6
            let end = (8 * (offset + bytes.count)) / 6
            guard end - first >= 8 else { continue }
            for urlSafe in [false, true] {
                let encoded = Array(Base64.encode(padded, urlSafe: urlSafe).utf8)
                forms.insert(String(decoding: encoded[first..<end], as: UTF8.self))
            }
        }
        return forms
    }

    static func markupEscaped(_ value: String, quote: String, apostrophe: String) -> String {
        // Without the five characters it escapes (`htmlSpecial`) it is the value: twelve
        // scalar-by-scalar copies of a secret were a third of ``forms(of:)`` (callgrind).
        guard value.utf8.contains(where: htmlSpecial) else { return value }
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
