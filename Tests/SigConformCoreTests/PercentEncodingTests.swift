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

    /// Finding a named item in the bytes answers what splitting and searching the items does:
    /// the same item (its text, value and the text without it), the same absence, with
    /// duplicates passed over from the end, encoded and non-ASCII keys, items without `=`.
    @Test func lastNamedItemInTheBytesIsTheSplitItemsLast() {
        let texts = ["", "a=1", "a=1&b=2&a=3", "a=1&&b&c=%20=x", "sig=x&", "&sig=y", "%61=enc&a=plain&a+b=sp&a%20b=pct",
                     "é=ü&x&e\u{301}=combined&é=again", "b&b=&b=v", "k=v=w&k", "a=1&\u{301}b=\u{301}2&b=3"]
        let names = ["a", "b", "c", "sig", "a b", "é", "x", "k", "missing"]
        for text in texts {
            let items = QueryItem.split(text)
            for name in names {
                let matches = items.indices.filter { items[$0].key == name }
                for skipping in 0...2 {
                    let found = QueryItem.last(named: name, in: text, skipping: skipping)
                    guard let found else { Issue.record("no answer from the bytes of \(text)"); continue }
                    guard skipping < matches.count else {
                        #expect(found == nil, "\(name) in \(text), skipping \(skipping)")
                        continue
                    }
                    let index = matches[matches.count - 1 - skipping]
                    guard let found else { Issue.record("\(name) not found in \(text)"); continue }
                    #expect(QueryItem.slice(text, found.start, found.end) == items[index].raw, "\(name) in \(text)")
                    #expect(QueryItem.slice(text, found.valueStart, found.end) == items[index].rawValue, "\(name) in \(text)")
                    #expect(QueryItem.removing(found, from: text) == QueryItem.removing(index, of: items, from: text), "\(name) in \(text)")
                }
            }
        }
        // An empty name is left to the items (an empty item has it).
        #expect(QueryItem.last(named: "", in: "a&") == nil)
    }
}
