import SigConform
import Testing

/// The venue table behind `sigconform venues` and docs/venues.md.
@Suite struct VenueTableTests {
    static func venue(_ id: String, hmac: String) throws -> Venue {
        let text = """
        {"format": "sigconform/venue@1", "id": "\(id)", "name": "N", "docs": "https://example.invalid/\(id)", "auth": "hmac", "hmac": \(hmac),
         "errors": {"badSignature": {"code": "E1", "message": "m"}, "badKey": {"code": "E3", "message": ""}}}
        """
        return try RecipeDecoder().decode(JSONReader(file: "venue.json", document: try JSONParser().parse(text)))
    }

    @Test func cellsDescribeTheRecipe() throws {
        let venue = try Self.venue("a", hmac: """
        {"hash": "sha512", "secret": "base64", "prehash": ["{path}\\n", {"digest": "sha256", "output": "raw", "of": "{nonce}{body}"}],
         "signature": {"in": {"header": "API-Sign"}, "encoding": "base64"}, "nonce": {"in": {"body": "nonce"}}}
        """)
        let row = try #require(VenueTable(venues: [venue], vectorCounts: ["a": 7]).rows.first)
        #expect(row.prehash == "{path}\\nsha256-raw({nonce}{body})")
        #expect(row.hash == "HMAC-SHA512")
        #expect(row.secret == "base64-decoded")
        #expect(row.output == "base64")
        #expect(row.timestamp == "nonce: body field nonce")
        #expect(row.window == "none (increasing nonce)")
        #expect(row.signature == "header API-Sign")
        #expect(row.errors == "E1 · — · E3")
        #expect(row.vectors == 7)
    }

    @Test(arguments: [
        (#"{"pastMs": "recvWindow", "futureMs": 1000}"#, "behind ≤ recvWindow (default 5 s), ahead < 1 s"),
        (#"{"pastMs": 30000, "futureMs": 1500}"#, "behind ≤ 30 s, ahead < 1500 ms"),
        (#"{"expires": true}"#, "until the expiry"),
    ])
    func windowsAreWrittenInWords(window: String, expected: String) throws {
        let venue = try Self.venue("w", hmac: """
        {"hash": "sha256", "prehash": "{timestamp}", "signature": {"in": {"header": "S"}},
         "timestamp": {"in": {"header": "T"}, "format": "unix-ms", "window": \(window)}, "recvWindow": {"defaultMs": 5000}}
        """)
        #expect(VenueTable(venues: [venue], vectorCounts: [:]).rows.first?.window == expected)
    }

    @Test func markdownEscapesPipesAndAngleBrackets() throws {
        let hmacVenue = try Self.venue("p", hmac: #"{"hash": "sha256", "prehash": "{method}|{path}", "signature": {"in": {"header": "S"}}}"#)
        let bearer = Venue(id: "b", name: "B", docs: "https://example.invalid/b", auth: .bearer(BearerRecipe()), file: "venue.json")
        let markdown = VenueTable(venues: [hmacVenue, bearer], vectorCounts: [:]).markdown
        #expect(markdown.contains("| `{method}\\|{path}` |"))
        #expect(markdown.contains("header Authorization: Bearer &lt;api key&gt;"))
        // Every row has as many cells as the header.
        let cellCounts = Set(markdown.split(separator: "\n").map { $0.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count })
        #expect(cellCounts.count == 1)
    }
}
