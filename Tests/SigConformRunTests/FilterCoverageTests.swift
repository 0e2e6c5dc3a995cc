import Foundation
import SigConform
import Testing

/// A run that checks no vector is not a pass: it is an unusable input that says which filter
/// matched nothing (exit status 2).
@Suite struct FilterCoverageTests {
    static let kraken = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("vectors/kraken-spot").path

    static func run(_ filter: VectorFilter, paths: [String] = [kraken]) -> RunResult {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        return CheckRunner(registry: registry, backends: [PureSwiftBackend()]).run(paths: paths, filter: filter)
    }

    @Test func aMisspeltVenueIsAnErrorThatListsTheKnownVenues() {
        let result = Self.run(VectorFilter(venues: ["krakn-spot"]))
        #expect(result.verdicts.isEmpty)
        #expect(result.exitCode == 2)
        let error = result.inputErrors.first { $0.file == "--venue krakn-spot" }
        #expect(error?.message == "matched no vector")
        #expect(error?.hint?.contains("did you mean \"kraken-spot\"?") == true)
        #expect(error?.hint?.contains("binance-spot") == true)
    }

    @Test func aTagOrIdThatMatchesNothingIsAnErrorEvenWhenOthersMatch() {
        let result = Self.run(VectorFilter(ids: ["no-such-vector", "kraken-spot/" + Self.firstID()]))
        #expect(result.verdicts.count == 1)
        #expect(result.exitCode == 2)
        #expect(result.inputErrors.map(\.file) == ["--id no-such-vector"])
        #expect(Self.run(VectorFilter(tags: ["no-such-tag"])).inputErrors.map(\.file) == ["--tag no-such-tag"])
    }

    @Test func filtersThatMatchOnlyApartAreAnError() {
        let result = Self.run(VectorFilter(venues: ["kraken-spot"], ids: ["binance-spot/x"]))
        #expect(result.exitCode == 2)
        #expect(result.inputErrors.contains { $0.file == "--id binance-spot/x" })
    }

    @Test func anEmptyFolderIsAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-empty-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = Self.run(VectorFilter(), paths: [folder])
        #expect(result.exitCode == 2)
        #expect(result.inputErrors.first?.message == "holds no vectors: nothing was checked")
    }

    @Test func anEmptyShardIsNotAnError() {
        // 10000 shards over a few dozen vectors: most shards are empty, and the merge checks the whole.
        let used = Set(Self.qualifiedIDs().map { VectorFilter.shardIndex(of: $0, count: 10_000) })
        let empty = (1...10_000).first { !used.contains($0) } ?? 1
        let result = Self.run(VectorFilter(shard: (empty, 10_000)))
        #expect(result.verdicts.isEmpty)
        #expect(result.exitCode == 0, "\(result.inputErrors)")
    }

    static func qualifiedIDs() -> [String] {
        var ids: [String] = []
        let loader = CorpusLoader()
        for file in loader.files([kraken]).files {
            try? loader.forEachVector(in: file, body: { ids.append($0.qualifiedID) }, lineError: { _ in })
        }
        return ids
    }

    static func firstID() -> String { String(qualifiedIDs()[0].dropFirst("kraken-spot/".count)) }
}
