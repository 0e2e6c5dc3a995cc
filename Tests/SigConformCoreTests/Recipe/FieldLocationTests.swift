import SigConform
import Testing

/// Locations the twelve venues rely on: header parameters, base64-JSON headers, prefixed headers.
@Suite struct FieldLocationTests {
    static let deribit = """
    {"hash": "sha256", "prehash": "{timestamp}\\n{nonce}\\n{method}\\n{requestPath}\\n{body}\\n",
     "signature": {"in": {"header": "Authorization", "scheme": "deri-hmac-sha256", "parameter": "sig"}},
     "apiKey": {"in": {"header": "Authorization", "scheme": "deri-hmac-sha256", "parameter": "id"}},
     "timestamp": {"in": {"header": "Authorization", "scheme": "deri-hmac-sha256", "parameter": "ts"}, "format": "unix-ms"},
     "nonce": {"in": {"header": "Authorization", "scheme": "deri-hmac-sha256", "parameter": "nonce"}}}
    """

    @Test(arguments: [",", ", "])
    func headerParametersAreReadWhateverTheSeparator(separator: String) throws {
        let venue = try RecipeFixtures.venue(hmac: Self.deribit)
        let header = ["id=c1", "ts=1554883365000", "sig=abc", "nonce=fdbmmz79"].joined(separator: separator)
        let request = HTTPRequest(method: "GET", path: "/api/v2/private/x", query: "a=1",
                                  headers: HTTPHeaders([("Authorization", "deri-hmac-sha256 " + header)]))
        #expect(try RecipeFixtures.prehash(venue, request) == "1554883365000\nfdbmmz79\nGET\n/api/v2/private/x?a=1\n\n")
        #expect(Canonicalizer(venue: venue, recipe: venue.hmac!).view(request).observedSignature == "abc")
    }

    @Test func theCorrectHeaderKeepsTheClientsSeparators() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.deribit)
        let sent = "deri-hmac-sha256 id=c1, ts=1554883365000, sig=wrong, nonce=n"
        let request = HTTPRequest(method: "GET", path: "/a", headers: HTTPHeaders([("Authorization", sent)]))
        let outcome = try RequestSigner(venue: venue).sign(request, credentials: Credentials(secret: "ABCD"), backend: PureSwiftBackend())
        let expected = "deri-hmac-sha256 id=c1, ts=1554883365000, sig=\(outcome.signature), nonce=n"
        #expect(outcome.expectedHeaders.first { $0.name == "Authorization" }?.value == expected)
        #expect(outcome.signature == (try RecipeFixtures.hmacHex("1554883365000\nn\nGET\n/a\n\n", secret: "ABCD")))
    }

    @Test func aMemberOfABase64JSONHeaderIsReadAsTheTimestamp() throws {
        // Gemini: the payload header is the prehash, its nonce the (seconds) timestamp.
        let venue = try RecipeFixtures.venue(hmac: """
        {"hash": "sha384", "prehash": "{header:X-GEMINI-PAYLOAD}", "signature": {"in": {"header": "X-GEMINI-SIGNATURE"}},
         "timestamp": {"in": {"header": "X-GEMINI-PAYLOAD", "decode": "base64-json", "member": "nonce"}, "format": "unix-s",
                       "window": {"pastMs": 30000, "futureMs": 30000}}}
        """)
        let payload = Base64.encode(Array(#"{"request":"/v1/balances","nonce":1700000000}"#.utf8))
        let request = HTTPRequest(method: "POST", path: "/v1/balances", headers: HTTPHeaders([("X-GEMINI-PAYLOAD", payload)]))
        let view = Canonicalizer(venue: venue, recipe: venue.hmac!).view(request)
        #expect(view.value(at: venue.hmac!.timestamp!.location) == "1700000000")
        #expect(try RecipeFixtures.prehash(venue, request) == payload)
    }

    @Test func aPrefixedHeaderYieldsTheValueAfterThePrefix() throws {
        let venue = try RecipeFixtures.venue(hmac: """
        {"hash": "sha256", "prehash": "BITSTAMP {apiKey}", "signature": {"in": {"header": "S"}},
         "apiKey": {"in": {"header": "X-Auth", "prefix": "BITSTAMP "}}}
        """)
        #expect(try RecipeFixtures.prehash(venue, HTTPRequest(method: "POST", path: "/", headers: HTTPHeaders([("X-Auth", "BITSTAMP k")]))) == "BITSTAMP k")
        #expect(throws: SigningError.self) {
            try RecipeFixtures.prehash(venue, HTTPRequest(method: "POST", path: "/", headers: HTTPHeaders([("X-Auth", "k")])))
        }
    }
}
