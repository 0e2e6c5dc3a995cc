import Foundation
import Testing

/// The built binary over hostile input: every bad file is named with its place and cause,
/// the good vectors are still checked, the exit status is 2, and a run that cannot finish
/// (its reports cannot be written) says so and exits non-zero.
@Suite struct HostileInputCLITests {
    static let malformed = CLI.repositoryRoot.appendingPathComponent("Tests/SigConformCoreTests/Fixtures/malformed")

    @Test func theMalformedCorpusExitsTwoAndNamesEveryBadFile() throws {
        let output = try CLI.run(["check", Self.malformed.path, "--no-reports", "--no-color"])
        #expect(output.status == 2, "\(output.stderr)")
        for (file, place) in [("truncated.json", ":"), ("wrong-type.json", ":"), ("huge-number.json", ":"), ("deep-nesting.json", ":1:"),
                              ("invalid-utf8.json", ":"), ("bom.json", ":1:1"), ("duplicate-keys.json", ":4:"), ("invalid-hex.json", ":"),
                              ("empty.json", ":1:1"), ("mixed-lines.jsonl", ":2:"), ("unknown-hash/venue.json", ":")] {
            #expect(output.stdout.contains(Self.malformed.appendingPathComponent(file).path + place), "\(file) is not named with its place")
        }
        #expect(output.stdout.contains("folder-venue/venue.json: error: is a directory where a file was expected"))
        #expect(output.stdout.contains("ERROR binance-spott/"))
        #expect(output.stdout.contains("ERROR kraken-spot/"))
        #expect(output.stdout.contains("14 unreadable inputs"), "\(output.stdout)")
        #expect(output.stdout.contains("4 passed"))
    }

    /// Runs `arguments` as the unprivileged user `nobody` (root reads files whose mode is 000).
    static func runUnprivileged(_ arguments: [String]) throws -> CLI.Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        process.arguments = ["--reuid=nobody", "--regid=nogroup", "--clear-groups", "--", CLI.executable.path] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        var environment = ProcessInfo.processInfo.environment
        environment["SIGCONFORM_VECTORS"] = CLI.repositoryRoot.appendingPathComponent("vectors").path
        process.environment = environment
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CLI.Output(status: process.terminationStatus, stdout: String(decoding: data, as: UTF8.self), stderr: "")
    }

    @Test(.enabled(if: getuid() == 0 && FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"), "needs root to switch to nobody"))
    func anUnreadableFileIsCountedAndNamedWhenRunAsAnotherUser() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        let good = Self.malformed.appendingPathComponent("good.json")
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("good.json"))
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("locked.json"))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("good.json").path)
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder.appendingPathComponent("locked.json").path)
        let output = try Self.runUnprivileged(["check", folder.path, "--no-reports", "--no-color"])
        #expect(output.status == 2, "\(output.stdout)")
        #expect(output.stdout.contains(folder.appendingPathComponent("locked.json").path + ": error: cannot be read (permission denied)"), "\(output.stdout)")
        #expect(output.stdout.contains("2 passed"))
        #expect(output.stdout.contains(", 1 unreadable input"))
    }

    @Test func aRunWhoseReportsCannotBeWrittenSaysSoAndExitsTwo() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let blocker = folder.appendingPathComponent("reports")
        try "a file where the report folder should be\n".write(to: blocker, atomically: true, encoding: .utf8)
        let output = try CLI.run(["check", "vectors/kraken-spot", "--report-dir", blocker.path, "--no-color"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("cannot write reports to \(blocker.path)"))
        // The terminal report was printed and says the vectors themselves passed: the exit status, not the text, carries the failure.
        #expect(output.stdout.contains("0 failed"))
        #expect(try String(contentsOf: blocker, encoding: .utf8) == "a file where the report folder should be\n")
    }
}
