import SigConform
import Testing

/// `{pathWithout:/prefix}`: the path with a leading prefix of whole segments removed (Kraken
/// Futures signs `/api/v3/…` of a request sent to `/derivatives/api/v3/…`).
@Suite struct PathWithoutTests {
    static let krakenFutures = """
    {"hash": "sha512", "prehash": "{query}{pathWithout:/derivatives}", "signature": {"in": {"header": "Authent"}}}
    """

    @Test func thePrefixIsStrippedWhenThePathStartsWithIt() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.krakenFutures)
        let request = HTTPRequest(method: "POST", path: "/derivatives/api/v3/sendorder", query: "symbol=PF_XBTUSD")
        #expect(try RecipeFixtures.prehash(venue, request) == "symbol=PF_XBTUSD/api/v3/sendorder")
    }

    @Test func aPathWithoutThePrefixIsSignedWhole() throws {
        // The history API lives outside /derivatives and signs its full path.
        let venue = try RecipeFixtures.venue(hmac: Self.krakenFutures)
        #expect(try RecipeFixtures.prehash(venue, HTTPRequest(method: "GET", path: "/api/history/v2/orders")) == "/api/history/v2/orders")
    }

    @Test func onlyWholeSegmentsAreStripped() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.krakenFutures)
        #expect(try RecipeFixtures.prehash(venue, HTTPRequest(method: "GET", path: "/derivativesX/api")) == "/derivativesX/api")
        #expect(try RecipeFixtures.prehash(venue, HTTPRequest(method: "GET", path: "/derivatives")) == "")
    }

    @Test func theVariableIsLabelledAndAttributedToThePath() throws {
        let venue = try RecipeFixtures.venue(hmac: Self.krakenFutures)
        let variables = venue.hmac?.prehash.variables ?? []
        #expect(variables.contains(.pathWithout("/derivatives")))
        #expect(Variable.pathWithout("/derivatives").description == "pathWithout:/derivatives")
        #expect(Variable.pathWithout("/derivatives").component == .path)
    }

    @Test(arguments: ["derivatives", "/derivatives/", "/a?b"])
    func aPrefixThatIsNotWholeSegmentsIsRejected(prefix: String) {
        let error = RecipeFixtures.rejection(hmac: """
        {"hash": "sha256", "prehash": "{pathWithout:\(prefix)}", "signature": {"in": {"header": "S"}}}
        """)
        #expect(error?.pointer == "/hmac/prehash")
    }
}
