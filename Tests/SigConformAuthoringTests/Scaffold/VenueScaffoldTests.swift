import Foundation
import SigConform
import Testing

@Suite("venue new: VenueScaffold")
struct VenueScaffoldTests {
    static func temporaryRoot() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scaffold-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.path
    }

    @Test func templateFilesLoadAndLintReportsOnlyThePlaceholders() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let written = try VenueScaffold(root: root, schemaDirectory: nil).create(id: "acme", like: nil)
        #expect(written == [root + "/acme/venue.json", root + "/acme/requests.json"])
        _ = try VenueRegistry.loadVenue(file: written[0], expectedID: "acme")
        #expect(try VectorDecoder().decodeFile(try FileReader.readJSON(written[1])).count == 1)
        let report = Linter(registry: VenueRegistry(), backends: standardBackends()).lint(paths: [root])
        #expect(report.errorCount > 10)
        #expect(report.diagnostics.allSatisfy { $0.code == .placeholder }, "\(report.renderText())")
    }

    @Test func copiesTheRecipeOfALikeVenue() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let like = try #require(AuthoringFixtures.registry["lintfix"])
        let written = try VenueScaffold(root: root, schemaDirectory: nil).create(id: "acme-two", like: like)
        let venue = try VenueRegistry.loadVenue(file: written[0], expectedID: "acme-two")
        #expect(venue.auth == like.auth)
        let vector = try #require(try VectorDecoder().decodeFile(try FileReader.readJSON(written[1])).first)
        #expect(vector.request.headers.fields.map(\.name) == ["X-LF-KEY", "X-LF-TS", "X-LF-SIGN"])
    }

    @Test func neverOverwritesAndRejectsBadIds() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let scaffold = VenueScaffold(root: root, schemaDirectory: nil)
        _ = try scaffold.create(id: "acme", like: nil)
        let before = try String(contentsOfFile: root + "/acme/venue.json", encoding: .utf8)
        #expect(throws: RecordError.self) { try scaffold.create(id: "acme", like: nil) }
        #expect(try String(contentsOfFile: root + "/acme/venue.json", encoding: .utf8) == before)
        #expect(throws: RecordError.self) { try scaffold.create(id: "Acme", like: nil) }
    }

    @Test
    func schemaPathsPointAtTheSchemas() throws {
        let root = try Self.temporaryRoot()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let schemas = AuthoringFixtures.root.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("vectors/schema").path
        let written = try VenueScaffold(root: root, schemaDirectory: schemas).create(id: "acme", like: nil)
        for file in written {
            let relative = try #require(try FileReader.readJSON(file).document.root["$schema"]?.stringValue)
            let resolved = URL(fileURLWithPath: (file as NSString).deletingLastPathComponent).appendingPathComponent(relative).standardizedFileURL.path
            #expect(FileManager.default.fileExists(atPath: resolved), "\(relative)")
        }
    }
}
