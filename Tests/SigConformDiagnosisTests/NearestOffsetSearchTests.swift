import Foundation
import SigConform
@testable import SigConformDiagnosis
import Testing

/// The one drift-search driver returns the match nearest the sent value, whichever of its two
/// workers finds one first: the smallest clock difference is what a user needs, and a result
/// must not depend on thread timing.
@Suite struct NearestOffsetSearchTests {
    /// Candidates that match at chosen offsets, tagged four at a time like the SIMD path; a slow
    /// worker sleeps before each batch so that the other one finds its match first.
    struct Scripted: TimeCandidates, ~Copyable {
        let matching: Set<Int64>
        let slow: Bool
        var added: [Int64] = []
        var isFull: Bool { added.count == 4 }

        mutating func add(_ field: TimeField, offsetBy offset: Int64) { added.append(offset) }

        mutating func firstMatch(of target: [UInt8]) -> Int64? {
            defer { added.removeAll() }
            if slow { Thread.sleep(forTimeInterval: 0.05) }
            return added.first { matching.contains($0) }
        }
    }

    static let field = TimeField(name: "timestamp", location: .header("T", prefix: ""), format: .unixMilliseconds,
                                 sent: "1700000000000", milliseconds: 1_700_000_000_000)

    @Test(arguments: [0, 1])
    func theNearestMatchWinsWhenTheOtherWorkerFindsAFartherOneFirst(slowWorker: Int) {
        // Distance 1 belongs to worker 0, distance 2 to worker 1; the slow one finds its match last.
        let found = NearestOffsetSearch.nearest(field: Self.field, target: [], steps: 10_000) { worker in
            Scripted(matching: [-1, 2], slow: worker == slowWorker)
        }
        #expect(found == -1)
    }

    @Test func onATieTheEarlierOffsetWins() {
        let found = NearestOffsetSearch.nearest(field: Self.field, target: [], steps: 100) { _ in Scripted(matching: [7, -7], slow: false) }
        #expect(found == -7)
    }

    @Test func aMatchInTheLastPartialBatchIsFound() {
        // 5 steps: worker 0 adds distances 1, 3, 5 (six candidates): one full batch and a partial one.
        let found = NearestOffsetSearch.nearest(field: Self.field, target: [], steps: 5) { _ in Scripted(matching: [5], slow: false) }
        #expect(found == 5)
    }
}
