import Foundation
import SigConform
import Testing

/// Each file of Tests/Fixtures/lint/broken holds one mistake; lint must report exactly that one,
/// at the place and with the words broken-manifest.json gives.
@Suite("lint: broken corpus")
struct BrokenCorpusTests {
    @Test func theCorpusCoversEnoughMistakesAndEveryFileIsInTheManifest() throws {
        #expect(AuthoringFixtures.manifest.count >= 15)
        let enumerator = FileManager.default.enumerator(atPath: AuthoringFixtures.broken)
        let files = Set((enumerator?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".json") || $0.hasSuffix(".jsonl") })
        #expect(files == Set(AuthoringFixtures.manifest.map(\.file)))
    }

    @Test("reports the one mistake of", arguments: AuthoringFixtures.manifest)
    func reportsTheMistakeWhereItIs(fixture: AuthoringFixtures.Broken) throws {
        let report = AuthoringFixtures.linter().lint(paths: [fixture.path])
        let errors = report.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 1, "\(report.renderText())")
        let diagnostic = try #require(errors.first)
        #expect(diagnostic.code.rawValue == fixture.rule)
        #expect(diagnostic.file == fixture.path)
        #expect(diagnostic.message.contains(fixture.message), "\(diagnostic.message)")
        #expect(diagnostic.location == SourceLocation(line: fixture.line, column: fixture.column))
        #expect(diagnostic.pointer == fixture.pointer)
        if let fix = fixture.fix { #expect(diagnostic.fix?.contains(fix) == true, "\(diagnostic.fix ?? "no fix")") }
        #expect(report.exitCode == 2)
    }
}
