import SigConformCore
import Testing

@Suite struct PercentEncodingTests {
    @Test func encodesEverythingOutsideUnreservedWithUpperHex() {
        #expect(PercentEncoding.encode("a b+c/@,~é") == "a%20b%2Bc%2F%40%2C~%C3%A9")
        #expect(PercentEncoding.encode("é", uppercaseHex: false) == "%c3%a9")
        #expect(PercentEncoding.encode("a b", spaceAsPlus: true) == "a+b")
    }

    @Test func decodesPlusAsSpaceOnlyInFormSemantics() {
        #expect(PercentEncoding.decode("a+b%20c") == "a b c")
        #expect(PercentEncoding.decode("a+b%20c", plusIsSpace: false) == "a+b c")
        #expect(PercentEncoding.decode("100%") == "100%")
    }

    @Test func queryItemsRejoinLosslessly() {
        let query = "a=1&&b&c=%20=x"
        #expect(QueryItem.join(QueryItem.split(query)) == query)
        #expect(QueryItem.split(query).map(\.key) == ["a", "", "b", "c"])
    }

    /// A server splits the bytes it receives; a combining mark after '&' or '=' (one Character
    /// with it in Swift) must not hide the separator.
    @Test func splittingOnContiguousBytesKeepsEmptyItemsAndMultiByteText() {
        #expect(QueryItem.split("&").map(\.raw) == ["", ""])
        #expect(QueryItem.split("a=1&").map(\.raw) == ["a=1", ""])
        #expect(QueryItem.split("é=ü&x").map(\.raw) == ["é=ü", "x"])
        #expect(QueryItem.split("é=ü&x").map(\.rawValue) == ["ü", ""])
        let large = "pad=" + String(repeating: "x", count: 100_000) + "&b=2"
        #expect(QueryItem.split(large).map(\.rawKey) == ["pad", "b"])
        #expect(QueryItem.join(QueryItem.split(large)) == large)
    }

    /// Taking an item out of a query cuts it and one separator out of the text: the same text
    /// as joining the other items again, for every item of queries with empty items, a lone
    /// item, multi-byte text and marks after the separators.
    @Test(arguments: ["a", "", "&", "a=1&", "&a=1", "a=1&&b&c=%20=x", "é=ü&x&\u{301}b=\u{301}2", "sig=1&a=2&sig=3", "a&b&c&d"])
    func removingAnItemIsJoiningTheOthers(query: String) {
        let items = QueryItem.split(query)
        for index in items.indices {
            var others = items
            others.remove(at: index)
            #expect(QueryItem.removing(index, of: items, from: query) == QueryItem.join(others), "item \(index)")
        }
    }

    @Test func textWithNothingToEncodeOrDecodeIsItsOwnResult() {
        #expect(PercentEncoding.encode("AZaz09-._~") == "AZaz09-._~")
        #expect(PercentEncoding.encode("AZ az") == "AZ%20az")
        #expect(PercentEncoding.decode("plain-text") == "plain-text")
        #expect(PercentEncoding.decode("a+b", plusIsSpace: false) == "a+b")
        #expect(PercentEncoding.decode("a+b") == "a b")
    }

    @Test func queryItemsSplitOnBytesNotCharacters() {
        let query = "a=1&\u{301}b=\u{301}2"
        let items = QueryItem.split(query)
        #expect(items.map(\.raw) == ["a=1", "\u{301}b=\u{301}2"])
        #expect(items.map(\.rawKey) == ["a", "\u{301}b"])
        #expect(items.map(\.rawValue) == ["1", "\u{301}2"])
        #expect(QueryItem.join(items) == query)
    }
}
