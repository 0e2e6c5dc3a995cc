import Foundation
import SigConform

/// What one run of `serve` has seen, shared by every connection: numbers the requests, hands
/// each answered exchange to the run's sink (reports, `--record`), and decides when to stop.
package final class ServeSession: @unchecked Sendable {
    /// Why the server stopped.
    package enum StopReason: Sendable, Equatable {
        case signal(String)
        case maxRequests(Int)
        case timeLimit(Double)
    }

    private let lock = NSLock()
    private let stopped = DispatchSemaphore(value: 0)
    private var nextNumber = 0
    private var answered = 0
    private var stopReason: StopReason?
    private let sink: (ServedExchange) -> Void
    package let maxRequests: Int?
    /// Milliseconds added to the machine's clock: the server's clock, to simulate a skewed venue.
    package let clockOffset: Int64

    /// `sink` gets every exchange, one at a time (it is called under the session's lock).
    package init(maxRequests: Int? = nil, clockOffset: Int64 = 0, sink: @escaping (ServedExchange) -> Void) {
        self.maxRequests = maxRequests
        self.clockOffset = clockOffset
        self.sink = sink
    }

    /// The server's clock now, ms since the epoch.
    package var serverTime: Int64 { Int64((Date().timeIntervalSince1970 * 1000).rounded(.down)) + clockOffset }

    /// A fresh request id, `request-1`, `request-2`, …
    package func nextRequestID() -> String {
        lock.lock()
        defer { lock.unlock() }
        nextNumber += 1
        return "request-\(nextNumber)"
    }

    /// Records a verified exchange (public answers have no verdict and are only counted).
    package func add(_ exchange: ServedExchange) {
        guard exchange.verdict != nil else { return }
        lock.lock()
        defer { lock.unlock() }
        sink(exchange)
    }

    /// Counts an answer once it is on the wire; the `--max-requests`th one stops the server.
    package func answerSent() {
        lock.lock()
        answered += 1
        let reached = maxRequests.map { answered >= $0 } ?? false
        lock.unlock()
        if reached, let maxRequests { stop(.maxRequests(maxRequests)) }
    }

    package var answeredCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return answered
    }

    /// Asks the server to stop; the first reason wins.
    package func stop(_ reason: StopReason) {
        lock.lock()
        let first = stopReason == nil
        if first { stopReason = reason }
        lock.unlock()
        if first { stopped.signal() }
    }

    /// Waits until ``stop(_:)`` is called, `seconds` pass (then the reason is the time limit), or
    /// `signalled` (polled ten times a second) names a signal that arrived.
    package func waitForStop(seconds: Double?, signalled: () -> String? = { nil }) -> StopReason {
        let deadline = seconds.map { DispatchTime.now() + $0 }
        while stopped.wait(timeout: .now() + 0.1) == .timedOut {
            if let name = signalled() {
                stop(.signal(name))
                break
            }
            if let deadline, let seconds, DispatchTime.now() >= deadline {
                stop(.timeLimit(seconds))
                break
            }
        }
        lock.lock()
        defer { lock.unlock() }
        return stopReason ?? .timeLimit(seconds ?? 0)
    }
}
