import Foundation
import SigConform
import Testing

/// Inputs that once made sigconform skip vectors without a word: each is now read, or is an
/// error that says what was not read and why.
@Suite struct SilentSkipTests {
    static let malformed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/malformed")
    /// The first line of the fixture: a valid binance-spot vector on one line.
    static var goodLine: String {
        get throws {
            let text = try String(contentsOf: malformed.appendingPathComponent("mixed-lines.jsonl"), encoding: .utf8)
            return String(text.split(separator: "\n")[0])
        }
    }

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-skip-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func vectors(in file: String) -> (ids: [String], errors: [InputError]) {
        var ids: [String] = []
        var errors: [InputError] = []
        do {
            try CorpusLoader().forEachVector(in: file, body: { ids.append($0.id) }, lineError: { errors.append($0) })
        } catch {
            errors.append(error)
        }
        return (ids, errors)
    }

    @Test(arguments: [InputLimits.jsonLinesLineBytes + 1, 3 * InputLimits.jsonLinesLineBytes + 17, 5 * InputLimits.jsonLinesLineBytes])
    func anOverlongLineIsOneErrorAndEveryLaterLineIsRead(_ length: Int) throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let good = try Self.goodLine
        var lines = [good.replacingOccurrences(of: "get-open-orders-timestamp-first", with: "before")]
        lines.append("{\"pad\": \"" + String(repeating: "x", count: length) + "\"}")
        for index in 1...50 { lines.append(good.replacingOccurrences(of: "get-open-orders-timestamp-first", with: "after-\(index)")) }
        let file = folder + "/corpus.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let (ids, errors) = Self.vectors(in: file)
        #expect(ids.count == 51, "\(errors)")
        #expect(ids.last == "after-50")
        #expect(errors.count == 1)
        #expect(errors.first?.location?.line == 2)
        #expect(errors.first?.message.contains("a line longer than 1 MiB") == true)
    }

    @Test func anOverlongLastLineWithoutNewlineIsOneError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/corpus.jsonl"
        try (try Self.goodLine + "\n" + String(repeating: "y", count: 2 * InputLimits.jsonLinesLineBytes)).write(toFile: file, atomically: true, encoding: .utf8)
        let (ids, errors) = Self.vectors(in: file)
        #expect(ids.count == 1)
        #expect(errors.count == 1 && errors.first?.location?.line == 2)
    }

    @Test func theFolderRuleReadsEveryVectorFileAndListsWhatItLeavesOut() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let good = try String(contentsOf: Self.malformed.appendingPathComponent("good.json"), encoding: .utf8)
        for relative in ["deep/standard/a.json", "deep/schema/b.json", ".hidden.json", "UPPER.JSON", "Lines.JSONL",
                         "standard/skipped.json", "schema/skipped.json", ".git/skipped.json", "binance-spot/venue.json", "notes.md"] {
            let path = root + "/" + relative
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try good.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let listing = CorpusLoader().list([root])
        let read = Set(listing.files.map { String($0.dropFirst(root.count + 1)) })
        #expect(read == ["deep/standard/a.json", "deep/schema/b.json", ".hidden.json", "UPPER.JSON", "Lines.JSONL"])
        #expect(Set(listing.skipped.map { String($0.dropFirst(root.count + 1)) }) == ["standard", "schema", ".git"])
        #expect(CorpusLoader().list([root], includingVenueFiles: true).files.contains(root + "/binance-spot/venue.json"))
        #expect(CorpusLoader.isJSONLines(root + "/Lines.JSONL"))
    }

    @Test func aFolderDeeperThanTheLimitIsAnErrorNotALink() throws {
        let root = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let relative = (0...InputLimits.folderDepth + 2).map { _ in "d" }.joined(separator: "/")
        try FileManager.default.createDirectory(atPath: root + "/" + relative, withIntermediateDirectories: true)
        let listing = CorpusLoader().list([root])
        #expect(listing.errors.count == 1)
        #expect(listing.errors.first?.message.contains("more than \(InputLimits.folderDepth) folders below") == true)
        #expect(listing.errors.first?.message.contains("link") == false)
    }

    @Test func aHeaderRepeatedInAnotherLetterCaseIsAnErrorInAVector() throws {
        let line = try Self.goodLine.replacingOccurrences(of: #""headers": {"X-MBX-APIKEY": "#, with: #""headers": {"x-mbx-apikey": "other-key", "X-MBX-APIKEY": "#)
        let document = try JSONParser().parse(line)
        let reader = JSONReader(file: "v.jsonl", document: document)
        let error = #expect(throws: InputError.self) { try VectorDecoder().decodeVector(document.root, at: "", reader: reader, fileVenue: nil) }
        #expect(error?.message.contains("x-mbx-apikey and X-MBX-APIKEY are one header") == true)
    }

    @Test func aHeaderRepeatedWithAnotherValueIsAnErrorInCapturedRequests() throws {
        let http = "GET /api/v3/account HTTP/1.1\r\nHost: api.binance.com\r\nX-MBX-APIKEY: a\r\nx-mbx-apikey: b\r\n\r\n"
        let httpError = #expect(throws: RequestParseError.self) { try HTTPMessageParser().parse(http) }
        #expect(httpError?.location.line == 4)
        #expect(throws: RequestParseError.self) { try CurlParser().parse("curl -H 'X-Key: a' -H 'x-key: b' https://api.binance.com/x") }
        // The same header twice with the same value says one thing: still read.
        #expect(try HTTPMessageParser().parse("GET /x HTTP/1.1\r\nHost: a.example\r\nAccept: */*\r\naccept: */*\r\n\r\n").headers.fields.count == 3)
        let har = #"{"log": {"entries": [{"request": {"method": "GET", "url": "https://api.binance.com/x", "headers": [{"name": "X-Key", "value": "a"}, {"name": "x-key", "value": "b"}]}}]}}"#
        #expect(throws: InputError.self) { try HARParser.parse(JSONReader(file: "h.har", document: JSONParser().parse(har))) }
    }

    @Test(arguments: ["GET\r\nX-Evil: 1", "GET\n", "G ET", "", "GET\u{0}"])
    func aHARMethodThatIsNotATokenIsAnError(_ method: String) throws {
        let har = JSONWriter.compact(.object([("log", .object([("entries", .array([.object([("request", .object([
            ("method", .string(method)), ("url", .string("https://api.binance.com/x")),
        ]))])]))]))]))
        let error = #expect(throws: InputError.self) { try HARParser.parse(JSONReader(file: "h.har", document: JSONParser().parse(har))) }
        #expect(error?.pointer == "/log/entries/0/request/method")
    }
}
