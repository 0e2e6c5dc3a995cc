import SigConform
import Testing

/// Another scheme of a known venue is named from what the request shows, and only then: a
/// client of the checked scheme with a mistake keeps its diagnosis.
@Suite struct OtherSchemeTests {
    static func request(_ headers: [(String, String)], host: String? = nil, path: String = "/api/v1/accounts") -> HTTPRequest {
        HTTPRequest(method: "GET", host: host, path: path, headers: HTTPHeaders(headers))
    }

    @Test func aCoinbaseDeveloperPlatformJWTIsNamed() {
        let request = Self.request([("Authorization", "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJrZXkifQ.c2lnbmF0dXJl")],
                                   host: "api.coinbase.com", path: "/api/v3/brokerage/accounts")
        let found = OtherScheme.recognised(in: request, credentials: Credentials(), venue: "coinbase-exchange")
        #expect(found?.scheme.name.contains("JWT") == true)
    }

    @Test func aKuCoinV2ClientThatForgotTheVersionHeaderIsNotAnotherScheme() {
        // The signed passphrase (44 base64 characters) without KC-API-KEY-VERSION: a v2 client's mistake.
        let signed = Self.request([("KC-API-PASSPHRASE", "jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4="), ("KC-API-SIGN", "x")])
        #expect(OtherScheme.recognised(in: signed, credentials: Credentials(), venue: "kucoin") == nil)
        let plain = Self.request([("KC-API-PASSPHRASE", "my passphrase"), ("KC-API-SIGN", "x")])
        #expect(OtherScheme.recognised(in: plain, credentials: Credentials(), venue: "kucoin") != nil)
        #expect(OtherScheme.recognised(in: plain, credentials: Credentials(), venue: "okx-v5") == nil)
    }

    @Test func aCoinbaseExchangeRequestWithoutItsPassphraseAloneIsNotAnotherScheme() {
        // No passphrase header, but nothing else of the v2 scheme: a missing header, not another scheme.
        let request = Self.request([("CB-ACCESS-SIGN", "x"), ("CB-ACCESS-TIMESTAMP", "1")], host: "api.exchange.coinbase.com", path: "/accounts")
        #expect(OtherScheme.recognised(in: request, credentials: Credentials(), venue: "coinbase-exchange") == nil)
    }
}
