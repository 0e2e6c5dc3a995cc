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
        let output = try CLI.run(arguments, environment: ["LIMITS_SECRET": Self.secret], stdinFile: flood)
        #expect(output.status == 2, "\(output.stdout)\(output.stderr)")
        // diagnose's report lists unusable input in the report's form; record prints the diagnostic.
        let printed = output.stdout + output.stderr
        #expect(["<stdin>: is longer", "<stdin>: error: is longer"].contains { printed.contains($0 + " than the 16 MiB limit for a request") }, "\(printed)")
    }

    @Test func aSignerThatPrintsWithoutNewlinesFailsEachVectorAndTheRunEnds() throws {
        let output = try CLI.run(["check", "vectors/kraken-spot", "--signer", "cat /dev/zero", "--no-reports", "--no-color"])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("<a line longer than 4 MiB>"))
        #expect(output.stdout.contains("0 passed"))
    }
}
