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

/// The report set a folder already holds, read before a run replaces it so the replacement is
/// said out loud: which command wrote it and when (from the first bytes of its report.json).
struct PreviousReportSet {
    var command: String
    var startedAt: String

    init?(folder: String) {
        guard let handle = FileHandle(forReadingAtPath: (folder as NSString).appendingPathComponent(JSONReporter.fileName)) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        guard let command = Self.string(named: "command", in: head) else { return nil }
        self.command = command
        self.startedAt = Self.string(named: "startedAt", in: head) ?? "an unknown time"
    }

    /// The value of the first `"name": "value"` member in `text` (report.json is pretty-printed by us).
    static func string(named name: String, in text: String) -> String? {
        guard let key = text.range(of: "\"\(name)\": \"") else { return nil }
        let rest = text[key.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    var description: String { "replaced the report set of a `\(command)` run started \(startedAt)" }
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
            FileHandle.standardError.write(Data("sigconform: --baseline \(error.description)\n".utf8))
            throw ExitCode(2)
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
                FileHandle.standardError.write(Data("sigconform: cannot write --write-baseline \(writeBaseline): \(error)\n".utf8))
                throw ExitCode(2)
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
/// when `--report-dir` is given) and exits with its status.
func finish(_ result: RunResult, started: Date, reports: ReportOptions, command: String) throws {
    let context = ReportContext(started: started, reports: reports, command: command)
    try finish(RunReport(result, context: context), redactor: Redactor(run: result), reports: reports, folder: reports.folder(standard: nil))
}

/// Prints the terminal report, writes the report files into `folder` (through `stream` when the
/// run was streamed), says when they replace another run's set, and exits with the report's status.
func finish(_ report: RunReport, redactor: Redactor, reports: ReportOptions, folder: String?, notes: [String] = [],
            stream: ReportStream? = nil) throws {
    print(redactor.scrub(TerminalReporter(useColor: reports.useColor).render(report)), terminator: "")
    for note in notes { print(redactor.scrub(note)) }
    let previous = folder.flatMap(PreviousReportSet.init(folder:))
    do {
        let written = try stream?.write(report) ?? reports.write(report, redactor: redactor, to: folder)
        if !written.isEmpty {
            print("reports: \(written.joined(separator: ", "))" + (previous.map { " (\($0.description))" } ?? ""))
        }
    } catch {
        FileHandle.standardError.write(Data("sigconform: cannot write reports to \(folder ?? "-"): \(error)\n".utf8))
        throw ExitCode(2)
    }
    if report.exitCode != 0 { throw ExitCode(report.exitCode) }
}

/// Progress of a long run on stderr: on a terminal, one line rewritten in place as the count
/// grows; in a CI log (stderr not a terminal), a line every `interval` seconds from a timer, so
/// a slow job is never silent, even while one slow vector is being diagnosed.
final class ProgressLine: @unchecked Sendable {
    let onTerminal: Bool
    let noun: String
    let verb: String
    let interval: TimeInterval
    private let output: @Sendable (String) -> Void
    private let started = Date()
    private var last = Date.distantPast
    private var count = 0
    private var printed = false
    private var finished = false
    private let lock = NSLock()

    /// Says "12 vectors checked": `noun` is what is counted, `verb` what was done to it.
    init(noun: String = "vector", verb: String = "checked", onTerminal: Bool = isatty(STDERR_FILENO) != 0, interval: TimeInterval = 5,
         output: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.onTerminal = onTerminal
        self.output = output
        self.noun = noun
        self.verb = verb
        self.interval = interval
        guard !onTerminal else { return }
        // A thread of its own (not a dispatch timer, which waits for a free pool thread): the
        // first log line comes after one interval, so a quick run prints none.
        let thread = Thread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: interval)
                guard let self, self.tick() else { return }
            }
        }
        thread.start()
    }

    func update(_ count: Int) {
        lock.withLock {
            self.count = count
            let now = Date()
            guard onTerminal, now.timeIntervalSince(last) > 0.2 else { return }
            last = now
            printed = true
            output("\r\(text(now))")
        }
    }

    /// Prints the log line; `false` once finished.
    private func tick() -> Bool {
        lock.withLock {
            guard !finished else { return false }
            output("sigconform: \(text(Date()))\n")
            return true
        }
    }

    private func text(_ now: Date) -> String {
        "\(counted(count, noun)) \(verb)… (\(Int(now.timeIntervalSince(started))) s)"
    }

    func finish() {
        lock.withLock {
            finished = true
            guard onTerminal, printed else { return }
            output("\r\u{1B}[K")
        }
    }
}

/// A debug build is 10–40× slower than release: say so once, on stderr, before a long command starts.
enum BuildNotice {
    static func warnIfDebug(_ command: String) {
        #if DEBUG
        FileHandle.standardError.write(Data(("note: this sigconform is a debug build, many times slower than release; "
            + "for real runs build it with `swift build -c release` or run `swift run -c release sigconform \(command) …`\n").utf8))
        #endif
    }
}
