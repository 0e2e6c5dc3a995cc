import Foundation
import SigConformCore
import SigConformDiagnosis

/// `junit.xml` in the Ant/Surefire JUnit XML dialect CI servers read (Jenkins, GitLab, GitHub
/// test-report actions): one `<testsuite>` per venue, one `<testcase>` per vector and backend
/// (`classname` = venue, `name` = `id [backend]`). A failed vector is a `<failure>` with its
/// problems and diagnosis, a vector that cannot be checked an `<error>`, a failure the baseline
/// knows `<skipped>`; unreadable input files get a suite of their own. Each failure's message
/// starts with its cause and how many share it (``FailureGroup``), so a CI view that lists
/// messages shows 22 identical failures as one cause.
package struct JUnitReporter: Reporter, StreamingReporter {
    package static let identifier = "junit"
    package static let fileName = "junit.xml"
    package static let description = "JUnit XML for CI test views (one suite per venue, one case per vector and backend)"

    package init() {}

    package func render(_ report: RunReport) -> String { renderInMemory(report) }

    static var spoolsByVenue: Bool { true }

    /// A passed vector's test cases, for the spool of its venue (the suite they belong to):
    /// each is one empty element, written as ``Case/xml`` writes a passed case.
    func fragment(_ vector: VectorReport, into out: inout ReportBytes) {
        for backend in vector.backends {
            out.append("    <testcase classname=\"")
            out.appendXMLAttribute(vector.venue)
            out.append("\" name=\"")
            out.appendXMLAttribute(vector.vectorID)
            out.append(" [")
            out.appendXMLAttribute(backend.backend)
            out.append("]\" time=\"0\" file=\"")
            out.appendXMLAttribute(vector.source.file)
            out.append("\"")
            if let line = vector.source.line {
                out.append(" line=\"")
                out.append(line)
                out.append("\"")
            }
            out.append("/>\n")
        }
    }

    func entries(in vector: VectorReport) -> Int { vector.backends.count }

    /// The document, with each venue's spooled cases (`spooled[venue]`, counted in test cases)
    /// in their places among the held vectors' cases.
    func write(_ report: RunReport, spooled: [String: Spooled], to out: inout some ReportOutput) throws(ReportStreamError) {
        var suites: [Suite] = []
        let venues = Set(report.vectors.map(\.venue)).union(spooled.keys).sorted()
        let groups = FailureGroup.groups(of: report.vectors)
        for venue in venues {
            let held = report.vectors.filter { $0.venue == venue }
            suites.append(Suite(name: venue, cases: held.map { vector in
                let group = FailureGroup.group(of: vector, in: groups)
                return vector.backends.map { testCase(vector, backend: $0, group: group) }
            },
                                spooled: spooled[venue] ?? Spooled()))
        }
        if !report.inputErrors.isEmpty {
            suites.append(Suite(name: "sigconform.input", cases: report.inputErrors.map { error in
                [Case(classname: "sigconform.input", name: error.file + (error.line.map { ":\($0)" } ?? ""),
                      outcome: .error(message: error.message, type: "input_error", text: error.description))]
            }))
        }
        let time = String(format: "%.3f", report.context.durationSeconds)
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"\(attribute("sigconform \(report.context.command)"))\" tests=\"\(suites.map(\.tests).reduce(0, +))\""
        xml += " failures=\"\(suites.map(\.failures).reduce(0, +))\" errors=\"\(suites.map(\.errors).reduce(0, +))\""
        xml += " skipped=\"\(suites.map(\.skipped).reduce(0, +))\" time=\"\(time)\">\n"
        out.write(xml)
        for (index, suite) in suites.enumerated() {
            xml = "  <testsuite name=\"\(attribute(suite.name))\" id=\"\(index)\" tests=\"\(suite.tests)\" failures=\"\(suite.failures)\""
            xml += " errors=\"\(suite.errors)\" skipped=\"\(suite.skipped)\" time=\"0\" timestamp=\"\(attribute(Self.timestamp(report.context.startedAt)))\">\n"
            xml += "    <properties>\n"
            xml += "      <property name=\"sigconform.version\" value=\"\(attribute(report.tool.version))\"/>\n"
            xml += "      <property name=\"backends\" value=\"\(attribute(report.backends.joined(separator: ",")))\"/>\n"
            if let docs = report.venue(suite.name)?.docs { xml += "      <property name=\"docs\" value=\"\(attribute(docs))\"/>\n" }
            xml += "    </properties>\n"
            out.write(xml)
            try suite.spooled.interleave(suite.cases, separator: 0, into: &out) { cases, _, out in
                for testCase in cases { out.write(testCase.xml) }
            }
            out.write("  </testsuite>\n")
        }
        out.write("</testsuites>\n")
    }

    /// `group` is the vector's failure group, named at the start of a failure or error message.
    func testCase(_ vector: VectorReport, backend: BackendResult, group: FailureGroup? = nil) -> Case {
        let name = "\(vector.vectorID) [\(backend.backend)]"
        let cause = group.map { "[\($0.classText) × \($0.members.count) in \($0.venue)] " } ?? ""
        let file = vector.source.file
        let line = vector.source.line
        if vector.baseline == .known, vector.status != .passed {
            return Case(classname: vector.venue, name: name, file: file, line: line,
                        outcome: .skipped(message: "known failure (baseline): \(vector.failureClasses.joined(separator: "+"))"))
        }
        switch backend.status {
        case .passed:
            return Case(classname: vector.venue, name: name, file: file, line: line, outcome: .passed)
        case .error:
            let message = cause + (vector.problems.first ?? backend.error ?? "the vector could not be checked")
            return Case(classname: vector.venue, name: name, file: file, line: line,
                        outcome: .error(message: message, type: "unusable_vector", text: details(vector, backend: backend)))
        case .failed:
            let classes = vector.diagnosis?.classes.joined(separator: "+")
            let message = cause + (vector.problems.first ?? classes.map { "diagnosis: \($0)" } ?? "the vector did not behave as its result says")
            return Case(classname: vector.venue, name: name, file: file, line: line,
                        outcome: .failure(message: message, type: classes ?? vector.failureClasses.joined(separator: "+"),
                                          text: details(vector, backend: backend)))
        }
    }

    /// The failure body: what a person needs to fix it without opening another report.
    func details(_ vector: VectorReport, backend: BackendResult) -> String {
        var lines = ["\(vector.id) (\(vector.result.rawValue) vector) at \(vector.source.description)"]
        if let comment = vector.comment { lines.append(comment) }
        lines += vector.problems.map { "- \($0)" }
        lines += vector.notes.map { "- note: \($0)" }
        if let error = backend.error { lines.append("\(backend.backend): \(error)") }
        if let diagnosis = vector.diagnosis { lines += TerminalReporter.describe(diagnosis, paint: Paint(enabled: false)) }
        return lines.joined(separator: "\n")
    }

    /// The `timestamp` attribute is an ISO 8601 date-time without zone in the JUnit schema.
    static func timestamp(_ startedAt: String) -> String {
        var text = startedAt
        if text.hasSuffix("Z") { text.removeLast() }
        if let plus = text.range(of: "+", options: .backwards), text.distance(from: text.startIndex, to: plus.lowerBound) >= 19 {
            text = String(text[..<plus.lowerBound])
        }
        return text
    }

    struct Suite {
        var name: String
        /// The cases of each held vector (or input error).
        var cases: [[Case]]
        /// Passed cases written while the run ran.
        var spooled = Spooled()
        var tests: Int { cases.reduce(spooled.count) { $0 + $1.count } }
        var failures: Int { count { if case .failure = $0 { true } else { false } } }
        var errors: Int { count { if case .error = $0 { true } else { false } } }
        var skipped: Int { count { if case .skipped = $0 { true } else { false } } }

        private func count(_ isOutcome: (Case.Outcome) -> Bool) -> Int {
            cases.reduce(0) { $0 + $1.count { isOutcome($0.outcome) } }
        }
    }

    struct Case {
        enum Outcome {
            case passed
            case failure(message: String, type: String, text: String)
            case error(message: String, type: String, text: String)
            case skipped(message: String)
        }
        var classname: String
        var name: String
        var file: String?
        var line: Int?
        var outcome: Outcome

        var xml: String {
            var open = "    <testcase classname=\"\(attribute(classname))\" name=\"\(attribute(name))\" time=\"0\""
            if let file { open += " file=\"\(attribute(file))\"" }
            if let line { open += " line=\"\(line)\"" }
            switch outcome {
            case .passed:
                return open + "/>\n"
            case .failure(let message, let type, let text):
                return open + ">\n      <failure message=\"\(attribute(message))\" type=\"\(attribute(type))\">\(Escaping.xml(text))</failure>\n    </testcase>\n"
            case .error(let message, let type, let text):
                return open + ">\n      <error message=\"\(attribute(message))\" type=\"\(attribute(type))\">\(Escaping.xml(text))</error>\n    </testcase>\n"
            case .skipped(let message):
                return open + ">\n      <skipped message=\"\(attribute(message))\"/>\n    </testcase>\n"
            }
        }
    }
}

private func attribute(_ text: String) -> String { Escaping.xml(text, attribute: true) }
