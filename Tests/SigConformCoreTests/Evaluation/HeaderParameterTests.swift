import SigConform
import Testing

/// Deribit reads `Authorization: deri-hmac-sha256 id=…,ts=…,sig=…,nonce=…` field by field, so a
/// client that writes the fields in another order or with `, ` between them is as correct as the
/// docs' own layout (issue 14).
@Suite struct HeaderParameterTests {
    static let hmac = """
    {"hash": "sha256", "prehash": "{timestamp}\\n{nonce}\\n{method}\\n{requestPath}\\n{body}\\n",
     "signature": {"in": {"header": "Authorization", "scheme": "deri-hmac-sha256", "parameter": "sig"}, "encoding": "hex"},
     "apiKey": {"in": {"header": "Authorization", "scheme": "deri-hmac-sha256", "parameter": "id"}},
     "timestamp": {"in": {"header": "Authorization", "scheme": "deri-hmac-sha256", "parameter": "ts"}, "format": "unix-ms"},
     "nonce": {"in": {"header": "Authorization", "scheme": "deri-hmac-sha256", "parameter": "nonce"}}}
    """

    func evaluate(sent: (String) -> String, expected: (String) -> String) throws -> VectorEvaluation {
        let venue = try RecipeFixtures.venue(hmac: Self.hmac)
        let signature = try RecipeFixtures.hmacHex("1700000000000\nn1\nGET\n/api/v2/private/get_position?instrument_name=BTC-PERPETUAL\n\n", secret: "s")
        var request = HTTPRequest(method: "GET", path: "/api/v2/private/get_position", query: "instrument_name=BTC-PERPETUAL")
        request.headers.set("Authorization", sent(signature))
        let vector = Vector(id: "x", venue: venue.id, credentials: Credentials(apiKey: "k", secret: "s"), request: request, result: .valid,
                            expect: Expectation(signature: signature, headers: [.init(name: "Authorization", value: expected(signature))]),
                            origin: VectorOrigin(file: "-", pointer: "", location: nil))
        return VectorEvaluator(backends: [PureSwiftBackend()]).evaluate(vector, venue: venue)
    }

    @Test func anotherFieldOrderAndSeparatorIsTheSameHeader() throws {
        let evaluation = try evaluate(sent: { "deri-hmac-sha256 nonce=n1, sig=\($0), ts=1700000000000, id=k" },
                                      expected: { "deri-hmac-sha256 id=k,ts=1700000000000,sig=\($0),nonce=n1" })
        #expect(evaluation.findings.isEmpty, "\(evaluation.findings.map(\.message))")
    }

    @Test func aFieldWithAnotherValueIsStillADifference() throws {
        let evaluation = try evaluate(sent: { "deri-hmac-sha256 id=k,ts=1700000000000,sig=\($0),nonce=n1" },
                                      expected: { "deri-hmac-sha256 id=other,ts=1700000000000,sig=\($0),nonce=n1" })
        #expect(evaluation.findings.map(\.kind).contains(.expectedHeaderMismatch))
    }

    @Test func aMissingFieldIsADifference() throws {
        let evaluation = try evaluate(sent: { "deri-hmac-sha256 id=k,ts=1700000000000,sig=\($0),nonce=n1" },
                                      expected: { "deri-hmac-sha256 id=k,ts=1700000000000,sig=\($0),nonce=n1,extra=1" })
        #expect(evaluation.findings.map(\.kind).contains(.expectedHeaderMismatch))
    }

    @Test func theFieldsAreReadInAnyOrder() {
        let fields = RequestView.headerParameters("deri-hmac-sha256 sig=ab ,  id=k", scheme: "deri-hmac-sha256")
        #expect(fields?.map(\.name) == ["sig", "id"])
        #expect(fields?.map(\.value) == ["ab", "k"])
        #expect(RequestView.headerParameters("Bearer x", scheme: "deri-hmac-sha256") == nil)
    }
}
