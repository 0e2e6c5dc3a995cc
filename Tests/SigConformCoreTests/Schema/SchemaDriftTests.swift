import Foundation
import SigConform
import Testing

/// The broken corpus of Tests/Fixtures/lint, read by the Swift decoders and by the JSON Schemas:
/// a file the decoder rejects must be rejected by the schema too, and the valid fixtures must
/// pass both, so an editor never calls a file fine that `check` refuses.
@Suite("JSON Schemas vs decoders")
struct SchemaDriftTests {
    struct Entry: Decodable {
        var file: String
        var decoder: String
        var schema: String
        /// Why the schema cannot reject a file the decoder rejects.
        var schemaGap: String?
    }

    static let fixtures = RepoPaths.root.appendingPathComponent("Tests/Fixtures/lint")

    static let broken: [Entry] = {
        struct Manifest: Decodable { var fixtures: [Entry] }
        let data = FileManager.default.contents(atPath: fixtures.appendingPathComponent("broken-manifest.json").path) ?? Data()
        return (try? JSONDecoder().decode(Manifest.self, from: data).fixtures) ?? []
    }()

    static let valid = ["valid/lintfix/requests.json", "valid/lines.jsonl", "venues/lintfix/venue.json"].map { fixtures.appendingPathComponent($0).path }

    /// Whether the decoder `check` uses reads the file without error.
    static func decoderAccepts(_ path: String) -> Bool {
        do {
            if path.hasSuffix("/venue.json") {
                let folder = ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent
                _ = try RecipeDecoder().decode(try FileReader.readJSON(path), expectedID: folder)
            } else if path.hasSuffix(".jsonl") {
                var accepted = true
                try CorpusLoader().forEachVector(in: path, body: { _ in }, lineError: { _ in accepted = false })
                return accepted
            } else {
                _ = try VectorDecoder().decodeFile(try FileReader.readJSON(path))
            }
            return true
        } catch {
            return false
        }
    }

    @Test func manifestSaysWhatTheDecoderDoes() {
        #expect(Self.broken.count >= 15)
        for entry in Self.broken {
            let path = Self.fixtures.appendingPathComponent("broken/\(entry.file)").path
            #expect(Self.decoderAccepts(path) == (entry.decoder == "accept"), "\(entry.file)")
        }
        for path in Self.valid { #expect(Self.decoderAccepts(path), "\(path)") }
    }

    @Test(.enabled(if: SchemaValidator.isAvailable, SchemaValidator.unavailableReason))
    func schemaRejectsWhatTheDecoderRejectsAndAcceptsTheValidFixtures() throws {
        let paths = Self.broken.map { Self.fixtures.appendingPathComponent("broken/\($0.file)").path }
        let results = try SchemaValidator.validate(paths + Self.valid)
        for (entry, path) in zip(Self.broken, paths) {
            let result = try #require(results[path], "no result for \(entry.file)")
            #expect(result.valid == (entry.schema == "accept"), "\(entry.file): \(result.errors.map(\.message))")
            if entry.decoder == "reject" && entry.schemaGap == nil {
                #expect(!result.valid, "\(entry.file): the decoder rejects it, the schema accepts it")
            }
        }
        for path in Self.valid {
            let result = try #require(results[path])
            #expect(result.valid, "\(path): \(result.errors.map(\.message))")
        }
    }
}
