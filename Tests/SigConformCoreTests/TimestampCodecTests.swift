import SigConformCore
import Testing

@Suite struct TimestampCodecTests {
    @Test func readsOKXStyleISOTimestampsWithMilliseconds() {
        // OKX docs example: 2020-12-08T09:08:57.715Z
        #expect(TimestampCodec.milliseconds("2020-12-08T09:08:57.715Z", format: .iso8601Milliseconds) == 1_607_418_537_715)
    }

    @Test func readsHTXStyleTimestampsWithoutZone() {
        #expect(TimestampCodec.milliseconds("2017-05-11T15:19:30", format: .iso8601Seconds) == 1_494_515_970_000)
    }

    @Test(arguments: TimestampFormat.allCases)
    func formatAndParseRoundTrip(format: TimestampFormat) {
        for milliseconds: Int64 in [0, 1_499_827_319_559, 1_700_000_000_000, 951_782_400_123] {
            let text = TimestampCodec.format(milliseconds, as: format)
            let back = TimestampCodec.milliseconds(text, format: format)
            let resolution: Int64 = [.unixSeconds, .iso8601Seconds].contains(format) ? 1000 : 1
            #expect(back == milliseconds / resolution * resolution, "\(format) \(text)")
        }
    }

    @Test func decimalSecondsKeepMilliseconds() {
        #expect(TimestampCodec.milliseconds("1700000000.123", format: .unixSecondsDecimal) == 1_700_000_000_123)
        #expect(TimestampCodec.milliseconds("1700000000.1", format: .unixSecondsDecimal) == 1_700_000_000_100)
        #expect(TimestampCodec.milliseconds("1700000000.", format: .unixSecondsDecimal) == nil)
    }

    /// Decimal seconds are read from the text's bytes: only ASCII digits count, a sign is read
    /// as `Int64` reads one, digits past the third decimal are dropped, and a mark that joins a
    /// character to a digit or the point makes the text no number.
    @Test(arguments: [
        ("1700000000.1239", 1_700_000_000_123), ("12.0001", 12_000), ("+5.5", 5_500), ("-0.5", 500), ("7", 7_000),
        ("-1.5", nil), (".5", nil), ("1.2.3", nil), ("", nil), ("1.5a", nil), ("1.\u{301}5", nil), ("1\u{301}.5", nil),
        ("\u{663}.5", nil), ("1.\u{663}", nil), ("253402300799.9999", 253_402_300_799_999), ("253402300800", nil),
    ] as [(String, Int64?)])
    func decimalSecondsAreReadAsWritten(text: String, milliseconds: Int64?) {
        #expect(TimestampCodec.milliseconds(text, format: .unixSecondsDecimal) == milliseconds)
    }

    @Test func rejectsMalformedTimestamps() {
        #expect(TimestampCodec.milliseconds("2020-13-08T09:08:57.715Z", format: .iso8601Milliseconds) == nil)
        #expect(TimestampCodec.milliseconds("2020-12-08 09:08:57", format: .iso8601Seconds) == nil)
        #expect(TimestampCodec.milliseconds("12a", format: .unixMilliseconds) == nil)
    }
}
