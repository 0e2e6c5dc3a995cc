import SigConformCore

extension Mistake {
    /// Signed the timestamp (or clock-derived nonce) in another unit than sent: seconds,
    /// milliseconds, microseconds.
    public static let timestampUnits = Mistake(.timestampUnits, name: "timestamp-unit") { attempt, context in
        TimeField.all(in: context).flatMap { field -> [SigningAttempt] in
            let milliseconds = field.milliseconds
            let candidates: [(String, String)] = [
                ("seconds", String(TimestampCodec.floorDivide(milliseconds, 1000))),
                ("milliseconds", String(milliseconds)),
                ("microseconds", String(milliseconds * 1000)),
                ("seconds with a decimal fraction", TimestampCodec.format(milliseconds, as: .unixSecondsDecimal)),
            ]
            var out = candidates.filter { $0.1 != field.sent }.compactMap { unit, text -> SigningAttempt? in
                guard let request = field.setting(text, in: attempt) else { return nil }
                return attempt.with(.timestampUnits, "signed the \(field.name) in \(unit) (\(text)) while sending \(field.sent)") {
                    $0.request = request
                }
            }
            // Sent whole seconds but signed a millisecond clock read: the milliseconds are unknown.
            if field.sent.count == 10, field.sent.allSatisfy(\.isNumber) {
                for extra in 1..<1000 {
                    let text = String(milliseconds + Int64(extra))
                    guard let request = field.setting(text, in: attempt) else { break }
                    out.append(attempt.with(.timestampUnits, "signed the \(field.name) in milliseconds (\(text)) while sending seconds (\(field.sent))") {
                        $0.request = request
                    })
                }
            }
            return out
        }
    }
}
