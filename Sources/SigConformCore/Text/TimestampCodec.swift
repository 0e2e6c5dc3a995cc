/// Converts venue timestamps to and from milliseconds since the Unix epoch.
public enum TimestampCodec {
    /// The instants a timestamp can name: years 0001 to 9999, the years ISO 8601's four digits
    /// write. Values outside are not clock readings, and keeping them out leaves every later
    /// computation (unit changes ×1000, hour offsets, window arithmetic) far from Int64 overflow.
    public static let validMilliseconds: ClosedRange<Int64> = -62_135_596_800_000...253_402_300_799_999

    /// Milliseconds since the epoch for `text` in `format`, or `nil` when it is not in that
    /// format or names no instant in ``validMilliseconds``.
    public static func milliseconds(_ text: String, format: TimestampFormat) -> Int64? {
        let value: Int64? = switch format {
        case .unixSeconds: Int64(text).flatMap { $0.multipliedReportingOverflow(by: 1000).overflow ? nil : $0 * 1000 }
        case .unixMilliseconds: Int64(text)
        case .unixMicroseconds: Int64(text).map { $0 / 1000 }
        case .unixSecondsDecimal: decimalSeconds(text)
        case .iso8601Milliseconds, .iso8601Seconds: iso8601(text, format: format)
        }
        return value.flatMap { validMilliseconds.contains($0) ? $0 : nil }
    }

    /// The most bytes ``write(_:as:into:)`` writes: an ISO 8601 time of `Int64.min`
    /// milliseconds (year -292275055) or a negative `Int64` with three more digits for `unix-us`.
    public static let maximumWrittenLength = 32

    /// `milliseconds` written in `format` (the inverse of ``milliseconds(_:format:)``;
    /// `unix-s-decimal` is written with three decimals unless whole).
    public static func format(_ milliseconds: Int64, as format: TimestampFormat) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumWrittenLength) { buffer in
            let count = write(milliseconds, as: format, into: buffer)
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// Writes ``format(_:as:)``'s text into `buffer` (at least ``maximumWrittenLength`` bytes)
    /// and returns the byte count. It allocates nothing: the diagnosis writes a million
    /// candidate timestamps per search.
    public static func write(_ milliseconds: Int64, as format: TimestampFormat, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        precondition(buffer.count >= maximumWrittenLength, "a timestamp needs \(maximumWrittenLength) bytes")
        var writer = DigitWriter(buffer: buffer)
        switch format {
        case .unixSeconds: writer.integer(floorDivide(milliseconds, 1000))
        case .unixMilliseconds: writer.integer(milliseconds)
        // Appending digits instead of multiplying: exact for every Int64, no overflow.
        case .unixMicroseconds:
            writer.integer(milliseconds)
            if milliseconds != 0 { writer.padded(0, width: 3) }
        case .unixSecondsDecimal:
            writer.integer(floorDivide(milliseconds, 1000))
            let fraction = floorModulo(milliseconds, 1000)
            if fraction != 0 {
                writer.byte(UInt8(ascii: "."))
                writer.padded(fraction, width: 3)
            }
        case .iso8601Milliseconds, .iso8601Seconds:
            writer.civil(milliseconds, withMilliseconds: format == .iso8601Milliseconds)
        }
        return writer.count
    }

    /// Division rounding towards negative infinity (timestamps before 1970 stay consistent);
    /// `b` is positive. Defined for every `a`, `Int64.min` included.
    public static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return a % b < 0 ? quotient - 1 : quotient
    }

    /// The remainder that goes with ``floorDivide(_:_:)``: in `0..<b` for every `a`.
    static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let remainder = a % b
        return remainder < 0 ? remainder + b : remainder
    }

    static func decimalSeconds(_ text: String) -> Int64? {
        // Only ASCII text can be a number here; on ASCII, bytes are characters, so the text is
        // read from its UTF-8 (the Character-wise split cost 2,000 instructions a request).
        var text = text
        return text.withUTF8 { bytes -> Int64? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            let dot = bytes.firstIndex(of: UInt8(ascii: "."))
            guard let whole = Int64(String(decoding: UnsafeBufferPointer(rebasing: bytes[..<(dot ?? bytes.endIndex)]), as: UTF8.self)),
                  whole >= 0 else { return nil }
            var fraction: Int64 = 0
            if let dot {
                let digits = bytes[(dot + 1)...]
                guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
                // The first three digits, padded with zeros: milliseconds.
                for place in 0..<3 {
                    let index = digits.startIndex + place
                    fraction = fraction * 10 + (index < digits.endIndex ? Int64(digits[index] - UInt8(ascii: "0")) : 0)
                }
            }
            let (milliseconds, overflow) = whole.multipliedReportingOverflow(by: 1000)
            guard !overflow, milliseconds <= Int64.max - fraction else { return nil }
            return milliseconds + fraction
        }
    }

    /// Days since 1970-01-01 for a proleptic Gregorian date (H. Hinnant's days_from_civil).
    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    static func iso8601(_ text: String, format: TimestampFormat) -> Int64? {
        var text = text
        return text.withUTF8 { iso8601(utf8: $0, format: format) }
    }

    static func iso8601(utf8: UnsafeBufferPointer<UInt8>, format: TimestampFormat) -> Int64? {
        let expectedLength = format == .iso8601Milliseconds ? 24 : 19
        guard utf8.count == expectedLength else { return nil }
        func number(_ from: Int, _ length: Int) -> Int64? {
            var value: Int64 = 0
            for byte in utf8[from..<(from + length)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard utf8[4] == UInt8(ascii: "-"), utf8[7] == UInt8(ascii: "-"), utf8[10] == UInt8(ascii: "T"),
              utf8[13] == UInt8(ascii: ":"), utf8[16] == UInt8(ascii: ":"),
              let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
              let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
        var millis: Int64 = 0
        if format == .iso8601Milliseconds {
            guard utf8[19] == UInt8(ascii: "."), utf8[23] == UInt8(ascii: "Z"), let fraction = number(20, 3) else { return nil }
            millis = fraction
        }
        let seconds = days(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second
        return seconds * 1000 + millis
    }
}

/// Writes ASCII digits into a caller's buffer, for ``TimestampCodec/write(_:as:into:)``.
private struct DigitWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    mutating func byte(_ value: UInt8) {
        buffer[count] = value
        count += 1
    }

    /// The decimal digits of `value`, with a sign when negative; `Int64.min` included.
    mutating func integer(_ value: Int64) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        // The magnitude as UInt64, so that Int64.min needs no negation.
        var magnitude = value.magnitude
        let start = count
        repeat {
            byte(UInt8(truncatingIfNeeded: magnitude % 10) + 0x30)
            magnitude /= 10
        } while magnitude > 0
        buffer[start..<count].reverse()
    }

    /// `value` (0 ≤ value < 10^width, width ≤ 9) in exactly `width` digits, zero-padded.
    mutating func padded(_ value: Int64, width: Int) {
        // Unsigned 32-bit: division by 10 becomes a multiply and a shift, without the sign
        // fix-ups of Int64 (the ISO candidates of a timestamp search run this 7 times each).
        var remaining = UInt32(truncatingIfNeeded: value)
        var position = count + width
        while position > count {
            position -= 1
            buffer[position] = UInt8(truncatingIfNeeded: remaining % 10) &+ 0x30
            remaining /= 10
        }
        count += width
    }

    /// `YYYY-MM-DDTHH:MM:SS` and, with milliseconds, `.mmmZ`.
    mutating func civil(_ milliseconds: Int64, withMilliseconds: Bool) {
        let totalSeconds = TimestampCodec.floorDivide(milliseconds, 1000)
        let millis = TimestampCodec.floorModulo(milliseconds, 1000)
        let dayCount = TimestampCodec.floorDivide(totalSeconds, 86400)
        let secondOfDay = TimestampCodec.floorModulo(totalSeconds, 86400)
        // civil_from_days (H. Hinnant)
        let z = dayCount + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        // Years outside ISO 8601's four digits are written whole (only fuzzers ask for them).
        if (0...9999).contains(year) { padded(year, width: 4) } else { integer(year) }
        byte(UInt8(ascii: "-"))
        padded(month, width: 2)
        byte(UInt8(ascii: "-"))
        padded(day, width: 2)
        byte(UInt8(ascii: "T"))
        padded(secondOfDay / 3600, width: 2)
        byte(UInt8(ascii: ":"))
        padded(secondOfDay / 60 % 60, width: 2)
        byte(UInt8(ascii: ":"))
        padded(secondOfDay % 60, width: 2)
        if withMilliseconds {
            byte(UInt8(ascii: "."))
            padded(millis, width: 3)
            byte(UInt8(ascii: "Z"))
        }
    }
}
