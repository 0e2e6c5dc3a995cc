@testable import SigConformCore
import Testing

/// `reads.signatureLast` answered on the bytes (``RequestReading/asciiSignaturePlace(_:in:)``)
/// against the parameters split as strings, the way the message names them.
@Suite struct SignaturePlaceTests {
    /// Where `name` sits among the parameters of `text`, split on characters as strings compare.
    static func placeByCharacters(_ name: String, in text: String) -> RequestReading.SignaturePlace {
        let names = text.split(separator: "&").map { $0.prefix { $0 != "=" } }
        guard let index = names.lastIndex(where: { $0 == name[...] }) else { return .absent }
        return index == names.count - 1 ? .last : .followed("")
    }

    @Test func theBytesAgreeWithTheCharactersOnEveryASCIIQuery() {
        var generator = SplitMix64(seed: 7)
        // Parameter names and values from a small alphabet, so the signature's name repeats, pairs are empty, '=' doubles.
        let pieces = ["signature", "sig", "signatureX", "timestamp", "", "=", "=1", "&", "&&", "ab", "\r\n", "K", "\u{212A}", "e\u{301}", "=\u{301}", "&\u{301}"]
        var asciiAnswers = 0
        for _ in 0..<4000 {
            let text = (0..<Int.random(in: 0...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            for name in ["signature", "K", "e\u{301}"] {
                let expected = Self.placeByCharacters(name, in: text)
                if let bytes = RequestReading.asciiSignaturePlace(name, in: text) {
                    asciiAnswers += 1
                    #expect(bytes == expected, "\(name) in \(text.debugDescription)")
                }
                let full = RequestReading.signaturePlace(name, in: text, part: "query string")
                switch (full, expected) {
                case (.absent, .absent), (.last, .last): break
                case (.followed(let message), .followed): #expect(message.contains("after it"))
                default: Issue.record("\(name) in \(text.debugDescription): \(full), expected \(expected)")
                }
            }
        }
        #expect(asciiAnswers > 1000)
    }
}
