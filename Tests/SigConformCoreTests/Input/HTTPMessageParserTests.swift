import SigConformCore
import Testing

@Suite("HTTPMessageParser")
struct HTTPMessageParserTests {
    static func failure(_ text: String) -> RequestParseError? {
        do {
            _ = try HTTPMessageParser().parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsACapturedRequestWithCRLF() throws {
        let text = "POST /api/v5/trade/order?x=1 HTTP/1.1\r\nHost: www.okx.com\r\nOK-ACCESS-KEY:  k \r\nContent-Type: application/json\r\n"
            + "Content-Length: 11\r\n\r\n{\"sz\":\"1\"}\n"
        let request = try HTTPMessageParser().parse(text)
        #expect(request.method == "POST")
        #expect(request.path == "/api/v5/trade/order")
        #expect(request.query == "x=1")
        #expect(request.host == nil)
        #expect(request.effectiveHost == "www.okx.com")
        #expect(request.headers["ok-access-key"] == "k")
        #expect(request.body == "{\"sz\":\"1\"}\n", "Content-Length keeps the body's own final newline")
    }

    @Test func bodyWithoutContentLengthLosesOnlyTheEditorsFinalNewline() throws {
        let request = try HTTPMessageParser().parse("POST /p HTTP/1.1\nHost: h\n\na=1&b=2\n")
        #expect(request.body == "a=1&b=2")
    }

    @Test func absoluteFormTargetGivesTheHost() throws {
        let request = try HTTPMessageParser().parse("GET https://api.huobi.pro/v1/order/orders?a=1 HTTP/1.1\n\n")
        #expect(request.host == "api.huobi.pro")
        #expect(request.path == "/v1/order/orders")
    }

    @Test func decodesAChunkedBody() throws {
        let request = try HTTPMessageParser().parse("POST /p HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2;ext=1\r\nde\r\n0\r\n\r\n")
        #expect(request.body == "abcde")
    }

    @Test func skipsLeadingBlankLines() throws {
        #expect(try HTTPMessageParser().parse("\r\n\nGET / HTTP/1.1\n").path == "/")
    }

    @Test(arguments: [
        ("GET /p HTTP/2\n\n", 1, 8, "not HTTP/1.1"),
        (":method: GET\n", 1, 1, "pseudo-headers"),
        ("GET  /p HTTP/1.1\n", 1, 1, "not METHOD TARGET VERSION"),
        ("GET /p HTTP/1.1\nX-Key : 1\n", 2, 6, "no space before the ':'"),
        ("GET /p HTTP/1.1\nX-A: 1\n  more\n", 3, 1, "line folding"),
        ("GET /p HTTP/1.1\nHost: a\nHost: b\n", 3, 1, "second Host"),
        ("POST /p HTTP/1.1\nContent-Length: 10\n\nabc", 2, 1, "body has 3 bytes"),
        ("POST /p HTTP/1.1\nContent-Length: 1\n\nabc", 4, 2, "2 bytes follow"),
        ("POST /p HTTP/1.1\nContent-Length: x1\n\n", 2, 16, "not a number"),
        ("POST /p HTTP/1.1\nTransfer-Encoding: gzip\n\n", 2, 19, "not supported"),
        ("GET p HTTP/1.1\n", 1, 5, "neither /path"),
        ("GET /p#f HTTP/1.1\n", 1, 5, "'#'"),
        ("GET /p HTTP/1.1\nNoColon\n", 2, 1, "without ':'"),
        ("", 1, 1, "empty"),
    ])
    func rejectsMalformedRequestsWithTheirPosition(text: String, line: Int, column: Int, fragment: String) throws {
        let error = try #require(Self.failure(text), "accepted \(text.debugDescription)")
        #expect(error.location == SourceLocation(line: line, column: column), "\(error)")
        #expect(error.description.contains(fragment), "\(error)")
    }

    @Test func rejectsABodyThatIsNotUTF8() throws {
        let bytes = Array("POST /p HTTP/1.1\n\n".utf8) + [0xFF, 0x0A]
        #expect(throws: RequestParseError.self) { try HTTPMessageParser().parse(bytes) }
    }
}
