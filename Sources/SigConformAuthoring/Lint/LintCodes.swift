import SigConformCore

/// The codes `lint` reports beyond Core's (`syntax`, `unknown-member`, `structure`); stable ids for
/// editors, bots and baselines. docs/architecture.md says where a new code goes.
extension Diagnostic.Code {
    /// A placeholder left from `sigconform venue new` ("TODO…").
    public static let placeholder = Self(rawValue: "placeholder")
    /// Two vectors of one venue share an id.
    public static let duplicateID = Self(rawValue: "duplicate-id")
    /// The vectors' venue.json has errors, so the vectors were not checked for meaning.
    public static let venueNotLoaded = Self(rawValue: "venue-not-loaded")
    /// A vector file sits in the folder of another venue.
    public static let venueFolder = Self(rawValue: "venue-folder")
    /// `expect.diagnosis` names a class that does not exist.
    public static let unknownDiagnosis = Self(rawValue: "unknown-diagnosis")
    /// `expect.prehash(Hex)` is not what the recipe builds from the request.
    public static let prehashMismatch = Self(rawValue: "prehash-mismatch")
    /// `expect.signature` is not the signature of the request.
    public static let signatureMismatch = Self(rawValue: "signature-mismatch")
    /// `expect.headers` holds a value a correct client would not send.
    public static let expectedHeaderMismatch = Self(rawValue: "expected-header-mismatch")
    /// A valid vector's request carries a wrong signature or auth header, or is outside the clock window.
    public static let rejectedRequest = Self(rawValue: "rejected-request")
    /// The request lacks what its venue signs (a timestamp, a key header, a body field) or a usable secret.
    public static let incompleteRequest = Self(rawValue: "incomplete-request")
    /// An invalid vector's request is in fact correct.
    public static let invalidButCorrect = Self(rawValue: "invalid-but-correct")
    /// An invalid vector's mistake is diagnosed as something else than `expect.diagnosis`.
    public static let diagnosisMismatch = Self(rawValue: "diagnosis-mismatch")
    /// `expect.clientPrehash(Hex)` is not what the diagnosed mistake signs.
    public static let clientPrehashMismatch = Self(rawValue: "client-prehash-mismatch")
    /// The MAC backends disagree (a sigconform bug).
    public static let backendDivergence = Self(rawValue: "backend-divergence")
    /// `keyOptions` names an option or choice the venue's recipe does not have, or (a warning)
    /// leaves one of the venue's key options unnamed.
    public static let keyOption = Self(rawValue: "key-option")
    /// `check` fails the vector for a reason no other rule names.
    public static let checkFailure = Self(rawValue: "check-failure")

}
