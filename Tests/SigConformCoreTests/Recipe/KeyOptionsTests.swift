import SigConform
import Testing

/// Settings of a key that change verification (hmac.keyOptions): a request right under a choice
/// the user may have is not called wrong, and a vector that names its choice is held to it.
@Suite struct KeyOptionsTests {
    /// Gemini's two nonce modes, as vectors/gemini/venue.json writes them.
    static let hmac = """
    {"hash": "sha384", "prehash": "{header:X-GEMINI-PAYLOAD}", "signature": {"in": {"header": "X-GEMINI-SIGNATURE"}, "encoding": "hex"},
     "timestamp": {"in": {"header": "X-GEMINI-PAYLOAD", "decode": "base64-json", "member": "nonce"}, "format": "unix-s",
                   "window": {"pastMs": 30000, "futureMs": 30000}},
     "keyOptions": {"nonce": {"description": "time-based nonce or not", "choices": {
        "time-based": {},
        "increasing": {"timestamp": {"in": {"header": "X-GEMINI-PAYLOAD", "decode": "base64-json", "member": "nonce"}, "format": "unix-ms"}}}}}}
    """
    static let serverTime: Int64 = 1_700_000_000_400

    func vector(nonce: String, choices: [String: String] = [:], result: ExpectedResult = .valid) throws -> Vector {
        let payload = Base64.encode(Array("{\"request\":\"/v1/balances\",\"nonce\":\(nonce)}".utf8))
        let signature = try RecipeFixtures.hmacHex(payload, secret: "s", hash: .sha384)
        var request = HTTPRequest(method: "POST", path: "/v1/balances")
        request.headers.set("X-GEMINI-PAYLOAD", payload)
        request.headers.set("X-GEMINI-SIGNATURE", signature)
        var vector = Vector(id: "x", venue: "test-venue", credentials: Credentials(secret: "s"), request: request,
                            time: TimeContext(serverTime: Self.serverTime), result: result,
                            expect: Expectation(signature: signature), origin: VectorOrigin(file: "-", pointer: "", location: nil))
        vector.keyChoices = choices
        return vector
    }

    func evaluate(_ vector: Vector) throws -> VectorEvaluation {
        VectorEvaluator(backends: [PureSwiftBackend()]).evaluate(vector, venue: try RecipeFixtures.venue(hmac: Self.hmac))
    }

    @Test func theChoicesAreDecodedInOrder() throws {
        let recipe = try #require(try RecipeFixtures.venue(hmac: Self.hmac).hmac)
        #expect(recipe.keyOptions.map(\.name) == ["nonce"])
        #expect(recipe.keyOptions[0].choices.map(\.name) == ["time-based", "increasing"])
        #expect(recipe.choosing(["nonce": "increasing"]).timestamp?.format == .unixMilliseconds)
        #expect(recipe.choosing(["nonce": "time-based"]).timestamp?.format == .unixSeconds)
        #expect(recipe.choosing(["nonce": "increasing"]).keyOptions.isEmpty)
    }

    @Test func aMillisecondNonceIsRightWhenTheKeySettingIsOpen() throws {
        let evaluation = try evaluate(try vector(nonce: "\"1700000000123\""))
        #expect(evaluation.findings.isEmpty, "\(evaluation.findings.map(\.message))")
        #expect(evaluation.keyChoices == ["nonce": "increasing"])
    }

    @Test func aSecondsNonceIsJudgedUnderTheFirstChoice() throws {
        let evaluation = try evaluate(try vector(nonce: "1700000000"))
        #expect(evaluation.findings.isEmpty)
        #expect(evaluation.keyChoices == ["nonce": "time-based"])
    }

    @Test func aNamedTimeBasedKeyRejectsAMillisecondNonce() throws {
        let evaluation = try evaluate(try vector(nonce: "\"1700000000123\"", choices: ["nonce": "time-based"]))
        #expect(evaluation.requestRejected)
        #expect(evaluation.findings.map(\.kind).contains(.clockOutsideWindow))
    }

    @Test func aSecondsNonceOutsideTheWindowIsRightOnlyForAnIncreasingKey() throws {
        let late = try vector(nonce: "1699999000")
        #expect(try evaluate(late).findings.isEmpty)
        var timeBased = late
        timeBased.keyChoices = ["nonce": "time-based"]
        #expect(try evaluate(timeBased).requestRejected)
    }

    @Test func anUnknownChoiceIsAFindingThatNamesTheChoices() throws {
        let evaluation = try evaluate(try vector(nonce: "1700000000", choices: ["nonce": "bogus"]))
        let messages = evaluation.findings.filter { $0.kind == .unsignable }.map(\.message)
        #expect(messages == ["keyOptions.nonce: \"bogus\" is not one of time-based, increasing"])
    }

    @Test func aReportSaysWhichKeySettingAPassAssumed() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.hmac)
        let runner = CheckRunner(registry: VenueRegistry([venue]), backends: [PureSwiftBackend()])
        let open = VectorReport(runner.check(try vector(nonce: "\"1700000000123\"")), backends: ["swift"])
        #expect(open.status == .passed)
        #expect(open.assumedKeyChoices == ["nonce": "increasing"])
        let named = VectorReport(runner.check(try vector(nonce: "\"1700000000123\"", choices: ["nonce": "increasing"])), backends: ["swift"])
        #expect(named.assumedKeyChoices.isEmpty)
    }

    @Test(arguments: [
        (#""keyOptions": {"nonce": {"description": "d", "choices": {"only": {}}}}"#, "an option needs 2 to 8 choices"),
        (#""keyOptions": {"nonce": {"choices": {"a": {}, "b": {}}}}"#, "missing \"description\""),
        (#""keyOptions": {"nonce": {"description": "d", "choices": {"a": {}, "b": {"hash": "sha256"}}}}"#, "unknown member \"hash\""),
        (#""keyOptions": {"nonce": {"description": "d", "choices": {"a": {}, "b": {"prehash": "{nonce}"}}}}"#, "the template uses {nonce}"),
        (#""keyOptions": {"Nonce": {"description": "d", "choices": {"a": {}, "b": {}}}}"#, "an option name is lower-case"),
    ])
    func aMalformedOptionIsRejectedAtLoadTime(member: String, message: String) {
        let hmac = #"{"hash": "sha256", "prehash": "{body}", "signature": {"in": {"header": "S"}}, "# + member + "}"
        let error = RecipeFixtures.rejection(hmac: hmac)
        #expect(error?.message.contains(message) == true, "\(String(describing: error?.message))")
    }
}
