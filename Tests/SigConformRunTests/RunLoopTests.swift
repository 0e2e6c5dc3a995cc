import Foundation
import SigConform
import Testing

/// Every run goes through one loop (``CheckRunner/run(_:filter:check:progress:each:)``):
/// the source, the filter and the check are what differ, and a check (the vector's own request,
/// a signer's answer) sees the same vectors, errors and coverage whatever the source.
@Suite struct RunLoopTests {
    static let binance = BundledVectors.directory + "/binance-spot"
    static let registry = RunEnvironment.registry(extraRoots: []).0
    static let runner = CheckRunner(registry: registry, backends: [PureSwiftBackend()], workers: 2)

    static func vectors(_ file: String) throws -> [Vector] {
        var vectors: [Vector] = []
        try CorpusLoader().forEachVector(in: file, body: { vectors.append($0) }, lineError: { _ in })
        return vectors
    }

    /// A JSON Lines file of `vectors` with one malformed line after the first.
    static func jsonLines(_ vectors: [Vector]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-runloop-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var lines = try vectors.map { JSONWriter.compact(try VectorEncoder().encode($0, includeVenue: true)) }
        lines.insert("{\"id\": \"broken\", ", at: 1)
        let file = folder + "/corpus.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        return file
    }

    /// Vectors held in memory: a source is any type that hands items on in order.
    struct ListSource: VectorSource {
        var vectors: [Vector]
        var names: [String] { ["(memory)"] }
        var listing: CorpusListing {
            var listing = CorpusListing()
            listing.files = ["(memory)"]
            return listing
        }
        func read(_ body: (SourceItem) -> Void) {
            for vector in vectors { body(.vector(vector, file: "(memory)")) }
        }
    }

    @Test func aSourceInMemoryIsCheckedAsTheFileItCameFromIs() throws {
        let file = Self.binance + "/docs.json"
        let fromFile = Self.runner.run(paths: [file])
        var reference = Self.runner
        var verdicts: [VectorVerdict] = []
        let tally = Self.runner.run(ListSource(vectors: try Self.vectors(file)), filter: VectorFilter(), check: &reference) { verdicts.append($0) }
        #expect(!verdicts.isEmpty)
        #expect(verdicts.map(\.id) == fromFile.verdicts.map(\.id))
        #expect(verdicts.map(\.status) == fromFile.verdicts.map(\.status))
        #expect(tally.result.inputErrors.isEmpty && tally.skipped == 0)
    }

    @Test func aJSONLinesSourceHandsOnLinesAndTheirErrorsInOrder() throws {
        let vectors = Array(try Self.vectors(Self.binance + "/docs.json").prefix(3))
        let file = try Self.jsonLines(vectors)
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        var items: [String] = []
        JSONLinesSource(file: file).read { item in
            switch item {
            case .line(_, let number, _): items.append("line \(number)")
            case .vector(let vector, _): items.append("vector \(vector.id)")
            case .error(let error): items.append("error \(error.location?.line ?? 0)")
            }
        }
        #expect(items == ["line 1", "line 2", "line 3", "line 4"], "lines are parsed by the run, on its threads")
        let run = Self.runner.run(paths: [file])
        #expect(run.verdicts.map(\.vector.id) == vectors.map(\.id))
        #expect(run.inputErrors.map { $0.location?.line } == [2])
    }

    /// The signer check runs on the same loop: the malformed line is an input error of the
    /// signer run as of the file run, and the vectors it is asked about are the ones selected.
    @Test func aSignerRunSeesTheSameInputAsAFileRun() throws {
        let vectors = Array(try Self.vectors(Self.binance + "/docs.json").filter { $0.result == .valid }.prefix(3))
        let file = try Self.jsonLines(vectors)
        defer { try? FileManager.default.removeItem(atPath: (file as NSString).deletingLastPathComponent) }
        let filter = VectorFilter(ids: [vectors[0].id, vectors[2].id])
        let fileRun = Self.runner.run(paths: [file], filter: filter)
        // A signer that answers nothing useful: every vector asked about fails, none is lost.
        let signerRun = SignerCheck(runner: Self.runner, command: "exec cat >/dev/null", timeout: 0.5).run(paths: [file], filter: filter).run
        #expect(signerRun.verdicts.map(\.id) == fileRun.verdicts.map(\.id))
        #expect(signerRun.verdicts.allSatisfy { $0.status == .failed })
        #expect(signerRun.inputErrors.map(\.description) == fileRun.inputErrors.map(\.description))
        #expect(signerRun.files == fileRun.files)
    }

    @Test func aSignerRunOfOnlyInvalidVectorsSaysNothingWasChecked() throws {
        let invalid = Self.binance + "/mistakes.json"
        let outcome = SignerCheck(runner: Self.runner, command: "/nonexistent/never-started").run(paths: [invalid])
        #expect(outcome.run.verdicts.isEmpty)
        #expect(outcome.skippedInvalid > 0)
        #expect(outcome.run.exitCode == 2)
        #expect(outcome.run.inputErrors.contains { $0.message.contains("are all invalid ones, which are not sent to a signer") })
    }
}

/// One verdict policy for every kind of run.
@Suite struct VerdictPolicyTests {
    static let registry = RunEnvironment.registry(extraRoots: []).0
    static let runner = CheckRunner(registry: registry, backends: standardBackends())

    /// A valid vector whose key the venue signs is gone: nothing can be checked.
    static func unsignable() throws -> (Vector, Venue) {
        var vector = try #require(try RunLoopTests.vectors(RunLoopTests.binance + "/docs.json").first { $0.result == .valid })
        vector.credentials.secret = nil
        return (vector, try #require(registry[vector.venue]))
    }

    @Test func aRequestThatCannotBeSignedIsAnErrorForVectorsAndCapturedRequestsAlike() throws {
        let (vector, venue) = try Self.unsignable()
        let evaluation = Self.runner.evaluator.evaluate(vector, venue: venue)
        #expect(!VerdictPolicy.unsignable(evaluation).isEmpty)
        for verdict in [Self.runner.check(vector), Self.runner.diagnoseCaptured(vector, venue: venue)] {
            #expect(verdict.status == .error)
            #expect(verdict.diagnosis == nil)
            #expect(verdict.problems.allSatisfy { $0.hasPrefix("cannot sign: ") }, "\(verdict.problems)")
        }
    }

    @Test func recordRefusesWhatTheRunCallsUnsignable() throws {
        let (vector, venue) = try Self.unsignable()
        let recorder = VectorRecorder(registry: Self.registry, backends: standardBackends())
        #expect(throws: RecordError.self) {
            _ = try recorder.record(.init(venue: venue, request: vector.request, credentials: vector.credentials, id: "x", comment: nil, tags: [],
                                          serverTime: vector.time.serverTime), takenIDs: [])
        }
    }

    @Test func anUnknownVenueIsAnErrorThatSaysHowToAddIt() throws {
        var vector = try #require(try RunLoopTests.vectors(RunLoopTests.binance + "/docs.json").first)
        vector.venue = "no-such-venue"
        let verdict = Self.runner.check(vector)
        #expect(verdict.status == .error)
        #expect(verdict.problems.first?.contains("add its folder with --venues DIR") == true)
    }
}
