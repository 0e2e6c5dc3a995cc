import ArgumentParser
import Foundation
import SigConform

/// Where reports go and in which formats; shared by `check` and `diagnose`.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("report-dir"), help: "Folder the reports are written to.")
    var reportDirectory = "reports"

    @Option(name: .customLong("format"), parsing: .upToNextOption,
            help: "Report formats to write: \(Reporters.identifiers.joined(separator: ", ")), or all.")
    var formats: [String] = ["all"]

    @Flag(name: .customLong("no-reports"), help: "Write no report files, only print to the terminal.")
    var noReports = false

    @Flag(name: .customLong("no-color"), help: "Never colour terminal output (NO_COLOR is honoured too).")
    var noColor = false

    func validate() throws {
        for format in formats where format != "all" && Reporters.reporter(for: format) == nil {
            throw ValidationError("unknown format '\(format)'; use \(Reporters.identifiers.joined(separator: ", ")) or all")
        }
    }

    var selectedReporters: [any Reporter] {
        formats.contains("all") ? Reporters.all : formats.compactMap(Reporters.reporter(for:))
    }

    var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) != 0
    }

    /// Writes every selected report atomically and returns the paths written.
    func write(_ run: RunResult, context: ReportContext) throws -> [String] {
        guard !noReports else { return [] }
        return try ReportWriter(directory: reportDirectory).write(run, reporters: selectedReporters, context: context)
    }
}
