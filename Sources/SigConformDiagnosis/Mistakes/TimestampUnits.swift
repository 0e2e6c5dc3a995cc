import SigConformCore

extension Mistake {
    /// Signed the timestamp (or clock-derived nonce) in another unit than sent: seconds,
    /// milliseconds, microseconds.
    package static let timestampUnits = Mistake(.timestampUnits, name: "timestamp-unit") { attempt, context in
        TimeField.all(in: context).flatMap { field -> [SigningAttempt] in
            let milliseconds = field.milliseconds
            let candidates: [(String, String)] = [
                ("seconds", String(TimestampCodec.floorDivide(milliseconds, 1000))),
                ("milliseconds", String(milliseconds)),
                ("microseconds", String(milliseconds * 1000)),
                ("seconds with a decimal fraction", TimestampCodec.format(milliseconds, as: .unixSecondsDecimal)),
            ]
            return candidates.filter { $0.1 != field.sent }.compactMap { unit, text -> SigningAttempt? in
                guard let request = field.setting(text, in: attempt) else { return nil }
                return attempt.with(.timestampUnits, "signed the \(field.name) in \(unit) (\(text)) while sending \(field.sent)") {
                    $0.request = request
                }
            }
        }
    }

    /// Sent whole seconds but signed a millisecond clock read, whose milliseconds are unknown:
    /// the 999 readings within the sent second. A search rather than one variant, so it is not
    /// combined with other mistakes (paired with each variant of another mistake it would
    /// multiply the pair search by a thousand and crowd out every other pair in its budget).
    package static let timestampMillisecondsUnsent = Mistake(.timestampUnits, name: "timestamp-milliseconds-unsent", combinable: false) { attempt, context in
        TimeField.all(in: context).flatMap { field -> [SigningAttempt] in
            guard field.sent.count == 10, field.sent.allSatisfy(\.isNumber) else { return [] }
            var out: [SigningAttempt] = []
            for extra in 1..<1000 {
                let text = String(field.milliseconds + Int64(extra))
                guard let request = field.setting(text, in: attempt) else { break }
                out.append(attempt.with(.timestampUnits, "signed the \(field.name) in milliseconds (\(text)) while sending seconds (\(field.sent))") {
                    $0.request = request
                })
            }
            return out
        }
    }
}
