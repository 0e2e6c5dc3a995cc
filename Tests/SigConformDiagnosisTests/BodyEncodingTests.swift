import SigConform
import Testing

@Suite struct BodyEncodingTests {
    @Test func sortedKeysVariantIsOffered() throws {
        let body = #"{"symbol":"ETHUSDT","category":"linear","side":"Sell","qty":"1","orderType":"Market"}"#
        let value = try JSONParser().parse(body).root
        #expect(JSONWriter.write(value, style: .init(sortKeys: true)) == #"{"category":"linear","orderType":"Market","qty":"1","side":"Sell","symbol":"ETHUSDT"}"#)
    }
}
