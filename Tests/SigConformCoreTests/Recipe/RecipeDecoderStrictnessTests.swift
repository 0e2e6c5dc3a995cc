import SigConformCore
import Testing

/// Recipe members that would be read by nobody are errors, not silently ignored.
@Suite("RecipeDecoder strictness")
struct RecipeDecoderStrictnessTests {
    static func decode(hmac: String = #"{"hash":"sha256","prehash":"{body}","signature":{"in":{"header":"S"}}}"#,
                       auth: String = "hmac", extra: String = "") throws(InputError) -> Venue {
        let text = #"{"format":"sigconform/venue@1","id":"v","name":"V","docs":"d","auth":"\#(auth)","hmac":\#(hmac)\#(extra)}"#
        let document = try! JSONParser().parse(text)
        return try RecipeDecoder().decode(JSONReader(file: "venue.json", document: document))
    }

    static func location(_ json: String) -> String {
        #"{"hash":"sha256","prehash":"{body}","signature":{"in":\#(json)}}"#
    }

    @Test(arguments: [
        (#"{"query":"sig","prefix":"x"}"#, "/hmac/signature/in/prefix"),
        (#"{"header":"S","parameter":"sig","prefix":"x"}"#, "/hmac/signature/in/prefix"),
        (#"{"header":"S","member":"m"}"#, "/hmac/signature/in/member"),
        (#"{"header":"S","decode":"base64-json","member":"m","scheme":"x"}"#, "/hmac/signature/in/scheme"),
    ])
    func modifierThatDoesNotApplyIsAnError(location: String, pointer: String) {
        #expect(throws: InputError.self) { try Self.decode(hmac: Self.location(location)) }
        do {
            _ = try Self.decode(hmac: Self.location(location))
        } catch {
            #expect(error.pointer == pointer)
            #expect(error.message.contains("does not apply"))
        }
    }

    @Test(arguments: [
        #"{"header":"S","prefix":"x "}"#, #"{"header":"S","parameter":"sig","scheme":"HMAC "}"#,
        #"{"header":"S","decode":"base64-json","member":"m"}"#, #"{"param":"signature"}"#,
    ])
    func modifiersThatApplyAreAccepted(location: String) throws {
        _ = try Self.decode(hmac: Self.location(location))
    }

    @Test func bearerRecipeBesideAnHMACOneIsAnError() {
        do {
            _ = try Self.decode(extra: #","bearer":{"header":"Authorization"}"#)
            Issue.record("accepted")
        } catch {
            #expect(error.pointer == "/bearer")
        }
    }

    @Test func hmacRecipeOnABearerVenueIsAnError() {
        do {
            _ = try Self.decode(auth: "bearer")
            Issue.record("accepted")
        } catch {
            #expect(error.pointer == "/hmac")
        }
    }
}
