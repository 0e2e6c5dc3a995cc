import SigConformMAC

/// Why a request could not be canonicalised or signed under a venue's recipe: the request lacks
/// something the venue needs, or a credential is unusable. Says what, where, and how to fix it.
public struct SigningError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    /// The MAC backend failed: a harness fault, not a problem of the request.
    public var backendFailure: MACError?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
    public init(backendFailure: MACError) {
        self.message = backendFailure.description
        self.backendFailure = backendFailure
    }
    public var description: String { message + (hint.map { " — \($0)" } ?? "") }
}

extension SigningError: DiagnosticConvertible {
    /// `cannot-sign` (what the request or credentials lack), or `backend-failure` when the MAC
    /// backend failed; `file` is the vector or request that was being signed.
    public func diagnostics(file: String) -> [Diagnostic] {
        [Diagnostic(backendFailure == nil ? .cannotSign : .backendFailure, file: file, message: message, fix: hint)]
    }
}
