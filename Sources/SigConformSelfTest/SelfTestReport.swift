import SigConformMAC
import SigConformCore

/// Everything one self-test run found: results per file × backend and files that could not be used.
package struct SelfTestReport: Sendable {
    /// The backends that ran, as `(id, displayName)`.
    package let backends: [(id: String, displayName: String)]
    package let results: [SuiteResult]
    package let errors: [SelfTestError]

    package init(backends: [any MACBackend], results: [SuiteResult], errors: [SelfTestError]) {
        self.backends = backends.map { ($0.id, $0.displayName) }
        self.results = results
        self.errors = errors
    }

    /// Loads every file and runs it on every backend. A file that cannot be loaded becomes an
    /// error (added to `errors` found earlier, e.g. while listing a folder) and the others still run.
    package static func run(
        _ files: [StandardVectorSet.File], on backends: [any MACBackend], errors earlierErrors: [SelfTestError] = []
    ) -> SelfTestReport {
        var results: [SuiteResult] = []
        var errors = earlierErrors
        for file in files {
            do {
                let suite = try file.load()
                results += backends.map { SelfTestRunner.run(suite, on: $0) }
            } catch {
                errors.append(error)
            }
        }
        return SelfTestReport(backends: backends, results: results, errors: errors)
    }

    /// Unusable input when an input could not be used, findings when a test misbehaved, pass otherwise.
    package var exitStatus: ExitStatus {
        ExitStatus(unusable: !errors.isEmpty, failed: !results.allSatisfy(\.behaved))
    }

    /// A plain-text table (file × backend) followed by failure, skip and error details and a summary.
    package func render(maximumIDsPerLine: Int = 10) -> String {
        var lines = backends.map { "backend \($0.id): \($0.displayName)" }
        lines.append("")
        let header = ["file", "backend", "passed", "failed", "skipped", "acceptable"]
        let rows = results.map { result in
            [
                result.suite, result.backendID, "\(result.passed)", "\(result.failures.count)",
                result.skipped.contains { $0.ids.isEmpty } ? "file" : "\(result.skippedCount)", "\(result.acceptable)",
            ]
        }
        if !rows.isEmpty { lines += Self.table([header] + rows) }
        var details: [String] = []
        for result in results {
            let place = "\(result.suite) on \(result.backendID)"
            if !result.failures.isEmpty {
                let listed = result.failures.map { "\($0.id): \($0.reason)" }
                details.append(
                    "FAILED  \(place): \(Self.abbreviated(listed, separator: "; ", limit: maximumIDsPerLine))")
            }
            for skip in result.skipped {
                let listed = Self.abbreviated(skip.ids, separator: ", ", limit: maximumIDsPerLine)
                let ids = skip.ids.isEmpty ? "whole file" : "\(skip.ids.count) cases (\(listed))"
                details.append("SKIPPED \(place): \(ids): \(skip.reason)")
            }
        }
        // Unusable input reads as every command prints it (`Diagnostic.description`).
        details += errors.flatMap(\.diagnostics).map(\.description)
        if !details.isEmpty { lines += [""] + details }
        lines += ["", summary]
        return lines.joined(separator: "\n")
    }

    private var summary: String {
        let passed = results.reduce(0) { $0 + $1.passed }
        let failed = results.reduce(0) { $0 + $1.failures.count }
        let skipped = results.reduce(0) { $0 + $1.skippedCount }
        let acceptable = results.reduce(0) { $0 + $1.acceptable }
        let counts = "\(passed) passed, \(failed) failed, \(skipped) skipped, \(acceptable) acceptable"
        switch exitStatus {
        case .pass: return "OK: \(counts); every test behaves as its vector says."
        case .findings: return "FAILED: \(counts); some tests do not behave as their vectors say."
        case .unusableInput:
            let inputs = errors.count == 1 ? "1 input" : "\(errors.count) inputs"
            return "ERROR: \(inputs) could not be used; \(counts) in the rest."
        }
    }

    /// The first `limit` items, then how many were left out.
    private static func abbreviated(_ items: [String], separator: String, limit: Int) -> String {
        let shown = items.prefix(limit).joined(separator: separator)
        return items.count > limit ? "\(shown) … and \(items.count - limit) more" : shown
    }

    /// Left-aligns text columns and right-aligns numeric ones.
    private static func table(_ rows: [[String]]) -> [String] {
        guard let first = rows.first else { return [] }
        let widths = first.indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.indices.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return column < 2 ? cell + padding : padding + cell
            }.joined(separator: "  ")
        }
    }
}
