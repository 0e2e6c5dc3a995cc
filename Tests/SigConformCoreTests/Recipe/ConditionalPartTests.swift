import SigConform
import Testing

/// `{"if": …, "then": …, "else": …}` parts of a prehash template.
@Suite struct ConditionalPartTests {
    /// Bitstamp's rule: the content type is signed only when there is a body.
    static let contentTypeWithBody = """
    {"hash": "sha256", "prehash": ["{method}", {"if": "body", "then": "{header:Content-Type}"}, "{body}"],
     "signature": {"in": {"header": "X-Sig"}}}
    """

    @Test func thenBranchIsSignedWhenTheConditionIsPresent() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.contentTypeWithBody)
        let request = HTTPRequest(method: "POST", path: "/p", headers: HTTPHeaders([("Content-Type", "application/json")]), body: "{}")
        #expect(try RecipeFixtures.prehash(venue, request) == "POSTapplication/json{}")
    }

    @Test func nothingIsSignedWhenTheConditionIsEmpty() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.contentTypeWithBody)
        // A Content-Type sent without a body is still left out of the prehash.
        let request = HTTPRequest(method: "POST", path: "/p", headers: HTTPHeaders([("Content-Type", "application/json")]))
        #expect(try RecipeFixtures.prehash(venue, request) == "POST")
    }

    @Test func aRequiredVariableInTheChosenBranchMustBePresent() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.contentTypeWithBody)
        let request = HTTPRequest(method: "POST", path: "/p", body: "{}")
        #expect(throws: SigningError.self) { try RecipeFixtures.prehash(venue, request) }
    }

    @Test func elseBranchIsSignedWhenTheConditionIsAbsent() throws {
        // BitMEX: api-expires when sent, else the retired api-nonce.
        let venue = try RecipeFixtures.venue(hmac: """
        {"hash": "sha256", "prehash": ["{method}{requestPath}", {"if": "timestamp", "then": "{timestamp}", "else": "{nonce}"}, "{body}"],
         "signature": {"in": {"header": "api-signature"}},
         "timestamp": {"in": {"header": "api-expires"}, "format": "unix-s", "window": {"expires": true}},
         "nonce": {"in": {"header": "api-nonce"}}}
        """)
        let expires = HTTPRequest(method: "GET", path: "/a", query: "x=1", headers: HTTPHeaders([("api-expires", "1518064236")]))
        let nonce = HTTPRequest(method: "GET", path: "/a", headers: HTTPHeaders([("api-nonce", "1429631577690")]))
        #expect(try RecipeFixtures.prehash(venue, expires) == "GET/a?x=11518064236")
        #expect(try RecipeFixtures.prehash(venue, nonce) == "GET/a1429631577690")
    }

    @Test func branchesMayHoldLiteralText() throws {
        // KuCoin: '?' and the decoded query only when there is a query.
        let venue = try RecipeFixtures.venue(hmac: """
        {"hash": "sha256", "prehash": ["{path}", {"if": "query", "then": "?{decodedQuery}"}],
         "signature": {"in": {"header": "KC-API-SIGN"}}}
        """)
        #expect(try RecipeFixtures.prehash(venue, HTTPRequest(method: "GET", path: "/a", query: "c=BEP20%28BSC%29&b=x+y")) == "/a?c=BEP20(BSC)&b=x y")
        #expect(try RecipeFixtures.prehash(venue, HTTPRequest(method: "GET", path: "/a")) == "/a")
    }

    @Test func theSegmentIsLabelledWithTheConditionAndTheBranch() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.contentTypeWithBody)
        guard case .variable(let variable, _) = venue.hmac?.prehash.parts[1] else {
            Issue.record("the conditional is not a variable part")
            return
        }
        #expect(variable.description == "if body: {header:Content-Type}")
        #expect(variable.component == .header)
    }

    @Test func unknownConditionIsRejectedWithItsPointer() {
        let error = RecipeFixtures.rejection(hmac: """
        {"hash": "sha256", "prehash": ["{method}", {"if": "bdy", "then": "{body}"}], "signature": {"in": {"header": "S"}}}
        """)
        #expect(error?.pointer == "/hmac/prehash/1/if")
        #expect(error?.hint?.contains("{body}") == true)
    }

    @Test func conditionMustBeAPlainVariableName() {
        let error = RecipeFixtures.rejection(hmac: """
        {"hash": "sha256", "prehash": [{"if": "body?", "then": "{body}"}], "signature": {"in": {"header": "S"}}}
        """)
        #expect(error?.pointer == "/hmac/prehash/0/if")
    }

    @Test func missingThenIsRejected() {
        let error = RecipeFixtures.rejection(hmac: """
        {"hash": "sha256", "prehash": [{"if": "body", "else": "{body}"}], "signature": {"in": {"header": "S"}}}
        """)
        #expect(error?.message.contains("\"then\"") == true)
    }

    @Test func aConditionalWithoutIfIsRejectedAsOne() {
        let error = RecipeFixtures.rejection(hmac: """
        {"hash": "sha256", "prehash": [{"then": "{body}"}], "signature": {"in": {"header": "S"}}}
        """)
        #expect(error?.message.contains("\"if\"") == true)
    }

    @Test func unknownMemberOfAConditionalIsRejected() {
        let error = RecipeFixtures.rejection(hmac: """
        {"hash": "sha256", "prehash": [{"if": "body", "then": "{body}", "otherwise": ""}], "signature": {"in": {"header": "S"}}}
        """)
        #expect(error?.pointer == "/hmac/prehash/0/otherwise")
    }

    @Test func variablesInsideAConditionalNeedTheirFields() {
        // {nonce} in a branch, and nonce as the condition, both need a "nonce" field.
        for prehash in [#"[{"if": "body", "then": "{nonce}"}]"#, #"[{"if": "nonce", "then": "x"}]"#] {
            let error = RecipeFixtures.rejection(hmac: #"{"hash": "sha256", "prehash": \#(prehash), "signature": {"in": {"header": "S"}}}"#)
            #expect(error?.message.contains("no \"nonce\"") == true, "\(prehash)")
        }
    }

    @Test func sourceWritesTheTemplateSyntaxBack() throws {
        let template = try TemplateParser().parse("a{{b}}{method}{header:X?}\n")
        #expect(template.source == "a{{b}}{method}{header:X?}\n")
        #expect(try TemplateParser().parse(template.source) == template)
    }
}
