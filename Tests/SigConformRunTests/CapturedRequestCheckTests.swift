import Foundation
import SigConform
import Testing

/// `diagnose` goes through the one run loop: its captured requests are a ``CapturedRequestSource``
/// (venue and credentials resolved, or an input error each) judged by ``CapturedRequestCheck``.
@Suite struct CapturedRequestCheckTests {
    static let registry = RunEnvironment.registry(extraRoots: []).0
    static let runner = CheckRunner(registry: registry, backends: standardBackends(), workers: 2)
    static let secret = Credentials(secret: "sc-test-binance-spot-secret-do-not-use-00000000000000000000000000")
    /// Three requests signed by one HMAC object never reset (scripts/reference/sequences.py): the
    /// first correct, the next two explained only by the requests before them.
    static let sequence = (BundledVectors.directory as NSString).deletingLastPathComponent + "/examples/requests/sequences/binance-spot-reused-hmac.har"

    static func source(_ requests: [CapturedRequest], ids: [String] = []) -> CapturedRequestSource {
        CapturedRequestSource(requests, input: sequence, name: sequence, options: .init(credentials: secret, ids: ids), registry: registry)
    }

    @Test func aSequenceIsExplainedThroughTheRunLoopWhateverTheBatches() throws {
        let requests = try CapturedRequestReader().read(path: Self.sequence)
        #expect(requests.count == 3)
        var check = CapturedRequestCheck(runner: Self.runner)
        var verdicts: [VectorVerdict] = []
        let tally = Self.runner.run(Self.source(requests), filter: VectorFilter(), check: &check) { verdicts.append($0) }
        #expect(tally.result.inputErrors.isEmpty)
        #expect(tally.result.files == [Self.sequence])
        #expect(verdicts.map(\.status) == [.passed, .failed, .failed])
        #expect(verdicts.map { $0.diagnosis?.classes ?? [] } == [[], [.reusedHMACState], [.reusedHMACState]])
        #expect(check.notes.count == 2)

        // One request per batch: the check remembers the earlier ones, so the verdicts are the same.
        var oneByOne = CapturedRequestCheck(runner: Self.runner)
        var single: [VectorVerdict] = []
        var vectors: [Vector] = []
        Self.source(requests).read { if case .vector(let vector, _) = $0 { vectors.append(vector) } }
        for vector in vectors { oneByOne.verdicts(on: [vector], workers: 1) { if let verdict = $0 { single.append(verdict) } } }
        #expect(single.map(\.status) == verdicts.map(\.status))
        #expect(single.map { $0.diagnosis?.classIDs ?? [] } == verdicts.map { $0.diagnosis?.classIDs ?? [] })
    }

    @Test func aRequestThatCannotBeJudgedIsAnErrorAndTheRestAreStillJudged() throws {
        var requests = try CapturedRequestReader().read(path: Self.sequence)
        requests[0].venue = "binance-spott"
        var check = CapturedRequestCheck(runner: Self.runner)
        var verdicts: [VectorVerdict] = []
        let tally = Self.runner.run(Self.source(requests, ids: [requests[0].id, requests[1].id, "har-entry-9"]), filter: VectorFilter(),
                                    check: &check) { verdicts.append($0) }
        #expect(verdicts.map(\.vector.id) == [requests[1].id])
        let problems = tally.result.inputErrors.flatMap(\.diagnostics)
        #expect(problems.map(\.code) == [.unknownVenue, .structure])
        #expect(problems.first?.fix?.hasPrefix("did you mean \"binance-spot\"?") == true, "\(problems)")
        #expect(problems.last?.file == "--id har-entry-9")
    }

    @Test func aVectorOfAnUnknownVenueIsAnErrorInItsPlace() throws {
        let requests = try CapturedRequestReader().read(path: Self.sequence)
        var vectors: [Vector] = []
        Self.source(Array(requests.prefix(1))).read { if case .vector(let vector, _) = $0 { vectors.append(vector) } }
        var unknown = try #require(vectors.first)
        unknown.venue = "no-such-venue"
        var check = CapturedRequestCheck(runner: Self.runner)
        var verdicts: [VectorVerdict] = []
        check.verdicts(on: [unknown, vectors[0], unknown], workers: 2) { if let verdict = $0 { verdicts.append(verdict) } }
        #expect(verdicts.map(\.vector.venue) == ["no-such-venue", "binance-spot", "no-such-venue"])
        #expect(verdicts.map(\.status) == [.error, .passed, .error])
    }

    @Test func aSourceThatHoldsNoRequestSaysSoInItsOwnWords() {
        var check = CapturedRequestCheck(runner: Self.runner)
        let tally = Self.runner.run(Self.source([]), filter: VectorFilter(), check: &check) { _ in }
        #expect(tally.result.inputErrors.map(\.message) == ["holds no request: nothing was diagnosed"])
    }
}
