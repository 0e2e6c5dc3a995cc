import SigConform

/// Finds the venue a request is for: by its first path segment (`/binance-spot/api/v3/account`),
/// or, on a listener that serves one venue, that venue with the path as sent.
package struct VenueRouter: Sendable {
    package let venues: [MockVenue]

    package init(venues: [MockVenue]) { self.venues = venues }

    /// The venue and the path as the venue sees it, or `nil` when no venue is at `path`.
    package func route(_ path: String) -> (venue: MockVenue, path: String)? {
        let segment = path.dropFirst().prefix { $0 != "/" }
        if let venue = venues.first(where: { $0.venue.id == segment }) {
            let rest = path.dropFirst(segment.count + 1)
            return (venue, rest.isEmpty ? "/" : String(rest))
        }
        return venues.count == 1 ? (venues[0], path) : nil
    }
}
