import SigConformCore
import SigConformDiagnosis

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
        var byVenue: [String: VenueRow] = [:]
        var classCounts: [String: Int] = [:]
        for vector in report.vectors {
            var row = byVenue[vector.venue] ?? VenueRow(venue: vector.venue)
            let passed = vector.status == .passed
            switch vector.result {
            case .valid:
                row.validTotal += 1
                if passed { row.validPassed += 1 }
            case .invalid:
                row.invalidTotal += 1
                if passed { row.invalidPassed += 1 }
            }
            if vector.status == .failed { row.failed += 1 }
            if vector.status == .error { row.errors += 1 }
            for backend in vector.backends where backend.status == .passed {
                row.backendPassed[backend.backend, default: 0] += 1
            }
            for diagnosisClass in vector.diagnosis?.classes ?? [] { classCounts[diagnosisClass, default: 0] += 1 }
            byVenue[vector.venue] = row
        }
        rows = byVenue.values.sorted { $0.venue < $1.venue }
        vectors = report.vectors.count
        passed = report.vectors.count { $0.status == .passed }
        failed = report.vectors.count { $0.status == .failed }
        errors = report.vectors.count { $0.status == .error }
        inputErrors = report.inputErrors.count
        knownFailures = report.vectors.count { $0.status != .passed && $0.baseline == .known }
        newFailures = report.vectors.count(where: \.isNewProblem)
        classes = classCounts.sorted { $0.key < $1.key }.map { ClassCount(diagnosisClass: $0.key, count: $0.value) }
    }

    /// `827 vectors: 800 passed, 20 failed, 7 errors, 0 unreadable inputs`.
    public var line: String {
        var text = "\(vectors) vectors: \(passed) passed, \(failed) failed, \(errors) errors, \(inputErrors) unreadable inputs"
        if knownFailures > 0 { text += " (\(knownFailures) known from the baseline, \(newFailures) new)" }
        return text
    }
}
