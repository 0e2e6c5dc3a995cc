import Foundation
import Testing

/// The built binary never passes a run that checked nothing, and says what it did not read.
@Suite struct SilentSkipCLITests {
    @Test func aMisspeltVenueExitsTwoAndListsTheKnownVenues() throws {
        let output = try CLI.run(["check", "--venue", "binanse-spot", "--no-reports", "--no-color"])
        #expect(output.status == 2, "\(output.stdout)")
        #expect(output.stdout.contains("--venue binanse-spot: error: matched no vector"), "\(output.stdout)")
        #expect(output.stdout.contains("fix: did you mean \"binance-spot\"? known venues: " + (try CLI.bundledVenueList())), "\(output.stdout)")
    }

    @Test(arguments: [["--tag", "no-such-tag"], ["--id", "no-such-id"]])
    func aFilterThatMatchesNothingExitsTwo(_ filter: [String]) throws {
        let output = try CLI.run(["check", "vectors/kraken-spot", "--no-reports", "--no-color"] + filter)
        #expect(output.status == 2)
        #expect(output.stdout.contains("\(filter.joined(separator: " ")): error: matched no vector"))
    }

    @Test func anEmptyFolderExitsTwo() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLI.run(["check", folder.path, "--no-reports", "--no-color"])
        #expect(output.status == 2)
        #expect(output.stdout.contains("holds no vectors: nothing was checked"))
    }

    @Test func lintOfAnEmptyFolderExitsTwo() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = try CLI.run(["lint", folder.path])
        #expect(output.status == 2)
        #expect(output.stdout.contains("holds no vector or venue files: nothing was linted"))
    }

    @Test func theBundledCorpusSaysWhichFoldersItDidNotRead() throws {
        // Both backends (no `--backend swift`): the diagnoses then search on libcrypto; pure Swift
        // alone searches Kraken's nested nonces for minutes in a debug build, and the folder
        // listing this test reads is the same on any backend.
        let output = try CLI.run(["check", "vectors/kraken-spot", "vectors", "--venue", "kraken-spot", "--no-reports", "--no-color"])
        #expect(output.stdout.contains("not read (hidden folders, and schema/ and standard/ directly inside a folder given"))
        #expect(output.stdout.contains("vectors/schema, ") && output.stdout.contains("vectors/standard"))
    }

    @Test func aHAREntryForAnotherHostDoesNotHideTheRest() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let request = #"{"method": "GET", "url": "https://api.binance.com/api/v3/account?timestamp=1700000000000&signature=00", "headers": [{"name": "X-MBX-APIKEY", "value": "abcdefghijklmnop"}]}"#
        let har = #"{"log": {"entries": [{"request": {"method": "GET", "url": "https://www.google-analytics.com/collect?v=1", "headers": []}}, {"request": \#(request)}]}}"#
        let file = folder.appendingPathComponent("capture.har")
        try har.write(to: file, atomically: true, encoding: .utf8)
        let output = try CLI.run(["diagnose", file.path, "--secret-env", "SILENT_SKIP_SECRET", "--no-reports", "--no-color"],
                                 environment: ["SILENT_SKIP_SECRET": "NhqPtmdSJYdKjVHjA7PZj6ZkT6JyLlv3sBFBW7Y9Yek2"])
        #expect(output.status == 1, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("1 HAR entries fit no venue and were not diagnosed (hosts: www.google-analytics.com)"))
        #expect(output.stdout.contains("1 request"))
    }

    @Test func aDiagnoseIDThatMatchesNothingExitsTwo() throws {
        let output = try CLI.run(["diagnose", "vectors/kraken-spot/requests.json", "--id", "no-such-id", "--no-reports", "--no-color"])
        #expect(output.status == 2, "\(output.stdout)")
        #expect(output.stdout.contains("--id no-such-id: error: matched no request in the input"))
    }
}
