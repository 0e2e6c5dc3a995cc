import SigConformCore

extension Mistake {
    /// Signed a receive window other than the one sent: a client that signs its configured
    /// `recvWindow` (2000) while the HTTP layer sends its own default (5000), or the reverse.
    /// The receive windows clients use are tried in the venue's own field (a parameter or
    /// Bybit's header) and in any parameter named like one.
    package static let signedValueMismatch = Mistake(.valueMismatch, name: "recv-window-value") { attempt, context in
        var out: [SigningAttempt] = []
        var locations: [FieldLocation] = []
        if let location = context.recipe.recvWindow?.location { locations.append(location) }
        for part in [RequestPart.query, .formBody] {
            for item in part.items(of: attempt.request) where recvWindowNames.contains(item.key.lowercased()) {
                let location: FieldLocation = part == .query ? .query(item.key) : .body(item.key)
                if !locations.contains(location) { locations.append(location) }
            }
        }
        let view = RequestView(attempt.request, signature: context.recipe.signature.location)
        for location in locations {
            guard let sent = view.value(at: location) else { continue }
            for value in commonRecvWindows where value != sent {
                guard let request = attempt.request.replacing(location, with: value) else { continue }
                out.append(attempt.with(.valueMismatch, "signed the receive window \(value) but sent \(sent) (\(location))",
                                        fix: "read the receive window from one setting and put that same value in the signed text and on the wire") {
                    $0.request = request
                })
            }
        }
        return out
    }

    /// Parameter names clients give the receive window, lower-cased.
    static let recvWindowNames: Set<String> = ["recvwindow", "recv_window", "recv-window"]

    /// Receive windows (ms) found in client code and docs: library defaults, the venues' defaults
    /// and maximum, round values.
    static let commonRecvWindows = ["1000", "2000", "3000", "5000", "6000", "8000", "10000", "15000", "20000", "30000", "50000", "59999", "60000"]
}
