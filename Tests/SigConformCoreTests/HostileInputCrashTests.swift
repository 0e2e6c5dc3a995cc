import SigConform
import Testing

/// Numbers a capture states that no buffer could hold: each is an error located in the
/// input, never an arithmetic trap.
@Suite struct HostileInputCrashTests {
    static func chunked(_ size: String) -> String {
        "POST /api/v3/order HTTP/1.1\r\nHost: api.binance.com\r\nTransfer-Encoding: chunked\r\n\r\n\(size)\r\nabc\r\n0\r\n\r\n"
    }

    @Test(arguments: ["7fffffffffffffff", "7ffffffffffffffe", "7FFFFFFFFFFFFFFF;ext=1", "4000000000000000", "ffffffffffffffff", "10000000000000000", "-1", "+3"])
    func anyChunkSizeIsAnErrorNotATrap(_ size: String) {
        #expect(throws: RequestParseError.self) { try HTTPMessageParser().parse(Self.chunked(size)) }
    }

    @Test func aChunkOfTheRightSizeStillDecodes() throws {
        #expect(try HTTPMessageParser().parse(Self.chunked("3")).body == "abc")
    }

    @Test(arguments: ["9223372036854775807", "9223372036854775808", "99999999999999999999999"])
    func anyContentLengthIsAnErrorNotATrap(_ length: String) {
        let text = "POST /x HTTP/1.1\r\nHost: a.example\r\nContent-Length: \(length)\r\n\r\nabc"
        #expect(throws: RequestParseError.self) { try HTTPMessageParser().parse(text) }
    }
}
