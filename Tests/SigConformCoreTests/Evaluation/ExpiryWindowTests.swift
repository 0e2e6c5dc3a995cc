import SigConform
import Testing

/// BitMEX's api-expires: a moment after which the request is invalid, not a clock reading.
@Suite struct ExpiryWindowTests {
    @Test func anExpiryWindowNeedsNoPastLimit() throws {
        let venue = try RecipeFixtures.venue(hmac: """
        {"hash": "sha256", "prehash": "{method}{requestPath}{timestamp}{body}", "signature": {"in": {"header": "api-signature"}},
         "timestamp": {"in": {"header": "api-expires"}, "format": "unix-s", "window": {"expires": true}}}
        """)
        #expect(venue.hmac?.timestamp?.window == TimeWindow(pastMilliseconds: nil, futureMilliseconds: 0, isExpiry: true))
    }

    @Test(arguments: [(1_518_064_235_999, true), (1_518_064_236_000, true), (1_518_064_236_001, false), (1_518_000_000_000, true)] as [(Int64, Bool)])
    func theRequestIsValidUntilItsExpiry(serverTime: Int64, valid: Bool) {
        let window = TimeWindow(pastMilliseconds: nil, futureMilliseconds: 0, isExpiry: true)
        let clock = ClockCheck(timestamp: 1_518_064_236_000, serverTime: serverTime, window: window, recvWindow: 5000)
        #expect(clock.withinWindow == valid)
    }
}
