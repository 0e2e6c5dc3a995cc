import SigConform
import Testing

/// Credentials a venue signs but never receives (BitMart's memo): declared by the recipe,
/// carried by the vector, read with {credential:name}.
@Suite struct CredentialFieldTests {
    func decode(_ credentials: String, keyOptions: String = "") throws -> Vector {
        let text = #"{"format": "sigconform/vectors@1", "venue": "acme", "defaults": {"credentials": {"secret": "s", "memo": "inherited"}}, "vectors": [{"id": "a", "credentials": "#
            + credentials + #", "request": {"method": "GET", "path": "/"}, "result": "valid", "expect": {"signature": "x"}"# + keyOptions + "}]}"
        return try VectorDecoder().decodeFile(JSONReader(file: "t.json", document: try JSONParser().parse(text)))[0]
    }

    @Test func aFieldIsDecodedAndMergedOverTheDefaults() throws {
        #expect(try decode(#"{"apiKey": "k"}"#).credentials.fields == ["memo": "inherited"])
        #expect(try decode(#"{"memo": "own"}"#).credentials.fields == ["memo": "own"])
    }

    @Test(arguments: ["apikey", "Secret", "PASSPHRASE", "1memo", "me-mo"])
    func aBuiltInNameSpeltOtherwiseOrAnInvalidNameIsRefused(name: String) {
        #expect(throws: InputError.self) { try decode(#"{"\#(name)": "v"}"#) }
    }

    @Test func keyOptionsAreDecoded() throws {
        #expect(try decode("{}", keyOptions: #", "keyOptions": {"nonce": "increasing"}"#).keyChoices == ["nonce": "increasing"])
    }

    static let hmac = #"{"hash": "sha256", "credentialFields": ["memo"], "prehash": "{timestamp}#{credential:memo}#{query}", "signature": {"in": {"header": "S"}}, "timestamp": {"in": {"header": "T"}, "format": "unix-ms"}}"#

    @Test func theFieldIsSignedAndNeverNeededOnTheWire() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.hmac)
        var request = HTTPRequest(method: "GET", path: "/", query: "a=1")
        request.headers.set("T", "1700000000000")
        let text = try RecipeFixtures.prehash(venue, request, credentials: Credentials(secret: "s", fields: ["memo": "m1"]))
        #expect(text == "1700000000000#m1#a=1")
    }

    @Test func aMissingFieldSaysWhichCredentialIsNeeded() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.hmac)
        var request = HTTPRequest(method: "GET", path: "/")
        request.headers.set("T", "1700000000000")
        let error = try #require(throws: SigningError.self) { try RecipeFixtures.prehash(venue, request, credentials: Credentials(secret: "s")) }
        // As a diagnostic of the vector it was signing: what is missing, as code cannot-sign.
        let diagnostic = try #require(error.diagnostics(file: "requests.json").first)
        #expect(diagnostic.code == .cannotSign)
        #expect(diagnostic.message.contains("credentials.memo"), "\(diagnostic)")
        #expect(diagnostic.description.hasPrefix("requests.json: error: the vector has no credentials.memo"), "\(diagnostic)")
    }

    @Test func anUndeclaredFieldIsAFinding() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.hmac)
        var request = HTTPRequest(method: "GET", path: "/")
        request.headers.set("T", "1700000000000")
        request.headers.set("S", "00")
        let vector = Vector(id: "x", venue: venue.id, credentials: Credentials(secret: "s", fields: ["memo": "m", "mem0": "typo"]),
                            request: request, result: .valid, expect: Expectation(signature: "00"),
                            origin: VectorOrigin(file: "-", pointer: "", location: nil))
        let evaluation = VectorEvaluator(backends: [PureSwiftBackend()]).evaluate(vector, venue: venue)
        #expect(evaluation.findings.contains { $0.kind == .unsignable && $0.message.hasPrefix("credentials.mem0 is not a credential") })
    }

    @Test(arguments: [
        (#"{"hash": "sha256", "prehash": "{credential:memo}", "signature": {"in": {"header": "S"}}}"#, "credentialFields"),
        (#"{"hash": "sha256", "credentialFields": ["secret"], "prehash": "{body}", "signature": {"in": {"header": "S"}}}"#, "cannot be a credential field"),
        (#"{"hash": "sha256", "credentialFields": ["memo"], "prehash": "{credential:passphrase}", "signature": {"in": {"header": "S"}}}"#, "a credential field is a name"),
    ])
    func aRecipeThatMisusesFieldsIsRejected(hmac: String, message: String) {
        let error = RecipeFixtures.rejection(hmac: hmac)
        #expect(error?.message.contains(message) == true, "\(String(describing: error?.message))")
    }
}
