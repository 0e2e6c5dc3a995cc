import SigConformCore

extension Mistake {
    /// Signed the parameters in another order than sent: sorted, reversed, or (for up to six
    /// parameters) any other permutation; in the query or in a form body.
    package static let unsortedParams = Mistake(.unsortedParams, name: "parameter-order", combinable: false) { attempt, context in
        var out: [SigningAttempt] = []
        let signatureName = context.signatureParameter
        for part in [RequestPart.query, .formBody] {
            let items = part.items(of: attempt.request).filter { $0.key != signatureName }
            guard items.count >= 2 else { continue }
            for (label, order) in orders(items) where order != items {
                out.append(attempt.with(.unsortedParams, "signed the \(part.name) parameters \(label) (sent: \(items.map(\.key).joined(separator: ", ")))") {
                    $0.request = part.replacing(order, in: $0.request)
                })
            }
        }
        if attempt.template.uses(.paramString), let unsorted = ComputedVariables.unsortedParamString(context, attempt.request) {
            out.append(attempt.with(.unsortedParams, "built the parameter string without sorting the keys: \(unsorted)") {
                $0.template = $0.template.replacing(.paramString, withLiteral: unsorted)
            })
        }
        if attempt.template.uses(.canonicalQuery) {
            for (label, text) in ComputedVariables.canonicalQueries(context, attempt.request).orders {
                out.append(attempt.with(.unsortedParams, "built the canonical query \(label): \(text)") {
                    $0.template = $0.template.replacing(.canonicalQuery, withLiteral: text)
                })
            }
        }
        return out
    }

    static func orders(_ items: [QueryItem]) -> [(String, [QueryItem])] {
        var orders: [(String, [QueryItem])] = [
            ("sorted by key", items.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) }),
            ("in reverse order", items.reversed()),
        ]
        if items.count <= 6 {
            for permutation in permutations(items) {
                orders.append(("in the order \(permutation.map(\.key).joined(separator: ", "))", permutation))
            }
        }
        return orders
    }

    /// Every ordering of `elements` (n! of them; callers keep n small).
    package static func permutations<T>(_ elements: [T]) -> [[T]] {
        guard elements.count > 1 else { return [elements] }
        var out: [[T]] = []
        for index in elements.indices {
            var rest = elements
            let head = rest.remove(at: index)
            for tail in permutations(rest) { out.append([head] + tail) }
        }
        return out
    }
}

/// The parts of a request that carry `key=value` parameters.
enum RequestPart {
    case query
    case formBody

    var name: String { self == .query ? "query" : "form body" }

    func items(of request: HTTPRequest) -> [QueryItem] {
        switch self {
        case .query: return QueryItem.split(request.query)
        case .formBody:
            guard let first = request.body.first, first != "{", first != "[", request.body.contains("=") else { return [] }
            return QueryItem.split(request.body)
        }
    }

    func replacing(_ items: [QueryItem], in request: HTTPRequest) -> HTTPRequest {
        var copy = request
        switch self {
        case .query: copy.query = QueryItem.join(items)
        case .formBody: copy.body = QueryItem.join(items)
        }
        return copy
    }
}
