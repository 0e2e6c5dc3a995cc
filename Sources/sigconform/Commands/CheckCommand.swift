import ArgumentParser
import Foundation
import SigConform

/// `sigconform check`: the main job.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check vectors on both MAC backends and diagnose every rejected request.",
        discussion: """
            With no path, checks the bundled vectors. Exit status: 0 when every vector behaves as its \
            "result" says, 1 when any does not, 2 when input is unusable (the file and reason are printed).
            """
    )

    @Argument(help: "Vector files (.json), JSON Lines corpora (.jsonl) or folders. Default: the bundled vectors/.")
    var paths: [String] = []

    @Option(name: .customLong("venues"), help: "A folder of venue folders (or one venue folder) to add; repeatable.")
    var venueRoots: [String] = []

    @Option(name: .customLong("venue"), help: "Only vectors of this venue; repeatable.")
    var venues: [String] = []

    @Option(name: .customLong("tag"), help: "Only vectors with this tag; repeatable.")
    var tags: [String] = []

    @Option(name: .customLong("id"), help: "Only the vector with this id (or venue/id); repeatable.")
    var ids: [String] = []

    @Option(name: .customLong("shard"), help: "Check shard K of N (K/N), split deterministically by vector id.")
    var shard: String?

    @Option(name: .customLong("backend"), help: "Backends to run: all, swift or openssl.")
    var backend = "all"

    @OptionGroup var reports: ReportOptions

    func validate() throws {
        _ = try parsedShard()
        guard ["all", "swift", "openssl"].contains(backend) else { throw ValidationError("--backend is all, swift or openssl") }
    }

    func parsedShard() throws -> (index: Int, count: Int)? {
        guard let shard else { return nil }
        let parts = shard.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
            throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N, e.g. 2/4")
        }
        return (index, count)
    }

    func run() throws {
        let started = Date()
        let targets = paths.isEmpty ? [BundledVectors.directory] : paths
        let (registry, venueErrors) = RunEnvironment.registry(extraRoots: venueRoots + targets.filter(Self.isDirectory))
        let backends = standardBackends().filter { backend == "all" || $0.id == backend }
        let runner = CheckRunner(registry: registry, backends: backends)
        let filter = VectorFilter(venues: Set(venues), tags: Set(tags), ids: Set(ids), shard: try parsedShard())
        let progress = ProgressLine(enabled: isatty(STDERR_FILENO) != 0)
        var result = runner.run(paths: targets, filter: filter) { progress.update($0) }
        progress.finish()
        result.inputErrors = venueErrors + result.inputErrors
        try finish(result, started: started, reports: reports, command: "check")
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}

/// Prints the terminal report, writes the report files, and exits with the run's status.
func finish(_ result: RunResult, started: Date, reports: ReportOptions, command: String) throws {
    let context = ReportContext(toolVersion: SigConformCommand.configuration.version, startedAt: ISO8601DateFormatter().string(from: started),
                                durationSeconds: Date().timeIntervalSince(started), useColor: reports.useColor, command: command)
    let redactor = Redactor(run: result)
    print(redactor.scrub(TerminalReporter().render(result, context: context)), terminator: "")
    do {
        let written = try reports.write(result, context: context)
        if !written.isEmpty { print("reports: \(written.joined(separator: ", "))") }
    } catch {
        FileHandle.standardError.write(Data("sigconform: cannot write reports to \(reports.reportDirectory): \(error)\n".utf8))
        throw ExitCode(2)
    }
    if result.exitCode != 0 { throw ExitCode(result.exitCode) }
}

/// A one-line counter on stderr for long runs, only on a terminal.
final class ProgressLine: @unchecked Sendable {
    let enabled: Bool
    private var last = Date.distantPast
    init(enabled: Bool) { self.enabled = enabled }
    func update(_ count: Int) {
        guard enabled, Date().timeIntervalSince(last) > 0.2 else { return }
        last = Date()
        FileHandle.standardError.write(Data("\r\(count) vectors checked…".utf8))
    }
    func finish() {
        guard enabled, last != .distantPast else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
