/// One problem found in what sigconform was given: how bad it is, a stable code, where it is
/// (file, line and column, JSON pointer: each only when known), what is wrong and how to fix it.
///
/// Every reader reports through this one value (JSON, vector and venue files, templates, captured
/// requests, `lint`'s checks of meaning), and every command prints it one way (``description``),
/// so editors, bots and people read one format. Decoders that can go on after a problem collect
/// several (``DiagnosticLog``); an `Error` that must be thrown carries them (``InputError``).
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// An error makes the input unusable (exit 2); a warning is reported and the run goes on.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error
        case warning

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs == .error && rhs == .warning }
    }

    /// What kind of problem it is, a stable id for editors, bots and baselines (`unknown-member`,
    /// `prehash-mismatch`, …). The codes of each module are static members of this type, declared
    /// beside the code that reports them (Core's in `DiagnosticCode.swift`).
    public struct Code: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }
    }

    public var severity: Severity
    public var code: Code
    /// The file (or `<stdin>`, `<line N>`, `curl command`) the problem is in.
    public var file: String
    /// Line and column (1-based, columns in characters), when known.
    public var location: SourceLocation?
    /// RFC 6901 pointer to the offending JSON value ("" is the whole document); nil when the
    /// input is not JSON or the place is not one value.
    public var pointer: String?
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var fix: String?
    /// What the problem belongs to when that is not the file (`venue/id` of a vector).
    public var subject: String?

    public init(_ code: Code, severity: Severity = .error, file: String, location: SourceLocation? = nil, pointer: String? = nil,
                message: String, fix: String? = nil, subject: String? = nil) {
        self.severity = severity
        self.code = code
        self.file = file
        self.location = location
        self.pointer = pointer.map(Self.clipped)
        self.message = Self.clipped(message)
        self.fix = fix.map(Self.clipped)
        self.subject = subject
    }

    /// `file:line:column: severity: message (at pointer) [code]`, and the fix on a second line:
    /// the first line is what editors' problem matchers read.
    public var description: String {
        Self.render(file: file, line: location?.line, column: location?.column, severity: severity, message: message,
                    pointer: pointer, code: code.rawValue, fix: fix)
    }

    /// What ``description`` puts before the fix: it goes on a second line, indented.
    package static let fixOnItsOwnLine = "\n    fix: "

    /// How a problem is printed, for ``description`` and for the reports' copy of an input error
    /// (which may lack a column or a code): `fixSeparator` goes before the fix, a second line by
    /// default, and a Markdown bullet keeps it on the first.
    package static func render(file: String, line: Int?, column: Int?, severity: Severity, message: String, pointer: String?,
                               code: String?, fix: String?, fixSeparator: String = fixOnItsOwnLine) -> String {
        var text = file
        if let line { text += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        text += ": \(severity.rawValue): \(message)"
        if let pointer { text += " (at \(pointer.isEmpty ? "the document" : pointer))" }
        if let code { text += " [\(code)]" }
        if let fix { text += fixSeparator + fix }
        return text
    }

    /// Messages quote what the input says; a hostile input can say megabytes. Long text keeps its
    /// start and end, so the message still reads, and says how much was left out.
    static func clipped(_ text: String) -> String {
        let limit = 400
        guard text.utf8.count > limit else { return text }
        let characters = text.count
        guard characters > limit else { return text }
        return String(text.prefix(limit / 2)) + " … [\(characters - limit) characters omitted] … " + String(text.suffix(limit / 2))
    }
}

extension [Diagnostic] {
    /// The errors among them (warnings left out).
    package var errors: [Diagnostic] { filter { $0.severity == .error } }
}
