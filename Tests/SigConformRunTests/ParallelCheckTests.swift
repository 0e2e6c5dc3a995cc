import Foundation
import SigConform
@testable import SigConformReports
import Testing

/// `check` parses and checks on several threads (``CheckRunner/workers``), and its output must
/// not depend on how many: the verdicts arrive in input order, and the report files are the
/// same, byte for byte, as a run on one thread writes.
@Suite struct ParallelCheckTests {
    static let vectors = BundledVectors.directory
    /// A fixed context, so the two runs' reports can be compared byte for byte.
    static let context = ReportContext(toolVersion: "0.0.0-parallel", startedAt: "2000-01-01T00:00:00Z", durationSeconds: 1, command: "check")

    /// A corpus of both input forms with every kind of outcome: vector files, a JSON Lines file
    /// of a few hundred lines (more than one batch per thread) with a malformed line, a line with
    /// an unknown member, a blank line, a vector that fails and one of an unknown venue.
    static func corpus() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-parallel-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for venue in ["binance-spot", "kraken-spot"] {
            try FileManager.default.copyItem(atPath: "\(vectors)/\(venue)/requests.json", toPath: "\(folder)/\(venue)-requests.json")
        }
        var valid: [Vector] = []
        for venue in ["binance-spot", "kraken-spot"] {
            try CorpusLoader().forEachVector(in: "\(vectors)/\(venue)/requests.json", body: { valid.append($0) }, lineError: { _ in })
        }
        var lines: [String] = []
        for index in 0..<700 {
            var vector = valid[index % valid.count]
            vector.id += "-\(index)"
            switch index {
            case 101:
                // Marked invalid though correct: fails without a diagnosis.
                vector.result = .invalid
                vector.expect.diagnosis = ["unsorted_params"]
            case 202: vector.venue = "no-such-venue"
            default: break
            }
            lines.append(JSONWriter.compact(try VectorEncoder().encode(vector, includeVenue: true)))
            if index == 150 { lines.append("{\"id\": \"broken\", ") }
            if index == 300 { lines.append("") }
            if index == 450 { lines.append("{\"id\": \"x\", \"venue\": \"binance-spot\", \"colour\": \"red\"}") }
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: "\(folder)/corpus.jsonl", atomically: true, encoding: .utf8)
        return folder
    }

    static func check(_ corpus: String, workers: Int, reports folder: String) throws -> (ids: [String], result: RunResult, files: [String: String]) {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let runner = CheckRunner(registry: registry, backends: standardBackends(), workers: workers)
        let stream = ReportStream(directory: folder, reporters: Reporters.all, backends: runner.evaluator.backends.map(\.id))
        var ids: [String] = []
        let result = runner.run(paths: [corpus]) { verdict in
            ids.append(verdict.vector.qualifiedID)
            stream.add(verdict)
        }
        _ = try stream.write(stream.report(result, context: Self.context))
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            files[name] = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
        }
        return (ids, result, files)
    }

    @Test(arguments: [2, 3, 8])
    func aRunOnSeveralThreadsWritesWhatARunOnOneWrites(workers: Int) throws {
        let corpus = try Self.corpus()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        // The report folders lie outside the corpus: a second run must not read the first one's report.json.
        let reports = corpus + "-reports"
        defer { try? FileManager.default.removeItem(atPath: reports) }
        let serial = try Self.check(corpus, workers: 1, reports: reports + "/serial")
        let parallel = try Self.check(corpus, workers: workers, reports: reports + "/parallel")
        #expect(serial.ids.count == 700 + 26 + 30)  // the broken line and the unknown member's are input errors
        #expect(parallel.ids == serial.ids)
        #expect(parallel.result.inputErrors.map(\.description) == serial.result.inputErrors.map(\.description))
        #expect(serial.result.inputErrors.count == 2)
        #expect(parallel.result.files == serial.result.files)
        #expect(parallel.files.keys.sorted() == serial.files.keys.sorted())
        #expect(serial.files.count == Reporters.all.count)
        for (name, text) in serial.files {
            #expect(parallel.files[name] == text, "\(name) differs between 1 and \(workers) threads")
        }
        #expect(serial.files["report.txt"]?.contains("no-such-venue") == true)
    }
}
