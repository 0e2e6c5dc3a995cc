import Foundation
import SigConformCore
import SigConformDiagnosis
import SigConformMAC

/// The report for a person at a terminal: a table per venue and backend, then every failure
/// with its diagnosis, the two prehashes and the first differing byte. Colour only when asked
/// (the CLI asks on a TTY without `NO_COLOR`).
public struct TerminalReporter: Reporter {
    public static let identifier = "terminal"
    public static let fileName = "report.txt"
    public static let description = "human-readable summary and failures (also printed to the terminal)"

    public init() {}

    public func render(_ run: RunResult, context: ReportContext) -> String {
        let paint = Paint(enabled: context.useColor)
        let summary = RunSummary(run)
        var lines: [String] = []
        let isDiagnosis = context.command == "diagnose"
        if isDiagnosis {
            lines.append(paint.bold("sigconform diagnose") + " — \(run.verdicts.count) request\(run.verdicts.count == 1 ? "" : "s"), backends: \(run.backends.joined(separator: ", "))")
            for verdict in run.verdicts where verdict.status == .passed {
                lines.append(paint.green("OK") + " \(verdict.vector.venue) \(verdict.vector.request.method) \(verdict.vector.request.path): the signature and auth headers are correct")
                lines.append("  if the venue still rejects it, suspect the credentials or environment (key pair, testnet vs mainnet, IP whitelist)")
            }
        } else {
            lines.append(paint.bold("sigconform \(context.command)") + " — \(run.verdicts.count) vectors from \(run.files.count) files, backends: \(run.backends.joined(separator: ", "))")
            lines.append("")
        }
        let backendHeaders = run.backends.map { "\($0) ok" }
        let header = ["venue", "valid", "invalid"] + backendHeaders + ["failed", "errors"]
        var table: [[String]] = [header]
        for row in summary.rows {
            table.append([row.venue, "\(row.validPassed)/\(row.validTotal)", "\(row.invalidPassed)/\(row.invalidTotal)"]
                         + run.backends.map { "\(row.backendPassed[$0] ?? 0)/\(row.total)" } + ["\(row.failed)", "\(row.errors)"])
        }
        if !isDiagnosis { lines += Self.format(table).enumerated().map { index, line in index == 0 ? paint.dim(line) : line } }

        let failing = run.verdicts.filter { $0.status != .passed }
        for verdict in failing {
            lines.append("")
            let tag = verdict.status == .error ? paint.yellow("ERROR") : paint.red("FAIL")
            lines.append("\(tag) \(verdict.id)  \(paint.dim(verdict.vector.origin.description))")
            if let comment = verdict.vector.comment { lines.append("  " + paint.dim(comment)) }
            for problem in verdict.problems { lines.append("  - \(problem)") }
            if let diagnosis = verdict.diagnosis {
                lines += Self.describe(diagnosis, paint: paint, redactor: Redactor(credentials: [verdict.vector.credentials])).map { "  " + $0 }
            }
        }
        if !run.inputErrors.isEmpty {
            lines.append("")
            lines.append(paint.yellow("Unusable input (\(run.inputErrors.count)):"))
            for error in run.inputErrors { lines.append("  \(error)") }
        }
        lines.append("")
        var total = isDiagnosis
            ? "\(run.verdicts.count) request\(run.verdicts.count == 1 ? "" : "s"): \(summary.passed) correct, \(summary.failed) rejected, \(summary.errors) errors"
            : "\(run.verdicts.count) vectors: \(summary.passed) passed, \(summary.failed) failed, \(summary.errors) errors"
        total += ", \(summary.unreadableInputs) unreadable inputs"
        total += String(format: " (%.2f s)", context.durationSeconds)
        lines.append(run.exitCode == 0 ? paint.green(total) : paint.red(total))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The diagnosis block shared by `check` and `diagnose`.
    /// `redactor` masks credentials inside the prehashes before the first-difference marker is placed.
    public static func describe(_ diagnosis: Diagnosis, paint: Paint, redactor: Redactor) -> [String] {
        var lines: [String] = []
        lines.append("diagnosis: " + paint.bold(diagnosis.classIDs.joined(separator: " + ")))
        for step in diagnosis.steps {
            lines.append("  \(step.diagnosisClass.rawValue): \(step.detail)")
            lines.append("  fix: \(step.diagnosisClass.fix)")
        }
        if let correct = diagnosis.correctPrehash, let client = diagnosis.clientPrehash, correct.bytes != client.bytes {
            lines += PrehashDiff.lines(correct: correct, client: client, redactor: redactor).map { "  " + $0 }
        }
        if let echo = diagnosis.serverEcho, let correct = diagnosis.correctPrehash {
            lines.append("  venue's prehash:  \(redactor.scrub(PrehashDiff.visible(Array(echo.serverPrehash.utf8))))")
            lines.append("  correct prehash:  \(redactor.scrub(PrehashDiff.visible(correct.bytes)))")
        }
        for fact in diagnosis.evidence { lines.append("  evidence: \(fact)") }
        if let error = diagnosis.venueError { lines.append("  the venue answers: \(error)") }
        lines.append("  docs: \(diagnosis.docs)")
        return lines
    }

    static func format(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == 0 ? cell.padding(widths[index]) : String(repeating: " ", count: widths[index] - cell.count) + cell
            }.joined(separator: "  ")
        }
    }
}

/// The two prehashes side by side, the first differing byte marked, each line labelled with
/// the request component it came from.
public enum PrehashDiff {
    public static func lines(correct: Prehash, client: Prehash, redactor: Redactor) -> [String] {
        let a = correct.bytes
        let b = client.bytes
        let offset = zip(a, b).prefix { $0 == $1 }.count
        let correctText = redactor.scrub(visible(a))
        let clientText = redactor.scrub(visible(b))
        // Place the marker on the masked text, which is what is printed.
        let marker = String(repeating: " ", count: redactor.scrub(visible(Array(a.prefix(offset)))).count) + "^"
        var component = ""
        if let difference = PrehashDifference(correct: correct, client: client) {
            let left = difference.correctComponent?.rawValue ?? "end"
            let right = difference.clientComponent?.rawValue ?? "end"
            component = left == right ? " (in \(left))" : " (correct: \(left), client: \(right))"
        }
        return [
            "correct prehash: \(correctText)",
            "client prehash:  \(clientText)",
            "                 \(marker) first difference at byte \(offset)\(component)",
        ]
    }

    /// Bytes as text with control characters and non-UTF-8 bytes made visible.
    public static func visible(_ bytes: [UInt8]) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { return "hex:" + Hex.encode(bytes) }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// ANSI styling that is a no-op when colour is off.
public struct Paint: Sendable {
    public var enabled: Bool
    public init(enabled: Bool) { self.enabled = enabled }
    func wrap(_ text: String, _ code: String) -> String { enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text }
    public func bold(_ text: String) -> String { wrap(text, "1") }
    public func dim(_ text: String) -> String { wrap(text, "2") }
    public func red(_ text: String) -> String { wrap(text, "31") }
    public func green(_ text: String) -> String { wrap(text, "32") }
    public func yellow(_ text: String) -> String { wrap(text, "33") }
}

extension String {
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }
}
