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

    @Test func theUnknownVenueHintListsEveryVenue() {
        let hint = unknownVenueHint("okx", known: Self.venues)
        #expect(hint.hasPrefix("did you mean \"okx-v5\"?"))
        #expect(hint.hasSuffix("known venues: \(Self.venues.joined(separator: ", "))"))
        #expect(unknownVenueHint("coinbase", known: Self.venues) == "known venues: \(Self.venues.joined(separator: ", "))")
    }
}
