import ArgumentParser
import Foundation
import SigConform

/// Where reports go and in which formats; shared by `check`, `report merge` and `diagnose`.
/// `check` and `report merge` write to reports/ unless told otherwise; `diagnose` writes report
/// files only when `--report-dir` names a folder, so it never replaces a check's report set.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("report-dir"), help: ArgumentHelp(
        "Folder the reports are written to (check and report merge: reports/ unless given; diagnose: none unless given).",
        valueName: "dir"))
    var reportDirectory: String?

    @Option(name: .customLong("format"), parsing: .upToNextOption,
            help: "Report formats to write: \(Reporters.identifiers.joined(separator: ", ")), or all (the default).", transform: ReportFormat.parse)
    var formats: [ReportFormat] = [.all]

    @Flag(name: .customLong("no-reports"), help: "Write no report files, only print to the terminal.")
    var noReports = false

    @Flag(name: .customLong("no-color"), help: "Never colour terminal output (NO_COLOR is honoured too).")
    var noColor = false

    var selectedReporters: [any Reporter] { ReportFormat.reporters(formats) }

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    var useColor: Bool {
        !noColor && ProcessInfo.processInfo.environment["NO_COLOR"] == nil && isatty(STDOUT_FILENO) != 0
    }

    /// The folder report files go to: `--report-dir`, else `standard` (the command's default,
    /// `nil` for a command that writes reports only when asked); `nil` with `--no-reports`.
    func folder(standard: String?) -> String? {
        noReports ? nil : reportDirectory ?? standard
    }

    /// Writes every selected report atomically into `folder` and returns the paths written.
    func write(_ report: RunReport, redactor: Redactor, to folder: String?) throws -> [String] {
        guard let folder else { return [] }
        return try ReportWriter(directory: folder).write(report, reporters: selectedReporters, redactor: redactor)
    }
}

/// Known failures: compare with a baseline, or write one.
struct BaselineOptions: ParsableArguments {
    @Option(name: .customLong("baseline"), help: ArgumentHelp(
        "Known failures (by venue/id and class): only failures not listed fail the run.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp(
        "Write this run's failures as a baseline file; the run then counts them as known.", valueName: "file"))
    var writeBaseline: String?

    /// Reads `--baseline`. An unusable baseline file ends the run with status 2, like any unusable input.
    func load() throws -> Baseline? {
        guard let baseline else { return nil }
        do {
            return try Baseline.read(file: baseline)
        } catch {
            TerminalText.problems(error.diagnostics)
            throw ExitStatus.unusableInput
        }
    }

    /// Applies `--baseline` (and then `--write-baseline`, which accepts this run's failures).
    func apply(to report: inout RunReport) throws {
        try apply(to: &report, loaded: load())
    }

    /// Applies the baseline `loaded` by ``load()``; `passedElsewhere` are the ids of passed
    /// vectors a streamed report does not hold (``ReportStream/watchedPassed``).
    func apply(to report: inout RunReport, loaded: Baseline?, passedElsewhere: [String] = []) throws {
        if let baseline, let loaded { loaded.apply(to: &report, file: baseline, passedElsewhere: passedElsewhere) }
        if let writeBaseline {
            let written = Baseline(report: report)
            do {
                try ReportWriter.writeAtomically(written.text, to: writeBaseline)
            } catch {
                TerminalText.error("sigconform: cannot write --write-baseline \(writeBaseline): \(error)")
                throw ExitStatus.unusableInput
            }
            written.apply(to: &report, file: writeBaseline)
        }
    }
}

extension ReportContext {
    /// The context of a run that started at `started` and ends now.
    init(started: Date, reports: ReportOptions, command: String, shard: RunInfo.Shard? = nil, signer: String? = nil) {
        self.init(toolVersion: SigConformCommand.configuration.version, startedAt: ISO8601DateFormatter().string(from: started),
                  durationSeconds: Date().timeIntervalSince(started), useColor: reports.useColor, command: command, shard: shard, signer: signer)
    }
}

/// Reports a run of a command without baselines (`diagnose`, which writes report files only
/// when `--report-dir` is given) and exits with its status; `given` are the credentials the
/// command was given, scrubbed whether or not a vector used them.
func finish(_ result: RunResult, started: Date, reports: ReportOptions, command: String, given: [Credentials] = []) throws {
    let context = ReportContext(started: started, reports: reports, command: command)
    try finish(RunReport(result, context: context), redactor: Redactor(run: result, given: given), reports: reports,
               folder: reports.folder(standard: nil))
}

/// Prints the terminal report, writes the report files into `folder` (through `stream` when the
/// run was streamed), says when they replace another run's set, and exits with the report's status.
func finish(_ report: RunReport, redactor: Redactor, reports: ReportOptions, folder: String?, notes: [String] = [],
            stream: ReportStream? = nil) throws {
    print(redactor.scrub(TerminalReporter(useColor: reports.useColor).render(report)), terminator: "")
    for note in notes { TerminalText.print(redactor.scrub(note)) }
    let previous = folder.flatMap(PreviousReportSet.init(folder:))
    do {
        let written = try stream?.write(report) ?? reports.write(report, redactor: redactor, to: folder)
        if !written.isEmpty {
            TerminalText.print("reports: \(written.joined(separator: ", "))" + (previous.map { " (\($0.description))" } ?? ""))
        }
        if report.context.shard != nil, let json = written.first(where: { $0.hasSuffix("report.json") }),
           let size = try? FileManager.default.attributesOfItem(atPath: json)[.size] as? Int, size > InputLimits.reportBytes {
            // report merge streams each report (memory stays flat), but refuses a file over this limit.
            TerminalText.print("note: \(json) is \(size >> 20) MiB, over the \(InputLimits.describe(InputLimits.reportBytes)) that report merge reads: use more shards")
        }
    } catch {
        TerminalText.error(redactor.scrub("sigconform: cannot write reports to \(folder ?? "-"): \(error)"))
        throw ExitStatus.unusableInput
    }
    if report.exitStatus != .pass { throw report.exitStatus }
}
