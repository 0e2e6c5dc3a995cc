import SigConformCore

extension Mistake {
    /// Signed a timestamp off by whole hours (local time labelled as UTC), up to ±14 h.
    /// The millisecond search over ±10 minutes is run by ``Diagnoser`` with cached HMAC state.
    package static let timestampHourOffset = Mistake(.timestampMismatch, name: "timestamp-hour-offset", combinable: false) { attempt, context in
        TimeField.all(in: context).filter { $0.name == "timestamp" }.flatMap { field in
            (-14...14).filter { $0 != 0 }.compactMap { hours -> SigningAttempt? in
                let signed = TimestampCodec.format(field.milliseconds + Int64(hours) * 3_600_000, as: field.format)
                guard let request = field.setting(signed, in: attempt) else { return nil }
                return attempt.with(.timestampMismatch,
                                    "signed a timestamp \(abs(hours)) h \(hours < 0 ? "behind" : "ahead of") the one sent (\(signed) vs \(field.sent)): local time labelled as UTC") {
                    $0.request = request
                }
            }
        }
    }
}
