import Synchronization

/// The codes Core's readers report. A module that reports a new kind of problem declares its code
/// beside the code that reports it, as a static member of ``Diagnostic/Code`` (Authoring's lint
/// codes are in `Lint/LintCodes.swift`); docs/architecture.md says where.
extension Diagnostic.Code {
    /// The input is not JSON (truncated, a BOM, a duplicate key, a trailing comma…), or cannot be read.
    public static let syntax = Self(rawValue: "syntax")
    /// A member the format does not know (a typo, most often).
    public static let unknownMember = Self(rawValue: "unknown-member")
    /// A value of the wrong type, a missing member, an impossible combination.
    public static let structure = Self(rawValue: "structure")
    /// A venue id that names no loaded venue (a vector's, `--venue`, a captured request's); the
    /// fix suggests the nearest known id.
    public static let unknownVenue = Self(rawValue: "unknown-venue")
    /// A file or folder that cannot be read at all: missing, not permitted, not a regular file.
    public static let unreadable = Self(rawValue: "unreadable")
    /// A curl command line or a raw HTTP request that cannot be read (``RequestParseError``).
    public static let requestSyntax = Self(rawValue: "request-syntax")
    /// A prehash template that cannot be parsed: an unknown variable, a lone brace (``TemplateError``).
    public static let template = Self(rawValue: "template")
    /// The request cannot be signed under the venue's recipe: a component or credential it
    /// needs is missing or unusable (``SigningError``).
    public static let cannotSign = Self(rawValue: "cannot-sign")
    /// A MAC backend failed: a fault of the harness, not of the input (``SigningError``).
    public static let backendFailure = Self(rawValue: "backend-failure")
    /// A credential the venue needs that neither the command line, the input nor the request
    /// gives (``CredentialResolver/Missing``).
    public static let missingCredential = Self(rawValue: "missing-credential")
    /// A vector that the vector format cannot hold (``VectorEncoder/Failure``).
    public static let unencodable = Self(rawValue: "unencodable")
}

/// Collects the diagnostics of one decoding, so a decoder can report a problem and go on with
/// the values after it (as `lint` wants) or stop at the first (as `check` does).
///
/// A reference, shared by the copies of a ``JSONReader`` that one decoding passes around (each
/// decoding makes its own; the lock only keeps the reader `Sendable`).
package final class DiagnosticLog: Sendable {
    private let storage = Mutex<[Diagnostic]>([])
    package init() {}

    /// A hostile file can hold a million mistakes; a report of the first hundred says enough.
    static let limit = 100

    package var diagnostics: [Diagnostic] { storage.withLock { $0 } }
    package func add(_ diagnostics: [Diagnostic]) {
        storage.withLock { logged in
            guard logged.count < Self.limit, let first = diagnostics.first else { return }
            logged += diagnostics.prefix(Self.limit - logged.count)
            if logged.count == Self.limit {
                logged.append(Diagnostic(.structure, file: first.file, message: "more than \(Self.limit) problems: the rest are not listed",
                                         fix: "fix these and run again"))
            }
        }
    }
    package var hasErrors: Bool { storage.withLock { $0.contains { $0.severity == .error } } }
}
