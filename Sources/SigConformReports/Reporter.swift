import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// A report format. One type per format, looked up by ``identifier`` (the way SwiftLint's
/// reporters are built); every reporter renders the same ``RunReport``, so a report read back
/// from JSON (`report merge`) renders exactly like the run that wrote it.
///
/// Contract: `render` is a pure function of the report; it never prints a secret, a passphrase
/// or a whole API key (the report holds only fingerprints and masked keys, ``Redactor`` scrubs
/// the text of every reporter before it is written, and the tests scan every byte).
public protocol Reporter: Sendable {
    /// The `--format` name: `terminal`, `json`, `junit`, `markdown`, `html`.
    static var identifier: String { get }
    /// The file name written into the report directory.
    static var fileName: String { get }
    /// One line for `--help`.
    static var description: String { get }
    func render(_ report: RunReport) -> String
}

extension Reporter {
    /// Renders a run directly (builds its ``RunReport`` first).
    public func render(_ run: RunResult, context: ReportContext) -> String { render(RunReport(run, context: context)) }
}

/// Facts about the run that are not in the results: volatile values golden tests replace.
public struct ReportContext: Sendable {
    public var toolVersion: String
    /// ISO 8601 time the run started.
    public var startedAt: String
    public var durationSeconds: Double
    /// Whether the terminal reporter may use ANSI colours.
    public var useColor: Bool
    public var command: String
    /// The shard this run checked, when `--shard` was given.
    public var shard: RunInfo.Shard?
    /// The `--signer` command, when a signer was tested.
    public var signer: String?

    public init(toolVersion: String, startedAt: String, durationSeconds: Double, useColor: Bool = false, command: String = "check",
                shard: RunInfo.Shard? = nil, signer: String? = nil) {
        self.toolVersion = toolVersion
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.useColor = useColor
        self.command = command
        self.shard = shard
        self.signer = signer
    }
}
