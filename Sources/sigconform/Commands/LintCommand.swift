import ArgumentParser
import Foundation
import SigConform

/// `sigconform lint`: checks venue and vector files as an author writes them.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check venue.json and vector files: format, and whether each vector means what it says.",
        discussion: """
            Reports every problem of every file with file:line:column, the JSON pointer, what is wrong \
            and how to fix it: unknown or misspelt members, wrong types, duplicate ids, unknown venues, \
            placeholders left by `venue new`, valid vectors that do not reproduce, expectations that \
            contradict the recipe, requests that lack what the venue signs, invalid vectors whose \
            diagnosis does not match. With no path, lints the bundled vectors. Exit status: 0 when \
            there is no error (warnings allowed), 2 when there is one.
            """
    )

    @Argument(help: "venue.json files, vector files (.json), JSON Lines corpora (.jsonl) or folders. Default: the bundled vectors/.")
    var paths: [String] = []

    @OptionGroup var venueOptions: VenueOptions

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var format = LintFormat.text

    @Flag(name: .customLong("structure-only"), help: "Check the format only; do not sign the vectors (fast, for editors on save).")
    var structureOnly = false

    func run() throws {
        let targets = paths.isEmpty ? [BundledVectors.directory] : paths
        // A venue made with `venue new` is known when one of its files is linted alone.
        let (registry, venueErrors) = venueOptions.registry(also: .localVectors)
        let linter = Linter(registry: registry, unloadableVenueFiles: venueErrors.map(\.file), backends: standardBackends(),
                            checkMeaning: !structureOnly)
        if !structureOnly { BuildNotice.warnIfDebug("lint") }
        let progress = ProgressLine(noun: "file", verb: "linted")
        let report = linter.lint(paths: targets) { progress.update($0) }
        progress.finish()
        TerminalText.print(format == .json ? report.renderJSON() : report.renderText(), terminator: "")
        if report.exitStatus != .pass { throw report.exitStatus }
    }
}
