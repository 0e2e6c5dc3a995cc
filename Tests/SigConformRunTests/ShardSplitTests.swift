import Foundation
import SigConform
@testable import SigConformRun
import Testing

/// `--shard K/N` splits a run so that the N shards together check exactly what one run checks:
/// every vector in one shard, every input error said by one shard, and a shard of a JSON Lines
/// corpus decodes only its own lines (``LineIdentity``).
@Suite struct ShardSplitTests {
    static let registry = RunEnvironment.registry(extraRoots: []).0
    static let runner = CheckRunner(registry: registry, backends: [PureSwiftBackend()], workers: 2)

    /// Notes the vectors a run selects and checks none of them (each is counted as skipped), so a
    /// whole corpus can be split without paying for its diagnoses.
    struct SelectionRecorder: VectorCheck {
        var selected: [String] = []
        mutating func verdicts(on vectors: [Vector], workers: Int, each body: (VectorVerdict?) -> Void) {
            for vector in vectors {
                selected.append(vector.qualifiedID)
                body(nil)
            }
        }
    }

    /// What one run (or shard) selected, and its input errors as "file:line message".
    static func select(_ paths: [String], shard: (index: Int, count: Int)? = nil) -> (ids: [String], errors: [String]) {
        var recorder = SelectionRecorder()
        let tally = runner.run(CorpusSource(paths: paths), filter: VectorFilter(shard: shard), check: &recorder) { _ in }
        let errors = tally.result.inputErrors.map { "\($0.file):\($0.location?.line ?? 0) \($0.message)" }
        return (recorder.selected, errors)
    }

    static func temporaryFolder() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-shards-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The bundled corpus as one JSON Lines file, with `extra` lines after the first.
    static func bundledAsJSONLines(in folder: String, extra: [String] = []) throws -> String {
        var lines: [String] = []
        let listing = CorpusLoader().list([BundledVectors.directory])
        for file in listing.files {
            try CorpusLoader().forEachVector(in: file, body: { vector in
                if let line = try? JSONWriter.compact(VectorEncoder().encode(vector, includeVenue: true)) { lines.append(line) }
            }, lineError: { _ in })
        }
        lines.insert(contentsOf: extra, at: min(1, lines.count))
        let file = folder + "/corpus.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Checks that shards 1…count of `paths` select the full run's vectors, each exactly once.
    static func expectUnionIsTheFullRun(_ paths: [String], count: Int) {
        let full = select(paths)
        #expect(full.ids.count > 100)
        var union: [String] = []
        var errors: [String] = []
        for index in 1...count {
            let shard = select(paths, shard: (index, count))
            union += shard.ids
            errors += shard.errors
        }
        #expect(union.count == full.ids.count, "a vector was lost or checked twice")
        #expect(Set(union) == Set(full.ids))
        #expect(errors.sorted() == full.errors.sorted(), "each input error is said by exactly one shard")
    }

    @Test(arguments: [2, 4, 7])
    func theShardsOfTheBundledCorpusTogetherAreTheFullRun(count: Int) {
        Self.expectUnionIsTheFullRun([BundledVectors.directory], count: count)
    }

    @Test func theShardsOfAJSONLinesCorpusTogetherAreTheFullRunAndSayEachErrorOnce() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A line the scan can place (its venue and id read, its request not a request) and one it
        // cannot (cut short): each is one error of the whole run.
        let file = try Self.bundledAsJSONLines(in: folder, extra: [
            #"{"venue": "binance-spot", "id": "placed-but-broken", "request": 5}"#,
            #"{"id": "broken", "#,
        ])
        let full = Self.select([file])
        #expect(full.errors.count == 2, "\(full.errors)")
        Self.expectUnionIsTheFullRun([file], count: 4)
    }

    @Test func aShardDoesNotDecodeAnotherShardsLines() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Broken lines whose ids put them in shard 2 of 2: shard 1 passes them over unread.
        let ids = (0..<50).map { "broken-\($0)" }.filter { VectorFilter.shardIndex(of: "binance-spot/\($0)", count: 2) == 2 }
        let lines = ids.map { #"{"venue": "binance-spot", "id": "\#($0)", "request": 5}"# }
        let file = folder + "/broken.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(Self.select([file], shard: (1, 2)).errors.isEmpty)
        #expect(Self.select([file], shard: (2, 2)).errors.count == ids.count)
    }

    @Test func theScanReadsTheMembersTheSplitNeeds() {
        let line = Array(#"{"request": {"id": "inner", "path": "/a]}\"b"}, "tags": ["get", "query"], "time": {"serverTime": 17}, "venue": "okx-v5", "n": -1.5e3, "id": "x.1"}"#.utf8)
        #expect(LineIdentity.scan(line[...]) == LineIdentity(venue: "okx-v5", id: "x.1", tags: ["get", "query"]))
        #expect(LineIdentity.scan(Array(#" { "id" : "a" , "venue" : "b" } "#.utf8)[...]) == LineIdentity(venue: "b", id: "a", tags: []))
        // A line is a slice of the read that holds it: the scan reads only its own bytes.
        let read = Array((#"{"id": "before", "venue": "z"}"# + "\n" + #"{"id": "a", "venue": "b"}"# + "\n" + #"{"id""#).utf8)
        let second = read.firstIndex(of: 0x0A)! + 1
        let end = read[second...].firstIndex(of: 0x0A)!
        #expect(LineIdentity.scan(read[second..<end]) == LineIdentity(venue: "b", id: "a", tags: []))
        #expect(LineIdentity.scan(read[(end + 1)...]) == nil)
    }

    @Test(arguments: [
        #"{"id": "a\u002db", "venue": "b"}"#,        // an escape in a value
        #"{"i\u0064": "a", "venue": "b"}"#,          // an escape in a name
        #"{"id": "a", "id": "c", "venue": "b"}"#,    // a repeated member
        #"{"id": 5, "venue": "b"}"#,                 // not a string
        #"{"id": "a", "tags": "get", "venue": "b"}"#,
        #"{"id": "a"}"#,                             // no venue
        #"["id", "a"]"#,
        #"{"id": "a", "venue": "b""#,                // cut short
    ])
    func theScanGivesUpWhereTheDecoderCouldReadTheLineDifferently(line: String) {
        #expect(LineIdentity.scan(Array(line.utf8)[...]) == nil)
    }
}
