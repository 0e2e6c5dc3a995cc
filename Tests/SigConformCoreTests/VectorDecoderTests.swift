import SigConformCore
import Testing

@Suite struct VectorDecoderTests {
    func decode(_ text: String) throws(InputError) -> [Vector] {
        let document: JSONDocument
        do { document = try JSONParser().parse(text) } catch { throw InputError(file: "t.json", message: error.message) }
        return try VectorDecoder().decodeFile(JSONReader(file: "t.json", document: document))
    }

    func file(_ vector: String, defaults: String = "{}") -> String {
        #"{"format": "sigconform/vectors@1", "venue": "acme", "defaults": \#(defaults), "vectors": [\#(vector)]}"#
    }

    @Test func aMisspeltMemberIsAnErrorWithTheNearestName() {
        do {
            _ = try decode(file(#"{"id": "a", "request": {"method": "GET", "path": "/"}, "result": "valid", "expected": {}}"#))
            Issue.record("a misspelt member must not be ignored")
        } catch {
            #expect(error.pointer == "/vectors/0/expected")
            #expect(error.hint == #"did you mean "expect"?"#)
            #expect(error.location?.line == 1)
        }
    }

    @Test func aValidVectorThatExpectsNothingIsRefused() {
        #expect(throws: InputError.self) {
            try decode(file(#"{"id": "a", "request": {"method": "GET", "path": "/"}, "result": "valid", "expect": {}}"#))
        }
    }

    @Test func anInvalidVectorNeedsADiagnosis() {
        #expect(throws: InputError.self) {
            try decode(file(#"{"id": "a", "request": {"method": "GET", "path": "/"}, "result": "invalid", "expect": {"signature": "00"}}"#))
        }
    }

    @Test func duplicateIDsAreRefused() {
        let vector = #"{"id": "a", "request": {"method": "GET", "path": "/"}, "result": "valid", "expect": {"signature": "00"}}"#
        #expect(throws: InputError.self) { try decode(file(vector + "," + vector)) }
    }

    @Test func defaultsMergeMemberByMember() throws {
        let vectors = try decode(file(
            #"{"id": "a", "credentials": {"apiKey": "k2"}, "request": {"method": "GET", "path": "/", "headers": {"X-B": "2"}}, "result": "valid", "expect": {"signature": "00"}}"#,
            defaults: #"{"credentials": {"apiKey": "k1", "secret": "s"}, "request": {"headers": {"X-A": "1"}}}"#))
        #expect(vectors[0].credentials.apiKey == "k2")
        #expect(vectors[0].credentials.secret == "s")
        #expect(vectors[0].request.headers["x-a"] == "1")
        #expect(vectors[0].request.headers["X-B"] == "2")
    }

    @Test func badHexInPrehashHexIsLocated() {
        do {
            _ = try decode(file(#"{"id": "a", "request": {"method": "GET", "path": "/"}, "result": "valid", "expect": {"prehashHex": "zz"}}"#))
            Issue.record("bad hex must be refused")
        } catch {
            #expect(error.pointer == "/vectors/0/expect/prehashHex")
        }
    }

    @Test func credentialsNeverAppearInTheirDescription() {
        let credentials = Credentials(apiKey: "AKIAEXAMPLEKEY123456", secret: "very-secret-value", passphrase: "pass")
        #expect(!credentials.description.contains("very-secret-value"))
        #expect(!credentials.description.contains("AKIAEXAMPLEKEY123456"))
    }
}
