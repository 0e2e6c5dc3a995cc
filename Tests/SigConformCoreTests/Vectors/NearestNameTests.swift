import Testing
@testable import SigConformCore

/// "Did you mean": what a user typed against the names that exist.
@Suite struct NearestNameTests {
    static let venues = ["binance-spot", "bybit-v5", "htx", "okx-v5", "kucoin-v2", "openai-compatible"]

    @Test func aVenueIdThatStartsWithWhatWasTypedWinsOverACloserSpelling() {
        #expect(nearestName(to: "okx", in: Self.venues) == "okx-v5")
        #expect(nearestName(to: "OKX", in: Self.venues) == "okx-v5")
        #expect(nearestName(to: "binance", in: Self.venues) == "binance-spot")
    }

    @Test func misspellingsStillFindTheNearestName() {
        #expect(nearestName(to: "htz", in: Self.venues) == "htx")
        #expect(nearestName(to: "bybit-v4", in: Self.venues) == "bybit-v5")
        #expect(nearestName(to: "BYBIT-V5", in: Self.venues) == "bybit-v5")
        #expect(nearestName(to: "coinbase", in: Self.venues) == nil)
    }

    @Test func tiesAreBrokenByNameWhateverTheOrderOfTheCandidates() {
        // Equally short prefixes, equal edit distances, names equal but for case: the first by
        // name wins, in every order a set or a dictionary could hand them over.
        let cases: [(typed: String, candidates: [String], expected: String)] = [
            ("ab", ["abd", "abc", "abe"], "abc"),
            ("kraken-spoz", ["kraken-spox", "kraken-spoy", "kraken-spot"], "kraken-spot"),
            ("Okx", ["okx", "OKX"], "OKX"),
        ]
        for (typed, candidates, expected) in cases {
            for order in [candidates, candidates.reversed(), Array(candidates.dropFirst()) + [candidates[0]]] {
                #expect(nearestName(to: typed, in: order) == expected, "\(typed) in \(order)")
            }
        }
    }

    @Test func theUnknownVenueHintListsEveryVenue() {
        let hint = unknownVenueHint("okx", known: Self.venues)
        #expect(hint.hasPrefix("did you mean \"okx-v5\"?"))
        #expect(hint.hasSuffix("known venues: \(Self.venues.joined(separator: ", "))"))
        #expect(unknownVenueHint("coinbase", known: Self.venues) == "known venues: \(Self.venues.joined(separator: ", "))")
    }
}
