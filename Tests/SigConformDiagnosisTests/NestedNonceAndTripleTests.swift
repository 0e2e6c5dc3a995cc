import SigConform
import Testing

/// A nonce inside a digest (Kraken) or a base64 payload (Gemini) is searched like any other
/// timestamp, beyond the ±5 s it once was; and three mistakes of one signer are named together.
@Suite struct NestedNonceAndTripleTests {
    static let krakenCredentials = Credentials(apiKey: "sc-test-kraken-key", secret: "c2MtdGVzdC1rcmFrZW4tc2VjcmV0LTAwMDE=")

    /// A Kraken AddOrder whose body went out with nonce `sent` under the signature of the same
    /// body built with nonce `signed` (both occurrences: the form field and the digest's prefix).
    static func kraken(signed: Int64, sent: Int64) throws -> (HTTPRequest, Venue) {
        let venue = try DeveloperMistakeTests.venue("kraken-spot")
        let body = { (nonce: Int64) in "nonce=\(nonce)&ordertype=limit&pair=XXBTZUSD&price=39000&type=sell&volume=0.3" }
        var request = HTTPRequest(method: "POST", path: "/0/private/AddOrder", body: body(signed))
        request.headers.set("API-Key", "sc-test-kraken-key")
        request.headers.set("Content-Type", "application/x-www-form-urlencoded")
        let signature = try DeveloperMistakeTests.signature(of: request, venue: venue, credentials: krakenCredentials)
        request.body = body(sent)
        request.headers.set("API-Sign", signature)
        return (request, venue)
    }

    @Test func aKrakenNonceInsideTheDigestIsFoundBeyondFiveSeconds() throws {
        let now = DeveloperMistakeTests.now
        let (request, venue) = try Self.kraken(signed: now - 12_000, sent: now)
        let diagnosis = DeveloperMistakeTests.diagnose(request, venue: venue, credentials: Self.krakenCredentials, radius: 20_000)
        #expect(diagnosis.classIDs == ["timestamp_mismatch"])
        #expect(diagnosis.steps.first?.detail.contains("(-12000 ms)") == true, "\(diagnosis.steps)")
    }

    @Test func anUnexplainedKrakenRequestSaysTheNonceInsideTheDigestWasSearchedOverTheWholeRange() throws {
        let now = DeveloperMistakeTests.now
        let (request, venue) = try Self.kraken(signed: now - 9_000, sent: now)
        let diagnosis = DeveloperMistakeTests.diagnose(request, venue: venue, credentials: Self.krakenCredentials, radius: 3_000)
        #expect(diagnosis.classIDs == ["unexplained"], "9 s is outside ±3 s: \(diagnosis.steps)")
        let summary = try #require(diagnosis.searchSummary)
        let range = try #require(summary.timeRanges.first)
        #expect(range.field == "nonce inside sha256(…)")
        #expect(range.searchedMilliseconds == 3_000)
    }

    @Test func aGeminiNonceInsideTheBase64PayloadIsFoundMinutesAway() throws {
        let venue = try DeveloperMistakeTests.venue("gemini")
        let credentials = Credentials(apiKey: "sc-test-gemini-key", secret: "sc-test-gemini-secret")
        let payload = { (nonce: Int64) in Base64.encode(Array(#"{"request":"/v1/balances","nonce":\#(nonce)}"#.utf8)) }
        let sent: Int64 = 1_700_000_000
        var request = HTTPRequest(method: "POST", path: "/v1/balances")
        request.headers.set("X-GEMINI-APIKEY", "sc-test-gemini-key")
        request.headers.set("X-GEMINI-PAYLOAD", payload(sent - 200))
        let signature = try DeveloperMistakeTests.signature(of: request, venue: venue, credentials: credentials)
        request.headers.set("X-GEMINI-PAYLOAD", payload(sent))
        request.headers.set("X-GEMINI-SIGNATURE", signature)
        let diagnosis = DeveloperMistakeTests.diagnose(request, venue: venue, credentials: credentials, serverTime: sent * 1000 + 300)
        #expect(diagnosis.classIDs == ["timestamp_mismatch"])
        #expect(diagnosis.steps.first?.detail.contains("(-200000 ms)") == true, "\(diagnosis.steps)")
    }

    @Test(arguments: [("okx-v5", "three-mistakes-no-query-sha512-hex", ["path_mismatch", "wrong_hash", "wrong_output_encoding"]),
                      ("gateio-v4", "three-mistakes-sha256-upper-body-hash-no-query-line", ["missing_component", "wrong_hash", "wrong_output_encoding"])])
    func threeMistakesOfOneSignerAreNamedTogether(venue: String, id: String, classes: [String]) throws {
        let diagnosis = try TextMistakeTests.diagnosis(venue, id)
        #expect(diagnosis.classIDs.sorted() == classes)
    }

    @Test func withoutCandidatesForThreesTheSearchSaysItStoppedBeforeThem() throws {
        let verdict = try #require(BundledCorpusTests.run.verdicts.first { $0.vector.id == "three-mistakes-no-query-sha512-hex" })
        let evaluation = try #require(verdict.evaluation)
        let budget = SearchBudget(bytes: SearchBudget.standard.bytes, pairCandidates: 20_000, tripleCandidates: 0)
        let diagnosis = Diagnoser(backends: standardBackends(), timestampSearchRadius: 1_000, budget: budget).diagnose(evaluation)
        #expect(diagnosis.classIDs == ["unexplained"])
        let summary = try #require(diagnosis.searchSummary)
        #expect(summary.text.contains("in threes (0 threes before the budget ran out)"), "\(summary.text)")
    }

    @Test func theSummaryCountsTheThrees() {
        var summary = SearchSummary(candidates: 14_200, singleMistakes: 31, pairedMistakes: 29, pairCandidates: 9_000, pairsComplete: true,
                                    timeRanges: [], bytesHashed: 1 << 20, cutShort: [])
        summary.tripledMistakes = 29
        summary.tripleCandidates = 41_000
        #expect(summary.text == "tried 14,200 variants of 31 mistakes, singly, in pairs and in threes (41,000 threes)")
    }
}
