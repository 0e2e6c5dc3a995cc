import SigConformCore
import SigConformMAC

extension Mistake {
    /// Signed another serialisation of the body than sent: JSON spacing, key order, escapes,
    /// re-formatted numbers, or form encoding instead of JSON (and the reverse).
    package static let bodyEncoding = Mistake(.bodyEncoding, name: "body-serialisation") { attempt, context in
        wholeBodyVariants(attempt) + parameterJSONVariants(attempt) + payloadHeaderVariants(attempt, context) + paramStringVariants(attempt, context)
    }

    /// The body re-serialised as a whole.
    static func wholeBodyVariants(_ attempt: SigningAttempt) -> [SigningAttempt] {
        let body = attempt.request.body
        var bodies: [(String, String)] = []
        if let document = try? JSONParser(recordsLocations: false).parse(body) {
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
            if case .object(let members) = value, !members.isEmpty, members.allSatisfy({ !($0.value.isContainer) }) {
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

    /// JSON carried inside one parameter (Binance's `batchOrders`), re-serialised and percent-encoded again.
    static func parameterJSONVariants(_ attempt: SigningAttempt) -> [SigningAttempt] {
        var out: [SigningAttempt] = []
        for part in [RequestPart.query, .formBody] {
            let items = part.items(of: attempt.request)
            for (index, item) in items.enumerated() {
                let decoded = item.value
                guard decoded.first == "[" || decoded.first == "{", let value = try? JSONParser(recordsLocations: false).parse(decoded).root else { continue }
                let styles: [(String, JSONWriter.Style)] = [("with spaces (Python json.dumps defaults)", .python),
                                                            ("with spaces, UTF-8 kept", .init(colon: ": ", comma: ", ")),
                                                            ("compact", .compact), ("with keys sorted", .init(sortKeys: true))]
                for (label, style) in styles {
                    let text = JSONWriter.write(value, style: style)
                    guard text != decoded else { continue }
                    var changed = items
                    changed[index] = QueryItem(raw: item.rawKey + "=" + PercentEncoding.encode(text))
                    out.append(attempt.with(.bodyEncoding, "signed the JSON in \(item.key) serialised \(label)") {
                        $0.request = part.replacing(changed, in: $0.request)
                    })
                }
            }
        }
        return out
    }

    /// A JSON payload carried base64-encoded in a signed header (Gemini's X-GEMINI-PAYLOAD):
    /// signed another serialisation, or the JSON itself instead of its base64.
    static func payloadHeaderVariants(_ attempt: SigningAttempt, _ context: MistakeContext) -> [SigningAttempt] {
        var out: [SigningAttempt] = []
        for case .header(let name) in attempt.template.variables {
            guard let sent = attempt.request.headers[name], let bytes = Base64.decode(sent),
                  let json = String(validating: bytes, as: UTF8.self), let value = try? JSONParser(recordsLocations: false).parse(json).root else { continue }
            out.append(attempt.with(.bodyEncoding, "signed the JSON payload itself instead of its base64 in \(name)") {
                $0.request.headers.set(name, json)
            })
            for (label, style) in [("with spaces (Python json.dumps defaults)", JSONWriter.Style.python), ("compact", .compact),
                                   ("with keys sorted", .init(sortKeys: true)), ("with spaces, UTF-8 kept", .init(colon: ": ", comma: ", "))] {
                let text = JSONWriter.write(value, style: style)
                guard text != json else { continue }
                out.append(attempt.with(.bodyEncoding, "signed the payload serialised \(label), then sent it serialised differently") {
                    $0.request.headers.set(name, Base64.encode(Array(text.utf8)))
                })
            }
        }
        return out
    }

    /// A parameter string signed as JSON (Crypto.com: the params object instead of key+value pairs).
    static func paramStringVariants(_ attempt: SigningAttempt, _ context: MistakeContext) -> [SigningAttempt] {
        guard attempt.template.uses(.paramString), let json = ComputedVariables.paramsAsJSON(context, attempt.request) else { return [] }
        return [attempt.with(.bodyEncoding, "signed the parameters as JSON instead of the parameter string: \(json)") {
            $0.template = $0.template.replacing(.paramString, withLiteral: json)
        }]
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
        // A number past Int64 (1e19, 1e300) has no plain spelling here: no variant, not a trap.
        guard digits < 20, let integer = UInt64(exactly: abs(scaled).rounded()) else { return nil }
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
