import SigConformCore
import SigConformMAC

/// A venue's own prehash echoed in its error message (Bybit's 10004 carries
/// `origin_string[...]`), compared with the prehash sigconform computes for the request.
public struct ServerEcho: Sendable, Hashable {
    /// The server's prehash as it appeared in the message.
    public var serverPrehash: String
    /// Whether it equals sigconform's correct prehash (the API key may be masked by the server).
    public var matchesCorrectPrehash: Bool
    /// A sentence for the report.
    public var summary: String

    /// Extracts the echoed prehash from `message`; `nil` when there is none.
    public static func extract(from message: String) -> String? {
        for marker in ["origin_string[", "origin_string:", "origin string ["] {
            guard let start = message.range(of: marker) else { continue }
            let rest = message[start.upperBound...]
            guard let end = rest.lastIndex(of: "]") else { return String(rest) }
            return String(rest[..<end])
        }
        return nil
    }

    /// Compares the echoed prehash with `correct`, treating a masked API key as equal.
    public init?(message: String, correct: Prehash, apiKey: String?) {
        guard let echoed = Self.extract(from: message) else { return nil }
        serverPrehash = echoed
        let ours = correct.text ?? ""
        func masked(_ text: String) -> String {
            guard let apiKey, !apiKey.isEmpty else { return text }
            return text.split(separator: apiKey, omittingEmptySubsequences: false).joined(separator: String(repeating: "X", count: apiKey.count))
        }
        let normalisedServer = echoed.replacingAll("*", with: "X")
        if masked(ours) == normalisedServer || ours == echoed {
            matchesCorrectPrehash = true
            summary = "the venue's own prehash (origin_string) equals the correct prehash: the request reached it as captured, so the client signed something else"
        } else {
            matchesCorrectPrehash = false
            let offset = zip(Array(masked(ours).utf8), Array(normalisedServer.utf8)).prefix { $0 == $1 }.count
            summary = "the venue's own prehash differs from the one computed from the captured request at byte \(offset): the request the venue received is not the one captured (an HTTP client or proxy changed it), or the capture is incomplete"
        }
    }
}
