import Foundation
import Testing

@Suite struct CheckCommandTests {
    @Test func checkingOneBundledVenueExitsZeroAndSaysSo() throws {
        let output = try CLI.run(["check", "vectors/kraken-spot", "--no-reports", "--no-color"])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("kraken-spot"))
        #expect(output.stdout.contains("0 failed, 0 errors"))
    }

    @Test func aMalformedFileExitsTwoNamingFileAndPlaceWhileGoodFilesAreStillChecked() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{\"format\": \"sigconform/vectors@1\", \"venue\": \"kraken-spot\", \"vectors\": [ {\"id\": \"x\"".write(
            to: folder.appendingPathComponent("broken.json"), atomically: true, encoding: .utf8)
        let good = CLI.repositoryRoot.appendingPathComponent("vectors/kraken-spot/docs.json")
        let output = try CLI.run(["check", folder.path, good.path, "--no-reports", "--no-color"])
        #expect(output.status == 2)
        #expect(output.stdout.contains("broken.json:1:"))
        #expect(output.stdout.contains("truncated"))
        #expect(output.stdout.contains("1 passed"))
        #expect(output.stdout.contains(", 1 unreadable input"))
    }

    @Test func anUnknownVenueIsAnErrorWithASuggestion() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let vectors = """
            {"format": "sigconform/vectors@1", "venue": "kraken-spt", "vectors": [
              {"id": "a", "request": {"method": "GET", "path": "/"}, "result": "valid", "expect": {"signature": "00"}}]}
            """
        try vectors.write(to: folder.appendingPathComponent("v.json"), atomically: true, encoding: .utf8)
        let output = try CLI.run(["check", folder.appendingPathComponent("v.json").path, "--no-reports", "--no-color"])
        #expect(output.status == 2)
        #expect(output.stdout.contains(#"did you mean "kraken-spot"?"#))
    }

    @Test func shardsSplitTheCorpusWithoutOverlapOrLoss() throws {
        var seen: [String] = []
        for shard in 1...3 {
            let output = try CLI.run(["check", "vectors/okx-v5", "--shard", "\(shard)/3", "--no-reports", "--no-color"])
            let count = output.stdout.split(separator: "\n").last { $0.contains(" vectors: ") }.flatMap { Int($0.split(separator: " ")[0]) } ?? -1
            seen.append(String(count))
        }
        let total = try CLI.run(["check", "vectors/okx-v5", "--no-reports", "--no-color"])
        let all = total.stdout.split(separator: "\n").last { $0.contains(" vectors: ") }.flatMap { Int($0.split(separator: " ")[0]) } ?? -2
        #expect(seen.compactMap(Int.init).reduce(0, +) == all)
    }

    @Test func aBadShardIsRejectedByTheParser() throws {
        let output = try CLI.run(["check", "--shard", "4/3"])
        #expect(output.status == 2, "usage errors are unusable input")
        #expect(output.stderr.contains("--shard"))
        #expect(output.stderr.contains("K/N with 1 ≤ K ≤ N"), "the typed --shard keeps saying how to write it")
    }

    @Test func anUnknownVenueSuggestsTheIdThatStartsWithItAndListsTheVenues() throws {
        let output = try CLI.run(["check", "--venue", "okx", "--no-reports", "--no-color"])
        #expect(output.status == 2)
        #expect(output.stdout.contains("--venue okx: error: matched no vector"), "\(output.stdout)")
        #expect(output.stdout.contains(#"fix: did you mean "okx-v5"? known venues: "# + (try CLI.bundledVenueList())), "\(output.stdout)")
    }

    /// The header counts what was selected: the files the chosen venue's vectors came from.
    @Test func aVenueFilterCountsOnlyTheFilesItsVectorsCameFrom() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.repositoryRoot.appendingPathComponent("vectors/okx-v5").path)
            .filter { $0.hasSuffix(".json") && $0 != "venue.json" }
        let output = try CLI.run(["check", "--venue", "okx-v5", "--no-reports", "--no-color"])
        #expect(output.status == 0)
        #expect(output.stdout.contains(" vectors from \(files.count) files, backends: "), "\(output.stdout.prefix(200))")
    }
}
