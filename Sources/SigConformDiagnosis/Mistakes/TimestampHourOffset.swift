import SigConformCore

extension Mistake {
    /// Signed a timestamp off by whole hours (local time labelled as UTC), up to ±14 h.
    /// The millisecond search over ±10 minutes is run by ``Diagnoser`` with cached HMAC state.
    public static let timestampHourOffset = Mistake(.timestampMismatch, name: "timestamp-hour-offset", combinable: false) { attempt, context in
        guard let field = context.recipe.timestamp, let sent = context.view.value(at: field.location),
              let milliseconds = TimestampCodec.milliseconds(sent, format: field.format) else { return [] }
        return (-14...14).filter { $0 != 0 }.map { hours in
            let signed = TimestampCodec.format(milliseconds + Int64(hours) * 3_600_000, as: field.format)
            return attempt.with(.timestampMismatch, "signed a timestamp \(abs(hours)) h \(hours < 0 ? "behind" : "ahead of") the one sent (\(signed) vs \(sent)): local time labelled as UTC") {
                $0.segmentOverrides[.timestamp] = signed
            }
        }
    }
}
