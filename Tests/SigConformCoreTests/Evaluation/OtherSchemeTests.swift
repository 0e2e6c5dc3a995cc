import SigConform
import Testing

/// Another scheme of a known venue is named from what the request shows, and only then: a
/// client of the checked scheme with a mistake keeps its diagnosis. The schemes are the bundled
/// venues' own `otherSchemes`.
@Suite struct OtherSchemeTests {
    static func request(_ headers: [(String, String)], host: String? = nil, path: String = "/api/v1/accounts") -> HTTPRequest {
        HTTPRequest(method: "GET", host: host, path: path, headers: HTTPHeaders(headers))
    }

    static func venue(_ id: String) throws -> Venue {
        let (registry, errors) = RunEnvironment.registry(extraRoots: [])
        #expect(errors.isEmpty)
        return try #require(registry[id])
    }

    @Test func aCoinbaseDeveloperPlatformJWTIsNamed() throws {
        let request = Self.request([("Authorization", "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrZXkifQ.c2lnbmF0dXJl")],
                                   host: "api.coinbase.com", path: "/api/v3/brokerage/accounts")
        let found = OtherScheme.recognised(in: request, credentials: Credentials(), venue: try Self.venue("coinbase-exchange"))
        #expect(found?.scheme.name.contains("JWT") == true)
        #expect(found?.shownBy == "Authorization: Bearer with a three-part token and no CB-ACCESS-SIGN")
    }

    @Test func aKuCoinV2ClientThatForgotTheVersionHeaderIsNotAnotherScheme() throws {
        let kucoin = try Self.venue("kucoin")
        // The signed passphrase (44 base64 characters) without KC-API-KEY-VERSION: a v2 client's mistake.
        let signed = Self.request([("KC-API-PASSPHRASE", "jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4="), ("KC-API-SIGN", "x")])
        #expect(OtherScheme.recognised(in: signed, credentials: Credentials(), venue: kucoin) == nil)
        let plain = Self.request([("KC-API-PASSPHRASE", "my passphrase"), ("KC-API-SIGN", "x")])
        #expect(OtherScheme.recognised(in: plain, credentials: Credentials(), venue: kucoin)?.shownBy
            == "no KC-API-KEY-VERSION header, the plain passphrase in KC-API-PASSPHRASE")
        let versionOne = Self.request([("KC-API-PASSPHRASE", "my passphrase"), ("KC-API-KEY-VERSION", "1")])
        #expect(OtherScheme.recognised(in: versionOne, credentials: Credentials(), venue: kucoin)?.shownBy
            == "KC-API-KEY-VERSION: 1, the plain passphrase in KC-API-PASSPHRASE")
        // A known passphrase decides: another value in the header is not the plain passphrase.
        #expect(OtherScheme.recognised(in: plain, credentials: Credentials(passphrase: "another"), venue: kucoin) == nil)
        #expect(OtherScheme.recognised(in: plain, credentials: Credentials(), venue: try Self.venue("okx-v5")) == nil)
    }

    @Test func aCoinbaseExchangeRequestWithoutItsPassphraseAloneIsNotAnotherScheme() throws {
        // No passphrase header, but nothing else of the v2 scheme: a missing header, not another scheme.
        let coinbase = try Self.venue("coinbase-exchange")
        let request = Self.request([("CB-ACCESS-SIGN", "x"), ("CB-ACCESS-TIMESTAMP", "1")], host: "api.exchange.coinbase.com", path: "/accounts")
        #expect(OtherScheme.recognised(in: request, credentials: Credentials(), venue: coinbase) == nil)
        let v2 = Self.request([("CB-ACCESS-SIGN", "x"), ("CB-VERSION", "2024-01-01")], host: "api.coinbase.com", path: "/v2/accounts")
        #expect(OtherScheme.recognised(in: v2, credentials: Credentials(), venue: coinbase)?.shownBy
            == "CB-ACCESS-SIGN without CB-ACCESS-PASSPHRASE, a CB-VERSION header, host api.coinbase.com, a /v2/ path")
    }

    @Test func aSignsWordsCanNameTheRequestsPath() throws {
        let request = Self.request([], host: "api.binance.com", path: "/wapi/v3/withdraw.html")
        #expect(OtherScheme.recognised(in: request, credentials: Credentials(), venue: try Self.venue("binance-spot"))?.shownBy
            == "the path /wapi/v3/withdraw.html")
    }

    /// A scheme written in venue.json is read as written; a malformed one is an error at its place.
    @Test func aSchemeIsReadFromVenueJSONAndAMalformedOneIsRejectedWhereItIs() throws {
        func decode(_ schemes: String) throws -> Venue {
            let text = """
            {"format": "sigconform/venue@1", "id": "test-venue", "name": "Test", "docs": "https://example.invalid/docs",
             "auth": "hmac", "hmac": {"hash": "sha256", "secret": "utf8", "prehash": "{method}{path}",
             "signature": {"in": {"header": "SIG"}, "encoding": "hex"}}, "otherSchemes": \(schemes)}
            """
            return try RecipeDecoder().decode(JSONReader(file: "venue.json", document: try JSONParser().parse(text)))
        }
        let venue = try decode(#"[{"name": "Old keys", "docs": "https://example.invalid/old", "requires": [{"header": "X-OLD", "equals": ["1"], "says": "X-OLD: 1"}]}]"#)
        #expect(venue.otherSchemes.map(\.name) == ["Old keys"])
        #expect(OtherScheme.recognised(in: Self.request([("X-OLD", "1")]), credentials: Credentials(), venue: venue)?.shownBy == "X-OLD: 1")
        #expect(OtherScheme.recognised(in: Self.request([("X-OLD", "2")]), credentials: Credentials(), venue: venue) == nil)

        let malformed: [(String, String)] = [
            (#"[{"name": "A", "docs": "https://x.invalid", "requires": [{"header": "X", "host": "h", "says": "s"}]}]"#, "/otherSchemes/0/requires/0"),
            (#"[{"name": "A", "docs": "https://x.invalid", "requires": [{"header": "X"}]}]"#, "/otherSchemes/0"),
            (#"[{"name": "A", "docs": "not a url", "requires": [{"header": "X", "says": "s"}]}]"#, "/otherSchemes/0/docs"),
            (#"[{"name": "A", "docs": "https://x.invalid", "requires": []}]"#, "/otherSchemes/0/requires"),
            (#"[{"name": "A", "docs": "https://x.invalid", "requires": [{"host": "h", "prefix": "p", "says": "s"}]}]"#, "/otherSchemes/0/requires/0/prefix"),
            (#"[{"name": "A", "docs": "https://x.invalid", "requires": [{"header": "X", "absent": true, "equals": ["1"], "says": "s"}]}]"#, "/otherSchemes/0/requires/0/equals"),
            (#"[{"name": "A", "docs": "https://x.invalid", "requires": [{"header": "X", "says": "s"}], "minimumSupport": 1}]"#, "/otherSchemes/0/minimumSupport"),
            (#"[{"name": "A", "docs": "https://x.invalid", "requires": [{"header": "X", "says": "s", "sayz": "t"}]}]"#, "/otherSchemes/0/requires/0/sayz"),
        ]
        for (schemes, pointer) in malformed {
            do {
                _ = try decode(schemes)
                Issue.record("accepted \(schemes)")
            } catch let error as InputError {
                #expect(error.diagnostics.first?.pointer == pointer, "\(schemes): \(error)")
            }
        }
    }
}
