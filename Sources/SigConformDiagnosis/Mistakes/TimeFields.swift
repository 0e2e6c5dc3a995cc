import SigConformCore

/// A value in the request that carries time: the timestamp, or a nonce that clients derive
/// from the clock (Kraken, Bitfinex).
struct TimeField {
    var name: String
    var location: FieldLocation
    var format: TimestampFormat
    /// The value as sent.
    var sent: String
    var milliseconds: Int64

    /// The request's time fields under the venue's recipe.
    static func all(in context: MistakeContext) -> [TimeField] {
        var fields: [TimeField] = []
        if let field = context.recipe.timestamp, let sent = context.view.value(at: field.location),
           let milliseconds = TimestampCodec.milliseconds(sent, format: field.format) {
            fields.append(TimeField(name: "timestamp", location: field.location, format: field.format, sent: sent, milliseconds: milliseconds))
        }
        if let field = context.recipe.nonce, let sent = context.view.value(at: field.location), let format = inferredFormat(sent),
           let milliseconds = TimestampCodec.milliseconds(sent, format: format) {
            fields.append(TimeField(name: "nonce", location: field.location, format: format, sent: sent, milliseconds: milliseconds))
        }
        return fields
    }

    /// Clock-derived nonces are recognisable by their digit count.
    static func inferredFormat(_ text: String) -> TimestampFormat? {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
        switch text.count {
        case 10: return .unixSeconds
        case 13: return .unixMilliseconds
        case 16: return .unixMicroseconds
        default: return nil
        }
    }

    /// The attempt's request with this field set to `text`.
    func setting(_ text: String, in attempt: SigningAttempt) -> HTTPRequest? {
        attempt.request.replacing(location, with: text)
    }
}
