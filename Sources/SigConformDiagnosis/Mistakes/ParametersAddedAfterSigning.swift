import SigConformCore

extension Mistake {
    /// Signed the query (or form body) before some of its parameters were added: a client that
    /// signs its parameters and then lets a request hook or HTTP client append `timestamp` and
    /// `recvWindow` sends parameters the signature never covered. One parameter left out is
    /// ``missingComponent``; this tries two or more at once: every run of trailing parameters
    /// (appended after signing), every pair (for up to ``pairLimit`` parameters), and all the
    /// request's time parameters together. Not combined with other mistakes: it has up to a
    /// hundred variants of its own.
    package static let parametersAddedAfterSigning = Mistake(.missingComponent, name: "parameters-added-after-signing", combinable: false) { attempt, context in
        var out: [SigningAttempt] = []
        let signatureName = context.signatureParameter
        let timeNames = Set(timeParameterNames(context.recipe))
        for part in [RequestPart.query, .formBody] {
            let items = part.items(of: attempt.request)
            let candidates = items.indices.filter { items[$0].key != signatureName }
            guard candidates.count >= 2 else { continue }
            var seen: Set<[Int]> = []
            var omissions: [[Int]] = []
            func consider(_ dropped: [Int]) {
                guard dropped.count >= 2, seen.insert(dropped).inserted else { return }
                omissions.append(dropped)
            }
            for length in stride(from: 2, through: candidates.count, by: 1) { consider(Array(candidates.suffix(length))) }
            consider(candidates.filter { timeNames.contains(items[$0].key) })
            if candidates.count <= pairLimit {
                for (i, first) in candidates.enumerated() {
                    for second in candidates[(i + 1)...] { consider([first, second]) }
                }
            }
            for dropped in omissions {
                let kept = items.indices.filter { !dropped.contains($0) }.map { items[$0] }
                let names = dropped.map { items[$0].key }.joined(separator: ", ")
                let appended = dropped == Array(candidates.suffix(dropped.count))
                let detail = appended
                    ? "signed the \(part.name) before \(names) were appended to it: they were sent but not signed"
                    : "left the parameters \(names) out of the signed \(part.name) though they were sent (added after signing)"
                out.append(attempt.with(.missingComponent, detail, fix: addedAfterSigningFix) { $0.request = part.replacing(kept, in: $0.request) })
            }
        }
        return out
    }

    static let addedAfterSigningFix = "add every parameter (timestamp and recvWindow included) before computing the signature, then sign the query exactly as it is sent; a request hook or HTTP client that appends parameters must run before the signer, or not at all"

    /// Parameter counts up to which every pair of omitted parameters is tried (66 pairs).
    static let pairLimit = 12

    /// The names of the parameters that carry the request's clock: the recipe's timestamp, nonce
    /// and receive window when they are parameters.
    static func timeParameterNames(_ recipe: HMACRecipe) -> [String] {
        [recipe.timestamp?.location, recipe.nonce?.location, recipe.recvWindow.flatMap(\.location)].compactMap { location -> String? in
            switch location {
            case .query(let name)?, .body(let name)?, .parameter(let name)?: name
            default: nil
            }
        }
    }
}
