import SigConformCore

extension Mistake {
    /// The method in the prehash is not the method sent (a signing helper shared between GET and
    /// POST calls, a request retried or redirected with another method). Only for venues that
    /// sign the method; its letter case is ``methodCase``.
    package static let methodMismatch = Mistake(.methodMismatch, name: "method-mismatch") { attempt, context in
        guard context.recipe.prehash.variables.contains(.method) else { return [] }
        let sent = attempt.request.method
        return ["GET", "POST", "PUT", "DELETE", "PATCH"].filter { $0 != sent.uppercased() }.map { signed in
            attempt.with(.methodMismatch, "signed the method \(signed) while sending \(sent)") { $0.request.method = signed }
        }
    }
}
