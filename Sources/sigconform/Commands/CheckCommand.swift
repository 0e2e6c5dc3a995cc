import ArgumentParser
import Foundation
import SigConform

/// `sigconform check`: the main job.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check vectors on both MAC backends and diagnose every rejected request.",
        discussion: """
            With no path, checks the bundled vectors. With --signer CMD, checks your client instead: CMD \
            gets each valid vector's request without its signature (JSON Lines on stdin) and answers with \
            the request it would send (docs/signer.md). Exit status: 0 when every vector behaves as its \
            "result" says (or every failure is in --baseline), 1 when any does not, 2 when input is \
            unusable (the file and reason are printed).
            """
    )

    @Argument(help: "Vector files (.json), JSON Lines corpora (.jsonl) or folders. Default: the bundled vectors/.")
    var paths: [String] = []

    @OptionGroup var venueOptions: VenueOptions

    @Option(name: .customLong("venue"), help: "Only vectors of this venue; repeatable.")
    var venues: [String] = []

    @Option(name: .customLong("tag"), help: "Only vectors with this tag; repeatable.")
    var tags: [String] = []

    @Option(name: .customLong("id"), help: "Only the vector with this id (or venue/id); repeatable.")
    var ids: [String] = []

    @Option(name: .customLong("shard"), help: ArgumentHelp("Check shard K of N, split deterministically by vector id.", valueName: "K/N"),
            transform: ShardArgument.parse)
    var shard: ShardArgument?

    @Option(name: .customLong("backend"), help: "Backends to run: all, swift or openssl.")
    var backend = BackendChoice.all

    @Option(name: .customLong("signer"), help: ArgumentHelp(
        "Test a client: run this command (via /bin/sh -c) and check the requests it signs.", valueName: "command"))
    var signer: String?

    @Option(name: .customLong("signer-timeout"), help: ArgumentHelp("Seconds to wait for each signer answer.", valueName: "seconds"))
    var signerTimeout: Double = 5

    @OptionGroup var reports: ReportOptions
    @OptionGroup var baseline: BaselineOptions

    func validate() throws {
        guard signerTimeout > 0, signerTimeout <= 3600 else { throw ValidationError("--signer-timeout is a number of seconds, above 0 and at most 3600") }
        if let signer, signer.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--signer needs a command") }
    }

    func run() throws {
        let started = Date()
        let targets = paths.isEmpty ? [BundledVectors.directory] : paths
        let (registry, venueErrors) = venueOptions.registry(also: .foldersAmong(targets))
        let runner = CheckRunner(registry: registry, backends: backend.backends)
        let filter = VectorFilter(venues: Set(venues), tags: Set(tags), ids: Set(ids), shard: shard?.filterValue)
        BuildNotice.warnIfDebug("check")
        let progress = ProgressLine()
        let knownFailures = try baseline.load()
        // Reports are written as vectors finish; only failures are held (docs/performance.md).
        let folder = reports.folder(standard: "reports")
        let stream = ReportStream(directory: folder, reporters: reports.selectedReporters,
                                  backends: runner.evaluator.backends.map(\.id), watching: knownFailures?.ids ?? [])
        var result: RunResult
        var notes: [String] = []
        if let signer {
            // Streamed like a check run: each answer's verdict goes to the reporters as it comes.
            let outcome = SignerCheck(runner: runner, command: signer, timeout: signerTimeout)
                .run(paths: targets, filter: filter, progress: { progress.update($0) }, each: stream.add)
            result = outcome.run
            if outcome.skippedInvalid > 0 {
                notes.append("\(counted(outcome.skippedInvalid, "invalid vector")) \(outcome.skippedInvalid == 1 ? "was" : "were") not sent to the signer (they test the diagnosis, not a client)")
            }
        } else {
            result = runner.run(paths: targets, filter: filter, progress: { progress.update($0) }, each: stream.add)
        }
        progress.finish()
        if !result.skippedFolders.isEmpty { notes.append(CorpusListing.skippedNote(result.skippedFolders)) }
        result.inputErrors = venueErrors + result.inputErrors
        let context = ReportContext(started: started, reports: reports, command: signer == nil ? "check" : "check --signer",
                                    shard: shard?.runInfo, signer: signer)
        var report = stream.report(result, context: context)
        try baseline.apply(to: &report, loaded: knownFailures, passedElsewhere: stream.watchedPassed)
        try finish(report, redactor: stream.redactor, reports: reports, folder: folder, notes: notes, stream: stream)
    }
}
