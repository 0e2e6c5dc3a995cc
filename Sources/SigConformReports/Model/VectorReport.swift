import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// One vector's verdict with everything a report shows about it. Credentials appear only as
/// fingerprints and masked keys.
public struct VectorReport: Sendable, Hashable {
    /// `venue/id`: stable across runs, used by baselines and filters.
    public var id: String
    public var venue: String
    /// The id inside the venue.
    public var vectorID: String
    public var result: ExpectedResult
    public var status: VerdictStatus
    public var comment: String?
    public var tags: [String]
    public var source: SourceReport
    public var credentials: CredentialsReport
    /// The request as sent (or as the signer answered), credentials masked.
    public var request: RequestReport
    public var expected: ExpectedReport
    /// The signature the request carries.
    public var observedSignature: String?
    /// One entry per backend of the run.
    public var backends: [BackendResult]
    public var clock: ClockReport?
    public var findings: [FindingReport]
    /// Why the verdict is not `passed`, one sentence each.
    public var problems: [String]
    /// Harmless differences of a `--signer` answer from the vector's request, one sentence each.
    public var notes: [String] = []
    public var diagnosis: DiagnosisReport?
    /// For failing vectors of a run compared with a baseline: whether the failure is known.
    public var baseline: BaselineMark?
    /// Key settings the verdict assumed because the vector or request did not name them
    /// (option name to choice name; Gemini's nonce mode): shown so that a pass is not read as
    /// a pass for every key.
    public var assumedKeyChoices: [String: String] = [:]

    public init(id: String, venue: String, vectorID: String, result: ExpectedResult, status: VerdictStatus, comment: String? = nil,
                tags: [String] = [], source: SourceReport, credentials: CredentialsReport = CredentialsReport(),
                request: RequestReport, expected: ExpectedReport = ExpectedReport(), observedSignature: String? = nil,
                backends: [BackendResult] = [], clock: ClockReport? = nil, findings: [FindingReport] = [], problems: [String] = [],
                diagnosis: DiagnosisReport? = nil, baseline: BaselineMark? = nil) {
        self.id = id
        self.venue = venue
        self.vectorID = vectorID
        self.result = result
        self.status = status
        self.comment = comment
        self.tags = tags
        self.source = source
        self.credentials = credentials
        self.request = request
        self.expected = expected
        self.observedSignature = observedSignature
        self.backends = backends
        self.clock = clock
        self.findings = findings
        self.problems = problems
        self.diagnosis = diagnosis
        self.baseline = baseline
    }

    /// The classes that identify this failure in a baseline: the diagnosis classes, else the
    /// finding kinds, else the status (an unknown venue has neither).
    public var failureClasses: [String] {
        if let diagnosis, status == .failed { return diagnosis.classes }
        let kinds = Set(findings.map(\.kind))
        if status == .failed, !kinds.isEmpty { return kinds.sorted() }
        return [status.rawValue]
    }

    /// Whether this vector's outcome needs attention (a failure or error not covered by a baseline).
    public var isNewProblem: Bool { status != .passed && baseline != .known }
}

/// Whether a failure is listed in the baseline.
public enum BaselineMark: String, Sendable, Hashable, CaseIterable {
    case known
    case new
}

/// Where a vector is defined.
public struct SourceReport: Sendable, Hashable {
    public var file: String
    public var line: Int?
    public var column: Int?
    public var pointer: String
    public init(file: String, line: Int? = nil, column: Int? = nil, pointer: String) {
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
    }
    public var description: String { file + (line.map { ":\($0)" + (column.map { ":\($0)" } ?? "") } ?? "") }
}

/// Credentials as reports may show them.
public struct CredentialsReport: Sendable, Hashable {
    /// The key with all but its first and last 4 characters masked.
    public var apiKey: String?
    /// `sha256:` + 8 hex digits of the secret.
    public var secretFingerprint: String?
    public var passphraseFingerprint: String?
    public init(apiKey: String? = nil, secretFingerprint: String? = nil, passphraseFingerprint: String? = nil) {
        self.apiKey = apiKey
        self.secretFingerprint = secretFingerprint
        self.passphraseFingerprint = passphraseFingerprint
    }
}

/// A request as reports show it.
public struct RequestReport: Sendable, Hashable {
    public var method: String
    public var host: String?
    public var path: String
    public var query: String
    public var headers: [HTTPHeaders.Field]
    public var body: String
    public init(method: String, host: String? = nil, path: String, query: String = "", headers: [HTTPHeaders.Field] = [], body: String = "") {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// `METHOD /path?query`.
    public var line: String { "\(method) \(path)" + (query.isEmpty ? "" : "?\(query)") }
}

/// What the vector expects of a correct client.
public struct ExpectedReport: Sendable, Hashable {
    public var prehash: PrehashReport?
    public var signature: String?
    public var headers: [HTTPHeaders.Field]
    /// For invalid vectors: the classes the diagnosis must find.
    public var diagnosis: [String]?
    public init(prehash: PrehashReport? = nil, signature: String? = nil, headers: [HTTPHeaders.Field] = [], diagnosis: [String]? = nil) {
        self.prehash = prehash
        self.signature = signature
        self.headers = headers
        self.diagnosis = diagnosis
    }
}

/// What one backend computed, and whether it met the vector's expectation.
public struct BackendResult: Sendable, Hashable {
    public var backend: String
    /// `passed` when this backend's own computation met the expectation.
    public var status: VerdictStatus
    public var signature: String?
    public var prehash: PrehashReport?
    /// Why this backend could not sign.
    public var error: String?
    public init(backend: String, status: VerdictStatus, signature: String? = nil, prehash: PrehashReport? = nil, error: String? = nil) {
        self.backend = backend
        self.status = status
        self.signature = signature
        self.prehash = prehash
        self.error = error
    }
}

/// Where the request's timestamp fell relative to the venue's clock and window.
public struct ClockReport: Sendable, Hashable {
    public var timestamp: Int64
    public var serverTime: Int64
    public var lagMilliseconds: Int64
    public var withinWindow: Bool
    public var summary: String
    public init(timestamp: Int64, serverTime: Int64, lagMilliseconds: Int64, withinWindow: Bool, summary: String) {
        self.timestamp = timestamp
        self.serverTime = serverTime
        self.lagMilliseconds = lagMilliseconds
        self.withinWindow = withinWindow
        self.summary = summary
    }
}

/// One finding of the evaluation.
public struct FindingReport: Sendable, Hashable {
    /// A ``Finding/Kind`` raw value (`prehash_mismatch`, …).
    public var kind: String
    public var message: String
    public var expected: String?
    public var actual: String?
    public var backend: String?
    public init(kind: String, message: String, expected: String? = nil, actual: String? = nil, backend: String? = nil) {
        self.kind = kind
        self.message = message
        self.expected = expected
        self.actual = actual
        self.backend = backend
    }
}

/// A diagnosis as reports show it.
public struct DiagnosisReport: Sendable, Hashable {
    public struct Step: Sendable, Hashable {
        /// A ``DiagnosisClass`` raw value.
        public var diagnosisClass: String
        public var detail: String
        public var fix: String
        public init(diagnosisClass: String, detail: String, fix: String) {
            self.diagnosisClass = diagnosisClass
            self.detail = detail
            self.fix = fix
        }
    }

    /// Where the client's prehash first departs from the correct one.
    public struct Difference: Sendable, Hashable {
        public var offset: Int
        public var correctComponent: String?
        public var clientComponent: String?
        public init(offset: Int, correctComponent: String?, clientComponent: String?) {
            self.offset = offset
            self.correctComponent = correctComponent
            self.clientComponent = clientComponent
        }

        /// "in query" or "correct: body, client: end".
        public var componentText: String {
            let left = correctComponent ?? "end"
            let right = clientComponent ?? "end"
            return left == right ? "in \(left)" : "correct: \(left), client: \(right)"
        }
    }

    /// The venue's own prehash from its error message (Bybit's `origin_string[…]`), when the user gave it.
    public struct ServerEcho: Sendable, Hashable {
        public var serverPrehash: String
        public var matchesCorrectPrehash: Bool
        public var summary: String
        public init(serverPrehash: String, matchesCorrectPrehash: Bool, summary: String) {
            self.serverPrehash = serverPrehash
            self.matchesCorrectPrehash = matchesCorrectPrehash
            self.summary = summary
        }
    }

    public var classes: [String]
    public var steps: [Step]
    public var clientPrehash: PrehashReport?
    public var correctPrehash: PrehashReport?
    public var firstDifference: Difference?
    public var evidence: [String]
    public var venueError: VenueErrorReport?
    public var docs: String
    public var serverEcho: ServerEcho?

    public init(classes: [String], steps: [Step], clientPrehash: PrehashReport? = nil, correctPrehash: PrehashReport? = nil,
                firstDifference: Difference? = nil, evidence: [String] = [], venueError: VenueErrorReport? = nil, docs: String,
                serverEcho: ServerEcho? = nil) {
        self.classes = classes
        self.steps = steps
        self.clientPrehash = clientPrehash
        self.correctPrehash = correctPrehash
        self.firstDifference = firstDifference
        self.evidence = evidence
        self.venueError = venueError
        self.docs = docs
        self.serverEcho = serverEcho
    }

    /// The correct prehash when no client prehash stands beside it (an unexplained diagnosis,
    /// whose advice is "if your prehash equals the correct one"): shown on its own, so the reader
    /// has something to compare with.
    public var correctPrehashAlone: PrehashReport? {
        guard let correctPrehash, clientPrehash == nil || clientPrehash?.bytes == correctPrehash.bytes else { return nil }
        return correctPrehash
    }

    /// For a signature no known mistake reproduces: the mistake classes the search covers. How
    /// far it went (variants, pairs, timestamp range, what the budget cut short) is the diagnosis's
    /// own `searched:` evidence line. `nil` for any other diagnosis, and when the signature was
    /// correct and the request was rejected for another reason.
    public var triedMistakes: [String]? {
        guard classes == [DiagnosisClass.unexplained.rawValue], steps.isEmpty, correctPrehash != nil,
              evidence.first != "the signature is correct for this secret" else { return nil }
        return orderedUnique(Mistake.catalogue.map(\.diagnosisClass.rawValue))
    }

    /// "mistakes searched for: unsorted_params, …; none reproduces the observed signature".
    public var triedText: String? {
        triedMistakes.map { "mistakes searched for: \($0.joined(separator: ", ")); none reproduces the observed signature" }
    }

    /// The fix of each class without a step (an unexplained diagnosis), else of each step.
    public var fixes: [String] {
        let stepFixes = steps.map(\.fix)
        if !stepFixes.isEmpty { return orderedUnique(stepFixes) }
        return classes.compactMap { DiagnosisClass(rawValue: $0)?.fix }
    }
}

/// A venue error code and message.
public struct VenueErrorReport: Sendable, Hashable {
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { message.isEmpty ? code : "\(code) \"\(message)\"" }
}

/// The elements of `values` in order, each once.
func orderedUnique(_ values: [String]) -> [String] {
    var seen: Set<String> = []
    return values.filter { seen.insert($0).inserted }
}
