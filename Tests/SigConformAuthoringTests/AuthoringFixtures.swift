import Foundation
import SigConform
import Testing

/// The lint fixtures in Tests/Fixtures/lint, found from this file's location.
enum AuthoringFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/lint")
    static let venues = root.appendingPathComponent("venues").path
    static let broken = root.appendingPathComponent("broken").path

    /// One entry of broken-manifest.json.
    struct Broken: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var mistake: String
        var rule: String
        var message: String
        var line: Int
        var column: Int
        var pointer: String
        var fix: String?
        var decoder: String
        var schema: String
        var path: String { AuthoringFixtures.broken + "/" + file }
        var testDescription: String { file }
    }

    static let manifest: [Broken] = {
        struct Manifest: Decodable { var fixtures: [Broken] }
        let data = FileManager.default.contents(atPath: root.appendingPathComponent("broken-manifest.json").path) ?? Data()
        return (try? JSONDecoder().decode(Manifest.self, from: data).fixtures) ?? []
    }()

    /// The fixture venue only: lint results must not depend on the bundled venues.
    static var registry: VenueRegistry {
        RunEnvironment.registry(extraRoots: [venues], includeBundled: false).0
    }

    static func linter(checkMeaning: Bool = true) -> Linter {
        Linter(registry: registry, backends: standardBackends(), checkMeaning: checkMeaning)
    }
}
