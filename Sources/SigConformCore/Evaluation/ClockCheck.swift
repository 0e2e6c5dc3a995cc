/// Where a request's timestamp falls relative to the venue's clock and window.
public struct ClockCheck: Sendable, Hashable {
    /// The request's timestamp in ms since the epoch.
    public var timestamp: Int64
    /// The venue's clock at arrival.
    public var serverTime: Int64
    /// `serverTime - timestamp`: positive when the client's timestamp is behind the server.
    public var lag: Int64
    /// How far behind the timestamp may be.
    public var allowedPast: Int64
    /// How far ahead the timestamp may be.
    public var allowedFuture: Int64
    public var isExpiry: Bool

    public var withinWindow: Bool {
        if isExpiry { return serverTime <= timestamp }
        return lag <= allowedPast && -lag < allowedFuture
    }

    /// A sentence for the report: by how much and which side.
    public var summary: String {
        if isExpiry {
            return withinWindow ? "expires \(-lag) ms after arrival"
                : "expired \(lag) ms before the request arrived (the expiry must be in the future)"
        }
        if lag >= 0 {
            return "the timestamp is \(lag) ms behind the server clock (allowed: \(allowedPast) ms)"
        }
        return "the timestamp is \(-lag) ms ahead of the server clock (allowed: under \(allowedFuture) ms)"
    }

    /// Evaluates `timestamp` (ms) against `window`; `recvWindow` fills a window that follows the receive window.
    public init(timestamp: Int64, serverTime: Int64, window: TimeWindow, recvWindow: Int64) {
        self.timestamp = timestamp
        self.serverTime = serverTime
        // Saturating: a vector can pair any two 64-bit times, and -lag must stay representable.
        let (difference, overflow) = serverTime.subtractingReportingOverflow(timestamp)
        self.lag = overflow ? (serverTime < timestamp ? -Int64.max : Int64.max) : max(difference, -Int64.max)
        self.allowedPast = window.pastMilliseconds ?? recvWindow
        self.allowedFuture = window.futureMilliseconds
        self.isExpiry = window.isExpiry
    }
}
