import SigConformCore

/// Variants of the values a venue computes from the request (Crypto.com's parameter string,
/// HTX's canonical query), substituted into the template as literals: a client that computed
/// them its own way signed that text instead.
enum ComputedVariables {
    /// The parameter string with keys left in the order they were written.
    static func unsortedParamString(_ context: MistakeContext, _ request: HTTPRequest) -> String? {
        guard var rule = context.recipe.paramString,
              let member = RequestView(request, signature: context.recipe.signature.location).jsonMember(rule.member) else { return nil }
        rule.sortsKeys = false
        return ParamString.render(member, rule: rule)
    }

    /// The parameter object as compact JSON (a client that signed JSON instead of the parameter string).
    static func paramsAsJSON(_ context: MistakeContext, _ request: HTTPRequest) -> String? {
        guard let rule = context.recipe.paramString,
              let member = RequestView(request, signature: context.recipe.signature.location).jsonMember(rule.member) else { return nil }
        return JSONWriter.compact(member)
    }

    /// Canonical queries built with another order or encoding than the venue's rule.
    static func canonicalQueries(_ context: MistakeContext, _ request: HTTPRequest) -> (orders: [(String, String)], encodings: [(String, String)]) {
        guard let rule = context.recipe.canonicalQuery else { return ([], []) }
        let view = RequestView(request, signature: context.recipe.signature.location)
        let pairs = view.queryItems.filter { !rule.exclude.contains($0.key) }.map { ($0.key, $0.value) }
        func join(_ pairs: [(String, String)], _ encode: (String) -> String) -> String {
            pairs.map { encode($0.0) + "=" + encode($0.1) }.joined(separator: "&")
        }
        let standard: (String) -> String = { PercentEncoding.encode($0, uppercaseHex: rule.uppercaseHex) }
        let byBytes = pairs.enumerated().sorted {
            Array($0.element.0.utf8) == Array($1.element.0.utf8) ? $0.offset < $1.offset : Array($0.element.0.utf8).lexicographicallyPrecedes(Array($1.element.0.utf8))
        }.map(\.element)
        let ordered = rule.sortByKey ? byBytes : pairs
        let orders: [(String, String)] = [
            ("in the order sent, unsorted", join(pairs, standard)),
            ("sorted ignoring case", join(pairs.sorted { $0.0.lowercased() < $1.0.lowercased() }, standard)),
            ("sorted by key", join(byBytes, standard)),
        ]
        let encodings: [(String, String)] = [
            ("with lower-case hex escapes", join(ordered) { PercentEncoding.encode($0, uppercaseHex: false) }),
            ("with upper-case hex escapes", join(ordered) { PercentEncoding.encode($0, uppercaseHex: true) }),
            ("with spaces as '+'", join(ordered) { PercentEncoding.encode($0, uppercaseHex: rule.uppercaseHex, spaceAsPlus: true) }),
            ("with values not percent-encoded", join(ordered) { $0 }),
            // Values the client had already encoded, encoded again by its canonicaliser.
            ("with values percent-encoded twice ('%3A' as '%253A')", join(ordered) {
                PercentEncoding.encode(PercentEncoding.encode($0, uppercaseHex: rule.uppercaseHex), uppercaseHex: rule.uppercaseHex)
            }),
            ("with ':' and ',' left unencoded", join(ordered) {
                PercentEncoding.encode($0, uppercaseHex: rule.uppercaseHex, keep: [UInt8(ascii: ":"), UInt8(ascii: ",")])
            }),
        ]
        return (orders, encodings)
    }
}

extension Template {
    /// The template with every use of `variable` replaced by the fixed text `literal`.
    func replacing(_ variable: Variable, withLiteral literal: String) -> Template {
        Template(parts.map { part in
            switch part {
            case .variable(variable, _): .literal(literal)
            case .digest(let hash, let output, let inner): .digest(hash, output, inner.replacing(variable, withLiteral: literal))
            // A conditional's branches too (MEXC futures: {if body: {body} else: {canonicalQuery}}).
            case .variable(.conditional(let condition, let then, let otherwise), let optional):
                .variable(.conditional(condition, then: then.replacing(variable, withLiteral: literal),
                                       otherwise: otherwise.replacing(variable, withLiteral: literal)), optional: optional)
            default: part
            }
        })
    }

    func uses(_ variable: Variable) -> Bool { variables.flatMap(\.referenced).contains(variable) }
}
