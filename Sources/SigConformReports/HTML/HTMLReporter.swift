import Foundation
import SigConformCore
import SigConformDiagnosis

/// `report.html`: one self-contained page (inline style and script, nothing fetched) with the
/// overview, filters by venue, diagnosis class and result, and every vector; each failure shows
/// its two prehashes diffed byte by byte, the fix and the venue's docs.
package struct HTMLReporter: Reporter, StreamingReporter {
    package static let identifier = "html"
    package static let fileName = "report.html"
    package static let description = "self-contained HTML page with filters and byte-by-byte prehash diffs"

    package init() {}

    package func render(_ report: RunReport) -> String { renderInMemory(report) }

    func write(_ report: RunReport, spooled: [String: Spooled], to out: inout some ReportOutput) throws(ReportStreamError) {
        try write(report, spooled: spooled[""] ?? Spooled(), to: &out)
    }

    /// A passed vector's row, for the spool: passed rows follow every failure's card.
    func fragment(_ vector: VectorReport, into out: inout ReportBytes) { Self.row(vector, into: &out) }

    /// A passed vector as one compact row: its id, the classes its diagnosis rightly named (a
    /// passed invalid vector), its result and where it is defined, with the data the filters
    /// read. A passed vector has nothing to fix, and a card per vector made the page too large
    /// to open for a large corpus.
    static func row(_ vector: VectorReport, into out: inout ReportBytes) {
        let classes = vector.diagnosis?.classes ?? []
        out.append("<div class=\"vector row\" id=\"v-")
        out.appendHTML(vector.id)
        out.append("\" data-venue=\"")
        out.appendHTML(vector.venue)
        out.append("\" data-id=\"")
        out.appendHTML(vector.id)
        out.append("\" data-classes=\"")
        out.append(classes, separator: " ") { $0.appendHTML($1) }
        out.append("\" data-result=\"passed\"><span class=\"badge passed\">passed</span><span class=\"id\">")
        out.appendHTML(vector.id)
        out.append("</span>")
        if !classes.isEmpty {
            out.append("<span class=\"classes passed\">")
            out.append(classes, separator: " + ") { $0.appendHTML($1) }
            out.append("</span>")
        }
        out.append(vector.result == .valid ? "<span class=\"where\">valid · <code>" : "<span class=\"where\">invalid · <code>")
        out.appendHTML(vector.source.file)
        if let line = vector.source.line {
            out.append(":")
            out.append(line)
            if let column = vector.source.column {
                out.append(":")
                out.append(column)
            }
        }
        out.append("</code></span></div>\n")
    }

    /// The page, with the spooled cards after the held ones.
    func write(_ report: RunReport, spooled: Spooled, to out: inout some ReportOutput) throws(ReportStreamError) {
        let summary = report.summary
        let failing = report.exitCode != 0
        let title = "sigconform \(report.context.command)"
        var html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        html += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(HTMLAssets.contentSecurityPolicy)\">\n"
        html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        html += "<title>\(h(title)) — \(failing ? "\(summary.newFailures) failing" : "all pass")</title>\n"
        html += "<style>\(HTMLAssets.styleElement)</style>\n</head>\n<body>\n<header>\n"
        html += "<h1><span class=\"\(failing ? "verdict-fail" : "verdict-pass")\">\(failing ? "✗" : "✓")</span> \(h(title))</h1>\n"
        html += "<p class=\"meta\">\(h(meta(report)))</p>\n"
        html += "<div class=\"counts\">"
        html += count("vectors", summary.vectors, "") + count("passed", summary.passed, "passed") + count("failed", summary.failed, "failed")
        html += count("errors", summary.errors, "error") + count("unreadable inputs", summary.inputErrors, summary.inputErrors > 0 ? "error" : "")
        if report.baseline != nil { html += count("known (baseline)", summary.knownFailures, "") + count("new failures", summary.newFailures, "failed") }
        html += "</div>\n</header>\n<main>\n"
        html += overview(report, summary: summary)
        html += groups(report)
        html += filters(report, summary: summary)
        html += "<section id=\"vectors\">\n"
        let ordered = report.vectors.filter(\.isNewProblem) + report.vectors.filter { !$0.isNewProblem && $0.status != .passed }
            + report.vectors.filter { $0.status == .passed }
        // Failures open when there are few enough to read them all.
        let openFailures = summary.newFailures <= 20
        for vector in ordered {
            guard vector.status != .passed else {
                var row = ReportBytes()
                Self.row(vector, into: &row)
                html += String(decoding: row.bytes, as: UTF8.self)
                continue
            }
            html += card(vector, docs: report.venue(vector.venue)?.docs, open: openFailures && vector.isNewProblem)
        }
        out.write(html)
        if let spool = spooled.spool, spool.size > 0 { try out.copy(0..<spool.size, of: spool) }
        html = "</section>\n"
        if !report.inputErrors.isEmpty {
            html += "<section id=\"inputs\"><h2>Unusable input (\(report.inputErrors.count))</h2><ul>\n"
            for error in report.inputErrors { html += "<li><code>\(h(error.description))</code></li>\n" }
            html += "</ul></section>\n"
        }
        if let baseline = report.baseline, !baseline.fixed.isEmpty {
            html += "<section id=\"fixed\"><h2>Fixed since the baseline</h2><p>\(baseline.fixed.map { "<code>\(h($0))</code>" }.joined(separator: ", "))</p></section>\n"
        }
        html += "</main>\n<script>\(HTMLAssets.scriptElement)</script>\n</body>\n</html>\n"
        out.write(html)
    }

    func meta(_ report: RunReport) -> String {
        var parts = ["\(report.tool.name) \(report.tool.version)", "started \(report.context.startedAt)",
                     String(format: "%.2f s", report.context.durationSeconds), "backends: \(report.backends.joined(separator: ", "))",
                     counted(report.files.count, "file")]
        if let shard = report.context.shard { parts.append("shard \(shard.index)/\(shard.count)") }
        if let merged = report.context.mergedReports { parts.append("merged from \(counted(merged, "report"))") }
        if let signer = report.context.signer { parts.append("signer: \(signer)") }
        if let baseline = report.baseline { parts.append("baseline: \(baseline.file)") }
        return parts.joined(separator: " · ")
    }

    func count(_ label: String, _ value: Int, _ kind: String) -> String {
        "<div class=\"count \(kind)\"><b>\(value)</b>\(h(label))</div>"
    }

    func overview(_ report: RunReport, summary: RunSummary) -> String {
        var html = "<section id=\"overview\"><h2>By venue</h2>\n<table>\n<tr><th>venue</th><th>valid</th><th>invalid</th>"
        html += report.backends.map { "<th>\(h($0)) ok</th>" }.joined() + "<th>failed</th><th>errors</th></tr>\n"
        for row in summary.rows {
            let name = report.venue(row.venue).map { WebLink.html($0.docs, text: h(row.venue), title: $0.name) } ?? h(row.venue)
            html += "<tr><td>\(name)</td><td>\(row.validPassed)/\(row.validTotal)</td><td>\(row.invalidPassed)/\(row.invalidTotal)</td>"
            html += report.backends.map { "<td>\(row.backendPassed[$0] ?? 0)/\(row.total)</td>" }.joined()
            html += "<td>\(row.failed)</td><td>\(row.errors)</td></tr>\n"
        }
        html += "</table>\n"
        if !summary.classes.isEmpty {
            // Each chip says what its class means; the counts include invalid vectors that passed.
            html += "<p class=\"chips\">Diagnosis classes named: " + summary.classes.map { item in
                let meaning = DiagnosisClass(rawValue: item.diagnosisClass)?.summary ?? ""
                return "<span title=\"\(h(meaning))\">\(h(item.diagnosisClass)) × \(item.count)</span>"
            }.joined(separator: " ") + "</p>\n"
            html += "<p class=\"muted\">Counted over every diagnosed vector, passed invalid vectors included; hover a class for its meaning"
            html += summary.classes.contains { $0.diagnosisClass == DiagnosisClass.unexplained.rawValue }
                ? ". <code>unexplained</code>: \(h(DiagnosisClass.unexplained.summary)) (an invalid vector that expects it passes when none does).</p>\n" : ".</p>\n"
        }
        if let note = summary.invalidPassedNote { html += "<p class=\"note-pass\">\(h(note))</p>\n" }
        return html + "</section>\n"
    }

    /// The failures grouped by cause: one entry per venue and diagnosis with its fix, and a
    /// link to each member's card.
    func groups(_ report: RunReport) -> String {
        let groups = FailureGroup.groups(of: report.vectors)
        guard !groups.isEmpty else { return "" }
        let noun = report.context.memberNoun
        var html = "<section id=\"groups\"><h2>Failures by cause (\(counted(groups.count, "cause")))</h2>\n"
        for group in groups {
            let badge = group.known ? "known" : group.status.rawValue
            html += "<details class=\"group\" id=\"\(h(group.anchor))\"\(groups.count <= 20 ? " open" : "")>"
            html += "<summary><span class=\"badge \(badge)\">\(h(badge))</span>\(h(group.headline(noun: noun)))</summary>\n<div class=\"body\">\n"
            for fix in group.fixes { html += "<div class=\"fix\"><b>Fix:</b> \(h(fix))</div>\n" }
            html += "<p class=\"members\">" + group.members.map { "<a href=\"#\(h("v-" + $0.id))\">\(h($0.vectorID))</a>" }.joined(separator: " ") + "</p>\n"
            html += "</div></details>\n"
        }
        return html + "</section>\n"
    }

    func filters(_ report: RunReport, summary: RunSummary) -> String {
        func select(_ id: String, _ label: String, _ options: [(String, String)]) -> String {
            "<label for=\"\(id)\">\(label)</label> <select id=\"\(id)\"><option value=\"\">all</option>"
                + options.map { "<option value=\"\(h($0.0))\">\(h($0.1))</option>" }.joined() + "</select>"
        }
        var html = "<section id=\"filters\">"
        html += select("f-venue", "venue", summary.rows.map { ($0.venue, $0.venue) })
        html += select("f-class", "class", summary.classes.map { ($0.diagnosisClass, $0.diagnosisClass) })
        var results = [("failing", "failing (new)"), ("passed", "passed"), ("failed", "failed"), ("error", "error")]
        if report.baseline != nil { results.append(("known", "known (baseline)")) }
        html += select("f-result", "result", results)
        html += "<label for=\"f-search\">id</label> <input id=\"f-search\" type=\"search\" placeholder=\"venue/id contains…\">"
        html += "<span id=\"f-count\" class=\"muted\">\(summary.vectors) vectors</span></section>\n"
        return html
    }

    /// One vector's card; `docs` is its venue's docs page (shown for failures without a diagnosis).
    func card(_ vector: VectorReport, docs: String?, open isOpen: Bool) -> String {
        var results = [vector.status.rawValue]
        if vector.isNewProblem { results.append("failing") }
        if vector.baseline == .known { results.append("known") }
        let classes = vector.diagnosis?.classes ?? []
        let badge = vector.baseline == .known && vector.status != .passed ? "known" : vector.status.rawValue
        let open = isOpen ? " open" : ""
        var html = "<details class=\"vector\" id=\"\(h("v-" + vector.id))\" data-venue=\"\(h(vector.venue))\" data-id=\"\(h(vector.id))\""
        html += " data-classes=\"\(h(classes.joined(separator: " ")))\" data-result=\"\(h(results.joined(separator: " ")))\"\(open)>\n"
        html += "<summary><span class=\"badge \(badge)\">\(h(badge == "known" ? "known" : vector.status.rawValue))</span>"
        html += "<span class=\"id\">\(h(vector.id))</span>"
        // The class in the colour of the outcome: a passed invalid vector's class is what was rightly diagnosed.
        if !classes.isEmpty { html += "<span class=\"classes \(vector.status.rawValue)\">\(h(classes.joined(separator: " + ")))</span>" }
        if let problem = vector.problems.first { html += "<span class=\"problem\">\(h(problem))</span>" }
        html += "</summary>\n<div class=\"body\">\n"
        html += "<p class=\"muted\">\(h(vector.result.rawValue)) vector · <code>\(h(vector.source.description))</code>"
        html += vector.tags.isEmpty ? "" : " · tags: \(h(vector.tags.joined(separator: ", ")))"
        html += "</p>\n"
        if let comment = vector.comment { html += "<p>\(h(comment))</p>\n" }
        if vector.result == .invalid, vector.status == .passed {
            html += "<p class=\"note-pass\">Passed: this request is signed wrong on purpose, and sigconform rejected it and named the mistake the vector expects.</p>\n"
        }
        if !vector.problems.isEmpty { html += "<ul>" + vector.problems.map { "<li>\(h($0))</li>" }.joined() + "</ul>\n" }
        if !vector.notes.isEmpty { html += "<ul class=\"muted\">" + vector.notes.map { "<li>note: \(h($0))</li>" }.joined() + "</ul>\n" }
        if let diagnosis = vector.diagnosis { html += self.diagnosis(diagnosis) }
        if vector.diagnosis == nil, vector.status != .passed, let docs {
            html += "<p>Docs: \(WebLink.html(docs, text: h(docs)))</p>\n"
        }
        html += request(vector)
        html += backends(vector)
        if !vector.findings.isEmpty {
            html += "<h3>Findings</h3><ul>" + vector.findings.map { finding in
                var text = "<li><code>\(h(finding.kind))</code> \(h(finding.message))"
                if let expected = finding.expected { text += "<br><span class=\"muted\">expected</span> <code>\(h(expected))</code>" }
                if let actual = finding.actual { text += "<br><span class=\"muted\">actual</span> <code>\(h(actual))</code>" }
                if let backend = finding.backend { text += " <span class=\"muted\">(\(h(backend)))</span>" }
                return text + "</li>"
            }.joined() + "</ul>\n"
        }
        if let clock = vector.clock { html += "<p class=\"muted\">Clock: \(h(clock.summary))</p>\n" }
        html += "</div>\n</details>\n"
        return html
    }

    func diagnosis(_ diagnosis: DiagnosisReport) -> String {
        var html = "<h3>Diagnosis: \(h(diagnosis.classes.joined(separator: " + ")))</h3>\n"
        if !diagnosis.steps.isEmpty {
            html += "<ul>" + diagnosis.steps.map { "<li><code>\(h($0.diagnosisClass))</code>: \(h($0.detail))</li>" }.joined() + "</ul>\n"
        }
        for fix in diagnosis.fixes { html += "<div class=\"fix\"><b>Fix:</b> \(h(fix))</div>\n" }
        if let correct = diagnosis.correctPrehash, let client = diagnosis.clientPrehash, correct.bytes != client.bytes {
            html += HTMLByteDiff.render(correct: correct, client: client, difference: diagnosis.firstDifference)
        } else if let correct = diagnosis.correctPrehash {
            html += "<p class=\"muted\">Correct prehash:</p>" + HTMLByteDiff.render(correct)
        }
        if let tried = diagnosis.triedText { html += "<p class=\"muted\">\(h(tried))</p>\n" }
        if let echo = diagnosis.serverEcho {
            html += "<p>The venue's own prehash: <code>\(h(echo.serverPrehash))</code></p>\n"
        }
        if !diagnosis.evidence.isEmpty { html += "<ul>" + diagnosis.evidence.map { "<li>evidence: \(h($0))</li>" }.joined() + "</ul>\n" }
        if let error = diagnosis.venueError { html += "<p>The venue answers: <code>\(h(error.description))</code></p>\n" }
        html += "<p>Docs: \(WebLink.html(diagnosis.docs, text: h(diagnosis.docs)))</p>\n"
        return html
    }

    func request(_ vector: VectorReport) -> String {
        let request = vector.request
        var text = request.line + "\n"
        if let host = request.host { text += "(host \(host))\n" }
        for header in request.headers { text += "\(header.name): \(header.value)\n" }
        if !request.body.isEmpty { text += "\n\(request.body)\n" }
        var html = "<h3>Request</h3><pre>\(h(text))</pre>\n"
        var facts: [(String, String)] = []
        if let key = vector.credentials.apiKey { facts.append(("API key", key)) }
        if let secret = vector.credentials.secretFingerprint { facts.append(("secret", secret)) }
        if let passphrase = vector.credentials.passphraseFingerprint { facts.append(("passphrase", passphrase)) }
        if let signature = vector.expected.signature { facts.append(("expected signature", signature)) }
        if let observed = vector.observedSignature { facts.append(("observed signature", observed)) }
        if let classes = vector.expected.diagnosis { facts.append(("expected diagnosis", classes.joined(separator: " + "))) }
        if !facts.isEmpty {
            html += "<dl class=\"kv\">" + facts.map { "<dt>\(h($0.0))</dt><dd><code>\(h($0.1))</code></dd>" }.joined() + "</dl>\n"
        }
        return html
    }

    func backends(_ vector: VectorReport) -> String {
        let rows = vector.backends.filter { $0.signature != nil || $0.error != nil }
        guard !rows.isEmpty else { return "" }
        // "computed" is what the backend signed; the verdict is the vector's on that backend.
        var html = "<table><tr><th>backend</th><th>verdict</th><th>computed</th></tr>"
        for backend in rows {
            html += "<tr><td>\(h(backend.backend))</td><td class=\"\(backend.status.rawValue)\">\(h(backend.status.rawValue))</td>"
            html += "<td class=\"left\"><code>\(h(backend.signature ?? backend.error ?? ""))</code></td></tr>"
        }
        html += "</table>\n"
        if vector.diagnosis == nil, let prehash = vector.backends.first(where: { $0.prehash != nil })?.prehash {
            if let expected = vector.expected.prehash, expected.bytes != prehash.bytes {
                html += "<p class=\"muted\">Prehash computed vs. expect.prehash:</p>"
                html += HTMLByteDiff.render(correct: expected, client: prehash, difference: nil, titles: ("expected", "computed"))
            } else {
                html += "<p class=\"muted\">Prehash:</p>" + HTMLByteDiff.render(prehash)
            }
        }
        return html
    }
}

private func h(_ text: String) -> String { Escaping.html(text) }
