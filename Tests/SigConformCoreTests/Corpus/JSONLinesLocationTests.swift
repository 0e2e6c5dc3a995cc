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

    /// Lines are cut from reads of ``CorpusLoader/readBytes``: a line across two reads (or
    /// three), a CRLF split between two reads, and blank lines between, are handed on whole,
    /// numbered as in the file, with the same bytes as the file's lines.
    @Test func linesAcrossReadsAreHandedOnWholeAndNumbered() throws {
        let first = Self.lines[0]
        let read = CorpusLoader.readBytes
        var text = ""
        var expected: [(number: Int, line: String)] = []
        var number = 0
        func add(_ line: String, ending: String = "\n") {
            number += 1
            text += line + ending
            if !line.allSatisfy({ $0 == " " || $0 == "\t" }) { expected.append((number, line)) }
        }
        // Padding before the closing brace moves where each line ends: the CR of the line
        // ending the first read is its last byte, so the LF starts the second read.
        var index = 0
        while text.utf8.count < 3 * read {
            index += 1
            let line = String(first.dropLast()).replacingOccurrences(of: #""id": ""#, with: #""id": "n\#(index)-"#)
            let wanted = read - 1 - text.utf8.count
            if wanted > line.utf8.count + 1, wanted < line.utf8.count + 4000 {
                add(line + String(repeating: " ", count: wanted - line.utf8.count - 1) + "}", ending: "\r\n")
            } else if index % 7 == 0 {
                add("   ")
            } else {
                add(line + String(repeating: " ", count: index * 37 % 900) + "}", ending: index % 3 == 0 ? "\r\n" : "\n")
            }
        }
        // One line longer than a read, and a last line without a line break.
        add(String(first.dropLast()) + String(repeating: " ", count: read + 10) + "}")
        add(String(first.dropLast()).replacingOccurrences(of: #""id": ""#, with: #""id": "last-"#) + "}", ending: "")
        let bytes = Array(text.utf8)
        #expect(bytes[read - 1] == 0x0D && bytes[read] == 0x0A, "the CRLF is split between the first two reads")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-reads-\(UUID().uuidString).jsonl").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var handed: [(number: Int, line: String)] = []
        var errors: [InputError] = []
        try CorpusLoader().forEachLine(of: path, line: { handed.append(($0, String(decoding: $1, as: UTF8.self))) }, lineError: { errors.append($0) })
        #expect(errors.isEmpty, "\(errors)")
        #expect(handed.map(\.number) == expected.map(\.number))
        #expect(handed.map(\.line) == expected.map(\.line))
        // And decoded: every line a vector at its line.
        var vectors: [Vector] = []
        try CorpusLoader().forEachVector(in: path, body: { vectors.append($0) }, lineError: { errors.append($0) })
        #expect(errors.isEmpty, "\(errors)")
        #expect(vectors.map { $0.origin.location?.line } == expected.map(\.number))
        #expect(vectors.last?.id.hasPrefix("last-") == true)
    }
}
