import Foundation
import Testing

/// The built binary stops reading at each input's limit and says so (exit status 2); a signer
/// that floods its output is an error for the vectors it was asked, and the run goes on.
@Suite struct HostileInputLimitsCLITests {
    static let secret = "NhqPtmdSJYdKjVHjA7PZj6ZkT6JyLlv3sBFBW7Y9Yek2kHvZ3uFxS5ZmLn8fH7hY"

    @Test(arguments: [["diagnose", "-", "--venue", "binance-spot", "--secret-env", "LIMITS_SECRET", "--no-reports", "--no-color"],
                      ["record", "--venue", "binance-spot", "--curl", "-", "--secret-env", "LIMITS_SECRET", "--dry-run"],
                      ["record", "--venue", "binance-spot", "--http", "-", "--secret-env", "LIMITS_SECRET", "--dry-run"]])
    func standardInputIsReadUpToItsLimit(_ arguments: [String]) throws {
        // Standard input is a file of 17 MiB, not a pipe the test writes: the binary stops
        // reading at 16 MiB, and a writer would then die of SIGPIPE.
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let flood = folder.appendingPathComponent("flood.txt")
        try Data(String(repeating: "curl https://api.binance.com/x -d a=b ", count: (17 << 20) / 38).utf8).write(to: flood)
        let output = try Self.run(arguments, stdinFile: flood)
        #expect(output.status == 2, "\(output.stdout)\(output.stderr)")
        #expect((output.stdout + output.stderr).contains("<stdin>: is longer than the 16 MiB limit for a request"))
    }

    /// Runs the binary with standard input read from `stdinFile`; output goes through files.
    static func run(_ arguments: [String], stdinFile: URL) throws -> CLI.Output {
        let process = Process()
        process.executableURL = CLI.executable
        process.arguments = arguments
        process.currentDirectoryURL = CLI.repositoryRoot
        var environment = ProcessInfo.processInfo.environment
        environment["LIMITS_SECRET"] = Self.secret
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardInput = try FileHandle(forReadingFrom: stdinFile)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stderrBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrBox.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CLI.Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderrBox.get(), as: UTF8.self))
    }

    @Test func aSignerThatPrintsWithoutNewlinesFailsEachVectorAndTheRunEnds() throws {
        let output = try CLI.run(["check", "vectors/kraken-spot", "--signer", "cat /dev/zero", "--no-reports", "--no-color"])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("<a line longer than 4 MiB>"))
        #expect(output.stdout.contains("0 passed"))
    }
}
