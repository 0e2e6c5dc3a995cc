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

    /// Writes `milliseconds` in `format` into `buffer` and returns the byte count, without
    /// allocating for the integer formats (the hot loop of the timestamp search).
    static func write(_ milliseconds: Int64, format: TimestampFormat, into buffer: inout [UInt8]) -> Int {
        let value: Int64
        switch format {
        case .unixMilliseconds: value = milliseconds
        case .unixSeconds: value = TimestampCodec.floorDivide(milliseconds, 1000)
        case .unixMicroseconds: value = milliseconds * 1000
        default:
            let text = Array(TimestampCodec.format(milliseconds, as: format).utf8)
            buffer.replaceSubrange(0..<min(text.count, buffer.count), with: text.prefix(buffer.count))
            return min(text.count, buffer.count)
        }
        guard value > 0 else {
            let text = Array(String(value).utf8)
            buffer.replaceSubrange(0..<text.count, with: text)
            return text.count
        }
        var remaining = value
        var count = 0
        var reversed: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                       UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &reversed) { scratch in
            while remaining > 0 {
                scratch[count] = UInt8(remaining % 10) + 0x30
                remaining /= 10
                count += 1
            }
            for index in 0..<count { buffer[index] = scratch[count - 1 - index] }
        }
        return count
    }

    /// The attempt's request with this field set to `text`.
    func setting(_ text: String, in attempt: SigningAttempt) -> HTTPRequest? {
        attempt.request.replacing(location, with: text)
    }
}
