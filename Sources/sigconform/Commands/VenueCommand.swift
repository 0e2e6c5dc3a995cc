import ArgumentParser
import Foundation
import SigConform

/// `sigconform venue`: work with venue folders.
struct VenueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venue",
        abstract: "Create a venue folder to fill in: sigconform venue new ID [--like VENUE].",
        subcommands: [New.self]
    )

    /// `sigconform venue new ID [--like VENUE]`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new",
            abstract: "Create vectors/ID/venue.json and vectors/ID/requests.json to fill in.",
            discussion: """
                The recipe is copied from --like VENUE (pick the venue whose signing is most alike), \
                or is a commented template. Values to fill in start with TODO; `sigconform lint` lists \
                them. Never overwrites a file. See docs/adding-a-venue.md.
                """
        )

        @Argument(help: "The new venue's id: lower-case letters, digits and '-', e.g. acme-spot.")
        var id: String

        @Option(name: .customLong("like"), help: "Copy the recipe of this venue (a bundled venue or one under --root).")
        var like: String?

        @Option(name: .customLong("root"), help: "The folder of venue folders to create it in.")
        var root = "vectors"

        func run() throws {
            var likeVenue: Venue?
            if let like {
                let (registry, _) = VenueOptions.registry(roots: [root])
                guard let found = registry[like] else {
                    let hint = unknownVenueHint(like, known: registry.sorted.map(\.id))
                    TerminalText.problems([Diagnostic(.unknownVenue, file: "--like \(like)", message: "unknown venue \"\(like)\"", fix: hint)])
                    throw ExitStatus.unusableInput
                }
                likeVenue = found
            }
            let scaffold = VenueScaffold(root: root, schemaDirectory: BundledVectors.directory + "/schema")
            let written: [String]
            do { written = try scaffold.create(id: id, like: likeVenue) } catch {
                TerminalText.problems(error.diagnostics(file: (root as NSString).appendingPathComponent(id)))
                throw ExitStatus.unusableInput
            }
            print("created \(written[0])" + (likeVenue.map { " (recipe copied from \($0.id))" } ?? " (template recipe)"))
            print("created \(written[1]) (one example vector to fill in)")
            let folder = (written[0] as NSString).deletingLastPathComponent
            let venuesOption = root == "vectors" ? "" : " --venues \(root)"
            print("""
                next: fill in every TODO from the venue's docs (sigconform lint \(folder) lists them), then
                      sigconform record --venue \(id)\(venuesOption) --secret-env SECRET_VAR --curl 'curl …'
                      sigconform check \(folder)
                """)
        }
    }
}
