import SigConform
import Testing
@testable import SigConformServe

/// The mock venue answers the bundled vectors as the vectors say the venue would.
@Suite struct MockVenueTests {
    static let venues = ["binance-spot", "binance-usdm", "okx-v5", "bybit-v5", "mexc", "kucoin", "bitget", "gateio-v4"]

    static func bundled(_ venueID: String) throws -> (venue: Venue, vectors: [Vector], runner: CheckRunner) {
        let (registry, errors) = RunEnvironment.registry(extraRoots: [])
        #expect(errors.isEmpty)
        let venue = try #require(registry[venueID])
        let loader = CorpusLoader()
        var vectors: [Vector] = []
        for file in loader.files([BundledVectors.directory + "/" + venueID]).files {
            try loader.forEachVector(in: file, body: { vectors.append($0) }, lineError: { Issue.record("\($0)") })
        }
        return (venue, vectors, CheckRunner(registry: registry, backends: standardBackends()))
    }

    static func mock(_ venue: Venue, vectors: [Vector], runner: CheckRunner) -> MockVenue {
        var keys: [Credentials] = []
        for vector in vectors where !keys.contains(where: { $0.apiKey == vector.credentials.apiKey }) { keys.append(vector.credentials) }
        return MockVenue(venue: venue, keys: keys, runner: runner)
    }

    @Test(arguments: venues) func acceptsEveryValidVectorWithItsCannedBody(venueID: String) throws {
        let (venue, vectors, runner) = try Self.bundled(venueID)
        let mock = Self.mock(venue, vectors: vectors, runner: runner)
        let valid = vectors.filter { $0.result == .valid && $0.time.serverTime != nil && $0.expect.signature != nil
            && RequestView($0.request, signature: venue.hmac?.signature.location).observedSignature != nil }
        #expect(valid.count >= 5)
        for vector in valid {
            let exchange = mock.answer(vector.request, serverTime: vector.time.serverTime!, id: vector.id)
            #expect(exchange.response.status == 200, "\(vector.qualifiedID): \(exchange.verdict?.problems ?? [])")
            #expect(exchange.verdict?.status == .passed, "\(vector.qualifiedID)")
            #expect(exchange.response.header(MockVenue.diagnosisHeader) == "accepted")
        }
    }

    @Test(arguments: venues) func rejectsEveryInvalidVectorWithTheVenuesErrorAndDiagnosis(venueID: String) throws {
        let (venue, vectors, runner) = try Self.bundled(venueID)
        // One vector per diagnosis: the answer depends on the class, and diagnosing every bundled
        // vector is `check`'s job (it takes minutes in a debug build).
        var seen: Set<[String]> = []
        let invalid = vectors.filter { $0.result == .invalid && $0.time.serverTime != nil && $0.expect.diagnosis != nil && seen.insert($0.expect.diagnosis!).inserted }
        #expect(invalid.count >= 3)
        for vector in invalid {
            // The server holds the key the vector names (a wrong-secret vector's client used another secret with it).
            let mock = MockVenue(venue: venue, keys: [vector.credentials], runner: runner)
            let exchange = mock.answer(vector.request, serverTime: vector.time.serverTime!, id: vector.id)
            // A wrong passphrase is answered with the venue's passphrase error (checked before the
            // signature); when the signature is right, no signing mistake explains the request (the
            // vectors say unexplained) and the header names the passphrase instead.
            let findings = exchange.verdict?.evaluation?.findings ?? []
            let passphraseWrong = findings.contains {
                $0.kind == .observedHeaderMismatch && $0.message.contains(MockVenue.headerName(venue.hmac?.passphrase?.location) ?? "-")
            }
            let signatureRight = !findings.contains { $0.kind == .observedSignatureMismatch }
            let onlyPassphrase = passphraseWrong && signatureRight
            let expected = onlyPassphrase ? "wrong_passphrase" : vector.expect.diagnosis!.sorted().joined(separator: "+")
            #expect(exchange.response.header(MockVenue.diagnosisHeader) == expected, "\(vector.qualifiedID)")
            // Another scheme's key (KuCoin's retired v1) is one the API does not know.
            let error = vector.expect.diagnosis == ["unsupported_scheme"] ? venue.errors.badKey ?? venue.errors.badSignature
                : passphraseWrong ? venue.errors.badPassphrase
                : vector.expect.diagnosis == ["clock_drift"] || (vector.expect.diagnosis == ["timestamp_units"] && signatureRight)
                    ? venue.errors.badTimestamp : venue.errors.badSignature
            #expect(exchange.response.status == error?.httpStatus ?? 400, "\(vector.qualifiedID)")
            #expect(exchange.response.body.contains(error!.code), "\(vector.qualifiedID): \(exchange.response.body)")
            #expect(exchange.response.header(MockVenue.fixHeader)?.isEmpty == false)
            #expect(exchange.verdict?.status == .failed)
        }
    }

    @Test func errorBodiesAreTheVenuesOwn() throws {
        let (binance, binanceVectors, runner) = try Self.bundled("binance-spot")
        var request = try #require(binanceVectors.first { $0.id == "get-account-timestamp-only" })
        request.request.query += "&extra=1"
        let answer = Self.mock(binance, vectors: binanceVectors, runner: runner).answer(request.request, serverTime: request.time.serverTime!, id: "r")
        #expect(answer.response.status == 400)
        #expect(answer.response.body == #"{"code":-1022,"msg":"Signature for this request is not valid."}"#)

        let (okx, okxVectors, _) = try Self.bundled("okx-v5")
        var okxRequest = try #require(okxVectors.first { $0.id == "get-balance-no-query" })
        okxRequest.request.headers.set("OK-ACCESS-PASSPHRASE", "not-the-passphrase")
        let okxAnswer = Self.mock(okx, vectors: okxVectors, runner: runner).answer(okxRequest.request, serverTime: okxRequest.time.serverTime!, id: "r")
        #expect(okxAnswer.response.status == 401)
        #expect(okxAnswer.response.body == #"{"msg":"Invalid OK-ACCESS-PASSPHRASE","code":"50105"}"#)
        #expect(okxAnswer.response.header(MockVenue.diagnosisHeader) == "wrong_passphrase")
        #expect(okxAnswer.verdict?.diagnosis?.venueError?.code == "50105")
        #expect(!okxAnswer.response.body.contains("not-the-passphrase"))
        #expect(!(okxAnswer.verdict?.problems.joined().contains("not-the-passphrase") ?? true))
    }

    @Test func anUnknownKeyGetsTheVenuesKeyErrorAndNoVerdictWithASecret() throws {
        let (bybit, vectors, runner) = try Self.bundled("bybit-v5")
        var vector = try #require(vectors.first { $0.id == "get-wallet-balance" })
        vector.request.headers.set("X-BAPI-API-KEY", "someone-elses-key-000001")
        let answer = Self.mock(bybit, vectors: vectors, runner: runner).answer(vector.request, serverTime: vector.time.serverTime!, id: "r")
        #expect(answer.response.status == 401)
        #expect(answer.response.body.hasPrefix(#"{"retCode":10003,"retMsg":"API key is invalid.""#))
        #expect(answer.response.header(MockVenue.diagnosisHeader) == "unknown_api_key")
        #expect(answer.credentials == nil)
        #expect(answer.verdict?.status == .failed)
    }

    @Test func publicEndpointsAnswerFromTheirBodyWithTheServersClock() throws {
        let (bybit, vectors, runner) = try Self.bundled("bybit-v5")
        let mock = Self.mock(bybit, vectors: vectors, runner: runner)
        let answer = mock.answer(HTTPRequest(method: "GET", path: "/v5/market/time"), serverTime: 1_700_000_000_123, id: "r")
        #expect(answer.verdict == nil)
        #expect(answer.response.body == #"{"retCode":0,"retMsg":"OK","result":{"timeSecond":"1700000000","timeNano":"1700000000123000000"},"retExtInfo":{},"time":1700000000123}"#)
        // A private endpoint with a canned body is still verified: no signature, no account.
        let unsigned = mock.answer(HTTPRequest(method: "GET", path: "/v5/account/wallet-balance", query: "accountType=UNIFIED"),
                                   serverTime: 1_700_000_000_123, id: "r")
        #expect(unsigned.response.status == 401)
    }

    @Test func fixturesOverrideTheVenueFilesBodies() throws {
        let (binance, vectors, runner) = try Self.bundled("binance-spot")
        let fixtures = try ServeFixtures.decode(Array(#"{"binance-spot": {"GET /api/v3/time": {"serverTime": "{serverTimeNumber}", "x": "{serverTimeISO}"}}}"#.utf8), origin: "f")
        let mock = MockVenue(venue: binance, keys: [vectors[0].credentials], fixtures: fixtures["binance-spot"] ?? [:], runner: runner)
        let answer = mock.answer(HTTPRequest(method: "GET", path: "/api/v3/time"), serverTime: 1_700_000_000_000, id: "r")
        #expect(answer.response.body == #"{"serverTime":1700000000000,"x":"2023-11-14T22:13:20.000Z"}"#)
    }
}

@Suite struct ServeInputTests {
    @Test func keyringReadsSeveralKeysPerVenueAndRejectsUnknownMembers() throws {
        let keyring = try ServeKeyring.decode(Array(#"{"okx-v5": [{"apiKey": "a", "secret": "s", "passphrase": "p"}, {"apiKey": "b", "secret": "t"}], "bybit-v5": {"apiKey": "c", "secret": "u"}}"#.utf8), origin: "k")
        #expect(keyring.keys["okx-v5"]?.count == 2)
        #expect(keyring.keys["bybit-v5"]?.first?.apiKey == "c")
        #expect(throws: InputError.self) { try ServeKeyring.decode(Array(#"{"okx-v5": [{"apiKey": "a", "secrte": "s"}]}"#.utf8), origin: "k") }
        #expect(throws: InputError.self) { try ServeKeyring.decode(Array(#"{"okx-v5": [{"apiKey": "a", "secret": "s"}, {"apiKey": "a", "secret": "t"}]}"#.utf8), origin: "k") }
        #expect(throws: InputError.self) { try ServeKeyring.decode(Array("[1]".utf8), origin: "k") }
    }

    @Test func fixturesNeedMethodAndPathKeys() {
        #expect(throws: InputError.self) { try ServeFixtures.decode(Array(#"{"okx-v5": {"/api/v5/x": {}}}"#.utf8), origin: "f") }
        #expect(throws: InputError.self) { try ServeFixtures.decode(Array(#"{"okx-v5": {"GET /api/v5/x?a=1": {}}}"#.utf8), origin: "f") }
    }

    @Test func routerStripsTheVenuePrefixOrServesTheOnlyVenue() throws {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let runner = CheckRunner(registry: registry, backends: standardBackends())
        let binance = MockVenue(venue: try #require(registry["binance-spot"]), keys: [], runner: runner)
        let okx = MockVenue(venue: try #require(registry["okx-v5"]), keys: [], runner: runner)
        let both = VenueRouter(venues: [binance, okx])
        #expect(both.route("/okx-v5/api/v5/account/balance").map { ($0.venue.venue.id, $0.path) } ?? ("", "") == ("okx-v5", "/api/v5/account/balance"))
        #expect(both.route("/api/v3/account") == nil)
        #expect(both.route("/okx-v5x/api") == nil)
        let one = VenueRouter(venues: [binance])
        #expect(one.route("/api/v3/account")?.path == "/api/v3/account")
    }

    @Test func targetsSplitIntoRawPathAndQuery() {
        #expect(ServeHandler.splitTarget("/a/b?x=1%2C2&y") == ("/a/b", "x=1%2C2&y"))
        #expect(ServeHandler.splitTarget("/a") == ("/a", ""))
        #expect(ServeHandler.splitTarget("http://h:1/a?q") == ("/a", "q"))
    }

    @Test func venueFilesRejectMalformedResponses() throws {
        func decode(_ responses: String) throws(InputError) -> Venue {
            let text = #"{"format":"sigconform/venue@1","id":"x","name":"x","docs":"d","auth":"bearer","responses":"# + responses + "}"
            return try RecipeDecoder().decode(JSONReader(file: "v", document: try! JSONParser().parse(Array(text.utf8))))
        }
        #expect(throws: InputError.self) { try decode(#"{"public": ["/time"]}"#) }
        #expect(throws: InputError.self) { try decode(#"{"endpoints": {"get /x": {}}}"#) }
        #expect(throws: InputError.self) { try decode(#"{"other": 1}"#) }
        let venue = try decode(#"{"public": ["GET /t"], "endpoints": {"GET /t": {"a": 1}}}"#)
        #expect(venue.responses.publicEndpoints == ["GET /t"])
    }
}
