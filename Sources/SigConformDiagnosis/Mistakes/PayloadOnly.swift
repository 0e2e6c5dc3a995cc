import SigConformCore

extension Mistake {
    /// Signed only the request's parameters (query and/or body), leaving every other component
    /// out at once: Binance-style code (`HMAC(secret, query + body)`) ported to a venue that
    /// prefixes a timestamp, the API key and a receive window (Bybit), or a method and path.
    package static let payloadOnly = Mistake(.missingComponent, name: "payload-only", combinable: true) { attempt, _ in
        let payloadVariables: Set<Variable> = [.query, .decodedQuery, .canonicalQuery, .body, .paramString]
        let kept = attempt.template.parts.filter { part in
            if case .variable(let variable, _) = part { return payloadVariables.contains(variable) }
            return false
        }
        // Only a real omission of several parts; one part alone is the missing-component mistake.
        guard !kept.isEmpty, attempt.template.parts.count - kept.count >= 2 else { return [] }
        let left = attempt.template.parts.compactMap { part -> String? in
            switch part {
            case .variable(let variable, _) where !payloadVariables.contains(variable): "{\(variable)}"
            case .digest(let hash, _, _): "the \(hash.rawValue) digest"
            default: nil
            }
        }
        guard !left.isEmpty else { return [] }
        let signed = kept.map { part -> String in if case .variable(let variable, _) = part { "{\(variable)}" } else { "" } }.joined()
        return [attempt.with(.missingComponent, "signed only the parameters \(signed), leaving \(left.joined(separator: ", ")) out of the prehash") {
            $0.template = Template(kept)
        }]
    }
}
