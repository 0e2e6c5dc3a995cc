import SigConformCore

extension Mistake {
    /// Signed another serialisation of the body than sent: JSON spacing, key order, escapes,
    /// re-formatted numbers, or form encoding instead of JSON (and the reverse).
    public static let bodyEncoding = Mistake(.bodyEncoding, name: "body-serialisation") { attempt, _ in
        let body = attempt.request.body
        var bodies: [(String, String)] = []
        if let document = try? JSONParser().parse(body) {
            let value = document.root
            let styles: [(String, JSONWriter.Style)] = [
                ("compact JSON", .compact),
                ("JSON with spaces after ':' and ',' (Python json.dumps defaults)", .python),
                ("JSON with spaces after ':' and ',', UTF-8 kept", .init(colon: ": ", comma: ", ")),
                ("compact JSON with keys sorted", .init(sortKeys: true)),
                ("JSON with keys sorted and spaces (Python sort_keys=True)", .init(colon: ": ", comma: ", ", sortKeys: true, escapeNonASCII: true)),
                ("Python's str(dict) (single quotes, True/None), which is not JSON", .pythonRepr),
                ("compact JSON with non-ASCII escaped as \\uXXXX", .init(escapeNonASCII: true)),
                ("compact JSON with '/' escaped as '\\/' (PHP json_encode)", .init(escapeSlash: true)),
            ]
            for (label, style) in styles { bodies.append((label, JSONWriter.write(value, style: style))) }
            for (label, renumbered) in NumberStyle.variants(of: value) {
                bodies.append(("JSON with \(label)", JSONWriter.compact(renumbered)))
                bodies.append(("JSON with \(label), spaced", JSONWriter.write(renumbered, style: .python)))
            }
            if case .object(let members) = value, members.allSatisfy({ !($0.value.isContainer) }) {
                let form = members.map { PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode(textOf($0.value)) }.joined(separator: "&")
                bodies.append(("the same fields form-encoded", form))
            }
        } else if !body.isEmpty, body.contains("=") {
            let items = QueryItem.split(body)
            let object = JSONValue.object(items.map { ($0.key, JSONValue.string($0.value)) })
            bodies.append(("the same fields as compact JSON", JSONWriter.compact(object)))
            bodies.append(("the same fields as JSON with spaces", JSONWriter.write(object, style: .python)))
        } else if body.isEmpty {
            bodies.append(("\"{}\" for an empty body", "{}"))
        }
        return bodies.filter { $0.1 != body }.map { label, signed in
            attempt.with(.bodyEncoding, "signed the body as \(label)") { $0.request.body = signed }
        }
    }

    static func textOf(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        default: "null"
        }
    }
}

extension JSONValue {
    var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }
}

/// Ways clients re-format JSON numbers: `219.0` ↔ `219`, `1e-08` ↔ `1e-8` ↔ `0.00000001`.
public enum NumberStyle {
    public static func variants(of value: JSONValue) -> [(String, JSONValue)] {
        let rewrites: [(String, (String) -> String?)] = [
            ("integral floats written without '.0' (219.0 → 219)", { text in
                text.hasSuffix(".0") ? String(text.dropLast(2)) : nil
            }),
            ("integers written as floats (219 → 219.0)", { text in
                text.allSatisfy { $0.isNumber || $0 == "-" } ? text + ".0" : nil
            }),
            ("exponents with two digits (1e-8 → 1e-08, Python repr)", { text in
                guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return nil }
                let mantissa = text[..<e]
                var exponent = String(text[text.index(after: e)...])
                let sign = exponent.first == "-" || exponent.first == "+" ? String(exponent.removeFirst()) : "+"
                guard exponent.count == 1 else { return nil }
                return "\(mantissa)e\(sign == "+" ? "+" : "-")0\(exponent)"
            }),
            ("exponents with one digit (1e-08 → 1e-8, JavaScript)", { text in
                guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return nil }
                let mantissa = text[..<e]
                var exponent = String(text[text.index(after: e)...])
                let sign = exponent.first == "-" ? "-" : ""
                if exponent.first == "-" || exponent.first == "+" { exponent.removeFirst() }
                let trimmed = exponent.drop { $0 == "0" }
                guard !trimmed.isEmpty, trimmed.count < exponent.count || text.contains("+") else { return nil }
                return "\(mantissa)e\(sign)\(trimmed)"
            }),
            ("exponents written out as decimals (1e-8 → 0.00000001)", { text in
                guard text.contains("e") || text.contains("E"), let double = Double(text) else { return nil }
                return plainDecimal(double)
            }),
        ]
        var out: [(String, JSONValue)] = []
        for (label, rewrite) in rewrites {
            var changed = false
            let rewritten = value.mapNumbers { text in
                guard let new = rewrite(text) else { return text }
                changed = true
                return new
            }
            if changed { out.append((label, rewritten)) }
        }
        return out
    }

    static func plainDecimal(_ value: Double) -> String? {
        var digits = 0
        var scaled = value
        while scaled != scaled.rounded() && digits < 20 {
            scaled *= 10
            digits += 1
        }
        guard digits < 20 else { return nil }
        let integer = Int64(abs(scaled).rounded())
        var text = String(integer)
        if digits > 0 {
            if text.count <= digits { text = String(repeating: "0", count: digits - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -digits))
        }
        return (value < 0 ? "-" : "") + text
    }
}

extension JSONValue {
    /// A copy with every number's text passed through `transform`.
    func mapNumbers(_ transform: (String) -> String) -> JSONValue {
        switch self {
        case .number(let text): .number(transform(text))
        case .array(let elements): .array(elements.map { $0.mapNumbers(transform) })
        case .object(let members): .object(members.map { ($0.key, $0.value.mapNumbers(transform)) })
        default: self
        }
    }
}
