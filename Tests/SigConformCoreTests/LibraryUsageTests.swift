import SigConform
import Testing

/// The library use shown in README.md, kept compiling and true.
@Suite struct LibraryUsageTests {
    @Test func signingABybitRequestGivesItsPrehashAndSignature() throws {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let venue = try #require(registry["bybit-v5"])
        let request = HTTPRequest(method: "GET", path: "/v5/order/realtime", query: "category=linear&symbol=BTCUSDT",
                                  headers: HTTPHeaders([("X-BAPI-API-KEY", "my-test-key"), ("X-BAPI-TIMESTAMP", "1700000000000"),
                                                        ("X-BAPI-RECV-WINDOW", "5000")]))
        let signed = try RequestSigner(venue: venue).sign(request, credentials: Credentials(apiKey: "my-test-key", secret: "my-test-secret"),
                                                         backend: OpenSSLBackend())
        #expect(signed.prehash.text == "1700000000000my-test-key5000category=linear&symbol=BTCUSDT")
        // Python: hmac.new(b"my-test-secret", b"1700000000000my-test-key5000category=linear&symbol=BTCUSDT", hashlib.sha256).hexdigest()
        #expect(signed.signature == "05918208861ec1648c29266778fcd9df5961a44b7fcfcdf1e9bb502412352d8a")
    }
}
