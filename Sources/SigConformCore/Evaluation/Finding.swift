/// One thing that is not as a vector says: a fact with its evidence, not an error.
public struct Finding: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// The computed prehash differs from `expect.prehash`.
        case prehashMismatch = "prehash_mismatch"
        /// The computed signature differs from `expect.signature`.
        case signatureMismatch = "signature_mismatch"
        /// An auth header a correct client sends differs from `expect.headers`.
        case expectedHeaderMismatch = "expected_header_mismatch"
        /// The request carries a signature that is not the correct one.
        case observedSignatureMismatch = "observed_signature_mismatch"
        /// The request carries an auth header whose value is not the correct one.
        case observedHeaderMismatch = "observed_header_mismatch"
        /// The request carries no signature where the venue expects one.
        case observedSignatureMissing = "observed_signature_missing"
        /// The timestamp is outside the venue's window relative to `time.serverTime`.
        case clockOutsideWindow = "clock_outside_window"
        /// The two backends computed different results: a harness bug, always fatal.
        case backendDivergence = "backend_divergence"
        /// The request cannot be signed under the venue's recipe (it lacks something the venue needs).
        case unsignable = "unsignable"
        /// The request follows another signing scheme of the venue (``OtherScheme``), which the
        /// recipe does not describe: not judged correct, whatever its signature.
        case otherScheme = "other_scheme"
    }

    public var kind: Kind
    public var message: String
    public var expected: String?
    public var actual: String?
    /// The backend this was found on, when it is backend-specific.
    public var backend: String?

    public init(kind: Kind, message: String, expected: String? = nil, actual: String? = nil, backend: String? = nil) {
        self.kind = kind
        self.message = message
        self.expected = expected
        self.actual = actual
        self.backend = backend
    }

    /// Findings that make a request as sent fail at the venue.
    public var rejectsRequest: Bool {
        [.observedSignatureMismatch, .observedHeaderMismatch, .observedSignatureMissing, .clockOutsideWindow, .otherScheme].contains(kind)
    }
}
