import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// Everything a report shows about a run, as plain data: what every reporter renders, what the
/// JSON report stores (`sigconform/report@2`), and what `report merge` reads back.
///
/// Built once from a ``RunResult`` by ``RunReport/init(_:context:)``; credentials are already
/// reduced to fingerprints and masked keys here, so no reporter ever holds a secret.
public struct RunReport: Sendable, Hashable {
    /// The format id written into every JSON report.
    public static let format = "sigconform/report@2"
    /// The formats `report merge` reads: `@1`, whose passed vectors carry the full entry, and
    /// `@2`, whose passed vectors carry the short one (docs/report-format.md).
    public static let readableFormats = ["sigconform/report@1", format]

    public var tool: ToolInfo
    public var context: RunInfo
    /// MAC backend ids, in report order.
    public var backends: [String]
    /// Vector files read.
    public var files: [String]
    /// The venues the vectors belong to (those the run knew).
    public var venues: [VenueInfo]
    /// The vectors the report holds in full: all of them, except in a streamed run
    /// (``ReportStream``), which holds the failures and errors and writes passed vectors to
    /// the report files as they finish.
    public var vectors: [VectorReport]
    /// The vectors checked but not held in ``vectors`` (a streamed run's passed vectors),
    /// counted: every summary and exit status includes them.
    public var streamed = VectorTally()
    public var inputErrors: [InputErrorReport]
    /// Set when the run was compared with a baseline of known failures.
    public var baseline: BaselineInfo?

    public init(tool: ToolInfo, context: RunInfo, backends: [String], files: [String], venues: [VenueInfo],
                vectors: [VectorReport], inputErrors: [InputErrorReport], baseline: BaselineInfo? = nil) {
        self.tool = tool
        self.context = context
        self.backends = backends
        self.files = files
        self.venues = venues
        self.vectors = vectors
        self.inputErrors = inputErrors
        self.baseline = baseline
    }

    /// Counts over ``vectors`` and ``inputErrors``.
    public var summary: RunSummary { RunSummary(self) }

    /// 0 when every vector behaved (or every failure is a known one), 1 when a vector failed,
    /// 2 when input was unusable or a vector could not be checked.
    package var exitStatus: ExitStatus {
        ExitStatus(unusable: !inputErrors.isEmpty || streamed.newErrors > 0 || vectors.contains { $0.status == .error && $0.baseline != .known },
                   failed: streamed.newFailed > 0 || vectors.contains { $0.status == .failed && $0.baseline != .known })
    }

    /// ``exitStatus`` as the process's number (report.json's `exitCode`).
    public var exitCode: Int32 { exitStatus.rawValue }

    /// The docs page of `venue`, when the run knew the venue.
    public func venue(_ id: String) -> VenueInfo? { venues.first { $0.id == id } }
}

/// The program that wrote a report.
public struct ToolInfo: Sendable, Hashable {
    public var name: String
    public var version: String
    public init(name: String = "sigconform", version: String) {
        self.name = name
        self.version = version
    }
}

/// How the run was started: facts that are not results (golden tests replace the volatile ones).
public struct RunInfo: Sendable, Hashable {
    /// The subcommand: `check`, `check --signer`, `report merge`.
    public var command: String
    /// ISO 8601 time the run started.
    public var startedAt: String
    public var durationSeconds: Double
    /// `(index, count)` when the run checked one shard.
    public var shard: Shard?
    /// The `--signer` command line, when a signer was tested.
    public var signer: String?
    /// For a merged report: how many reports went into it.
    public var mergedReports: Int?

    public struct Shard: Sendable, Hashable {
        public var index: Int
        public var count: Int
        public init(index: Int, count: Int) {
            self.index = index
            self.count = count
        }
    }

    public init(command: String, startedAt: String, durationSeconds: Double, shard: Shard? = nil, signer: String? = nil, mergedReports: Int? = nil) {
        self.command = command
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.shard = shard
        self.signer = signer
        self.mergedReports = mergedReports
    }
}

/// A venue as reports name it.
public struct VenueInfo: Sendable, Hashable {
    public var id: String
    public var name: String
    /// The venue's signing docs.
    public var docs: String
    /// `hmac` or `bearer`.
    public var auth: String
    public init(id: String, name: String, docs: String, auth: String) {
        self.id = id
        self.name = name
        self.docs = docs
        self.auth = auth
    }
}

/// A file or line that could not be used, located.
public struct InputErrorReport: Sendable, Hashable {
    public var file: String
    public var line: Int?
    public var column: Int?
    /// RFC 6901 pointer into the file, when known.
    public var pointer: String?
    public var message: String
    public var hint: String?
    /// The kind of problem, the `Diagnostic.Code` of the input error (`syntax`, `structure`,
    /// `unknown-venue`, …); nil for a problem of the report set itself (`report merge`) and in
    /// reports written before sigconform kept it.
    public var code: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, pointer: String? = nil, message: String, hint: String? = nil,
                code: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.pointer = pointer
        self.message = message
        self.hint = hint
        self.code = code
    }

    public init(_ error: InputError) {
        self.init(file: error.file, line: error.location?.line, column: error.location?.column,
                  pointer: error.pointer, message: error.message, hint: error.hint, code: error.diagnostics[0].code.rawValue)
    }

    /// As a ``Diagnostic`` prints itself, so the reports list a problem as `lint` and the
    /// commands do: `file:line:column: error: message (at pointer) [code]`, and the fix on a
    /// second line. A problem of the report set itself (`report merge`) has no code.
    public var description: String { description(fixSeparator: Diagnostic.fixOnItsOwnLine) }

    /// ``description`` with `fixSeparator` before the fix instead of a line break.
    func description(fixSeparator: String) -> String {
        Diagnostic.render(file: file, line: line, column: column, severity: .error, message: message, pointer: pointer,
                          code: code, fix: hint, fixSeparator: fixSeparator)
    }
}

/// What a baseline comparison found.
public struct BaselineInfo: Sendable, Hashable {
    /// The baseline file as given on the command line.
    public var file: String
    /// Ids the baseline lists that no longer fail in this run (checked vectors only).
    public var fixed: [String]
    public init(file: String, fixed: [String]) {
        self.file = file
        self.fixed = fixed
    }
}
