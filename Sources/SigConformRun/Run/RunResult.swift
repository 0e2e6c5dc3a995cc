import SigConformCore

/// The outcome of a whole run.
public struct RunResult: Sendable {
    /// Every verdict, in run order; empty for a streamed run (``CheckRunner/run(paths:filter:progress:each:)``).
    public var verdicts: [VectorVerdict]
    /// Files or lines that could not be used; each also counts towards the exit code.
    public var inputErrors: [InputError]
    /// Files read (vector files and JSON Lines files).
    public var files: [String]
    public var backends: [String]
    public var venues: [Venue]
    /// Folders the corpus walk left out by its rule (``CorpusLoader``), for the run to say so.
    public var skippedFolders: [String] = []

    public init(verdicts: [VectorVerdict] = [], inputErrors: [InputError] = [], files: [String] = [], backends: [String] = [], venues: [Venue] = []) {
        self.verdicts = verdicts
        self.inputErrors = inputErrors
        self.files = files
        self.backends = backends
        self.venues = venues
    }

    public func count(_ status: VerdictStatus) -> Int { verdicts.reduce(0) { $0 + ($1.status == status ? 1 : 0) } }

    /// Pass when every vector behaved, findings when any did not, unusable input when any
    /// input (or vector) could not be used.
    package var exitStatus: ExitStatus {
        ExitStatus(unusable: !inputErrors.isEmpty || count(.error) > 0, failed: count(.failed) > 0)
    }

    /// ``exitStatus`` as the process's number.
    public var exitCode: Int32 { exitStatus.rawValue }
}
