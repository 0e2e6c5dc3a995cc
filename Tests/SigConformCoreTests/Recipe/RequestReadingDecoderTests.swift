import SigConformCore
import Testing

/// The `reads` member of venue.json: how a venue reads what its signature does not settle.
@Suite struct RequestReadingDecoderTests {
    static func decode(reads: String) throws(InputError) -> Venue {
        try RecipeDecoderStrictnessTests.decode(extra: #","reads":\#(reads)"#)
    }

    @Test func aVenueWithoutReadsKnowsNothingItWouldGiveTheBenefitOfTheDoubtFor() throws {
        let venue = try RecipeDecoderStrictnessTests.decode()
        #expect(venue.reads == RequestReading())
        #expect(venue.reads.bothParts == nil)
        #expect(!venue.reads.repeatedKeysUnordered)
    }

    @Test func readsDecodesEachFact() throws {
        let venue = try Self.decode(reads: #"""
            {"bothParts":"body","repeatedKeys":"set","headers":[{"name":"x-simulated-trading","selects":"the environment","whenAbsent":"0","values":{"0":"live trading","1":"demo trading"}}]}
            """#)
        #expect(venue.reads.bothParts == .body)
        #expect(venue.reads.repeatedKeysUnordered)
        let header = try #require(venue.reads.selectingHeaders.first)
        #expect(header.name == "x-simulated-trading")
        #expect(header.effectiveValue(nil) == "0")
        #expect(header.describe("1") == "\"1\" (demo trading)")
    }

    @Test(arguments: [
        (#"{"bothParts":"header"}"#, "/reads/bothParts"),
        (#"{"repeatedKeys":"sorted"}"#, "/reads/repeatedKeys"),
        (#"{"headers":[{"name":"x-simulated-trading"}]}"#, "/reads/headers/0"),
        (#"{"headers":[{"selects":"the environment"}]}"#, "/reads/headers/0"),
        (#"{"headers":[{"name":"a","selects":"b"},{"name":"A","selects":"c"}]}"#, "/reads/headers"),
        (#"{"header":[]}"#, "/reads/header"),
        (#"{"signatureLast":"yes"}"#, "/reads/signatureLast"),
        (#"{"ignoresBody":[]}"#, "/reads/ignoresBody"),
        (#"{"ignoresBody":"GET"}"#, "/reads/ignoresBody"),
        (#"{"ignoresBody":["GET /x"]}"#, "/reads/ignoresBody/0"),
        (#"{"emptyPairs":"ignored"}"#, "/reads/emptyPairs"),
    ])
    func aReadingNobodyCouldUseIsAnError(reads: String, pointer: String) {
        do {
            _ = try Self.decode(reads: reads)
            Issue.record("accepted \(reads)")
        } catch {
            #expect(error.pointer == pointer, "\(error.message)")
        }
    }

    @Test func aVenueThatReadsTheSignatureLastNamesWhatFollowsAMisplacedOne() throws {
        let reading = try Self.decode(reads: #"{"signatureLast":true}"#).reads
        #expect(reading.signatureLast)
        let first = HTTPRequest(method: "GET", path: "/api/v3/openOrders", query: "signature=ab12&symbol=BTCUSDT&timestamp=1")
        let message = try #require(reading.misplacedSignature("signature", in: first))
        #expect(message.contains("query string (symbol, timestamp after it)"), "\(message)")
        let body = HTTPRequest(method: "POST", path: "/api/v3/order", query: "symbol=BTCUSDT",
                               body: "side=BUY&signature=ab12&timestamp=1")
        #expect(reading.misplacedSignature("signature", in: body)?.contains("body (timestamp after it)") == true)
    }

    @Test func aSignatureAtTheEndOrAVenueThatDoesNotCareIsReadAsSigned() throws {
        let last = HTTPRequest(method: "GET", path: "/api/v3/openOrders", query: "symbol=BTCUSDT&timestamp=1&signature=ab12")
        #expect(RequestReading(signatureLast: true).misplacedSignature("signature", in: last) == nil)
        let first = HTTPRequest(method: "GET", path: "/api/v3/openOrders", query: "signature=ab12&timestamp=1")
        #expect(RequestReading().misplacedSignature("signature", in: first) == nil)
        // An empty part after it names no parameter; whether Binance tolerates a trailing '&' is not documented.
        let trailing = HTTPRequest(method: "GET", path: "/api/v3/openOrders", query: "timestamp=1&signature=ab12&")
        #expect(RequestReading(signatureLast: true).misplacedSignature("signature", in: trailing) == nil)
    }

    @Test func aVenueThatReadsNoBodyOnAGetSignsAndReadsTheGetWithoutIt() throws {
        let reading = try Self.decode(reads: #"{"ignoresBody":["get"]}"#).reads
        #expect(reading.ignoresBody == ["GET"])
        let get = HTTPRequest(method: "GET", path: "/api/v5/account/balance", query: "", body: #"{"ccy":"BTC"}"#)
        #expect(reading.withoutIgnoredBody(get).body.isEmpty)
        let message = try #require(reading.ignoredBody(in: get))
        #expect(message.hasPrefix("the GET request carries a 13-byte body, which the venue does not read on a GET"), "\(message)")
        let post = HTTPRequest(method: "POST", path: "/api/v5/trade/order", body: #"{"ccy":"BTC"}"#)
        #expect(reading.ignoredBody(in: post) == nil)
        #expect(reading.withoutIgnoredBody(post) == post)
        #expect(RequestReading().ignoredBody(in: get) == nil, "a venue that says nothing reads the body it is sent")
    }

    @Test func aVenueThatDropsEmptyPairsSaysSoOnlyForAQueryThatHasThem() throws {
        let reading = try Self.decode(reads: #"{"emptyPairs":"dropped"}"#).reads
        #expect(reading.dropsEmptyPairs)
        #expect(reading.droppedEmptyPairs(in: "a=1&&b=2&")?.hasPrefix("the query has 2 empty pairs") == true)
        #expect(reading.droppedEmptyPairs(in: "a=1&b=2") == nil)
        #expect(try Self.decode(reads: #"{"emptyPairs":"kept"}"#).reads.droppedEmptyPairs(in: "a=1&&b=2") == nil)
    }
}
