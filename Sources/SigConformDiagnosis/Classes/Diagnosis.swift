import SigConformCore
import SigConformMAC

/// The outcome of diagnosing a rejected request: the reproduced mistake(s), or the evidence
/// when nothing reproduces it.
public struct Diagnosis: Sendable, Hashable {
    /// One mistake that was applied to reproduce the observed signature.
    public struct Step: Sendable, Hashable {
        public var diagnosisClass: DiagnosisClass
        /// The concrete variant: "signed the query sorted by key", "secret + \"\\n\"".
        public var detail: String
        /// A fix particular to this variant of the class, when the class's own is too general.
        public var variantFix: String?
        public init(_ diagnosisClass: DiagnosisClass, _ detail: String, fix: String? = nil) {
            self.diagnosisClass = diagnosisClass
            self.detail = detail
            self.variantFix = fix
        }

        /// The fix to show: the variant's own, else the class's.
        public var fix: String { variantFix ?? diagnosisClass.fix }
    }

    /// The mistakes that, applied together, reproduce what the client sent. Empty when unexplained.
    public var steps: [Step]
    /// The class ids of the diagnosis, sorted and unique (`["unexplained"]` when nothing reproduces).
    public var classes: [DiagnosisClass]
    /// The prehash the client must have signed (when a mistake changed it).
    public var clientPrehash: Prehash?
    /// The correct prehash.
    public var correctPrehash: Prehash?
    /// Facts that point somewhere when nothing reproduces (signature length → hash, alphabet → encoding, …).
    public var evidence: [String]
    /// The venue error this usually produces.
    public var venueError: VenueError?
    /// The venue's signing docs.
    public var docs: String
    /// The venue's own prehash from its error message, compared with the correct one (Bybit 10004).
    public var serverEcho: ServerEcho?
    /// What the search tried (mistakes, candidates, the timestamp range) and what its budget cut
    /// short; `nil` when no search ran (a correct signature, a bearer request, no signature).
    public var searchSummary: SearchSummary?

    public init(steps: [Step], clientPrehash: Prehash?, correctPrehash: Prehash?, evidence: [String], venueError: VenueError?, docs: String) {
        self.steps = steps
        self.classes = steps.isEmpty ? [.unexplained] : Array(Set(steps.map(\.diagnosisClass))).sorted()
        self.clientPrehash = clientPrehash
        self.correctPrehash = correctPrehash
        self.evidence = evidence
        self.venueError = venueError
        self.docs = docs
    }

    /// The class ids as strings, for comparison with `expect.diagnosis`.
    public var classIDs: [String] { classes.map(\.rawValue) }

    /// Where the client's prehash first departs from the correct one.
    public var firstDifference: PrehashDifference? {
        guard let clientPrehash, let correctPrehash else { return nil }
        return PrehashDifference(correct: correctPrehash, client: clientPrehash)
    }
}

/// The first byte where two prehashes differ, and which request component each side was in.
public struct PrehashDifference: Sendable, Hashable {
    public var offset: Int
    public var correctComponent: PrehashComponent?
    public var clientComponent: PrehashComponent?

    /// `nil` when the two are byte-for-byte equal.
    public init?(correct: Prehash, client: Prehash) {
        let a = correct.bytes
        let b = client.bytes
        guard a != b else { return nil }
        offset = zip(a, b).prefix { $0 == $1 }.count
        correctComponent = correct.component(at: offset)
        clientComponent = client.component(at: offset)
    }
}
