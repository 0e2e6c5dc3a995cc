import SigConformCore

extension LintReport {
    /// One diagnostic per entry as every command prints it (``Diagnostic/description``):
    /// `file:line:column: severity: message (at pointer) [code]` with the fix on the next line
    /// (the first line is what editors' problem matchers read), then a summary.
    /// Credentials are masked, as in every report.
    package func renderText() -> String { Redactor(credentials: credentials).scrub(unscrubbedText()) }

    func unscrubbedText() -> String {
        var out = ""
        for diagnostic in diagnostics { out += "\(diagnostic)\n" }
        if !skipped.isEmpty { out += CorpusListing.skippedNote(skipped) + "\n" }
        let counts = [(errorCount, "error"), (warningCount, "warning")].filter { $0.0 > 0 }.map { counted($0.0, $0.1) }
        out += "lint: \(counted(files, "file")), \(counted(vectors, "vector")): "
            + (counts.isEmpty ? "no problems" : counts.joined(separator: ", ")) + "\n"
        return out
    }

    /// `{"format": "sigconform/lint@1", "files", "vectors", "errors", "warnings", "diagnostics": […]}`,
    /// each diagnostic with file, line, column, pointer, severity, rule, message, fix and vector
    /// (absent members are left out), for editors and bots. Credentials are masked.
    package func renderJSON() -> String { Redactor(credentials: credentials).scrub(unscrubbedJSON()) }

    func unscrubbedJSON() -> String {
        func number(_ value: Int) -> JSONValue { .number(String(value)) }
        let entries: [JSONValue] = diagnostics.map { diagnostic in
            var members: [(key: String, value: JSONValue)] = [("file", .string(diagnostic.file))]
            if let location = diagnostic.location { members += [("line", number(location.line)), ("column", number(location.column))] }
            members += [("pointer", .string(diagnostic.pointer ?? "")), ("severity", .string(diagnostic.severity.rawValue)),
                        ("rule", .string(diagnostic.code.rawValue)), ("message", .string(diagnostic.message))]
            if let fix = diagnostic.fix { members.append(("fix", .string(fix))) }
            if let vector = diagnostic.subject { members.append(("vector", .string(vector))) }
            return .object(members)
        }
        return JSONWriter.pretty(.object([
            ("format", .string("sigconform/lint@1")), ("files", number(files)), ("vectors", number(vectors)),
            ("errors", number(errorCount)), ("warnings", number(warningCount)), ("diagnostics", .array(entries)),
        ]))
    }
}
