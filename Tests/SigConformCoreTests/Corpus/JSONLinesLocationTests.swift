import Foundation
import SigConform
import Testing

/// A JSON Lines vector is located by its line in the file: reports, `--id` listings and the order
/// of merged shard reports use it. Each line is parsed on its own, so its own location is line 1;
/// every vector of a .jsonl corpus was reported at line 1 until the line number was added back.
@Suite struct JSONLinesLocationTests {
    static let lines = try! String(contentsOfFile: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/malformed/mixed-lines.jsonl").path, encoding: .utf8).split(separator: "\n").map(String.init)

    @Test func vectorsAreLocatedAtTheirLinesPastBlankAndIndentedLines() throws {
        let first = Self.lines[0], other = Self.lines[2]
        let renamed = first.replacingOccurrences(of: #""id": ""#, with: #""id": "again-"#)
        // Line 2 empty, line 3 blanks only, line 4 indented by two spaces, line 5 a CRLF blank line.
        let text = first + "\n\n   \n  " + other + "\n\r\n" + renamed + "\n"
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-lines-\(UUID().uuidString).jsonl").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var vectors: [Vector] = []
        var errors: [InputError] = []
        try CorpusLoader().forEachVector(in: path, body: { vectors.append($0) }, lineError: { errors.append($0) })
        #expect(errors.isEmpty, "\(errors)")
        #expect(vectors.map { $0.origin.location?.line } == [1, 4, 6])
        #expect(vectors.map { $0.origin.location?.column } == [1, 3, 1])
        #expect(vectors.allSatisfy { $0.origin.file == path })
    }
}
