import Foundation
import Testing

/// SIGTERM or SIGINT while the reports are being written leaves no temporary report file
/// (they were up to 94 MiB) and a report set of one run.
@Suite struct ReportSignalCLITests {
    /// A JSON Lines corpus of `count` copies of one valid vector, so that writing the reports
    /// takes long enough to be interrupted.
    static func corpus(in folder: URL, count: Int) throws -> URL {
        let source = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("Tests/SigConformCoreTests/Fixtures/malformed/mixed-lines.jsonl"), encoding: .utf8)
        let line = String(source.split(separator: "\n")[0])
        let lines = (0..<count).map { line.replacingOccurrences(of: "get-open-orders-timestamp-first", with: "copy-\($0)") }
        let file = folder.appendingPathComponent("corpus.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Waits for the first temporary report file in `reports`, then sends `signal`; false when
    /// the run ended first.
    static func signalAtTheFirstTemporaryFile(_ process: Process, in reports: URL, _ signal: Int32) -> Bool {
        while process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
            if names.contains(where: { $0.contains(".tmp-") }) {
                return kill(process.processIdentifier, signal) == 0
            }
            usleep(2_000)
        }
        return false
    }

    /// SIGHUP (a closed terminal) too: the one handler that kills a signer's group removes the
    /// temporaries as well.
    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func aSignalDuringTheWriteLeavesNoTemporaryFile(_ signal: Int32) throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder, count: 3000)
        let reports = folder.appendingPathComponent("reports")
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = ["check", corpus.path, "--report-dir", reports.path, "--no-color", "--backend", "swift"]
        process.currentDirectoryURL = CLI.repositoryRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let sawTemporary = Self.signalAtTheFirstTemporaryFile(process, in: reports, signal)
        process.waitUntilExit()
        let left = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
        #expect(!left.contains { $0.contains(".tmp-") || $0.contains(".old-") }, "\(left)")
        if sawTemporary {
            #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus != 0)
        }
    }

    /// A run started with SIGINT ignored (a background job of a non-interactive shell) is not
    /// ended or damaged by one: the report set is written whole and the run exits 0.
    @Test func anIgnoredSignalDuringTheWriteIsIgnored() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let corpus = try Self.corpus(in: folder, count: 3000)
        let reports = folder.appendingPathComponent("reports")
        let process = Process()
        // Foundation's Process resets every signal to its default in the child; the shell's
        // `trap "" INT` then ignores SIGINT, and `exec` keeps it ignored for sigconform.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "trap '' INT; exec \"$0\" \"$@\"", CLI.executable.path,
                             "check", corpus.path, "--report-dir", reports.path, "--no-color", "--backend", "swift"]
        process.currentDirectoryURL = CLI.repositoryRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let signalled = Self.signalAtTheFirstTemporaryFile(process, in: reports, SIGINT)
        process.waitUntilExit()
        #expect(signalled, "the run ended before its reports were being written")
        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
        #expect(!left.contains { $0.contains(".tmp-") || $0.contains(".old-") }, "\(left)")
        for name in ["report.json", "report.html", "report.md", "report.txt", "junit.xml"] {
            #expect(left.contains(name), "\(name) missing from \(left)")
        }
    }
}
