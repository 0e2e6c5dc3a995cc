import Foundation
import SigConform
@testable import SigConformRun
import Testing

/// The judge of `--signer` answers, rule by rule, on bundled vectors: each answer is the
/// vector's request as a real client would rewrite it (another order, an added `recvWindow`,
/// parameters in a form body, another clock), signed correctly for its own bytes unless the
/// test says otherwise.
@Suite struct AnswerJudgeTests {
    static let registry = RunEnvironment.registry(extraRoots: []).0
    static let runner = CheckRunner(registry: registry, backends: standardBackends())

    static func vector(_ venue: String, _ id: String, file: String = "requests.json") throws -> Vector {
        var found: Vector?
        try CorpusLoader().forEachVector(in: "\(BundledVectors.directory)/\(venue)/\(file)", body: { if $0.id == id { found = $0 } }, lineError: { _ in })
        return try #require(found, "\(venue)/\(id) is a bundled vector")
    }

    /// The vector's request without its signature: what the signer is given.
    static func unsigned(_ vector: Vector) throws -> HTTPRequest {
        vector.request.removingSignature(for: try #require(registry[vector.venue]))
    }

    /// `request` with the correct signature for its own bytes, where the venue carries it.
    static func signed(_ request: HTTPRequest, as vector: Vector, keyChoices: [String: String] = [:]) throws -> HTTPRequest {
        let venue = try #require(registry[vector.venue]).choosing(keyChoices)
        let recipe = try #require(venue.hmac)
        let signer = RequestSigner(canonicalizer: Canonicalizer(venue: venue, recipe: recipe))
        let signature = try signer.sign(request, credentials: vector.credentials, backend: standardBackends()[0]).signature
        var copy = request
        switch recipe.signature.location {
        case .parameter(let name), .query(let name):
            if !copy.query.isEmpty || copy.body.isEmpty {
                copy.query += (copy.query.isEmpty ? "" : "&") + "\(name)=\(signature)"
            } else {
                copy.body += "&\(name)=\(signature)"
            }
        case .header(let name, let prefix):
            copy.headers.set(name, prefix + signature)
        default:
            Issue.record("the tests place signatures in parameters and headers only")
        }
        return copy
    }

    static func judge(_ vector: Vector, _ answer: HTTPRequest) throws -> VectorVerdict {
        AnswerJudge(runner: runner).verdict(for: vector, venue: try #require(registry[vector.venue]), answered: answer)
    }

    /// `query` with `name`'s value replaced (raw text).
    static func replacing(_ name: String, with value: String, in query: String) -> String {
        query.split(separator: "&").map { $0.hasPrefix(name + "=") ? "\(name)=\(value)" : String($0) }.joined(separator: "&")
    }

    static func removing(_ name: String, from query: String) -> String {
        query.split(separator: "&").filter { !$0.hasPrefix(name + "=") }.joined(separator: "&")
    }

    // MARK: - Byte copies are checked as before

    @Test func aByteCopyIsCheckedAgainstTheVectorsExpectationsWithNoNotes() throws {
        let vector = try Self.vector("binance-spot", "post-order-query")
        let verdict = try Self.judge(vector, vector.request)
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.isEmpty)
        #expect(verdict.vector.expect.signature == vector.expect.signature, "a byte copy keeps the vector's expectations")
    }

    // MARK: - What a client may change

    @Test func reorderedParametersPassWithANote() throws {
        let vector = try Self.vector("binance-spot", "get-all-orders-many-params")
        var request = try Self.unsigned(vector)
        request.query = request.query.split(separator: "&").reversed().joined(separator: "&")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains { $0.hasPrefix("the query's parameters are in another order: timestamp, limit, endTime") }, "\(verdict.notes)")
        #expect(verdict.vector.expect.signature == nil, "the vector's signature is for other bytes")
    }

    @Test func anAddedRecvWindowAndClientOrderIDAreNotes() throws {
        let vector = try Self.vector("binance-spot", "get-my-trades-unsorted")
        var request = try Self.unsigned(vector)
        request.query += "&recvWindow=5000&newClientOrderId=x-R4BD3S82sc"
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains("the client adds the parameter recvWindow=\"5000\" in the query"), "\(verdict.notes)")
        #expect(verdict.notes.contains("the client adds the parameter newClientOrderId=\"x-R4BD3S82sc\" in the query"), "\(verdict.notes)")
    }

    @Test func parametersMovedFromTheQueryToAFormBodyPass() throws {
        let vector = try Self.vector("binance-spot", "post-order-query")
        var request = try Self.unsigned(vector)
        (request.query, request.body) = ("", request.query)
        request.headers.set("Content-Type", "application/x-www-form-urlencoded")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains("the parameters symbol, side, type, timeInForce, quantity, price moved from the query to the form body"), "\(verdict.notes)")
        #expect(verdict.notes.contains("the client adds the header Content-Type: \"application/x-www-form-urlencoded\""), "\(verdict.notes)")
    }

    @Test func anotherPercentEncodingOfTheSameValueIsANote() throws {
        let vector = try Self.vector("binance-spot", "get-query-at-raw")
        var request = try Self.unsigned(vector)
        request.query = Self.replacing("email", with: "bob%40example.com", in: request.query)
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains("the parameter email is written \"bob%40example.com\" (the vector's: \"bob@example.com\")"), "\(verdict.notes)")
    }

    @Test func aTimestampOfTheClientsOwnWithinTheWindowPasses() throws {
        let vector = try Self.vector("binance-spot", "get-account-timestamp-only")
        var request = try Self.unsigned(vector)
        request.query = "timestamp=1700000000800"
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains { $0.hasPrefix("the timestamp is \"1700000000800\" (the vector's: \"1700000000000\") (800 ms later") }, "\(verdict.notes)")
    }

    /// The vector's Gemini request with its payload's nonce replaced by `nonce`.
    static func geminiRequest(_ vector: Vector, nonce: (JSONValue) -> JSONValue) throws -> HTTPRequest {
        var request = try unsigned(vector)
        let payload = try #require(request.headers["X-GEMINI-PAYLOAD"].flatMap { Base64.decode($0) })
        guard case .object(var members) = try JSONParser().parse(payload).root, let index = members.firstIndex(where: { $0.key == "nonce" }) else {
            Issue.record("the vector's payload has a nonce")
            return request
        }
        members[index].value = nonce(members[index].value)
        request.headers.set("X-GEMINI-PAYLOAD", Base64.encode(Array(JSONWriter.compact(.object(members)).utf8)))
        return request
    }

    @Test func aGeminiNonceWrittenAsAStringIsTheSameNonce() throws {
        // ccxt writes str(nonce): the same seconds, as a JSON string, for a time-based key.
        let vector = try Self.vector("gemini", "balances")
        let request = try Self.geminiRequest(vector) { .string(scalarText($0)) }
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.evaluation?.keyChoices == ["nonce": "time-based"])
    }

    @Test func aMillisecondGeminiNonceFailsForATimeBasedKeyAndPassesForAnIncreasingOne() throws {
        let timeBased = try Self.vector("gemini", "balances")
        let milliseconds = try Self.geminiRequest(timeBased) { .string(scalarText($0) + "123") }
        let refused = try Self.judge(timeBased, try Self.signed(milliseconds, as: timeBased))
        #expect(refused.status == .failed)
        // Milliseconds are not the seconds a time-based key sends (the vector names that key).
        #expect(refused.problems.contains("the timestamp \"1700000000123\" is not in the venue's format unix-s"), "\(refused.problems)")

        let increasing = try Self.vector("gemini", "ms-number-balances", file: "increasing-nonce.json")
        let later = try Self.geminiRequest(increasing) { .string(String(Int64(scalarText($0))! + 250)) }
        let verdict = try Self.judge(increasing, try Self.signed(later, as: increasing, keyChoices: ["nonce": "increasing"]))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains { $0.hasPrefix("the timestamp is \"1700000004425\" (the vector's: \"1700000004175\") (250 ms later") }, "\(verdict.notes)")
    }

    @Test func aRequestIDTheVenueLeavesToTheClientIsANote() throws {
        let vector = try Self.vector("cryptocom", "cancel-order")
        let request = try Self.unsigned(vector)
        var answer = request
        answer.body = request.body.replacingOccurrences(of: "\"id\":6,", with: "\"id\":1700000999999,")
        #expect(answer.body != request.body)
        // Signed as the venue reads it: the prehash of the answer, the sig member appended.
        let venue = try #require(Self.registry["cryptocom"])
        let signature = try RequestSigner(venue: venue).sign(answer, credentials: vector.credentials, backend: standardBackends()[0]).signature
        var signed = answer
        signed.body = String(answer.body.dropLast()) + ",\"sig\":\"\(signature)\"}"
        let verdict = try Self.judge(vector, signed)
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains { $0.hasPrefix("the client picks its own id \"1700000999999\"") }, "\(verdict.notes)")
    }

    /// The vector's `batchOrders` form value as JSON, changed by `change`, written back encoded.
    static func batchOrders(_ body: String, _ change: (inout [JSONValue]) -> Void) throws -> String {
        let item = try #require(QueryItem.split(body).first { $0.key == "batchOrders" })
        guard case .array(var orders) = try JSONParser().parse(item.value).root else {
            Issue.record("batchOrders is a JSON array")
            return body
        }
        change(&orders)
        let encoded = PercentEncoding.encode(JSONWriter.compact(.array(orders)))
        return body.replacingOccurrences(of: item.raw, with: "batchOrders=" + encoded)
    }

    /// `value` with `member` set to `text` when it is an object.
    static func setting(_ member: String, to text: JSONValue?, in value: JSONValue) -> JSONValue {
        guard case .object(var members) = value else { return value }
        members.removeAll { $0.key == member }
        if let text { members.append((key: member, value: text)) }
        return .object(members)
    }

    @Test func aClientOrderIDAddedInsideABatchOrderIsANote() throws {
        // ccxt gives each batch order without a newClientOrderId its own (broker prefix x-cvBPrNm9).
        for id in ["post-batch-orders-body", "post-batch-orders-query"] {
            let vector = try Self.vector("binance-usdm", id)
            var request = try Self.unsigned(vector)
            if request.body.isEmpty {
                request.query = try Self.batchOrders(request.query) { $0[1] = Self.setting("newClientOrderId", to: .string("x-cvBPrNm9abc"), in: $0[1]) }
            } else {
                request.body = try Self.batchOrders(request.body) { $0[1] = Self.setting("newClientOrderId", to: .string("x-cvBPrNm9abc"), in: $0[1]) }
            }
            let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
            #expect(verdict.status == .passed, "\(id): \(verdict.problems)")
            #expect(verdict.notes.contains("the client adds batchOrders[1].newClientOrderId=\"x-cvBPrNm9abc\" inside the parameter batchOrders"), "\(verdict.notes)")
        }
    }

    @Test func aJSONArrayBodyWithTheClientsOwnSpacingIsTheSameArray() throws {
        // gate-api sends json.dumps(body): ", " and ": " between items, and signs those bytes.
        let vector = try Self.vector("gateio-v4", "post-batch-orders-array")
        var request = try Self.unsigned(vector)
        request.body = request.body.replacingOccurrences(of: "\",\"", with: "\", \"").replacingOccurrences(of: "\":", with: "\": ")
            .replacingOccurrences(of: "},{", with: "}, {")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(!verdict.notes.contains { $0.contains("adds the parameter") }, "the array is one value, not a form field: \(verdict.notes)")
    }

    @Test func aChangedItemInAJSONArrayBodyFails() throws {
        let vector = try Self.vector("gateio-v4", "post-batch-orders-array")
        var request = try Self.unsigned(vector)
        request.body = request.body.replacingOccurrences(of: "\"43000\"", with: "\"43001\"")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.hasPrefix("the parameter (the JSON array body) is \"[{") && $0.contains("in the JSON body") }, "\(verdict.problems)")
    }

    @Test func aGetWhoseParametersMovedIntoABodyFailsWhereTheVenueReadsNoBodyOnAGet() throws {
        // OKX: "GET request parameters are counted as requestPath, not body" (reads.ignoresBody).
        let vector = try Self.vector("okx-v5", "get-balance-ccy")
        var request = try Self.unsigned(vector)
        (request.query, request.body) = ("", #"{"ccy":"BTC"}"#)
        request.headers.set("Content-Type", "application/json")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.hasPrefix("the GET request carries a 13-byte body, which the venue does not read on a GET") }, "\(verdict.problems)")
    }

    @Test func aParameterSentInTheQueryAndTheBodyIsReadAsGateReadsIt() throws {
        // ccxt's Gate PATCH: every parameter URL-encoded in the query and again in the JSON body.
        let vector = try Self.vector("gateio-v4", "patch-spot-amend-query-and-body")
        var request = try Self.unsigned(vector)
        request.query = "currency_pair=BTC_USDT&amount=1.5"
        request.body = #"{"currency_pair":"BTC_USDT","amount":"1.5"}"#
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains("the parameters currency_pair, amount are sent twice with the same value, in the query and the JSON body; gateio-v4 reads the JSON body's"), "\(verdict.notes)")
        #expect(!verdict.notes.contains { $0.hasPrefix("the parameter currency_pair is written") }, "the copy read is compared with the vector's, not its bytes: \(verdict.notes)")
    }

    @Test func repeatedKeyValuesInAnotherOrderAreANoteWhereTheVenueReadsThemAsASet() throws {
        // Coinbase: status given several times is a filter of statuses (venue.json notes).
        let vector = try Self.vector("coinbase-exchange", "get-orders-repeated-key")
        var request = try Self.unsigned(vector)
        request.query = "status=pending&status=open&product_id=BTC-USD"
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains("the parameter status repeats its values in another order: \"pending\", \"open\" (the vector's: \"open\", \"pending\"); coinbase-exchange reads a repeated key as a set of values"), "\(verdict.notes)")
    }

    @Test func anAddedHeaderThatMakesTheSameChoiceIsANote() throws {
        // python-okx always sends x-simulated-trading, 0 for live: what OKX assumes without it.
        let vector = try Self.vector("okx-v5", "get-balance-ccy")
        var request = try Self.unsigned(vector)
        request.headers.set("x-simulated-trading", "0")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
        #expect(verdict.notes.contains("the client adds the header x-simulated-trading: \"0\" (live trading), as okx-v5 reads a request without it"), "\(verdict.notes)")
    }

    // MARK: - What a client may not change

    @Test func aChangedValueFailsNamingTheParameter() throws {
        let vector = try Self.vector("binance-spot", "post-order-query")
        var request = try Self.unsigned(vector)
        request.query = Self.replacing("quantity", with: "0.02", in: request.query)
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.first == "the parameter quantity is \"0.02\" in the query, the vector's is \"0.01\"", "\(verdict.problems)")
    }

    @Test func theSameNumberWrittenOtherwiseIsTheSameValue() throws {
        let vector = try Self.vector("binance-spot", "post-order-query")
        var request = try Self.unsigned(vector)
        request.query = Self.replacing("quantity", with: "0.0100", in: request.query)
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .passed, "\(verdict.problems)")
    }

    @Test func aDroppedParameterFails() throws {
        let vector = try Self.vector("binance-spot", "post-order-query")
        var request = try Self.unsigned(vector)
        request.query = Self.removing("timeInForce", from: request.query)
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains("the parameter timeInForce is missing (the vector sends timeInForce=\"GTC\" in the query)"), "\(verdict.problems)")
    }

    @Test func aParameterMovedWhereTheSignatureDoesNotReachIsMissing() throws {
        // Gemini signs its payload header only: a parameter moved into the body is not signed.
        let vector = try Self.vector("gemini", "order-cancel")
        var request = try Self.unsigned(vector)
        let payload = try #require(request.headers["X-GEMINI-PAYLOAD"].flatMap { Base64.decode($0) })
        guard case .object(let members) = try JSONParser().parse(payload).root, let orderID = members.first(where: { $0.key == "order_id" }) else {
            Issue.record("the vector's payload has an order_id")
            return
        }
        request.headers.set("X-GEMINI-PAYLOAD", Base64.encode(Array(JSONWriter.compact(.object(members.filter { $0.key != "order_id" })).utf8)))
        request.body = JSONWriter.compact(.object([orderID]))
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.hasPrefix("the parameter order_id is missing") && $0.hasSuffix("in the X-GEMINI-PAYLOAD payload)") }, "\(verdict.problems)")
    }

    @Test func anotherMethodOrPathFails() throws {
        let vector = try Self.vector("binance-spot", "delete-order-query")
        var request = try Self.unsigned(vector)
        request.method = "POST"
        request.path = "/api/v3/order/test"
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains("the method is POST, the vector's request is a DELETE"), "\(verdict.problems)")
        #expect(verdict.problems.contains("the path is \"/api/v3/order/test\", the vector's is \"/api/v3/order\""), "\(verdict.problems)")
    }

    @Test func aClockBeyondTheWindowFails() throws {
        let vector = try Self.vector("binance-spot", "get-account-timestamp-only")
        var request = try Self.unsigned(vector)
        request.query = "timestamp=1699999990000"
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.contains("10300 ms behind the server clock (allowed: 5000 ms)") }, "\(verdict.problems)")
        #expect(verdict.diagnosis?.classIDs == ["clock_drift"])
    }

    @Test func aTimestampSentTwiceWithDifferentValuesFails() throws {
        let vector = try Self.vector("binance-spot", "post-order-mixed")
        var request = try Self.unsigned(vector)
        request.query += "&timestamp=1700001042700"
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.hasPrefix("the timestamp timestamp appears 2 times with different values: query \"1700001042700\", form body") }, "\(verdict.problems)")
    }

    @Test func aChangedOrMissingMemberInsideABatchOrderFails() throws {
        let vector = try Self.vector("binance-usdm", "post-batch-orders-body")
        let request = try Self.unsigned(vector)
        var changed = request
        changed.body = try Self.batchOrders(request.body) { $0[0] = Self.setting("quantity", to: .string("0.002"), in: $0[0]) }
        var dropped = request
        dropped.body = try Self.batchOrders(request.body) { $0[1] = Self.setting("reduceOnly", to: nil, in: $0[1]) }
        var replaced = request
        replaced.body = try Self.batchOrders(request.body) { $0[0] = Self.setting("newClientOrderId", to: .string("x-cvBPrNm9abc"), in: $0[0]) }
        for answer in [changed, dropped, replaced] {
            let verdict = try Self.judge(vector, try Self.signed(answer, as: vector))
            #expect(verdict.status == .failed)
            #expect(verdict.problems.contains { $0.hasPrefix("the parameter batchOrders is \"[{") && $0.contains("in the form body, the vector's is") }, "\(verdict.problems)")
        }
    }

    @Test func aParameterSentTwiceWithDifferentValuesFailsEvenWhereTheVenueReadsOne() throws {
        let vector = try Self.vector("gateio-v4", "patch-spot-amend-query-and-body")
        var request = try Self.unsigned(vector)
        request.query = "currency_pair=BTC_USDT&amount=2"
        request.body = #"{"currency_pair":"BTC_USDT","amount":"1.5"}"#
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains("the parameter amount is sent twice with different values: \"2\" in the query, \"1.5\" in the JSON body; gateio-v4 reads the JSON body's, but one request should say one thing: send it once"), "\(verdict.problems)")
    }

    @Test func aParameterSentTwiceFailsWhereNoSourceSaysWhichCopyTheVenueReads() throws {
        // OKX signs its query and its body; its docs do not say which copy of a parameter it takes.
        let vector = try Self.vector("okx-v5", "post-order-compact")
        var request = try Self.unsigned(vector)
        request.query = "instId=BTC-USDT"
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.hasPrefix("the parameter instId is sent in both the query and the body") && $0.hasSuffix("no source says which copy okx-v5 reads: send it once") }, "\(verdict.problems)")
    }

    @Test func repeatedKeyValuesInAnotherOrderFailWhereNoSourceSaysTheyAreASet() throws {
        let vector = try Self.vector("coinbase-exchange", "get-orders-repeated-key")
        var venue = try #require(Self.registry["coinbase-exchange"])
        venue.reads.repeatedKeysUnordered = false
        var request = try Self.unsigned(vector)
        request.query = "status=pending&status=open&product_id=BTC-USD"
        let verdict = AnswerJudge(runner: Self.runner).verdict(for: vector, venue: venue, answered: try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.hasPrefix("the parameter status repeats its values in another order") && $0.hasSuffix("so their order may change what is asked") }, "\(verdict.problems)")
    }

    @Test func aDroppedDemoTradingHeaderFailsAsARequestToTheLiveVenue() throws {
        let vector = try Self.vector("okx-v5", "post-demo-trading-header")
        var request = try Self.unsigned(vector)
        request.headers.remove("x-simulated-trading")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains(
            "the request has no x-simulated-trading header, which okx-v5 reads as \"0\" (live trading); the vector's is \"1\" (demo trading). "
            + "The header selects the environment at okx-v5: this request reaches live trading, not demo trading. Fix: send x-simulated-trading: 1 as given"),
            "\(verdict.problems)")
    }

    @Test func aDemoTradingHeaderOnALiveRequestFails() throws {
        let vector = try Self.vector("okx-v5", "get-balance-ccy")
        var request = try Self.unsigned(vector)
        request.headers.set("x-simulated-trading", "1")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.hasPrefix("the header x-simulated-trading is \"1\" (demo trading); the vector's has none (\"0\" (live trading))") && $0.hasSuffix("Fix: leave the header out, as the vector does") }, "\(verdict.problems)")
    }

    @Test func aDroppedAPIKeyHeaderFails() throws {
        let vector = try Self.vector("binance-spot", "get-account-timestamp-only")
        var request = try Self.unsigned(vector)
        request.headers.remove("X-MBX-APIKEY")
        request.query = "timestamp=1700000000100"
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains("the request has no X-MBX-APIKEY header, which binance-spot requires"), "\(verdict.problems)")
    }

    @Test func aDroppedPassphraseHeaderFailsWithoutShowingIt() throws {
        let vector = try Self.vector("okx-v5", "get-balance-ccy")
        var request = try Self.unsigned(vector)
        request.headers.remove("OK-ACCESS-PASSPHRASE")
        request.headers.set("User-Agent", "ccxt/4.5.90")
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains("the request has no OK-ACCESS-PASSPHRASE header, which okx-v5 requires"), "\(verdict.problems)")
        #expect(verdict.notes.contains("the client adds the header User-Agent: \"ccxt/4.5.90\""), "\(verdict.notes)")
        let passphrase = try #require(vector.credentials.passphrase)
        #expect(!(verdict.problems + verdict.notes).joined().contains(passphrase))
    }

    @Test func anAPIKeyInTheQueryMustBeTheOneGiven() throws {
        let vector = try Self.vector("htx", "accounts")
        var request = try Self.unsigned(vector)
        request.query = Self.replacing("AccessKeyId", with: "another-key-0000", in: request.query)
        let verdict = try Self.judge(vector, try Self.signed(request, as: vector))
        #expect(verdict.status == .failed)
        #expect(verdict.problems.contains { $0.hasPrefix("the API key in query parameter AccessKeyId is not the one given") }, "\(verdict.problems)")
    }

    // MARK: - A wrong signature is diagnosed on the answer's own bytes

    @Test func aWrongSignatureOnReorderedBytesIsDiagnosed() throws {
        let vector = try Self.vector("binance-spot", "get-my-trades-unsorted")
        var request = try Self.unsigned(vector)
        request.query += "&recvWindow=5000"
        // Signed over the parameters sorted by key, sent in the client's own order.
        var sorted = request
        sorted.query = request.query.split(separator: "&").sorted { $0.prefix { $0 != "=" } < $1.prefix { $0 != "=" } }.joined(separator: "&")
        let signature = try #require(try Self.signed(sorted, as: vector).query.split(separator: "&").last)
        request.query += "&" + signature
        let verdict = try Self.judge(vector, request)
        #expect(verdict.status == .failed)
        #expect(verdict.diagnosis?.classIDs == ["unsorted_params"], "\(verdict.problems)")
        #expect(verdict.notes.contains("the client adds the parameter recvWindow=\"5000\" in the query"))
    }
}
