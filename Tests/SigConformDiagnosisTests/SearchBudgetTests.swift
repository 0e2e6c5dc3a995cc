import SigConform
import Testing

@Suite struct SearchBudgetTests {
    /// An okx-v5 order with a JSON body of `bodyLength` bytes, signed by a secret that is not the
    /// vector's: nothing explains it, so every part of the search runs until done or out of budget.
    static func largeBodyEvaluation(bodyLength: Int) throws -> VectorEvaluation {
        let (registry, errors) = RunEnvironment.registry(extraRoots: [])
        #expect(errors.isEmpty)
        let venue = try #require(registry["okx-v5"])
        let body = #"{"instId":"BTC-USDT","sz":"0.01","clOrdId":""# + String(repeating: "x", count: bodyLength) + #""}"#
        var request = HTTPRequest(method: "POST", path: "/api/v5/trade/order", body: body)
        for (name, value) in [("OK-ACCESS-KEY", "k"), ("OK-ACCESS-TIMESTAMP", "2023-11-14T22:14:21.337Z"), ("OK-ACCESS-PASSPHRASE", "p"),
                              ("OK-ACCESS-SIGN", "Mzam6R4wArMzYYZtLCL2Jrxqo6E/GYDgwJH/WSrRdr8="), ("Content-Type", "application/json")] {
            request.headers.set(name, value)
        }
        let vector = Vector(id: "large", venue: "okx-v5", credentials: Credentials(apiKey: "k", secret: "sc-test-okx-secret", passphrase: "p"),
                            request: request, result: .invalid, expect: Expectation(diagnosis: ["unexplained"]),
                            origin: VectorOrigin(file: "-", pointer: "", location: nil))
        return VectorEvaluator(backends: [PureSwiftBackend()]).evaluate(vector, venue: venue)
    }

    @Test func aLargeBodyIsSearchedWithinTheBudgetAndTheDiagnosisSaysWhatWasTried() throws {
        let budget = SearchBudget(bytes: 4 << 20, pairCandidates: 20_000)
        let diagnosis = Diagnoser(backends: standardBackends(), budget: budget).diagnose(try Self.largeBodyEvaluation(bodyLength: 100_000))
        #expect(diagnosis.classIDs == ["unexplained"])
        let summary = try #require(diagnosis.searchSummary)
        #expect(summary.bytesHashed <= budget.bytes)
        #expect(summary.singleMistakes > 0)
        let range = try #require(summary.timeRanges.first)
        #expect(range.field == "timestamp")
        #expect(range.searchedMilliseconds < 600_000, "a 100 KB body cannot afford ±10 min in 4 MiB")
        #expect(range.narrowedBecause?.contains("97 KiB after the timestamp") == true)
        #expect(!summary.cutShort.isEmpty)
        #expect(diagnosis.evidence.contains("searched: " + summary.text))
    }

    @Test func aSmallRequestIsSearchedInFullAndNothingIsCutShort() throws {
        let diagnosis = Diagnoser(backends: standardBackends(), timestampSearchRadius: 2_000)
            .diagnose(try Self.largeBodyEvaluation(bodyLength: 10))
        let summary = try #require(diagnosis.searchSummary)
        #expect(summary.cutShort.isEmpty)
        #expect(summary.pairsComplete)
        #expect(summary.timeRanges.map(\.searchedMilliseconds) == [2_000])
        #expect(summary.timeRanges.first?.narrowedBecause == nil)
    }

    @Test func theSummaryReadsAsOneSentence() {
        let summary = SearchSummary(candidates: 14_200, singleMistakes: 31, pairedMistakes: 29, pairCandidates: 9_000, pairsComplete: true,
                                    timeRanges: [.init(field: "timestamp", searchedMilliseconds: 600_000, requestedMilliseconds: 600_000)],
                                    bytesHashed: 1 << 20, cutShort: [])
        #expect(summary.text == "tried 14,200 variants of 31 mistakes, singly and in pairs, and ±10 min of the timestamp")
        var cut = summary
        cut.timeRanges = [.init(field: "timestamp", searchedMilliseconds: 2_500, requestedMilliseconds: 600_000,
                                narrowedBecause: "each candidate hashes the 97 KiB after the timestamp's block")]
        cut.cutShort = ["timestamp search"]
        #expect(cut.text == "tried 14,200 variants of 31 mistakes, singly and in pairs, and ±2.5 s of the timestamp (of ±10 min: each candidate hashes the 97 KiB after the timestamp's block); the search budget (1 MiB hashed) cut short: timestamp search")
    }
}
