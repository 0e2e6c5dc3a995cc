import SigConformCore
import Testing

/// `credentials.otherSecrets`: the secrets of other keys a client may have signed with (issue #16,
/// "a testnet secret"). Read by both decoders alike, refused when not strings, never printed.
@Suite struct OtherSecretsTests {
    static let testnet = "sc-testnet-secret-for-decoding-0123456789"

    func decode(_ vector: String) throws(InputError) -> [Vector] {
        let text = #"{"format": "sigconform/vectors@1", "venue": "acme", "defaults": {"credentials": {"secret": "s"}}, "vectors": [\#(vector)]}"#
        let document: JSONDocument
        do { document = try JSONParser().parse(text) } catch { throw InputError(file: "t.json", message: error.message) }
        return try VectorDecoder().decodeFile(JSONReader(file: "t.json", document: document))
    }

    func vector(otherSecrets: String) -> String {
        #"{"id": "a", "credentials": {"otherSecrets": \#(otherSecrets)}, "request": {"method": "GET", "path": "/"}, "result": "invalid", "expect": {"signature": "00", "diagnosis": ["credentials_swapped"]}}"#
    }

    @Test func otherSecretsAreReadInOrderBesideTheSecret() throws {
        let vectors = try decode(vector(otherSecrets: #"["old-one", "\#(Self.testnet)"]"#))
        #expect(vectors[0].credentials.otherSecrets == ["old-one", Self.testnet])
        #expect(vectors[0].credentials.secret == "s")
    }

    @Test(arguments: [(#"[42]"#, "/vectors/0/credentials/otherSecrets/0"), (#""one""#, "/vectors/0/credentials/otherSecrets"),
                      (#"["a", {"b": 1}]"#, "/vectors/0/credentials/otherSecrets/1")])
    func anythingButAnArrayOfStringsIsALocatedError(value: String, pointer: String) {
        do {
            _ = try decode(vector(otherSecrets: value))
            Issue.record("otherSecrets \(value) must be refused")
        } catch {
            #expect(error.pointer == pointer)
        }
    }

    @Test func moreOtherSecretsThanTheSearchAllowsAreRefused() {
        let many = "[" + (0...Credentials.maximumOtherSecrets).map { "\"other-\($0)\"" }.joined(separator: ", ") + "]"
        do {
            _ = try decode(vector(otherSecrets: many))
            Issue.record("\(Credentials.maximumOtherSecrets + 1) other secrets must be refused")
        } catch {
            #expect(error.pointer == "/vectors/0/credentials/otherSecrets")
        }
    }

    @Test func theJSONLinesFastPathReadsOtherSecretsAsTheDecoderDoes() throws {
        let line = #"{"id":"a","venue":"acme","credentials":{"secret":"s","otherSecrets":["old-one","\#(Self.testnet)"]},"request":{"method":"GET","path":"/"},"result":"invalid","expect":{"signature":"00","diagnosis":["credentials_swapped"]}}"#
        let fast = try #require(VectorLineDecoder.decode(Array(line.utf8)[...], file: "corpus.jsonl"))
        #expect(fast.credentials.otherSecrets == ["old-one", Self.testnet])
        guard case .vector(let slow) = CorpusLoader.decodeLineThroughTree(Array(line.utf8)[...], number: 1, of: "corpus.jsonl") else {
            Issue.record("the decoder refuses the line")
            return
        }
        #expect(fast == slow)
    }

    @Test func theRedactorScrubsAnOtherSecretAsASecret() {
        let credentials = Credentials(apiKey: "sc-key-0123456789", secret: "sc-the-real-secret-0123456789", otherSecrets: [Self.testnet])
        let text = "signed with \(Self.testnet) then %22\(Self.testnet)%22 and \(Self.testnet.prefix(20))"
        let scrubbed = Redactor(credentials: [credentials]).scrub(text)
        #expect(!scrubbed.contains(Self.testnet))
        #expect(!scrubbed.contains(String(Self.testnet.prefix(20))))
        #expect(scrubbed.contains("[other secret "))
        #expect(credentials.secretValues.contains { $0.value == Self.testnet })
        #expect(!credentials.description.contains(Self.testnet))
    }
}
