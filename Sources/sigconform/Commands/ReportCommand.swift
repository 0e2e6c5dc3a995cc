import ArgumentParser
import Foundation
import SigConform

/// `sigconform report`: work with reports written by earlier runs.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Work with JSON reports of earlier runs.",
        subcommands: [MergeCommand.self]
    )
}

/// `sigconform report merge`: one report set from the JSON reports of `--shard` jobs.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Combine the report.json files of sharded runs into one report in every format.",
        discussion: """
            Every shard 1…N must be given exactly once; a missing or repeated shard or vector is an \
            unusable input (exit status 2), so a shard job that failed to upload cannot pass the gate. \
            Exit status otherwise as for check.
            """
    )

    @Argument(help: ArgumentHelp("report.json files written by `sigconform check --shard K/N`.", valueName: "file"))
    var files: [String]

    @OptionGroup var reports: ReportOptions
    @OptionGroup var baseline: BaselineOptions

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("give the report.json files to merge") }
    }

    func run() throws {
        let knownFailures = try baseline.load()
        // Each report is read piece by piece and passed vectors go straight to the report
        // files, so memory does not grow with the shards (docs/report-format.md, Sharding).
        let folder = reports.folder(standard: "reports")
        // `backends` are for verdicts; the reports' vectors name their own.
        let stream = ReportStream(directory: folder, reporters: reports.selectedReporters, backends: [], watching: knownFailures?.ids ?? [])
        var merged = stream.report(merging: ReportMerger.merge(files: files, into: stream))
        try baseline.apply(to: &merged, loaded: knownFailures, passedElsewhere: stream.watchedPassed)
        // The reports were scrubbed when they were written; they hold no credentials to scrub again.
        try finish(merged, redactor: stream.redactor, reports: reports, folder: folder, stream: stream)
    }
}
