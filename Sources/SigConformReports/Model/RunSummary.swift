import SigConformCore
import SigConformDiagnosis

/// Counts every reporter shows, computed once per run.
public struct RunSummary: Sendable {
    public struct VenueRow: Sendable {
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
    }

    public var rows: [VenueRow]
    public var passed: Int
    public var failed: Int
    public var errors: Int
    public var unreadableInputs: Int
    public var backends: [String]
    /// Diagnosis classes found among failing or invalid vectors, with counts.
    public var classes: [(DiagnosisClass, Int)]

    public init(_ run: RunResult) {
        var byVenue: [String: VenueRow] = [:]
        var classCounts: [DiagnosisClass: Int] = [:]
        for verdict in run.verdicts {
            let venue = verdict.vector.venue
            var row = byVenue[venue] ?? VenueRow(venue: venue)
            let passed = verdict.status == .passed
            switch verdict.vector.result {
            case .valid:
                row.validTotal += 1
                if passed { row.validPassed += 1 }
            case .invalid:
                row.invalidTotal += 1
                if passed { row.invalidPassed += 1 }
            }
            if verdict.status == .failed { row.failed += 1 }
            if verdict.status == .error { row.errors += 1 }
            for backend in run.backends where Self.backendMet(verdict, backend: backend) {
                row.backendPassed[backend, default: 0] += 1
            }
            for diagnosisClass in verdict.diagnosis?.classes ?? [] { classCounts[diagnosisClass, default: 0] += 1 }
            byVenue[venue] = row
        }
        rows = byVenue.values.sorted { $0.venue < $1.venue }
        passed = run.count(.passed)
        failed = run.count(.failed)
        errors = run.count(.error)
        unreadableInputs = run.inputErrors.count
        backends = run.backends
        classes = classCounts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether `backend`'s own computation met the vector's expectation.
    public static func backendMet(_ verdict: VectorVerdict, backend: String) -> Bool {
        guard verdict.status != .error, let evaluation = verdict.evaluation else { return false }
        if verdict.status == .passed { return true }
        let ownFailure = evaluation.findings.contains { $0.backend == backend }
        let sharedFailure = !verdict.problems.isEmpty && !evaluation.findings.contains { $0.backend != nil }
        if case .failure = evaluation.outcomes.first(where: { $0.backend == backend })?.outcome { return false }
        return !ownFailure && !sharedFailure
    }
}
