import Foundation
import SigConform
import Testing

@Suite("lint")
struct LinterTests {
    @Test func validFixturesAreClean() {
        let report = AuthoringFixtures.linter().lint(paths: [AuthoringFixtures.root.appendingPathComponent("valid").path, AuthoringFixtures.venues])
        #expect(report.diagnostics.isEmpty, "\(report.renderText())")
        #expect(report.files == 3)
        #expect(report.vectors == 5)
        #expect(report.exitCode == 0)
    }

    @Test func keepsGoingAfterTheFirstProblemOfAFile() {
        let file = AuthoringFixtures.root.appendingPathComponent("multiple/four-problems.json").path
        let report = AuthoringFixtures.linter().lint(paths: [file])
        #expect(report.diagnostics.map(\.pointer) == [
            "/vectors/0/request/methd", "/vectors/0/expect/signatur", "/vectors/1/time/serverTime", "/vectors/2/expect/prehash",
        ], "\(report.renderText())")
        #expect(report.vectors == 3, "a misspelt member is read as the name it was meant to be, so the vector is still checked")
    }

    @Test func reportsEveryFileNotOnlyTheFirstBrokenOne() {
        let report = AuthoringFixtures.linter(checkMeaning: false).lint(paths: [AuthoringFixtures.broken])
        let files = Set(report.diagnostics.map(\.file))
        #expect(files.count >= 20)
    }

    @Test func structureOnlySignsNothing() {
        let file = AuthoringFixtures.broken + "/prehash-mismatch.json"
        #expect(AuthoringFixtures.linter(checkMeaning: false).lint(paths: [file]).diagnostics.isEmpty)
    }

    @Test func duplicateIdsAreFoundAcrossFilesOfAVenue() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-dup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let source = AuthoringFixtures.root.appendingPathComponent("valid/lintfix/requests.json")
        for name in ["a.json", "b.json"] { try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name)) }
        let report = AuthoringFixtures.linter(checkMeaning: false).lint(paths: [folder.path])
        #expect(report.diagnostics.count == 3)
        #expect(report.diagnostics.allSatisfy { $0.code == .duplicateID && $0.file.hasSuffix("b.json") && $0.message.contains("a.json:") })
    }

    @Test func vectorsOfABrokenVenueAreReportedAsUncheckedNotUnknown() {
        let venue = AuthoringFixtures.broken + "/venue-unknown-hash/venue.json"
        let vectors = FileManager.default.temporaryDirectory.appendingPathComponent("lint-\(UUID().uuidString).json").path
        let text = #"{"format":"sigconform/vectors@1","venue":"venue-unknown-hash","vectors":[]}"#
        _ = FileManager.default.createFile(atPath: vectors, contents: Data(text.utf8))
        defer { try? FileManager.default.removeItem(atPath: vectors) }
        let report = AuthoringFixtures.linter().lint(paths: [venue, vectors])
        #expect(report.diagnostics.map(\.code) == [.structure, .venueNotLoaded])
        #expect(report.warningCount == 1)
    }

    @Test func jsonOutputCarriesEveryField() throws {
        let report = AuthoringFixtures.linter().lint(paths: [AuthoringFixtures.broken + "/unknown-member-typo.json"])
        let json = try JSONParser().parse(report.renderJSON()).root
        #expect(json["format"]?.stringValue == "sigconform/lint@1")
        #expect(json["errors"] == .number("1"))
        let entry = try #require(json["diagnostics"]?.arrayValue?.first)
        #expect(entry["line"] == .number("26"))
        #expect(entry["column"] == .number("18"))
        #expect(entry["pointer"]?.stringValue == "/vectors/0/request/methd")
        #expect(entry["rule"]?.stringValue == "unknown-member")
        #expect(entry["fix"]?.stringValue == "did you mean \"method\"?")
        #expect(entry["vector"]?.stringValue == "lintfix/get-balance")
    }

    @Test func textOutputLeadsWithFileLineAndColumn() {
        let report = AuthoringFixtures.linter().lint(paths: [AuthoringFixtures.broken + "/unknown-member-typo.json"])
        let lines = report.renderText().split(separator: "\n")
        #expect(lines.first?.hasPrefix(AuthoringFixtures.broken + "/unknown-member-typo.json:26:18: error: unknown member \"methd\"") == true)
        #expect(lines.dropFirst().first == "    fix: did you mean \"method\"?")
        #expect(lines.last == "lint: 1 file, 1 vector: 1 error")
    }

    /// Lints `paths` against the fixture venue with its venue.json text changed by `edit`.
    static func lint(_ paths: [String], recipe edit: (String) -> String) throws -> LintReport {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("lint-recipe-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(at: root.appendingPathComponent("lintfix"), withIntermediateDirectories: true)
        let recipe = edit(try String(contentsOfFile: AuthoringFixtures.venues + "/lintfix/venue.json", encoding: .utf8))
        try recipe.write(to: root.appendingPathComponent("lintfix/venue.json"), atomically: true, encoding: .utf8)
        let registry = RunEnvironment.registry(extraRoots: [root.path], includeBundled: false).0
        return Linter(registry: registry, backends: standardBackends()).lint(paths: paths)
    }

    static let validFile = AuthoringFixtures.root.appendingPathComponent("valid/lintfix/requests.json").path

    @Test func aWrongRecipeIsReportedOnceAsAPrehashMismatchNotAlsoAsEverySignature() throws {
        let report = try Self.lint([Self.validFile]) { $0.replacingOccurrences(of: #""{timestamp}\n{method}"#, with: #""{timestamp}{method}"#) }
        for index in 0..<2 {
            let found = report.diagnostics.filter { ($0.pointer ?? "").hasPrefix("/vectors/\(index)/") }
            #expect(found.map(\.code) == [.prehashMismatch], "\(report.renderText())")
            #expect(found.first?.message.contains("the signatures differ as a consequence") == true)
        }
    }

    @Test func aWrongHashInTheRecipeIsNamedWhereTheVectorCarriesItsSignature() throws {
        let report = try Self.lint([Self.validFile]) { $0.replacingOccurrences(of: #""hash": "sha256""#, with: #""hash": "sha512""#) }
        let first = report.diagnostics.filter { ($0.pointer ?? "").hasPrefix("/vectors/0/") }
        #expect(first.map(\.code) == [.signatureMismatch], "\(report.renderText())")
        #expect(first.first?.fix?.contains("used HMAC-SHA256 instead of HMAC-SHA512") == true, "\(first.first?.fix ?? "")")
    }

    @Test func aBrokenRequiredMemberDoesNotHideTheMistakesAfterIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-venue-\(UUID().uuidString)/lintfix")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let recipe = try String(contentsOfFile: AuthoringFixtures.venues + "/lintfix/venue.json", encoding: .utf8)
            .replacingOccurrences(of: #""{timestamp}\n"#, with: #""{timestmp}\n"#)
            .replacingOccurrences(of: #""unix-ms""#, with: #""unix-seconds""#)
        try recipe.write(to: folder.appendingPathComponent("venue.json"), atomically: true, encoding: .utf8)
        let report = AuthoringFixtures.linter().lint(paths: [folder.appendingPathComponent("venue.json").path])
        #expect(report.diagnostics.map(\.pointer) == ["/hmac/prehash", "/hmac/timestamp/format"], "\(report.renderText())")
    }

    @Test func everyProblemOfAPrehashTemplateIsFoundInOnePass() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-venue-\(UUID().uuidString)/lintfix")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let recipe = try String(contentsOfFile: AuthoringFixtures.venues + "/lintfix/venue.json", encoding: .utf8)
            .replacingOccurrences(of: #""{timestamp}\n{method}\n"#, with: #""{timestmp}\n{method}}\n{secret}"#)
        try recipe.write(to: folder.appendingPathComponent("venue.json"), atomically: true, encoding: .utf8)
        let report = AuthoringFixtures.linter().lint(paths: [folder.appendingPathComponent("venue.json").path])
        let template = report.diagnostics.filter { $0.code == .template }
        #expect(template.map(\.pointer) == Array(repeating: "/hmac/prehash", count: 3), "\(report.renderText())")
        #expect(template.map(\.message) == ["bad template: unknown variable {timestmp} (character 1)",
                                            "bad template: '}' without an opening '{' (character 20)",
                                            "bad template: {secret}: the secret is never available to a template (character 22)"],
                "\(report.renderText())")
        #expect(template.allSatisfy { $0.location?.line == 14 })
    }

    @Test func everyIndependentMistakeOfAVenueIsFoundInOnePassWithoutEchoes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-venue-\(UUID().uuidString)/lintfix")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let recipe = try String(contentsOfFile: AuthoringFixtures.venues + "/lintfix/venue.json", encoding: .utf8)
            .replacingOccurrences(of: #""hash": "sha256""#, with: #""hash": "sha999""#)
            .replacingOccurrences(of: #""encoding": "hex""#, with: #""encoding": "hexx""#)
            .replacingOccurrences(of: #""unix-ms""#, with: #""unix-ns""#)
            .replacingOccurrences(of: #""message": "invalid signature""#, with: #""message": "invalid signature", "httpStatus": 7"#)
        try recipe.write(to: folder.appendingPathComponent("venue.json"), atomically: true, encoding: .utf8)
        let report = AuthoringFixtures.linter().lint(paths: [folder.appendingPathComponent("venue.json").path])
        // The timestamp left out for its format is not reported again as missing from the prehash.
        #expect(report.diagnostics.map(\.pointer) == ["/hmac/hash", "/hmac/signature/encoding", "/hmac/timestamp/format", "/errors/badSignature/httpStatus"],
                "\(report.renderText())")
    }

    /// `otherSchemes` is read as strictly as `check` reads it, each scheme on its own: the
    /// mistakes of two schemes are both found in one pass, each at its place.
    @Test func everyBrokenOtherSchemeIsReportedAtItsPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("lint-venue-\(UUID().uuidString)/lintfix")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let schemes = #"""
          "otherSchemes": [
            {"name": "Old keys", "docs": "not a link", "requires": [{"header": "X-OLD", "says": "X-OLD"}]},
            {"name": "Other API", "docs": "https://example.invalid/v2", "requires": [{"pathPrefix": "/v2/", "equals": ["1"], "says": "a /v2/ path"}]}
          ],
          "errors": {
        """#
        let recipe = try String(contentsOfFile: AuthoringFixtures.venues + "/lintfix/venue.json", encoding: .utf8)
            .replacingOccurrences(of: #""errors": {"#, with: schemes)
        try recipe.write(to: folder.appendingPathComponent("venue.json"), atomically: true, encoding: .utf8)
        let report = AuthoringFixtures.linter().lint(paths: [folder.appendingPathComponent("venue.json").path])
        #expect(report.diagnostics.map(\.pointer) == ["/otherSchemes/0/docs", "/otherSchemes/1/requires/0/equals"], "\(report.renderText())")
    }

    @Test func everyMistakeOfAVectorIsFoundInOnePassAndOnlyUsableVectorsAreChecked() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("lint-vector-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        let text = try String(contentsOfFile: Self.validFile, encoding: .utf8)
            .replacingOccurrences(of: #""result": "valid""#, with: #""result": "maybe""#)
            .replacingOccurrences(of: #""tags": []"#, with: #""tags": "a""#)
        try text.write(to: file, atomically: true, encoding: .utf8)
        let report = AuthoringFixtures.linter().lint(paths: [file.path])
        #expect(report.diagnostics.map(\.pointer) == ["/vectors/0/tags", "/vectors/0/result", "/vectors/1/tags", "/vectors/1/result", "/vectors/2/tags"],
                "\(report.renderText())")
        #expect(report.vectors == 1, "a vector without a usable result is not signed; one whose only problem is its tags still is")
    }
}
