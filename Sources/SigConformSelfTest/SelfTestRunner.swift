import SigConformMAC

/// A case whose backend verdict disagreed with its vector.
package struct CaseFailure: Sendable, Hashable {
    package let id: String
    package let reason: String
}

/// The outcome of running one vector file on one backend.
package struct SuiteResult: Sendable {
    package let suite: String
    package let backendID: String
    /// Cases whose verdict matched a `valid` or `invalid` expectation.
    package fileprivate(set) var passed = 0
    /// `acceptable` cases: run, but either verdict is allowed, so they neither pass nor fail.
    package fileprivate(set) var acceptable = 0
    package fileprivate(set) var failures: [CaseFailure] = []
    /// Cases not run, grouped by reason (the file's unrunnable cases and those the backend refused).
    package fileprivate(set) var skipped: [SkippedCases] = []

    /// How many cases were skipped; a file skipped before its cases were read counts as none.
    package var skippedCount: Int { skipped.reduce(0) { $0 + $1.ids.count } }
    /// Whether every case that ran behaved as its vector says.
    package var behaved: Bool { failures.isEmpty }
}

/// Runs vector suites on MAC backends.
package enum SelfTestRunner {
    /// Checks every case of `suite` on `backend`. Backend errors never escape: an algorithm the
    /// backend does not support skips the case with the backend's reason, any other error fails it.
    package static func run(_ suite: MACTestSuite, on backend: any MACBackend) -> SuiteResult {
        var result = SuiteResult(suite: suite.name, backendID: backend.id)
        result.skipped = suite.unrunnable
        var refused: [String: [String]] = [:]
        var refusalOrder: [String] = []
        for testCase in suite.cases {
            switch check(testCase, on: backend) {
            case .passed: result.passed += 1
            case .acceptable: result.acceptable += 1
            case .failed(let reason): result.failures.append(CaseFailure(id: testCase.id, reason: reason))
            case .skipped(let reason):
                if refused[reason] == nil { refusalOrder.append(reason) }
                refused[reason, default: []].append(testCase.id)
            }
        }
        result.skipped += refusalOrder.map { SkippedCases(ids: refused[$0] ?? [], reason: $0) }
        return result
    }

    /// What happened to one case.
    package enum Outcome: Sendable, Hashable {
        case passed
        case acceptable
        case failed(String)
        case skipped(String)
    }

    /// Verifies the case's tag the way the vector defines it and compares with the expectation.
    package static func check(_ testCase: MACTestCase, on backend: any MACBackend) -> Outcome {
        let full: [UInt8]
        do {
            full = try backend.hmac(testCase.algorithm, key: testCase.key, message: testCase.message)
        } catch {
            if case .unsupportedAlgorithm = error { return .skipped(error.description) }
            return .failed("backend error: \(error)")
        }
        let computed = Array(full.prefix(testCase.tagByteCount))
        let accepted = testCase.tag.count == testCase.tagByteCount && constantTimeEquals(computed, testCase.tag)
        switch (testCase.expected, accepted) {
        case (.acceptable, _): return .acceptable
        case (.valid, true), (.invalid, false): return .passed
        case (.valid, false):
            return .failed("valid tag rejected: computed \(Hex.encode(computed)), vector \(Hex.encode(testCase.tag))")
        case (.invalid, true):
            return .failed("invalid tag accepted (\(testCase.comment))")
        }
    }
}
