import Foundation
import SigConformCore

/// `report.md`: short enough for a GitHub job summary or a pull-request comment (GitHub caps
/// comments at 65,536 characters): the verdict first, then the failures, then a table per
/// venue; details of each failure folded in `<details>`.
package struct MarkdownReporter: Reporter {
    package static let identifier = "markdown"
    package static let fileName = "report.md"
    package static let description = "GitHub job summary / PR comment (failures first, details folded)"

    /// Failures listed with their details; the rest are listed by id only.
    package var detailedFailures: Int
    /// Failures listed at all.
    package var listedFailures: Int
    /// Stop adding details once the text is this long, so a comment never exceeds GitHub's limit.
    package var characterBudget: Int

    package init(detailedFailures: Int = 25, listedFailures: Int = 200, characterBudget: Int = 50_000) {
        self.detailedFailures = detailedFailures
        self.listedFailures = listedFailures
        self.characterBudget = characterBudget
    }

    package func render(_ report: RunReport) -> String {
        let summary = report.summary
        var out: [String] = []
        let failing = report.vectors.filter { $0.status != .passed }
        let new = failing.filter { $0.baseline != .known }
        let title = "sigconform \(report.context.command)"
        if report.exitCode == 0 {
            let known = summary.knownFailures > 0 ? " (\(summary.knownFailures) known failures from the baseline)" : ""
            out.append("## ✅ \(title): all \(summary.vectors) vectors behave\(known)")
        } else {
            let inputs = summary.inputErrors > 0 ? ", unreadable inputs: \(summary.inputErrors)" : ""
            out.append("## ❌ \(title): failing vectors: \(new.count)\(inputs)")
        }
        out.append("")
        var facts = "**\(counted(summary.vectors, "vector"))**: \(summary.passed) passed, \(summary.failed) failed, \(counted(summary.errors, "error"))"
        facts += " · backends: \(report.backends.joined(separator: ", "))"
        if let shard = report.context.shard { facts += " · shard \(shard.index)/\(shard.count)" }
        if let merged = report.context.mergedReports { facts += " · merged from \(counted(merged, "report"))" }
        facts += String(format: " · %.1f s", report.context.durationSeconds)
        out.append(facts)
        if let signer = report.context.signer { out += ["", "Signer: `\(Self.inlineCode(signer))`"] }

        if !failing.isEmpty {
            // One row per cause, then each cause's members (and their details) folded under it.
            let groups = FailureGroup.groups(of: report.vectors)
            let noun = report.context.memberNoun
            out += ["", "### Failures by cause", "", "| venue | \(noun)s | status | diagnosis | cause | fix |", "|---|---:|---|---|---|---|"]
            for group in groups {
                let status = (group.status == .error ? "error" : "FAIL") + (group.known ? " (known)" : "")
                let fix = group.fixes.isEmpty ? "—" : group.fixes.map { Escaping.markdown(Self.shortened($0, to: 160)) }.joined(separator: "; ")
                out.append("| \(Escaping.markdown(group.venue)) | \(group.members.count) | \(status) | \(Escaping.markdown(group.classText)) | \(Escaping.markdown(Self.shortened(group.cause, to: 160))) | \(fix) |")
            }
            out.append("")
            var listed = 0
            var detailed = 0
            var overBudget = false
            for group in groups where listed < listedFailures {
                out += ["<details><summary>\(Escaping.html(Escaping.visibleControls(group.headline(noun: noun))))</summary>", "",
                        "| vector | status | diagnosis | first problem |", "|---|---|---|---|"]
                let shown = group.members.prefix(listedFailures - listed)
                for vector in shown {
                    let status = (vector.status == .error ? "error" : "FAIL") + (vector.baseline == .known ? " (known)" : "")
                    let classes = vector.diagnosis?.classes.joined(separator: " + ") ?? "—"
                    let problem = vector.problems.first.map { Escaping.markdown(Self.shortened($0, to: 160)) } ?? ""
                    out.append("| `\(Self.inlineCode(vector.id))` | \(status) | \(Escaping.markdown(classes)) | \(problem) |")
                }
                listed += shown.count
                out.append("")
                for vector in shown where detailed < detailedFailures && !overBudget {
                    let block = details(vector, report: report)
                    if out.joined(separator: "\n").count + block.count > characterBudget {
                        overBudget = true
                        break
                    }
                    out.append(block)
                    detailed += 1
                }
                out += ["</details>", ""]
            }
            if overBudget { out.append("_Details of further failures are left out to keep this summary short: see report.html._") }
            if failing.count > listed { out += ["", "…and \(failing.count - listed) more: see report.html or report.json."] }
        }

        out += ["", "### By venue", ""]
        out.append("| venue | valid | invalid | " + report.backends.map { "\($0) ok" }.joined(separator: " | ") + " | failed | errors |")
        out.append("|---|---:|---:|" + report.backends.map { _ in "---:|" }.joined() + "---:|---:|")
        for row in summary.rows {
            let backends = report.backends.map { "\(row.backendPassed[$0] ?? 0)/\(row.total)" }.joined(separator: " | ")
            out.append("| \(Escaping.markdown(row.venue)) | \(row.validPassed)/\(row.validTotal) | \(row.invalidPassed)/\(row.invalidTotal) | \(backends) | \(row.failed) | \(row.errors) |")
        }
        if !summary.classes.isEmpty {
            out += ["", "Diagnosis classes found: " + summary.classes.map { "`\($0.diagnosisClass)` × \($0.count)" }.joined(separator: ", ")]
        }
        if let note = summary.invalidPassedNote { out += ["", note] }
        if !report.inputErrors.isEmpty {
            out += ["", "<details><summary>Unusable input (\(report.inputErrors.count))</summary>", ""]
            // One bullet each: the fix stays on the bullet's line.
            out += report.inputErrors.prefix(listedFailures).map { "- " + Escaping.markdown($0.description(fixSeparator: " — fix: ")) }
            out += ["", "</details>"]
        }
        if let baseline = report.baseline, !baseline.fixed.isEmpty {
            out += ["", "Fixed since the baseline (\(baseline.fixed.count)): " + baseline.fixed.prefix(listedFailures).map { "`\(Self.inlineCode($0))`" }.joined(separator: ", ")]
        }
        out.append("")
        return out.joined(separator: "\n")
    }

    /// One folded failure: problems, diagnosis with fix, the prehash diff in a code block, docs.
    func details(_ vector: VectorReport, report: RunReport) -> String {
        let classes = vector.diagnosis.map { " — " + $0.classes.joined(separator: " + ") } ?? ""
        var lines = ["<details><summary><code>\(Escaping.html(vector.id))</code>\(Escaping.html(classes))</summary>", ""]
        lines.append("Defined at `\(Self.inlineCode(vector.source.description))`" + (vector.comment.map { ": " + Escaping.markdown($0) } ?? ""))
        lines.append("")
        lines += vector.problems.map { "- " + Escaping.markdown($0) }
        lines += vector.notes.map { "- note: " + Escaping.markdown($0) }
        if let diagnosis = vector.diagnosis {
            for step in diagnosis.steps {
                lines.append("- **\(step.diagnosisClass)**: \(Escaping.markdown(step.detail))")
                lines.append("  - fix: \(Escaping.markdown(step.fix))")
            }
            if diagnosis.steps.isEmpty { lines += diagnosis.fixes.map { "- fix: " + Escaping.markdown($0) } }
            if let correct = diagnosis.correctPrehash, let client = diagnosis.clientPrehash, correct.bytes != client.bytes {
                lines += ["", Self.codeBlock(PrehashDiff.lines(correct: correct, client: client, difference: diagnosis.firstDifference).joined(separator: "\n"))]
            } else if let correct = diagnosis.correctPrehashAlone {
                lines += ["", Self.codeBlock("correct prehash: \(correct.display)")]
            }
            if let tried = diagnosis.triedText { lines.append("- " + Escaping.markdown(tried)) }
            lines += diagnosis.evidence.map { "- evidence: " + Escaping.markdown($0) }
            if let error = diagnosis.venueError { lines.append("- the venue answers: " + Escaping.markdown(error.description)) }
            lines.append("- docs: \(WebLink.markdown(diagnosis.docs))")
        } else if let docs = report.venue(vector.venue)?.docs {
            lines.append("- docs: \(WebLink.markdown(docs))")
        }
        lines += ["", "</details>", ""]
        return lines.joined(separator: "\n")
    }

    /// A fenced code block whose fence is longer than any run of backticks inside.
    static func codeBlock(_ text: String) -> String {
        var longest = 0
        var run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return "\(fence)text\n\(text)\n\(fence)"
    }

    /// Text for inside a single-backtick code span (backticks cannot be escaped there).
    static func inlineCode(_ text: String) -> String { text.replacingOccurrences(of: "`", with: "'").replacingOccurrences(of: "\n", with: " ") }

    static func shortened(_ text: String, to length: Int) -> String {
        text.count <= length ? text : String(text.prefix(length - 1)) + "…"
    }
}
