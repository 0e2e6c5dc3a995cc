import Foundation
import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// The report for a person at a terminal: a table per venue and backend, then every failure
/// with its diagnosis, the two prehashes and the first differing byte. Colour only when asked
/// (the CLI asks on a TTY without `NO_COLOR`); the file it writes is always plain.
package struct TerminalReporter: Reporter {
    package static let identifier = "terminal"
    package static let fileName = "report.txt"
    package static let description = "human-readable summary and failures (also printed to the terminal)"

    package var useColor: Bool

    package init(useColor: Bool = false) { self.useColor = useColor }

    package func render(_ run: RunResult, context: ReportContext) -> String {
        TerminalReporter(useColor: context.useColor).render(RunReport(run, context: context))
    }

    package func render(_ report: RunReport) -> String {
        let paint = Paint(enabled: useColor)
        let summary = report.summary
        var lines: [String] = []
        // `diagnose` checks captured requests, not a corpus: no table, and correct requests said so.
        let isDiagnosis = report.context.command == "diagnose"
        let requests = counted(summary.vectors, "request")
        if isDiagnosis {
            lines.append(paint.bold("sigconform diagnose") + " — \(requests), backends: \(report.backends.joined(separator: ", "))")
            for vector in report.vectors where vector.status == .passed {
                lines.append(paint.green("OK") + " \(visible(vector.venue)) \(visible(vector.request.method)) \(visible(vector.request.path)): the signature and auth headers are correct")
                lines.append("  if the venue still rejects it, suspect the credentials or environment (key pair, testnet vs mainnet, IP whitelist)")
                if !vector.assumedKeyChoices.isEmpty {
                    let settings = vector.assumedKeyChoices.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
                    lines.append("  correct for a key with \(visible(settings)) (a setting of the key the request does not show; docs/recipes.md, Key options)")
                }
            }
        } else {
            var heading = paint.bold("sigconform \(report.context.command)")
                + " — \(counted(summary.vectors, "vector")) from \(counted(report.files.count, "file")), backends: \(report.backends.joined(separator: ", "))"
            if let shard = report.context.shard { heading += ", shard \(shard.index)/\(shard.count)" }
            if let merged = report.context.mergedReports { heading += ", merged from \(counted(merged, "report"))" }
            lines.append(heading)
            if let signer = report.context.signer { lines.append(paint.dim("signer: \(visible(signer))")) }
            lines.append("")
        }
        let header = ["venue", "valid", "invalid"] + report.backends.map { "\($0) ok" } + ["failed", "errors"]
        var table: [[String]] = [header]
        for row in summary.rows {
            table.append([visible(row.venue), "\(row.validPassed)/\(row.validTotal)", "\(row.invalidPassed)/\(row.invalidTotal)"]
                         + report.backends.map { "\(row.backendPassed[$0] ?? 0)/\(row.total)" } + ["\(row.failed)", "\(row.errors)"])
        }
        if !isDiagnosis { lines += Self.format(table).enumerated().map { index, line in index == 0 ? paint.dim(line) : line } }
        if !isDiagnosis, let note = summary.invalidPassedNote { lines += ["", paint.dim(note)] }

        // Failures that share a cause, once each with the fix; every member's detail follows, in group order.
        let groups = FailureGroup.groups(of: report.vectors)
        if !isDiagnosis, !groups.isEmpty {
            let failing = groups.reduce(0) { $0 + $1.members.count }
            lines += ["", paint.bold("Failures by cause (\(counted(groups.count, "cause")), \(counted(failing, report.context.memberNoun))):")]
            for group in groups {
                let mark = group.known ? paint.dim("known") : group.status == .error ? paint.yellow("ERROR") : paint.red("FAIL")
                lines.append("  \(mark) \(visible(group.headline(noun: report.context.memberNoun)))")
                for fix in group.fixes { lines.append("    fix: \(visible(fix))") }
                lines.append(paint.dim("    \(visible(group.venue)): \(visible(group.memberList()))"))
            }
        }

        for vector in groups.flatMap(\.members) {
            lines.append("")
            var tag = vector.status == .error ? paint.yellow("ERROR") : paint.red("FAIL")
            if vector.baseline == .known { tag = paint.dim(vector.status == .error ? "ERROR (known)" : "FAIL (known)") }
            lines.append("\(tag) \(visible(vector.id))  \(paint.dim(visible(vector.source.description)))")
            if let comment = vector.comment { lines.append("  " + paint.dim(visible(comment))) }
            for problem in vector.problems { lines.append("  - \(visible(problem))") }
            for note in vector.notes { lines.append(paint.dim("  note: \(visible(note))")) }
            if let diagnosis = vector.diagnosis { lines += Self.describe(diagnosis, paint: paint).map { "  " + $0 } }
        }
        if !report.inputErrors.isEmpty {
            lines.append("")
            lines.append(paint.yellow("Unusable input (\(report.inputErrors.count)):"))
            for error in report.inputErrors {
                // The fix is on a line of its own, as a diagnostic prints it.
                lines += error.description.split(separator: "\n").map { "  " + visible(String($0)) }
            }
        }
        if let baseline = report.baseline, !baseline.fixed.isEmpty {
            lines.append("")
            lines.append(paint.green("Fixed since the baseline \(baseline.file) (\(baseline.fixed.count)): ") + baseline.fixed.joined(separator: ", "))
        }
        lines.append("")
        let counts = isDiagnosis
            ? "\(requests): \(summary.passed) correct, \(summary.failed) rejected, \(counted(summary.errors, "error")), \(counted(summary.inputErrors, "unreadable input"))"
            : summary.line
        let total = counts + String(format: " (%.2f s)", report.context.durationSeconds)
        lines.append(report.exitCode == 0 ? paint.green(total) : paint.red(total))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The diagnosis block: classes, each step with its fix, the prehash diff, evidence, the
    /// venue's error and docs.
    package static func describe(_ diagnosis: DiagnosisReport, paint: Paint) -> [String] {
        var lines: [String] = []
        lines.append("diagnosis: " + paint.bold(visible(diagnosis.classes.joined(separator: " + "))))
        for step in diagnosis.steps {
            lines.append("  \(visible(step.diagnosisClass)): \(visible(step.detail))")
            lines.append("  fix: \(visible(step.fix))")
        }
        if let correct = diagnosis.correctPrehash, let client = diagnosis.clientPrehash, correct.bytes != client.bytes {
            lines += PrehashDiff.lines(correct: correct, client: client, difference: diagnosis.firstDifference).map { "  " + $0 }
        } else if let correct = diagnosis.correctPrehashAlone, diagnosis.serverEcho == nil {
            lines.append("  correct prehash: \(correct.display)")
        }
        if let tried = diagnosis.triedText { lines.append("  \(tried)") }
        if let echo = diagnosis.serverEcho, let correct = diagnosis.correctPrehash {
            lines.append("  venue's prehash:  \(visible(echo.serverPrehash))")
            lines.append("  correct prehash:  \(correct.display)")
        }
        for fact in diagnosis.evidence { lines.append("  evidence: \(visible(fact))") }
        if let error = diagnosis.venueError { lines.append("  the venue answers: \(visible(error.description))") }
        lines.append("  docs: \(visible(diagnosis.docs))")
        return lines
    }

    /// The same block for a diagnosis as the engine returns it.
    package static func describe(_ diagnosis: Diagnosis, paint: Paint) -> [String] {
        describe(DiagnosisReport(diagnosis, mask: CredentialMask(Credentials())), paint: paint)
    }

    static func format(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                let pad = String(repeating: " ", count: widths[index] - cell.count)
                return index == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
    }
}

/// Text from vectors and reports with control characters made visible: a vector file must not
/// be able to send escape sequences to the terminal of whoever checks it.
private func visible(_ text: String) -> String { Escaping.visibleControls(text) }

extension String {
    /// The text left-aligned in `width` columns.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
