import Dispatch
import Synchronization

/// A search worker's candidates: time values added one offset at a time and tagged when the
/// batch is full. ``CandidateBatch`` (the value written straight into the prehash) and
/// ``WindowCandidates`` (the value inside a digest or a base64 payload) conform.
protocol TimeCandidates: ~Copyable, SendableMetatype {
    /// Whether the next ``firstMatch(of:)`` runs a whole batch.
    var isFull: Bool { get }
    /// Adds the candidate `offset` ms from the sent value of `field`.
    mutating func add(_ field: TimeField, offsetBy offset: Int64)
    /// The offset of the first candidate added since the last call whose tag is `target`, in
    /// the order they were added; the batch is empty afterwards.
    mutating func firstMatch(of target: [UInt8]) -> Int64?
}

/// The one driver of the timestamp searches: offsets outward from the sent value, split across
/// two workers (odd and even distances), each with its own candidates.
///
/// The result is the match nearest the sent value, whichever worker finds it first: a worker
/// that finds one stops, and the other goes on until its distance passes the one found, since
/// a nearer offset may still be ahead of it. The nearest is what a user needs (the smallest
/// clock difference that explains the signature), and it does not depend on thread timing.
enum NearestOffsetSearch {
    static let workers = 2

    /// The offset (a multiple of `field`'s step, ms) within `radius` steps whose candidate's tag
    /// is `target`, nearest first (on a tie, the earlier one); nil when none is.
    static func nearest<Candidates: TimeCandidates & ~Copyable>(
        field: TimeField, target: [UInt8], steps radius: Int64, candidates make: @Sendable (_ worker: Int) -> Candidates?
    ) -> Int64? {
        guard radius > 0 else { return nil }
        let step = field.stepMilliseconds
        let best = Mutex<Int64?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Each worker keys its own state; states are not shared between threads.
            guard var candidates = make(worker) else { return }
            var distance = Int64(worker) + 1
            search: while distance <= radius {
                // Checked now and then: the lock costs more than a candidate on the fast path.
                if distance % 1024 < 2, let found = best.withLock({ $0 }), distance * step > abs(found) { break search }
                for sign in stride(from: -1 as Int64, through: 1, by: 2) {
                    candidates.add(field, offsetBy: sign * distance * step)
                    // Candidates come in order of distance: a worker's first match is its nearest.
                    if candidates.isFull, let offset = candidates.firstMatch(of: target) {
                        keepNearer(offset, in: best)
                        return
                    }
                }
                distance += Int64(workers)
            }
            if let offset = candidates.firstMatch(of: target) { keepNearer(offset, in: best) }
        }
        return best.withLock { $0 }
    }

    /// Keeps `offset` in `best` when it is nearer the sent value than what is there (on a tie,
    /// the earlier, negative one).
    static func keepNearer(_ offset: Int64, in best: borrowing Mutex<Int64?>) {
        best.withLock { current in
            if current.map({ abs(offset) < abs($0) || (abs(offset) == abs($0) && offset < $0) }) ?? true { current = offset }
        }
    }
}
