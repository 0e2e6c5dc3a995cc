import Foundation
import SigConformCore

/// docs/venues.md: the venue table with its title and legend, regenerated from the venue files.
package enum VenueDocument {
    /// The command that writes docs/venues.md; the staleness test names it.
    package static let command = "swift run sigconform venues --markdown > docs/venues.md"

    /// The whole document.
    package static func markdown(_ table: VenueTable) -> String {
        """
        # Venues

        <!-- Generated from vectors/*/venue.json by `\(command)`. Do not edit by hand. -->

        Every venue sigconform knows, as its recipe (`vectors/<venue>/venue.json`) says; the notes in \
        each venue file say which reading the recipe follows where the docs leave room.

        - **prehash**: the template of docs/recipes.md; `sha256-raw(…)` is a digest written into the prehash \
        (raw bytes, hex or base64), `{if X: … else: …}` a part signed only when the request has X.
        - **window**: how far the timestamp may trail the venue's clock (behind) and lead it (ahead); \
        "until the expiry" when the timestamp is an expiry; "by key option" the window under each setting \
        of the user's key that changes it (docs/recipes.md, Key options).
        - **errors**: the venue's codes for a bad signature · a bad timestamp · a bad key.
        - **vectors**: vectors of the venue in its folder.

        \(table.markdown)
        """
    }

    /// The number of vectors of each venue found in the venue's own folder.
    package static func vectorCounts(_ venues: [Venue]) -> [String: Int] {
        var counts: [String: Int] = [:]
        let loader = CorpusLoader()
        for venue in venues {
            let folder = (venue.file as NSString).deletingLastPathComponent
            var count = 0
            for file in loader.files([folder]).files {
                try? loader.forEachVector(in: file, body: { vector in if vector.venue == venue.id { count += 1 } }, lineError: { _ in })
            }
            counts[venue.id] = count
        }
        return counts
    }
}
