import Foundation
import SigConform
import Testing

/// Every input has a size limit (InputLimits, listed in SECURITY.md), enforced while it is
/// read, with an error that names the limit.
@Suite struct HostileInputLimitsTests {
    static let bigBody = #"{"a":""# + String(repeating: "x", count: InputLimits.requestBytes) + #""}"#

    @Test func aRequestOverTheLimitIsAnErrorInEveryForm() throws {
        let http = "POST /x HTTP/1.1\r\nHost: api.binance.com\r\nContent-Type: application/json\r\n\r\n" + Self.bigBody
        let httpError = #expect(throws: RequestParseError.self) { try HTTPMessageParser().parse(http) }
        #expect(httpError?.message.contains("over the 1 MiB limit for one request") == true)
        #expect(throws: RequestParseError.self) { try CurlParser().parse("curl https://api.binance.com/x --data-raw '\(Self.bigBody)'") }
        let header = String(repeating: "h", count: InputLimits.requestBytes)
        #expect(throws: RequestParseError.self) { try HTTPMessageParser().parse("GET /x HTTP/1.1\r\nHost: a.example\r\nX-Big: \(header)\r\n\r\n") }
        let request = JSONWriter.compact(.object([("method", .string("POST")), ("path", .string("/x")), ("body", .string(Self.bigBody))]))
        let document = try JSONParser().parse(request)
        let error = #expect(throws: InputError.self) { try VectorDecoder().decodeRequest(document.root, at: "", reader: JSONReader(file: "r.json", document: document)) }
        #expect(error?.message.contains("over the 1 MiB limit") == true)
        let har = JSONWriter.compact(.object([("log", .object([("entries", .array([.object([("request", .object([
            ("method", .string("POST")), ("url", .string("https://api.binance.com/x")), ("postData", .object([("text", .string(Self.bigBody))])),
        ]))])]))]))]))
        #expect(throws: InputError.self) { try HARParser.parse(JSONReader(file: "h.har", document: JSONParser().parse(har))) }
    }

    @Test func aRequestJustUnderTheLimitIsRead() throws {
        let body = String(repeating: "x", count: InputLimits.requestBytes - 200)
        #expect(try HTTPMessageParser().parse("POST /x HTTP/1.1\r\nHost: a.example\r\n\r\n" + body).body.count == body.count)
    }

    @Test func aHARWithMoreEntriesThanTheLimitIsRefused() throws {
        let entry = #"{"request": {"method": "GET", "url": "https://api.binance.com/x"}}"#
        let har = #"{"log": {"entries": ["# + Array(repeating: entry, count: InputLimits.harEntries + 1).joined(separator: ",") + "]}}"
        let error = #expect(throws: InputError.self) { try HARParser.parse(JSONReader(file: "h.har", document: JSONParser().parse(har))) }
        #expect(error?.message.contains("over the limit of \(InputLimits.harEntries) requests") == true)
    }

    @Test func aFileOverItsLimitIsRefusedBeforeItIsRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-limits-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/request.http"
        #expect(FileManager.default.createFile(atPath: file, contents: Data(count: InputLimits.capturedRequestBytes + 1)))
        let error = #expect(throws: InputError.self) { try FileReader.read(file, limit: InputLimits.capturedRequestBytes) }
        #expect(error?.message.contains("over the 16 MiB limit for one file") == true)
    }

    @Test func selftestReadsStandardVectorFilesUpToTheFileLimit() {
        // SigConformSelfTest cannot see InputLimits (it depends on SigConformMAC only).
        #expect(SelfTestError.maximumFileBytes == InputLimits.fileBytes)
    }

    @Test func limitsAreDescribedInTheUnitsPeopleRead() {
        #expect(InputLimits.describe(64 << 20) == "64 MiB")
        #expect(InputLimits.describe(4 << 30) == "4 GiB")
        #expect(InputLimits.describe(512 << 10) == "512 KiB")
        #expect(InputLimits.describe(1000) == "1000 bytes")
    }

    @Test func securityMdListsEveryLimitWithItsValue() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("SECURITY.md"), encoding: .utf8)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") }
        func row(_ start: String) -> String { rows.first { $0.hasPrefix("| " + start) }.map(String.init) ?? "" }
        #expect(row("one JSON file").contains(InputLimits.describe(InputLimits.fileBytes)))
        #expect(row("one line of a JSON Lines").contains(InputLimits.describe(InputLimits.jsonLinesLineBytes)))
        #expect(row("JSON nesting").contains("\(InputLimits.jsonDepth) levels"))
        #expect(row("one request").contains(InputLimits.describe(InputLimits.requestBytes)))
        #expect(row("standard input").contains(InputLimits.describe(InputLimits.capturedRequestBytes)))
        #expect(row("requests in one HAR").contains("10,000") && InputLimits.harEntries == 10_000)
        #expect(row("one answer line").contains(InputLimits.describe(InputLimits.signerAnswerBytes)))
        #expect(row("a report read by").contains(InputLimits.describe(InputLimits.reportBytes)))
        #expect(row("one vector (or one other member) of a report").contains(InputLimits.describe(InputLimits.reportEntryBytes)))
        #expect(row("`--shard K/N`").contains("10,000") && InputLimits.shardCount == 10_000)
        #expect(row("folders below").contains("\(InputLimits.folderDepth)"))
    }
}
