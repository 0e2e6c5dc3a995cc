import SigConform
import Testing

/// Numbers in a rejected request's body that no 64-bit integer holds: the diagnosis rewrites
/// them the way clients do, and a number it cannot rewrite is left alone, never a trap.
@Suite struct HostileNumberTests {
    static let huge = ["1e19", "-1e19", "1E19", "9.3e18", "1e300", "-1e308", "1e999", "1.8446744073709552e19", "123456789012345678901234567890e0"]

    @Test(arguments: huge) func aNumberPastInt64HasNoPlainSpellingAndDoesNotTrap(_ number: String) throws {
        let value = try JSONParser().parse(#"{"price":\#(number),"qty":1e-8}"#).root
        let rewritten = NumberStyle.variants(of: value).map { JSONWriter.compact($0.1) }
        // The small number beside it is still rewritten.
        #expect(rewritten.contains { $0.contains("0.00000001") })
    }

    @Test func numbersInsideTheIntegerRangeAreStillWrittenOut() throws {
        let value = try JSONParser().parse(#"{"a":1e18,"b":-2.5e3}"#).root
        let rewritten = NumberStyle.variants(of: value).map { JSONWriter.compact($0.1) }
        #expect(rewritten.contains(#"{"a":1000000000000000000,"b":-2500}"#))
    }

    @Test func aRejectedRequestWithAHugeNumberIsDiagnosed() throws {
        let body = #"{"symbol":"BTCUSDT","price":1e19,"timestamp":1700000000000}"#
        let request = HTTPRequest(method: "POST", host: "api.binance.com", path: "/api/v3/order", query: "signature=00",
                                  headers: HTTPHeaders([("X-MBX-APIKEY", "abcdefghijklmnop")]), body: body)
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let venue = try #require(registry["binance-spot"])
        let vector = Vector(id: "huge", venue: venue.id, credentials: Credentials(apiKey: "abcdefghijklmnop", secret: "NhqPtmdSJYdKjVHjA7PZj6ZkT6Jy"),
                            request: request, result: .invalid, expect: Expectation(), origin: VectorOrigin(file: "-", pointer: "", location: nil))
        let evaluation = VectorEvaluator(backends: [PureSwiftBackend()]).evaluate(vector, venue: venue)
        let diagnosis = Diagnoser(backends: standardBackends()).diagnose(evaluation)
        #expect(!diagnosis.classIDs.isEmpty)
    }
}
