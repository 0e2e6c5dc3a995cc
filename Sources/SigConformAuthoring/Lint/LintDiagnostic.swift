import SigConformCore

/// One problem `lint` found in a venue or vector file: where it is (file, line:column and JSON
/// pointer), what is wrong, and how to fix it.
public struct LintDiagnostic: Sendable, Hashable {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error
        case warning

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .error && rhs == .warning }
    }

    public var severity: Severity
    public var rule: LintRule
    public var file: String
    /// Line and column of the value at ``pointer`` (or of its nearest ancestor in the file).
    public var location: SourceLocation?
    /// RFC 6901 pointer to the offending value ("" is the document; JSON Lines: within the line).
    public var pointer: String
    public var message: String
    /// How to fix it.
    public var fix: String?
    /// `venue/id` of the vector, when the problem is in one.
    public var vector: String?

    public init(_ rule: LintRule, severity: Severity = .error, file: String, location: SourceLocation?, pointer: String,
                message: String, fix: String? = nil, vector: String? = nil) {
        self.severity = severity
        self.rule = rule
        self.file = file
        self.location = location
        self.pointer = pointer
        self.message = message
        self.fix = fix
        self.vector = vector
    }

    /// A decoder's error, as a diagnostic.
    init(_ error: InputError, rule: LintRule? = nil, vector: String? = nil) {
        self.init(rule ?? (error.unknownMember == nil ? .structure : .unknownMember), file: error.file, location: error.location,
                  pointer: error.pointer ?? "", message: error.message, fix: error.hint, vector: vector)
    }
}

/// What kind of problem a diagnostic reports; stable ids for editors, bots and baselines.
public enum LintRule: String, Sendable, Hashable, CaseIterable {
    /// The file is not JSON (truncated, a BOM, a duplicate key, a trailing comma…).
    case syntax
    /// A member the format does not know (a typo, most often).
    case unknownMember = "unknown-member"
    /// A value of the wrong type, a missing member, an impossible combination.
    case structure
    /// A placeholder left from `sigconform venue new` ("TODO…").
    case placeholder
    /// Two vectors of one venue share an id.
    case duplicateID = "duplicate-id"
    /// The vectors name a venue with no venue.json.
    case unknownVenue = "unknown-venue"
    /// The vectors' venue.json has errors, so the vectors were not checked for meaning.
    case venueNotLoaded = "venue-not-loaded"
    /// A vector file sits in the folder of another venue.
    case venueFolder = "venue-folder"
    /// `expect.diagnosis` names a class that does not exist.
    case unknownDiagnosis = "unknown-diagnosis"
    /// `expect.prehash(Hex)` is not what the recipe builds from the request.
    case prehashMismatch = "prehash-mismatch"
    /// `expect.signature` is not the signature of the request.
    case signatureMismatch = "signature-mismatch"
    /// `expect.headers` holds a value a correct client would not send.
    case expectedHeaderMismatch = "expected-header-mismatch"
    /// A valid vector's request carries a wrong signature or auth header, or is outside the clock window.
    case rejectedRequest = "rejected-request"
    /// The request lacks what its venue signs (a timestamp, a key header, a body field) or a usable secret.
    case incompleteRequest = "incomplete-request"
    /// An invalid vector's request is in fact correct.
    case invalidButCorrect = "invalid-but-correct"
    /// An invalid vector's mistake is diagnosed as something else than `expect.diagnosis`.
    case diagnosisMismatch = "diagnosis-mismatch"
    /// `expect.clientPrehash(Hex)` is not what the diagnosed mistake signs.
    case clientPrehashMismatch = "client-prehash-mismatch"
    /// The MAC backends disagree (a sigconform bug).
    case backendDivergence = "backend-divergence"
    /// `keyOptions` names an option or choice the venue's recipe does not have, or (a warning)
    /// leaves one of the venue's key options unnamed.
    case keyOption = "key-option"
    /// `check` fails the vector for a reason no other rule names.
    case checkFailure = "check-failure"
}
