import Foundation
import SigConformCore
import Testing

/// The JSON Lines fast path (``VectorLineDecoder``) against the parser and ``VectorDecoder``:
/// on every line it accepts, the two give the same vector; on every other line it declines and
/// the slow path (with its diagnostics) decides.
@Suite("VectorLineDecoder")
struct VectorLineDecoderTests {
    /// Every bundled vector as a JSON Lines line would hold it: defaults merged in, the venue
    /// written as a member (lines name their venue).
    static let bundledVectors: [JSONValue] = RepoPaths.vectorFiles.flatMap { path -> [JSONValue] in
        guard let reader = try? FileReader.readJSON(path), let header = try? VectorDecoder().decodeHeader(reader),
              let venue = header.venue, let vectors = header.vectors else { return [] }
        return vectors.map { element in
            guard case .object(var members) = VectorDecoder.merge(defaults: header.defaults, into: element) else { return element }
            if !members.contains(where: { $0.key == "venue" }) { members.append(("venue", .string(venue))) }
            return .object(members)
        }
    }

    /// Spaced out, every non-ASCII character and '/' escaped: the parser's other paths.
    static let escapingStyle = JSONWriter.Style(colon: " : ", comma: " ,\t", escapeNonASCII: true, escapeSlash: true)

    /// Whether the fast path accepted `line`; records an issue when it accepted it and the
    /// slow path gives another vector or refuses the line.
    @discardableResult
    static func compare(_ line: [UInt8], _ label: @autoclosure () -> String) -> Bool {
        guard let fast = VectorLineDecoder.decode(line[...], file: "corpus.jsonl") else { return false }
        switch CorpusLoader.decodeLineThroughTree(line[...], number: 1, of: "corpus.jsonl") {
        case .vector(let slow):
            #expect(fast == slow, "\(label()): \(String(decoding: line, as: UTF8.self))")
        case .error(let error):
            Issue.record("the fast path accepted a line the decoder refuses (\(error.message)), \(label()): \(String(decoding: line, as: UTF8.self))")
        }
        return true
    }

    @Test func readsEveryBundledVectorAsTheDecoderDoes() {
        #expect(Self.bundledVectors.count > 500)
        var declined: [String] = []
        for vector in Self.bundledVectors {
            for style in [JSONWriter.Style.compact, Self.escapingStyle] {
                let line = Array(JSONWriter.write(vector, style: style).utf8)
                // The tree's decoder accepts every bundled vector; so must the fast path, or it saves nothing.
                if !Self.compare(line, "bundled") { declined.append(String(decoding: line.prefix(160), as: UTF8.self)) }
            }
        }
        #expect(declined.isEmpty, "declined \(declined.count): \(declined.prefix(5))")
    }

    /// Small edits of bundled lines (a byte removed, replaced, inserted, a span repeated): most
    /// break the JSON or the vector, and the fast path must then decline, never read them its own way.
    @Test func declinesOrAgreesOnMutatedLines() {
        var generator = SplitMix64(seed: 20)
        let interesting: [UInt8] = Array(#"{}[]:,"\/ 0123456789-+.eEtfnu$abAB"#.utf8) + [0x00, 0x09, 0x0A, 0x0D, 0x7F, 0x80, 0xC3, 0xE2, 0xED, 0xF0, 0xFF]
        var accepted = 0, total = 0
        for (number, vector) in Self.bundledVectors.enumerated() {
            let original = Array(JSONWriter.write(vector, style: number % 2 == 0 ? .compact : Self.escapingStyle).utf8)
            for _ in 0..<12 {
                var line = original
                let position = Int.random(in: 0..<line.count, using: &generator)
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: line.remove(at: position)
                case 1: line[position] = interesting.randomElement(using: &generator)!
                case 2: line.insert(interesting.randomElement(using: &generator)!, at: position)
                default:
                    let end = min(line.count, position + Int.random(in: 1...24, using: &generator))
                    line.insert(contentsOf: line[position..<end], at: end)
                }
                total += 1
                if Self.compare(line, "mutation of \(number)") { accepted += 1 }
            }
        }
        // Some edits keep a valid vector (a letter of a value changed): the fast path reads those.
        #expect(accepted > 0 && accepted < total)
    }

    /// Lines that are valid JSON and nearly valid vectors: each is the slow path's to judge.
    @Test(arguments: [
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"},"$comment":"c"}"#,
        #"{"id":"a","id":"b","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/","headers":{"A":"1","a":"2"}},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x","diagnosis":["y"]}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"invalid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"prehash":"a","prehashHex":"61"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"time":{"serverTime":"1700000000000"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"time":{"serverTime":1.7e12},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"time":{"recvWindow":-1},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"time":{"recvWindow":0},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"time":{"serverTime":-0},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/a?b"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"G3T","path":"/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/","query":"?a=1"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"V","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a b","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","credentials":{"memo":"m","secret":"s"},"request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","credentials":{"Secret":"s"},"request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","keyOptions":{"mode":"x","$c":"y"},"request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/","body":"\ud83d\ude00 \u00e9 \/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/","body":"\udc00"},"result":"valid","expect":{"signature":"x"}}"#,
        #" {"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}} x"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"prehashHex":"6"}}"#,
        #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"invalid","expect":{"signature":"x","diagnosis":[]}}"#,
    ])
    func nearMissesAreTheDecodersToJudge(line: String) {
        Self.compare(Array(line.utf8), "near miss")
    }

    /// A line of the smallest valid vector with `body` as its request body (bytes, as written).
    static func line(body: [UInt8]) -> [UInt8] {
        Array(#"{"id":"a","venue":"v","request":{"method":"POST","path":"/","body":""#.utf8) + body
            + Array(#""},"result":"valid","expect":{"signature":"x"}}"#.utf8)
    }

    /// Strings are scanned a word at a time: an escape, a non-ASCII character or a quote at
    /// every place in a word (and in the bytes after the last whole word) is read as the
    /// decoder reads it, and the fast path takes the line.
    @Test func readsEscapesAndNonASCIIAtEveryPlaceInAWord() {
        let inserts = [#"\""#, #"\\"#, #"\/"#, #"\n"#, #"\u00e9"#, #"\ud83d\ude00"#, "é", "€", "😀", "\u{7F}"]
        for insert in inserts {
            for before in 0..<20 {
                for after in [0, 3, 9, 17] {
                    let body = Array((String(repeating: "a", count: before) + insert + String(repeating: "b", count: after)).utf8)
                    #expect(Self.compare(Self.line(body: body), "\(insert) after \(before)"), "declined \(insert) after \(before) bytes")
                }
            }
        }
    }

    /// A raw control byte or bytes that are not UTF-8, at every place in a word, are the slow path's to report.
    @Test(arguments: [[0x01], [0x1F], [0x0A], [0x80], [0xFF], [0xC3], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]] as [[UInt8]])
    func declinesControlBytesAndInvalidUTF8AtEveryPlaceInAWord(bad: [UInt8]) {
        for before in 0..<20 {
            let line = Self.line(body: Array(repeating: UInt8(ascii: "a"), count: before) + bad + Array("tail".utf8))
            #expect(VectorLineDecoder.decode(line[...], file: "corpus.jsonl") == nil, "accepted \(bad) after \(before) bytes")
            guard case .error = CorpusLoader.decodeLineThroughTree(line[...], number: 1, of: "corpus.jsonl") else {
                Issue.record("the decoder accepted \(bad)")
                continue
            }
        }
    }

    /// A string repeated in the line (the API key as a header, the signature as a header) and
    /// one of the same length that differs in its last byte are each read as written.
    @Test func readsRepeatedStringsAndNearTwinsApart() throws {
        let key = String(repeating: "k", count: 40), other = String(repeating: "k", count: 39) + "K"
        let line = #"{"id":"a","venue":"v","credentials":{"apiKey":"\#(key)","secret":"\#(other)"},"request":{"method":"GET","path":"/","headers":{"X-KEY":"\#(key)","X-OTHER":"\#(other)","X-SIGN":"\#(key)x"}},"result":"valid","expect":{"signature":"\#(key)x","headers":{"X-KEY":"\#(key)"}}}"#
        #expect(Self.compare(Array(line.utf8), "repeated strings"))
        let vector = try #require(VectorLineDecoder.decode(Array(line.utf8)[...], file: "corpus.jsonl"))
        #expect(vector.request.headers["X-KEY"] == key && vector.request.headers["X-OTHER"] == other)
        #expect(vector.credentials.apiKey == key && vector.credentials.secret == other && vector.expect.signature == key + "x")
    }

    /// Header names repeated in another letter case are found on the bytes when ASCII, by
    /// `HTTPHeaders` otherwise (the Kelvin sign is a `k` to `lowercased()`); both decline.
    @Test(arguments: [
        #"{"X-A":"1","x-a":"2"}"#, #"{"X-A":"1","B":"2","x-A":"1"}"#, #"{"\#u{212A}":"1","k":"2"}"#, #"{"K":"1","k":"2"}"#,
    ])
    func declinesHeaderNamesRepeatedInAnyCase(headers: String) {
        for place in ["request", "expect"] {
            let line = place == "request"
                ? #"{"id":"a","venue":"v","request":{"method":"GET","path":"/","headers":\#(headers)},"result":"valid","expect":{"signature":"x"}}"#
                : #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"headers":\#(headers)}}"#
            #expect(!Self.compare(Array(line.utf8), "repeated header"), "accepted \(headers) in \(place)")
        }
        let distinct = #"{"id":"a","venue":"v","request":{"method":"GET","path":"/","headers":{"\#u{212A}":"1","X-A":"2"}},"result":"valid","expect":{"headers":{"é":"1","e":"2"}}}"#
        #expect(Self.compare(Array(distinct.utf8), "distinct headers"))
    }

    /// Values the fast path reads on the bytes (the result, hex, integers) at their edges.
    @Test(arguments: [
        #""result":"valid ","expect":{"signature":"x"}"#,
        #""result":"Valid","expect":{"signature":"x"}"#,
        #""result":"invalid","expect":{"signature":"x","diagnosis":["y"]}"#,
        #""result":"valid","expect":{"prehashHex":"6A6b"}"#,
        #""result":"valid","expect":{"prehashHex":""}"#,
        #""result":"valid","expect":{"prehashHex":"6g"}"#,
        #""result":"valid","expect":{"prehashHex":"\u0036\u0041"}"#,
        #""result":"valid","expect":{"clientPrehashHex":"0a","prehash":"p"}"#,
        #""result":"valid","time":{"recvWindow":9223372036854775807},"expect":{"signature":"x"}"#,
        #""result":"valid","time":{"recvWindow":9223372036854775808},"expect":{"signature":"x"}"#,
        #""result":"valid","time":{"recvWindow":-9223372036854775808},"expect":{"signature":"x"}"#,
        #""result":"valid","time":{"recvWindow":12345678901234567890},"expect":{"signature":"x"}"#,
        #""result":"valid","time":{"recvWindow":00},"expect":{"signature":"x"}"#,
        #""result":"valid","time":{"serverTime":1700000000000,"recvWindow":5000},"expect":{"signature":"x"}"#,
    ])
    func readsResultsHexAndIntegersAsTheDecoderDoes(members: String) {
        Self.compare(Array(#"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},\#(members)}"#.utf8), "edge")
    }

    @Test func readsTheEdgesItShouldRead() {
        for members in [#""result":"valid","expect":{"prehashHex":"6A6b"}"#, #""result":"valid","time":{"recvWindow":9223372036854775807},"expect":{"signature":"x"}"#,
                        #""result":"invalid","expect":{"signature":"x","diagnosis":["y"]}"#] {
            #expect(Self.compare(Array(#"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},\#(members)}"#.utf8), "edge"), "declined \(members)")
        }
    }

    @Test func declinesWhatTheDecoderRefusesAndReadsItsTwinThatItAccepts() {
        let good = #"{"id":"a","venue":"v","request":{"method":"GET","path":"/"},"result":"valid","expect":{"signature":"x"}}"#
        #expect(Self.compare(Array(good.utf8), "good"))
        let misspelt = good.replacingOccurrences(of: "\"expect\"", with: "\"expcet\"")
        #expect(!Self.compare(Array(misspelt.utf8), "misspelt"))
        guard case .error(let error) = CorpusLoader.decodeLine(Array(misspelt.utf8)[...], number: 7, of: "c.jsonl") else {
            Issue.record("a misspelt member was accepted")
            return
        }
        #expect(error.message.contains("expcet") && error.location?.line == 7)
    }
}

/// A small, seeded generator, so a failing mutation can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
