import Foundation
import Testing

/// `sigconform venues`: the venue table, generated from the venue files.
@Suite struct VenuesCommandTests {
    static let regenerate = "swift run sigconform venues --markdown > docs/venues.md"

    static var venueFolders: [String] {
        let vectors = CLI.repositoryRoot.appendingPathComponent("vectors")
        return ((try? FileManager.default.contentsOfDirectory(atPath: vectors.path)) ?? []).sorted()
            .filter { FileManager.default.fileExists(atPath: vectors.appendingPathComponent("\($0)/venue.json").path) }
    }

    @Test func docsVenuesMarkdownIsWhatTheCommandPrints() throws {
        let output = try CLI.run(["venues", "--markdown"])
        #expect(output.status == 0, "\(output.stderr)")
        let committed = try String(contentsOf: CLI.repositoryRoot.appendingPathComponent("docs/venues.md"), encoding: .utf8)
        #expect(committed == output.stdout, "docs/venues.md is stale: run `\(Self.regenerate)`")
    }

    @Test func theTableHasOneRowPerVenueFolder() throws {
        let output = try CLI.run(["venues", "--markdown"])
        let rows = output.stdout.split(separator: "\n").filter { $0.hasPrefix("| `") }
        #expect(rows.count == Self.venueFolders.count)
        for folder in Self.venueFolders {
            #expect(rows.contains { $0.hasPrefix("| `\(folder)` |") }, "\(folder) has no row")
        }
    }

    @Test func theListingNamesEveryVenueWithItsRecipe() throws {
        let output = try CLI.run(["venues"])
        #expect(output.status == 0)
        for folder in Self.venueFolders {
            #expect(output.stdout.contains("\n\(folder) — ") || output.stdout.hasPrefix("\(folder) — "), "\(folder) is not listed")
        }
        #expect(output.stdout.contains("prehash    {timestamp}{method}{requestPath}{body}"))
    }

    @Test func aBrokenExtraVenueFolderIsReportedWithExitStatusTwo() throws {
        let folder = try CLI.temporaryDirectory().appendingPathComponent("broken")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try #"{"format": "sigconform/venue@1", "id": "broken"}"#.write(to: folder.appendingPathComponent("venue.json"), atomically: true, encoding: .utf8)
        let output = try CLI.run(["venues", "--venues", folder.path])
        #expect(output.status == 2)
        #expect(output.stderr.contains("venue.json"))
    }
}
