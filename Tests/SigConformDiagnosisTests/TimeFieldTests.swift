@testable import SigConformDiagnosis
import SigConformCore
import Testing

@Suite struct TimeFieldTests {
    func field(_ sent: String, _ format: TimestampFormat) -> TimeField {
        TimeField(name: "timestamp", location: .header("T", prefix: ""), format: format, sent: sent,
                  milliseconds: TimestampCodec.milliseconds(sent, format: format)!)
    }

    @Test(arguments: [
        ("1700000000123", TimestampFormat.unixMilliseconds), ("1700000000", .unixSeconds), ("1700000000123456", .unixMicroseconds),
        ("2023-11-14T22:13:20.123Z", .iso8601Milliseconds), ("1700000000.5", .unixSecondsDecimal),
    ])
    func fastDigitsMatchTheTextOfEveryOffset(sent: String, format: TimestampFormat) {
        let field = field(sent, format)
        var buffer = [UInt8](repeating: 0, count: 32)
        for offset: Int64 in [-600_000, -37, -1, 1, 1000, 3_600_000] {
            let count = field.write(offsetBy: offset, into: &buffer)
            #expect(String(decoding: buffer[..<count], as: UTF8.self) == field.text(offsetBy: offset))
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
}
