import Foundation
import SigConform
import Testing

/// A venue.json from a stranger is data, not code: it can rearrange what the request shows and
/// nothing else. No template variable reads a file, the environment or the network; the secret
/// only keys the HMAC; the passphrase only goes where `passphrase.in` says; every template is
/// bounded in size, parts and nesting.
@Suite struct RecipeSafetyTests {
    /// A venue.json whose prehash is `prehash` (a JSON value), otherwise well-formed.
    static func venue(prehash: String, extra: String = "") -> String {
        #"""
        {"format": "sigconform/venue@1", "id": "stranger", "name": "Stranger", "docs": "https://example.invalid", "auth": "hmac",
         "hmac": {"hash": "sha256", "prehash": \#(prehash), "signature": {"in": {"header": "X-SIGN"}}\#(extra)}}
        """#
    }

    static func decode(_ text: String) throws(InputError) -> Venue {
        let document: JSONDocument
        do { document = try JSONParser().parse(text) } catch { throw InputError(file: "venue.json", location: error.location, message: error.message) }
        return try RecipeDecoder().decode(JSONReader(file: "venue.json", document: document))
    }

    /// The error decoding `text` gives; records an issue when it decodes.
    static func refusal(_ text: String) -> InputError? {
        do {
            _ = try decode(text)
            Issue.record("a hostile recipe was accepted")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("{env:HOME}", #"unknown variable kind \"env:\""#),
        ("{file:/etc/passwd}", #"unknown variable kind \"file:\""#),
        ("{url:https://example.invalid/}", #"unknown variable kind \"url:\""#),
        ("{secret}", "the secret is never available to a template"),
        ("{secretKey}", "the secret is never available to a template"),
        ("{apiSecret?}", "the secret is never available to a template"),
        ("{passphrase}", "the passphrase is never available to a template"),
        ("{HOME}", "unknown variable {HOME}"),
        ("{$HOME}", "unknown variable {$HOME}"),
        ("{header:}", "needs a name of 1–128 characters"),
        ("{header:X-A B}", "is not an HTTP header name"),
        ("{header:X-A\\nX-B}", "no control characters"),
        ("{header:X{body}}", "no control characters or '{'"),
        ("{query:\\u0000}", "no control characters"),
        ("{body:a\\u007f}", "no control characters"),
        ("{method", "'{' without a closing '}'"),
        ("}", "'}' without an opening '{'"),
    ])
    func templateVariablesThatReachOutsideTheRequestAreRefused(template: String, message: String) {
        let error = Self.refusal(Self.venue(prehash: "\"\(template)\""))
        #expect(error?.pointer == "/hmac/prehash")
        #expect(error?.message.contains(message.replacingOccurrences(of: "\\\"", with: "\"")) == true, "\(String(describing: error))")
    }

    @Test func aOneMegabyteTemplateIsRefused() {
        let error = Self.refusal(Self.venue(prehash: "\"" + String(repeating: "a", count: 1 << 20) + "\""))
        #expect(error?.message.contains("over the limit of 4096") == true, "\(String(describing: error))")
    }

    @Test func tenThousandPartsAreRefusedWhereverTheyAre() {
        // In one string.
        let inString = String(repeating: "-{method}", count: 10_000)
        #expect(Self.refusal(Self.venue(prehash: "\"\(inString)\""))?.message.contains("over the limit") == true)
        // Spread over an array.
        let array = "[" + Array(repeating: "\"{method}\"", count: 10_000).joined(separator: ",") + "]"
        #expect(Self.refusal(Self.venue(prehash: array))?.message.contains("at most 64 parts") == true)
        // 64 strings of 200 parts each: every string and the array are within their own limits.
        let wide = "[" + Array(repeating: "\"" + String(repeating: "-{path}", count: 100) + "\"", count: 64).joined(separator: ",") + "]"
        let error = Self.refusal(Self.venue(prehash: wide))
        #expect(error?.message.contains("parts and") == true, "\(String(describing: error))")
        #expect(error?.pointer == "/hmac/prehash")
    }

    @Test func digestNestingBombsAreRefused() {
        // Deeper than four digests.
        var deep = "\"{body}\""
        for _ in 0..<6 { deep = #"[{"digest": "sha256", "of": \#(deep)}]"# }
        #expect(Self.refusal(Self.venue(prehash: deep))?.message.contains("digests nested deeper than 4") == true)
        // Four deep and 16 wide at every level: 16^4 digests of the body per signature if it were accepted.
        var wide = "\"{body}\""
        for _ in 0..<4 { wide = "[" + Array(repeating: #"{"digest": "sha256", "of": \#(wide)}"#, count: 16).joined(separator: ",") + "]" }
        let error = Self.refusal(Self.venue(prehash: wide))
        #expect(error?.message.contains("over the limits of 256 and 4096") == true, "\(String(describing: error))")
    }

    @Test func unknownRecipeMembersAreRefusedSoNothingHidesInThem() {
        let error = Self.refusal(Self.venue(prehash: "\"{body}\"", extra: #", "command": "curl https://example.invalid""#))
        #expect(error?.message == #"unknown member "command""#)
    }

    @Test func theOnlyVariablesAreTheDocumentedRequestValues() throws {
        let documented = ["method", "path", "query", "decodedQuery", "requestPath", "body", "host", "timestamp", "nonce",
                          "apiKey", "recvWindow", "canonicalQuery", "paramString"]
        for name in documented { _ = try TemplateParser().parse("{\(name)}") }
        for name in ["secret", "passphrase", "key", "env", "file", "environment", "home", "cwd", "now", "time", "random", "uuid", "exec"] {
            #expect(throws: TemplateError.self, "{\(name)} must not be a variable") { try TemplateParser().parse("{\(name)}") }
        }
    }

    // Every bundled vector's prehash and headers are checked for credentials in
    // BundledCorpusTests.noBundledRecipeRoutesTheSecretOrThePassphraseIntoTheSignedText, on the
    // one corpus run the test suite makes.

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
