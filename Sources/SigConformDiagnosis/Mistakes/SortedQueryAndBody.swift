import SigConformCore

extension Mistake {
    /// Signed both the query and the form body with their parameters sorted by key, each sent
    /// in its own order (a client that keeps two sorted dictionaries): two reorderings at once,
    /// which the single-part parameter-order mistake cannot reproduce.
    package static let sortedQueryAndBody = Mistake(.unsortedParams, name: "parameter-order-both", combinable: false) { attempt, context in
        let signatureName = context.signatureParameter
        let query = RequestPart.query.items(of: attempt.request).filter { $0.key != signatureName }
        let body = RequestPart.formBody.items(of: attempt.request).filter { $0.key != signatureName }
        guard query.count >= 2, body.count >= 2 else { return [] }
        func sorted(_ items: [QueryItem]) -> [QueryItem] { items.sorted { Array($0.key.utf8).lexicographicallyPrecedes(Array($1.key.utf8)) } }
        guard sorted(query) != query, sorted(body) != body else { return [] }
        return [attempt.with(.unsortedParams, "signed the query and the form body parameters each sorted by key (sent: \(query.map(\.key).joined(separator: ", ")) | \(body.map(\.key).joined(separator: ", ")))") {
            $0.request = RequestPart.formBody.replacing(sorted(body), in: RequestPart.query.replacing(sorted(query), in: $0.request))
        }]
    }
}
