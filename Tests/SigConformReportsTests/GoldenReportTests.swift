import Foundation
import SigConform
import Testing

/// Every reporter against a canned file (SwiftLint's ReporterTests, argument-parser's
/// snapshots): the fixed run of ``ReportFixture`` is written by ``ReportWriter`` (so the
/// redaction is included), volatile values become placeholders, and the result must equal
/// Golden/<file> byte for byte, JSON included: member order is part of the format (the encoder
/// exists to keep it), so a parsed comparison would miss a reordering. `RECORD_GOLDEN=1 swift test` rewrites the
/// golden files (and fails, so a recording run is never mistaken for a passing one).
@Suite struct GoldenReportTests {
    static let written: [String: String] = {
        let directory = temporaryDirectory("golden")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = (try? ReportWriter(directory: directory).write(ReportFixture.run, reporters: Reporters.all, context: ReportFixture.context)) ?? []
        var texts: [String: String] = [:]
        for path in paths {
            texts[(path as NSString).lastPathComponent] = ReportFixture.normalised((try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
        }
        return texts
    }()

    static let goldenDirectory = Repository.path("Tests/SigConformReportsTests/Golden")

    @Test(arguments: Reporters.all.map { type(of: $0).fileName })
    func reportMatchesItsGoldenFile(fileName: String) throws {
        let actual = try #require(Self.written[fileName], "the writer did not write \(fileName)")
        let goldenPath = "\(Self.goldenDirectory)/\(fileName)"
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try actual.write(toFile: goldenPath, atomically: true, encoding: .utf8)
            Issue.record("recorded \(goldenPath); run again without RECORD_GOLDEN to compare")
            return
        }
        let expected = try #require(try? String(contentsOfFile: goldenPath, encoding: .utf8),
                                    "no golden file \(goldenPath): record it with RECORD_GOLDEN=1 swift test")
        #expect(actual == expected, "\(fileName) differs from \(goldenPath); first difference at line \(Self.firstDifferentLine(actual, expected))")
        if fileName.hasSuffix(".json") {
            #expect((try? JSONSerialization.jsonObject(with: Data(actual.utf8))) != nil, "\(fileName) is not valid JSON")
        }
    }

    @Test func goldenFilesHoldPlaceholdersNotMachineValues() throws {
        for (fileName, text) in Self.written {
            #expect(!text.contains(ReportFixture.vectorsDirectory), "\(fileName) still holds the vectors path")
            #expect(!text.contains("0.0.0-golden"), "\(fileName) still holds the version")
        }
        #expect(Self.written["report.json"]?.contains("{VECTORS}/binance-spot/docs.json") == true)
        #expect(Self.written["junit.xml"]?.contains("{DATE}") == true)
    }

    static func firstDifferentLine(_ a: String, _ b: String) -> Int {
        let left = a.split(separator: "\n", omittingEmptySubsequences: false)
        let right = b.split(separator: "\n", omittingEmptySubsequences: false)
        return (zip(left, right).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(left.count, right.count)) + 1
    }
}
