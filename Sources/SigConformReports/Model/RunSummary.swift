import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// Counts every reporter shows, computed from a ``RunReport``.
public struct RunSummary: Sendable, Hashable {
    public struct VenueRow: Sendable, Hashable {
        public var venue: String
        public var validPassed = 0
        public var validTotal = 0
        public var invalidPassed = 0
        public var invalidTotal = 0
        public var failed = 0
        public var errors = 0
        /// Per backend: vectors whose outcome on that backend met the expectation.
        public var backendPassed: [String: Int] = [:]
        public var total: Int { validTotal + invalidTotal }
        public var passed: Int { validPassed + invalidPassed }
    }

    /// A diagnosis class and how many vectors it was found in.
    public struct ClassCount: Sendable, Hashable {
        public var diagnosisClass: String
        public var count: Int
    }

    public var vectors: Int
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var inputErrors: Int
    /// Failures and errors a baseline lists (not counted against the exit status).
    public var knownFailures: Int
    /// Failures and errors not in the baseline (all of them when there is none).
    public var newFailures: Int
    public var rows: [VenueRow]
    /// Diagnosis classes found among diagnosed vectors, by class id.
    public var classes: [ClassCount]

    public init(_ report: RunReport) {
        var tally = report.streamed
        for vector in report.vectors { tally.add(vector) }
        rows = tally.byVenue.values.sorted { $0.venue < $1.venue }
        vectors = tally.vectors
        passed = tally.passed
        failed = tally.failed
        errors = tally.errors
        inputErrors = report.inputErrors.count
        knownFailures = tally.knownFailures
        newFailures = tally.newFailures
        classes = tally.classCounts.sorted { $0.key < $1.key }.map { ClassCount(diagnosisClass: $0.key, count: $0.value) }
    }

    /// What "passed" means for the invalid vectors that passed, or `nil` when none did: a passing
    /// run must not read as a list of wrong signatures.
    public var invalidPassedNote: String? {
        let invalid = rows.reduce(0) { $0 + $1.invalidPassed }
        guard invalid > 0 else { return nil }
        return "\(counted(invalid, "invalid vector")) passed: each carries a signature that is wrong on purpose, and passed means "
            + "sigconform rejected it and named the mistake the vector expects (its class is what was diagnosed, not a failure)."
    }

    /// `827 vectors: 800 passed, 20 failed, 7 errors, 0 unreadable inputs`.
    public var line: String {
        var text = "\(counted(vectors, "vector")): \(passed) passed, \(failed) failed, \(counted(errors, "error")), \(counted(inputErrors, "unreadable input"))"
        if knownFailures > 0 { text += " (\(knownFailures) known from the baseline, \(newFailures) new)" }
        return text
    }
}

/// Counts of vectors, kept as they finish: what ``RunSummary`` is made of. A streamed run
/// (``ReportStream``) keeps these for the vectors it wrote out and did not hold.
public struct VectorTally: Sendable, Hashable {
    public private(set) var vectors = 0
    public private(set) var passed = 0
    public private(set) var failed = 0
    public private(set) var errors = 0
    public private(set) var knownFailures = 0
    public private(set) var newFailures = 0
    /// Failed vectors not covered by a baseline.
    public private(set) var newFailed = 0
    /// Vectors that could not be checked, not covered by a baseline.
    public private(set) var newErrors = 0
    public private(set) var byVenue: [String: RunSummary.VenueRow] = [:]
    public private(set) var classCounts: [String: Int] = [:]

    public init() {}

    public mutating func add(_ vector: VectorReport) {
        add(venue: vector.venue, result: vector.result, status: vector.status,
            passedBackends: vector.backends.lazy.filter { $0.status == .passed }.map(\.backend),
            classes: vector.diagnosis?.classes ?? [], baseline: vector.baseline)
    }

    /// Counts a vector from what its report would show: the backends whose outcome met the
    /// expectation, the diagnosis classes, the baseline mark.
    mutating func add(venue: String, result: ExpectedResult, status: VerdictStatus, passedBackends: some Sequence<String>,
                      classes: [String], baseline: BaselineMark?) {
        let isPassed = status == .passed
        // The row is counted where it is stored: a copy taken out and put back made its
        // `backendPassed` dictionary shared, so every vector copied it (callgrind).
        func count(_ row: inout RunSummary.VenueRow) {
            switch result {
            case .valid:
                row.validTotal += 1
                if isPassed { row.validPassed += 1 }
            case .invalid:
                row.invalidTotal += 1
                if isPassed { row.invalidPassed += 1 }
            }
            if status == .failed { row.failed += 1 }
            if status == .error { row.errors += 1 }
            for backend in passedBackends { row.backendPassed[backend, default: 0] += 1 }
        }
        count(&byVenue[venue, default: RunSummary.VenueRow(venue: venue)])
        for diagnosisClass in classes { classCounts[diagnosisClass, default: 0] += 1 }
        vectors += 1
        switch status {
        case .passed: passed += 1
        case .failed: failed += 1
        case .error: errors += 1
        }
        guard !isPassed else { return }
        if baseline == .known {
            knownFailures += 1
        } else {
            newFailures += 1
            if status == .failed { newFailed += 1 } else { newErrors += 1 }
        }
    }
}
