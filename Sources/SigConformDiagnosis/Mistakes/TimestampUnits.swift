import SigConformCore

extension Mistake {
    /// Signed the timestamp in another unit than sent (seconds, milliseconds, microseconds).
    public static let timestampUnits = Mistake(.timestampUnits, name: "timestamp-unit") { attempt, context in
        guard let field = context.recipe.timestamp, let sent = context.view.value(at: field.location),
              let milliseconds = TimestampCodec.milliseconds(sent, format: field.format) else { return [] }
        let seconds = TimestampCodec.floorDivide(milliseconds, 1000)
        let candidates: [(String, String)] = [
            ("seconds", String(seconds)),
            ("milliseconds", String(milliseconds)),
            ("microseconds", String(milliseconds * 1000)),
            ("seconds with a decimal fraction", TimestampCodec.format(milliseconds, as: .unixSecondsDecimal)),
        ]
        return candidates.filter { $0.1 != sent }.map { unit, text in
            attempt.with(.timestampUnits, "signed the timestamp in \(unit) (\(text)) while sending \(sent)") {
                $0.segmentOverrides[.timestamp] = text
            }
        }
    }
}
