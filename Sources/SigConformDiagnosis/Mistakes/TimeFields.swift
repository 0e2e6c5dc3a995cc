import SigConformCore

/// A value in the request that carries time: the timestamp, or a nonce that clients derive
/// from the clock (Kraken, Bitfinex).
struct TimeField {
    let name: String
    let location: FieldLocation
    let format: TimestampFormat
    /// The value as sent.
    let sent: String
    let milliseconds: Int64
    /// The sent value as an integer, for the integer formats (the digits the search varies);
    /// read once here, not for each of the search's million candidates.
    let integerValue: Int64?
    /// For seconds with a decimal fraction (Gate: `str(time.time())`), the fraction's digit
    /// count as sent: candidates keep it, so `1700000797.381482` moves by whole milliseconds
    /// with its last three digits kept, and a whole-second header moves by seconds.
    let decimals: Int?

    init(name: String, location: FieldLocation, format: TimestampFormat, sent: String, milliseconds: Int64) {
        self.name = name
        self.location = location
        self.format = format
        self.sent = sent
        self.milliseconds = milliseconds
        let parts = sent.split(separator: ".", omittingEmptySubsequences: false)
        if format == .unixSecondsDecimal, parts.count <= 2, parts.allSatisfy({ !$0.isEmpty && $0.utf8.allSatisfy { (0x30...0x39).contains($0) } }),
           parts.count == 1 || parts[1].count <= 9, let digits = Int64(parts.joined()) {
            decimals = parts.count == 2 ? parts[1].count : 0
            integerValue = digits
        } else {
            decimals = nil
            integerValue = switch format {
            case .unixSeconds, .unixMilliseconds, .unixMicroseconds: Int64(sent)
            default: nil
            }
        }
    }

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

    /// The smallest step the format can express, in milliseconds.
    var stepMilliseconds: Int64 {
        if let decimals { return decimals >= 3 ? 1 : Self.power(3 - decimals) }
        switch format {
        case .unixSeconds, .iso8601Seconds: return 1000
        default: return 1
        }
    }

    /// The value `offset` milliseconds away from the one sent, written as the client would:
    /// integer formats keep their sub-millisecond digits (a microsecond nonce stays exact).
    func text(offsetBy offset: Int64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TimestampCodec.maximumWrittenLength) { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[..<write(offsetBy: offset, into: buffer)]), as: UTF8.self)
        }
    }

    func integerOffset(_ offset: Int64) -> Int64 {
        if let decimals { return decimals >= 3 ? offset * Self.power(decimals - 3) : offset / Self.power(3 - decimals) }
        switch format {
        case .unixMicroseconds: return offset * 1000
        case .unixSeconds: return offset / 1000
        default: return offset
        }
    }

    /// Writes `text(offsetBy:)` into `buffer` (at least ``TimestampCodec/maximumWrittenLength``
    /// bytes) and returns the byte count, without allocating: the hot loop of the timestamp search.
    func write(offsetBy offset: Int64, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        if let integer = integerValue {
            // The sent integer moved, so sub-millisecond digits of a microsecond nonce stay exact.
            let count = TimestampCodec.write(integer + integerOffset(offset), as: .unixMilliseconds, into: buffer)
            guard let decimals, decimals > 0, count > decimals, buffer[0] != UInt8(ascii: "-") else { return count }
            // Seconds with a fraction: the point goes back before the fraction's digits.
            for index in stride(from: count, to: count - decimals, by: -1) { buffer[index] = buffer[index - 1] }
            buffer[count - decimals] = UInt8(ascii: ".")
            return count + 1
        }
        return TimestampCodec.write(milliseconds + offset, as: format, into: buffer)
    }

    static func power(_ exponent: Int) -> Int64 {
        (0..<exponent).reduce(1) { value, _ in value * 10 }
    }

    /// The attempt's request with this field set to `text`.
    func setting(_ text: String, in attempt: SigningAttempt) -> HTTPRequest? {
        attempt.request.replacing(location, with: text)
    }
}
