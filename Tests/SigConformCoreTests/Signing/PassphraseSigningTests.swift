import SigConform
import Testing

/// KuCoin's passphrase: signed for key versions 2 and 3, plain for version 1 or no version header.
@Suite struct PassphraseSigningTests {
    static let kucoin = """
    {"hash": "sha256", "prehash": "{timestamp}{method}{path}{body}", "signature": {"in": {"header": "KC-API-SIGN"}, "encoding": "base64"},
     "timestamp": {"in": {"header": "KC-API-TIMESTAMP"}, "format": "unix-ms"},
     "passphrase": {"in": {"header": "KC-API-PASSPHRASE"},
                    "signed": {"hash": "sha256", "encoding": "base64", "whenHeader": "KC-API-KEY-VERSION", "values": ["2", "3"]}}}
    """

    static func passphraseHeader(version: String?) throws -> String? {
        let venue = try RecipeFixtures.venue(hmac: kucoin)
        var headers = HTTPHeaders([("KC-API-TIMESTAMP", "1234567890000")])
        if let version { headers.set("KC-API-KEY-VERSION", version) }
        let credentials = Credentials(apiKey: "test_api_key", secret: "test_api_secret", passphrase: "test_plain")
        let outcome = try RequestSigner(venue: venue).sign(HTTPRequest(method: "GET", path: "/api/v1/accounts", headers: headers),
                                                          credentials: credentials, backend: PureSwiftBackend())
        return outcome.expectedHeaders.first { $0.name == "KC-API-PASSPHRASE" }?.value
    }

    @Test(arguments: ["2", "3"])
    func keyVersionsTwoAndThreeSendTheSignedPassphrase(version: String) throws {
        // The kucoin-universal-sdk unit vector: sign(b"test_plain", b"test_api_secret").
        #expect(try Self.passphraseHeader(version: version) == "jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4=")
    }

    @Test(arguments: ["1", nil] as [String?])
    func keyVersionOneOrNoVersionHeaderSendsThePlainPassphrase(version: String?) throws {
        #expect(try Self.passphraseHeader(version: version) == "test_plain")
    }
}
