@testable import SigConformDiagnosis
import SigConformCore
import Testing

@Suite struct TimeFieldTests {
    @Test(arguments: [TimestampFormat.unixMilliseconds, .unixSeconds, .unixMicroseconds, .iso8601Milliseconds, .unixSecondsDecimal])
    func fastDigitsMatchTheCodec(format: TimestampFormat) {
        var buffer = [UInt8](repeating: 0, count: 32)
        for milliseconds: Int64 in [1, 999, 1000, 1_700_000_000_123, 1_499_827_319_559] {
            let count = TimeField.write(milliseconds, format: format, into: &buffer)
            #expect(String(decoding: buffer[..<count], as: UTF8.self) == TimestampCodec.format(milliseconds, as: format))
        }
    }

    @Test func clockDerivedNoncesAreRecognisedByLength() {
        #expect(TimeField.inferredFormat("1700000000") == .unixSeconds)
        #expect(TimeField.inferredFormat("1700000000000") == .unixMilliseconds)
        #expect(TimeField.inferredFormat("1700000000000000") == .unixMicroseconds)
        #expect(TimeField.inferredFormat("42") == nil)
        #expect(TimeField.inferredFormat("f81d4fae-7dec") == nil)
    }
}
