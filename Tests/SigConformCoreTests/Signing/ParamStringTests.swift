import SigConform
import Testing

/// Crypto.com's parameter string under the readings a recipe can choose.
@Suite struct ParamStringTests {
    static let javascript = ParamStringRule(member: "params", maximumDepth: nil, booleanStyle: .json, numberStyle: .javascript)

    static func render(_ json: String, _ rule: ParamStringRule = javascript) throws -> String {
        ParamString.render(try JSONParser().parse(json).root, rule: rule)
    }

    @Test func keysAreSortedAndConcatenatedWithoutDelimiters() throws {
        #expect(try Self.render(#"{"b":"2","a":"1","c":""}"#) == "a1b2c")
    }

    @Test func nestedObjectsAndArraysAreFlattenedRecursively() throws {
        let params = #"{"list":[{"y":"2","x":"1"},["p",["q"]],"r"],"obj":{"k":{"j":"v"}}}"#
        #expect(try Self.render(params) == "listx1y2pqrobjkjv")
    }

    @Test func scalarsAreWrittenTheJavaScriptWay() throws {
        #expect(try Self.render(#"{"a":true,"b":false,"c":null,"d":1.0,"e":0.00000001,"f":20}"#) == "atruebfalsecnulld1e1e-8f20")
    }

    @Test func numbersAsSentKeepTheBodyText() throws {
        let rule = ParamStringRule(member: "params", maximumDepth: nil, booleanStyle: .json, numberStyle: .asSent)
        #expect(try Self.render(#"{"d":1.0,"e":0.00000001}"#, rule) == "d1.0e0.00000001")
    }

    @Test func pythonBooleansAreCapitalised() throws {
        let rule = ParamStringRule(member: "params", maximumDepth: 3, booleanStyle: .python)
        #expect(try Self.render(#"{"a":true,"b":false}"#, rule) == "aTruebFalse")
    }

    @Test func aDepthLimitWritesDeeperObjectsAsJSON() throws {
        let rule = ParamStringRule(member: "params", maximumDepth: 1, booleanStyle: .json)
        #expect(try Self.render(#"{"o":{"b":"1","a":"2"}}"#, rule) == #"o{"b":"1","a":"2"}"#)
        #expect(try Self.render(#"{"o":{"b":"1","a":"2"}}"#) == "oa2b1")
    }

    @Test func keysFollowUTF16CodeUnitOrder() throws {
        // U+1F600 (surrogates D83D DE00) sorts before U+FF21 in UTF-16 code units (JavaScript's sort()),
        // after it in code points (Python's sorted()).
        #expect(try Self.render(#"{"Ａ":"2","😀":"1"}"#) == "😀1Ａ2")
    }

    @Test func nullParametersGiveTheEmptyString() throws {
        let venue = try RecipeFixtures.venue(hmac: """
        {"hash": "sha256", "prehash": "{body:method}{paramString}{body:nonce}", "signature": {"in": {"body": "sig"}},
         "paramString": {"maxDepth": "none", "numbers": "javascript"}}
        """)
        let request = HTTPRequest(method: "POST", path: "/x", body: #"{"method":"m","params":null,"nonce":5}"#)
        #expect(try RecipeFixtures.prehash(venue, request) == "m5")
    }

    @Test func decoderReadsTheNewOptions() throws {
        let venue = try RecipeFixtures.venue(hmac: """
        {"hash": "sha256", "prehash": "{paramString}", "signature": {"in": {"body": "sig"}},
         "paramString": {"member": "p", "maxDepth": "none", "booleans": "python", "numbers": "javascript"}}
        """)
        #expect(venue.hmac?.paramString == ParamStringRule(member: "p", maximumDepth: nil, booleanStyle: .python, numberStyle: .javascript))
        let error = RecipeFixtures.rejection(hmac: """
        {"hash": "sha256", "prehash": "{paramString}", "signature": {"in": {"body": "sig"}}, "paramString": {"numbers": "java"}}
        """)
        #expect(error?.pointer == "/hmac/paramString/numbers")
    }
}
