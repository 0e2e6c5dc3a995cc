import SigConformCore
import Testing

@Suite("CurlParser")
struct CurlParserTests {
    static func request(_ command: String) throws -> HTTPRequest { try CurlParser().parse(command).request }

    static func failure(_ command: String) -> RequestParseError? {
        do {
            _ = try CurlParser().parse(command)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsMethodHeadersAndFormBodyAsCurlSendsThem() throws {
        let command = try CurlParser().parse("""
            curl -sS -X POST 'https://api.binance.com/api/v3/order?symbol=LTCBTC&side=BUY' \\
              -H 'X-MBX-APIKEY: vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A' \\
              -d 'type=LIMIT&quantity=1&timestamp=1499827319559'
            """)
        #expect(command.scheme == "https")
        #expect(command.ignoredOptions == ["-s", "-S"])
        #expect(command.request == HTTPRequest(
            method: "POST", host: "api.binance.com", path: "/api/v3/order", query: "symbol=LTCBTC&side=BUY",
            headers: HTTPHeaders([("X-MBX-APIKEY", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"),
                                  ("Content-Type", "application/x-www-form-urlencoded")]),
            body: "type=LIMIT&quantity=1&timestamp=1499827319559"))
    }

    @Test func dataWithoutMethodIsAPostAndSeveralDataJoinWithAmpersand() throws {
        let request = try Self.request("curl https://x.example/p -d a=1 --data-raw 'b=@2' --data-binary c=3")
        #expect(request.method == "POST")
        #expect(request.body == "a=1&b=@2&c=3")
    }

    @Test func getOptionMovesTheDataIntoTheQuery() throws {
        let request = try Self.request("curl -G 'https://x.example/p?a=1' -d b=2")
        #expect(request.method == "GET")
        #expect(request.query == "a=1&b=2")
        #expect(request.body == "")
        #expect(request.headers["Content-Type"] == nil)
    }

    @Test func jsonOptionSetsBodyContentTypeAndAccept() throws {
        let request = try Self.request(#"curl --json '{"a":1}' https://x.example/p"#)
        #expect(request.method == "POST")
        #expect(request.body == #"{"a":1}"#)
        #expect(request.headers["Content-Type"] == "application/json")
        #expect(request.headers["Accept"] == "application/json")
    }

    @Test func givenContentTypeWins() throws {
        let request = try Self.request(#"curl -H 'content-type: application/json' -d '{"a":1}' https://x.example/p"#)
        #expect(request.headers.fields.map(\.name) == ["content-type"])
    }

    @Test func dataUrlencodeEncodesTheContentAsCurlDoes() throws {
        let request = try Self.request("curl https://x.example/p --data-urlencode 'note=a b&c/é' --data-urlencode '=x y'")
        #expect(request.body == "note=a+b%26c%2F%C3%A9&x+y")
    }

    @Test func quotingStylesAndShortOptionClusters() throws {
        let request = try Self.request(#"curl -sXPUT "https://x.example/a%20b" -H "X-Q: \"q\" \$5" -H $'X-N: line\u00e9'"#)
        #expect(request.method == "PUT")
        #expect(request.path == "/a%20b")
        #expect(request.headers["X-Q"] == #""q" $5"#)
        #expect(request.headers["X-N"] == "lineé")
    }

    @Test func ansiCQuotedBodyKeepsEscapedNewlinesAndQuotes() throws {
        let request = try Self.request(#"curl 'https://x.example/p' --data-raw $'{"a":"it\'s"}\n'"#)
        #expect(request.body == "{\"a\":\"it's\"}\n")
    }

    @Test func emptyHeaderValueRemovesTheHeaderAndSemicolonSendsItEmpty() throws {
        let request = try Self.request("curl https://x.example/p -H 'Content-Type:' -H 'X-Empty;' -d a=1")
        #expect(request.headers["Content-Type"] == nil)
        #expect(request.headers["X-Empty"] == "")
    }

    @Test func defaultsToHTTPWithoutSchemeAndDropsTheFragment() throws {
        let command = try CurlParser().parse("curl x.example:8443?a=1#frag")
        #expect(command.scheme == "http")
        #expect(command.request.host == "x.example:8443")
        #expect(command.request.path == "/")
        #expect(command.request.query == "a=1")
    }

    @Test func userOptionSendsBasicAuthorization() throws {
        #expect(try Self.request("curl -u user:pass https://x.example/").headers["Authorization"] == "Basic dXNlcjpwYXNz")
    }

    @Test(arguments: [
        ("curl https://x.example/ -d @body.json", 1, 28, "file"),
        ("curl https://x.example/ -H \"X-Key: $KEY\"", 1, 36, "shell expansion"),
        ("curl 'https://x.example/?a=[1]'", 1, 6, "glob"),
        ("curl https://x.example/?a=1&b=2", 1, 28, "'&'"),
        ("curl 'https://x.example/", 1, 6, "never closed"),
        ("curl --header=X:1 https://x.example/", 1, 6, "not --header=VALUE"),
        ("curl --hedaer X:1 https://x.example/", 1, 6, "did you mean --header?"),
        ("curl https://x.example/ \\\n  -F a=b", 2, 3, "multipart"),
        ("curl -X", 1, 6, "needs a value"),
        ("curl -H 'X Key: 1' https://x.example/", 1, 9, "not a valid header name"),
        ("wget https://x.example/", 1, 1, "not curl"),
        ("curl -X POST", 1, 1, "no URL"),
        ("curl https://a.example/ https://b.example/", 1, 25, "a second URL"),
        ("curl 'https://u:p@x.example/'", 1, 6, "user credentials"),
        ("curl https://x.example/ -b cookies.txt", 1, 28, "cookie file"),
    ])
    func rejectsWhatItCannotReadFaithfully(command: String, line: Int, column: Int, fragment: String) throws {
        let error = try #require(Self.failure(command), "accepted \(command)")
        #expect(error.location == SourceLocation(line: line, column: column), "\(error)")
        #expect(error.description.contains(fragment), "\(error)")
    }
}
