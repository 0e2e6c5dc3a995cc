import SigConformCore
import Testing

/// Members starting with `$` are notes for editors and people, never data.
@Suite("$ annotation members")
struct AnnotationMemberTests {
    static func reader(_ text: String) throws -> JSONReader {
        JSONReader(file: "t.json", document: try JSONParser().parse(text))
    }

    @Test func areIgnoredInEveryVectorObject() throws {
        let plain = #"{"id":"a","credentials":{"secret":"s"},"request":{"method":"GET","path":"/"},"time":{"serverTime":1},"result":"valid","expect":{"signature":"x"}}"#
        let annotated = #"{"$comment":"c","id":"a","credentials":{"$comment":"c","secret":"s"},"request":{"$comment":"c","method":"GET","path":"/"},"#
            + #""time":{"$comment":"9","serverTime":1},"result":"valid","expect":{"$comment":"c","signature":"x"}}"#
        func decode(_ text: String) throws -> Vector {
            var vector = try VectorDecoder().decodeVector(try Self.reader(text).document.root, at: "", reader: try Self.reader(text), fileVenue: "v")
            vector.origin = VectorOrigin(file: "", pointer: "", location: nil)
            return vector
        }
        #expect(try decode(annotated) == decode(plain))
    }

    @Test func areIgnoredInEveryRecipeObject() throws {
        let venue = #"""
            {"$schema":"s","format":"sigconform/venue@1","id":"v","name":"V","docs":"d","auth":"hmac",
             "hmac":{"$comment":"c","hash":"sha256","prehash":"{timestamp}{recvWindow}","signature":{"$comment":"c","in":{"$comment":"c","header":"S"}},
                     "timestamp":{"$comment":"c","in":{"header":"T"},"format":"unix-ms","window":{"$comment":"c","pastMs":1}},
                     "recvWindow":{"$comment":"c","defaultMs":5}},
             "errors":{"$comment":"c","badKey":{"$comment":"c","code":"1"}}}
            """#
        let decoded = try RecipeDecoder().decode(try Self.reader(venue))
        #expect(decoded.hmac?.recvWindow?.defaultMilliseconds == 5)
        #expect(decoded.hmac?.timestamp?.window?.isExpiry == false)
        #expect(decoded.errors.badKey == VenueError(code: "1", message: ""))
        #expect(decoded.errors.badSignature == nil)
    }
}
