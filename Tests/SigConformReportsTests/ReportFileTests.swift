import Foundation
import SigConform
import Testing

/// `report merge` reads each shard report piece by piece (``ReportFile``) and streams the
/// merged set (``ReportMerger/merge(files:into:)``): the result is the one the whole-file
/// merge gives, file for file and byte for byte, and every merge check still holds.
@Suite struct ReportFileTests {
    /// The fixture's shards written as report.json files into `folder`.
    static func shardFiles(_ count: Int, in folder: String) throws -> [String] {
        try ReportMergerTests.shards(count).enumerated().map { index, shard in
            let path = "\(folder)/shard-\(index + 1).json"
            try Data(JSONReporter().render(shard.report).utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    static func whole(_ path: String) throws -> RunReport {
        try ReportJSONDecoder().decode(JSONReader(file: path, document: JSONParser().parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))))
    }

    static func streamedMerge(_ files: [String], into folder: String?) throws -> (RunReport, [String]) {
        let stream = ReportStream(directory: folder, reporters: Reporters.all, backends: [])
        let merged = stream.report(merging: ReportMerger.merge(files: files, into: stream))
        return (merged, try stream.write(merged))
    }

    @Test func aScanGivesWhatAWholeParseGives() throws {
        let folder = temporaryDirectory("report-file")
        for path in try Self.shardFiles(3, in: folder) {
            var vectors: [VectorReport] = []
            var entries: [ReportFile.Entry] = []
            let file = try ReportFile(path: path)
            var scanned = try file.scan { vector, entry throws(InputError) in
                vectors.append(vector)
                entries.append(entry)
            }
            #expect(scanned.vectors.isEmpty)
            scanned.vectors = vectors
            #expect(scanned == (try Self.whole(path)))
            for (vector, entry) in zip(vectors, entries) { #expect(try file.vector(at: entry) == vector) }
        }
    }

    @Test func theStreamedMergeWritesTheFilesTheWholeMergeWrites() throws {
        let folder = temporaryDirectory("streamed-merge")
        let files = try Self.shardFiles(3, in: folder)
        let (streamed, written) = try Self.streamedMerge(files.reversed(), into: folder + "/streamed")
        var whole = ReportMerger.merge(try files.reversed().map { ($0, try Self.whole($0)) })
        whole.context.mergedReports = 3
        _ = try ReportWriter(directory: folder + "/whole").write(whole, reporters: Reporters.all, redactor: Redactor(credentials: []))
        #expect(written.count == Reporters.all.count)
        for path in written {
            let name = (path as NSString).lastPathComponent
            #expect(try String(contentsOfFile: path, encoding: .utf8) == String(contentsOfFile: "\(folder)/whole/\(name)", encoding: .utf8), "\(name)")
        }
        #expect(streamed.summary == whole.summary && streamed.exitCode == whole.exitCode)
    }

    /// The merge checks on files: a repeated shard is one line with its count, a missing one
    /// is named, an unreadable file is an input error of its own, and none of them traps.
    @Test func theMergeChecksHoldForFiles() throws {
        let folder = temporaryDirectory("streamed-merge-checks")
        let files = try Self.shardFiles(3, in: folder)
        let shardTwo = try Self.whole(files[1])
        let (repeated, _) = try Self.streamedMerge(files + [files[1]], into: nil)
        let again = repeated.inputErrors.filter { $0.message.contains("again") }
        #expect(again.count == 1)
        #expect(again.first?.message == "shard 2/3 again (also \(files[1])): its \(counted(shardTwo.vectors.count, "vector")) were counted once")
        #expect(repeated.exitCode == 2)

        let (missing, _) = try Self.streamedMerge([files[0], files[2]], into: nil)
        #expect(missing.inputErrors.contains { $0.file == "shard 2/3" && $0.message.contains("missing") })

        let broken = folder + "/broken.json"
        try Data(String(decoding: try Data(contentsOf: URL(fileURLWithPath: files[2])), as: UTF8.self).dropLast(40).utf8).write(to: URL(fileURLWithPath: broken))
        let (truncated, _) = try Self.streamedMerge([files[0], files[1], broken], into: nil)
        #expect(truncated.inputErrors.contains { $0.file == broken })
        #expect(truncated.inputErrors.contains { $0.file == "shard 3/3" && $0.message.contains("missing") })
        #expect(truncated.exitCode == 2)
    }

    @Test(arguments: [#"{"index": 0, "count": 0}"#, #"{"index": -1, "count": -5}"#, #"{"index": 3, "count": 2}"#,
                      #"{"index": 1, "count": 9223372036854775807}"#])
    func anImpossibleShardInAFileIsAnInputError(_ shard: String) throws {
        let path = temporaryDirectory("impossible-shard") + "/r.json"
        try Data(try ReportShardBoundsTests.report(shard: shard).utf8).write(to: URL(fileURLWithPath: path))
        let (merged, _) = try Self.streamedMerge([path], into: nil)
        #expect(merged.inputErrors.count == 1)
        #expect(merged.inputErrors.first?.message.contains("is not K/N") == true)
        #expect(merged.inputErrors.first?.line != nil, "located in the file")
        #expect(merged.exitCode == 2)
    }

    /// An error inside one vector is located in the file, as a whole parse locates it.
    @Test func anErrorInAVectorIsLocatedInTheFile() throws {
        let path = temporaryDirectory("bad-vector") + "/r.json"
        let text = JSONReporter().render(ReportFixture.report).replacingOccurrences(of: #""result": "invalid""#, with: #""result": "maybe""#)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let streamed = #expect(throws: InputError.self) { try ReportFile(path: path).scan { _, _ throws(InputError) in } }
        let whole = #expect(throws: InputError.self) { try Self.whole(path) }
        #expect(streamed != nil && streamed == whole)
        #expect(streamed?.location != nil)
    }
}
