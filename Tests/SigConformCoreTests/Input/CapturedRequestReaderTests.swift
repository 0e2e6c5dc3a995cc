import SigConform
import Testing

/// The input layer tells the forms apart by their content, and fills credentials one way.
@Suite struct CapturedRequestReaderTests {
    static func read(_ text: String, namesTheForm: Bool = true) throws(InputError) -> [CapturedRequest] {
        try CapturedRequestReader(namesTheForm: namesTheForm).read(CapturedInput(name: "input", bytes: Array(text.utf8)))
    }

    /// Each parser's own error becomes the one diagnostic, with its code and place, in the file
    /// the reader was given (`InputError(_:file:)`), never rewritten by hand.
    @Test func aParserErrorIsADiagnosticOfTheInputWithItsOwnCode() {
        let cases: [(text: String, code: Diagnostic.Code, line: Int, column: Int)] = [
            ("curl 'https://api.binance.com/x", .requestSyntax, 1, 6),
            ("GET /x#frag HTTP/1.1\r\nHost: a.example\r\n\r\n", .requestSyntax, 1, 5),
            ("{\"log\": [1,]}", .syntax, 1, 12),
        ]
        for (text, code, line, column) in cases {
            do {
                _ = try Self.read(text)
                Issue.record("\(text) must not be read")
            } catch {
                let diagnostic = error.diagnostics[0]
                #expect(diagnostic.code == code, "\(diagnostic)")
                #expect(diagnostic.file == "input")
                #expect(diagnostic.location == SourceLocation(line: line, column: column), "\(diagnostic)")
                #expect(diagnostic.description.hasPrefix("input:\(line):\(column): error: "), "\(diagnostic)")
            }
        }
    }

    @Test func eachFormIsRecognisedByItsContent() throws {
        #expect(try Self.read("curl -s https://api.binance.com/api/v3/account").map(\.id) == ["curl"])
        #expect(try Self.read("GET /api/v3/account HTTP/1.1\r\nHost: api.binance.com\r\n\r\n").map(\.id) == ["http"])
        let har = #"{"log": {"entries": [{"request": {"method": "GET", "url": "https://a.example/x", "headers": []}}, {"request": {"method": "POST", "url": "https://b.example/y", "headers": []}}]}}"#
        let entries = try Self.read(har)
        #expect(entries.map(\.id) == ["har-entry-1", "har-entry-2"])
        #expect(entries.allSatisfy { $0.isOneOfMany })
        #expect(entries[1].label == "input entry 2")
        let captured = try Self.read(#"{"venue": "okx-v5", "request": {"method": "GET", "path": "/x", "headers": {"Host": "www.okx.com"}}, "time": {"serverTime": 5}}"#)
        #expect(captured.map(\.id) == ["case"])
        #expect(captured.first?.venue == "okx-v5")
        #expect(captured.first?.request.host == "www.okx.com")
        #expect(captured.first?.time.serverTime == 5)
    }

    /// A case file names other secrets as a vector does: an array of strings, nothing else.
    @Test func aCaseFileReadsOtherSecretsAndRefusesANumberAmongThem() throws {
        func text(_ otherSecrets: String) -> String {
            #"{"venue": "okx-v5", "credentials": {"secret": "s", "otherSecrets": \#(otherSecrets)}, "request": {"method": "GET", "path": "/x"}}"#
        }
        let captured = try Self.read(text(#"["old-secret", "testnet-secret"]"#))
        #expect(captured.first?.credentials.otherSecrets == ["old-secret", "testnet-secret"])
        #expect(captured.first?.credentials.passphrase == nil)
        #expect(throws: InputError.self) { try Self.read(text("[7]")) }
    }

    @Test func aCurlLineKeepsWhatItIgnoredAsANote() throws {
        let captured = try Self.read("curl -s --compressed https://api.binance.com/api/v3/account")
        #expect(captured.first?.notes == ["ignored curl options that do not change the request: -s --compressed"])
    }

    @Test func aParseErrorSaysWhatTheInputWasTakenForOnlyWhenSniffed() throws {
        let sniffed = #expect(throws: InputError.self) { try Self.read("curl 'https://api.binance.com/x") }
        #expect(sniffed?.message.hasPrefix("cannot read the curl line: ") == true)
        let named = #expect(throws: InputError.self) { try Self.read("curl 'https://api.binance.com/x", namesTheForm: false) }
        #expect(named?.message.hasPrefix("a single quote is never closed") == true)
    }

    @Test func aMisspeltCaseMemberIsAnErrorNamingTheMember() throws {
        let error = #expect(throws: InputError.self) { try Self.read(#"{"request": {"method": "GET", "path": "/"}, "tme": {}}"#) }
        #expect(error?.description.contains("tme") == true)
    }

    @Test func theGivenCredentialsWinAndTheRequestSuppliesTheKey() throws {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let venue = try #require(registry["okx-v5"])
        var request = HTTPRequest(method: "GET", host: "www.okx.com", path: "/api/v5/account/balance")
        request.headers = HTTPHeaders([("OK-ACCESS-KEY", "key-from-request"), ("OK-ACCESS-PASSPHRASE", "pass-from-request"),
                                       ("OK-ACCESS-TIMESTAMP", "2020-12-08T09:08:57.715Z")])
        let resolver = CredentialResolver(given: Credentials(secret: "given-secret"))
        let own = Credentials(secret: "case-secret")
        let diagnosis = try resolver.resolve(own, venue: venue, request: request, for: .diagnosis)
        #expect(diagnosis == Credentials(apiKey: "key-from-request", secret: "given-secret"))
        let recording = try resolver.resolve(own, venue: venue, request: request, for: .recording)
        #expect(recording == Credentials(apiKey: "key-from-request", secret: "given-secret", passphrase: "pass-from-request"))
        #expect(throws: CredentialResolver.Missing.secret(venue: venue.id)) {
            try CredentialResolver(given: Credentials()).resolve(Credentials(), venue: venue, request: request, for: .diagnosis)
        }
    }
}
