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

    @Test(arguments: [SIGTERM, SIGINT])
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
        // Wait for the first temporary report file, then signal.
        var sawTemporary = false
        while process.isRunning {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
            if names.contains(where: { $0.contains(".tmp-") }) {
                sawTemporary = true
                kill(process.processIdentifier, signal)
                break
            }
            usleep(2_000)
        }
        process.waitUntilExit()
        let left = (try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? []
        #expect(!left.contains { $0.contains(".tmp-") || $0.contains(".old-") }, "\(left)")
        if sawTemporary {
            #expect(process.terminationReason == .uncaughtSignal || process.terminationStatus != 0)
        }
    }
}
