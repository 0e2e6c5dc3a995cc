@testable import SigConformDiagnosis
import SigConformCore
import Testing

@Suite struct TimeFieldTests {
    func field(_ sent: String, _ format: TimestampFormat) -> TimeField {
        TimeField(name: "timestamp", location: .header("T", prefix: ""), format: format, sent: sent,
                  milliseconds: TimestampCodec.milliseconds(sent, format: format)!)
    }

    /// Expected texts from Python's datetime (ISO) and by hand: the candidates the search signs.
    @Test(arguments: [
        ("1700000000123", TimestampFormat.unixMilliseconds, [-600_000: "1699999400123", -1: "1700000000122", 1000: "1700000001123"]),
        ("1700000000", .unixSeconds, [-600_000: "1699999400", 1000: "1700000001", 3_600_000: "1700003600"]),
        ("1700000000123456", .unixMicroseconds, [-37: "1700000000086456", 1: "1700000000124456"]),
        ("2023-11-14T22:13:20.123Z", .iso8601Milliseconds,
         [-600_000: "2023-11-14T22:03:20.123Z", -37: "2023-11-14T22:13:20.086Z", 1000: "2023-11-14T22:13:21.123Z", 3_600_000: "2023-11-14T23:13:20.123Z"]),
        // Seconds with a fraction keep the fraction's digit count as sent (Gate sends str(time.time())).
        ("1700000000.5", .unixSecondsDecimal, [-600_000: "1699999400.5", -500: "1700000000.0", 100: "1700000000.6", 500: "1700000001.0"]),
        ("1700000797.381482", .unixSecondsDecimal, [1: "1700000797.382482", -1000: "1700000796.381482", 600_000: "1700001397.381482"]),
        ("1700000000", .unixSecondsDecimal, [1000: "1700000001", -600_000: "1699999400"]),
    ])
    func candidatesAreWrittenAsTheClientWouldWriteThem(sent: String, format: TimestampFormat, expected: [Int64: String]) {
        let field = field(sent, format)
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: TimestampCodec.maximumWrittenLength)
        defer { buffer.deallocate() }
        for (offset, text) in expected {
            let count = field.write(offsetBy: offset, into: buffer)
            #expect(String(decoding: UnsafeBufferPointer(rebasing: buffer[..<count]), as: UTF8.self) == text, "offset \(offset)")
            #expect(field.text(offsetBy: offset) == text, "offset \(offset)")
        }
    }

    @Test func microsecondNoncesKeepTheirLastDigits() {
        #expect(field("1700000000123456", .unixMicroseconds).text(offsetBy: -37) == "1700000000086456")
    }

    @Test func clockDerivedNoncesAreRecognisedByLength() {
        #expect(TimeField.inferredFormat("1700000000") == .unixSeconds)
        #expect(TimeField.inferredFormat("1700000000000") == .unixMilliseconds)
        #expect(TimeField.inferredFormat("1700000000000000") == .unixMicroseconds)
        #expect(TimeField.inferredFormat("42") == nil)
        #expect(TimeField.inferredFormat("f81d4fae-7dec") == nil)
    }

    @Test func aWholeSecondDecimalTimestampMovesBySeconds() {
        let field = field("1700004581", .unixSecondsDecimal)
        #expect(field.stepMilliseconds == 1000)
        #expect(field.text(offsetBy: -2000) == "1700004579")
    }
}
