import ArgumentParser
import Foundation
import SigConform

/// `sigconform venues`: what every venue's recipe says, read from the venue files.
struct VenuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "venues",
        abstract: "List every venue's recipe: prehash, hash, secret, output, timestamp, window, errors, docs.",
        discussion: """
            Reads the bundled venues (and --venues folders) and counts their vectors. With --markdown, \
            prints the table docs/venues.md holds: regenerate it with `swift run sigconform venues --markdown > docs/venues.md`.
            """
    )

    @OptionGroup var venueOptions: VenueOptions

    @Flag(name: .customLong("markdown"), help: "Print docs/venues.md (a Markdown table) instead of a terminal listing.")
    var markdown = false

    func run() throws {
        let (registry, errors) = venueOptions.registry()
        TerminalText.problems(errors.flatMap(\.diagnostics))
        let table = VenueTable(venues: registry.sorted, vectorCounts: VenueDocument.vectorCounts(registry.sorted))
        print(markdown ? VenueDocument.markdown(table) : table.listing, terminator: "")
        if !errors.isEmpty { throw ExitStatus.unusableInput }
    }
}
