import SigConformMAC
import Testing

/// The four-lane HMAC computes, lane by lane, what the scalar ``PureSwiftHMAC`` computes for the
/// same keyed prefix and message.
@Suite struct SHA256FourLaneHMACTests {
    /// Prefix lengths that leave the inner hash's pending block empty, nearly full, or across the
    /// 55/56 padding boundary, besides seeded random ones.
    static let prefixLengths = [0, 1, 55, 56, 63, 64, 65, 119, 120, 127, 128, 300]

    /// Four different messages of `length` bytes, so that a lane reading another's bytes shows.
    private static func messages(_ length: Int, using generator: inout SplitMix64) -> [[UInt8]] {
        (0..<SHA256FourLaneHMAC.laneCount).map { _ in generator.bytes(length) }
    }

    /// Compares every lane with the scalar tag; returns whether all agreed, recording the first difference.
    private static func lanesAgree(_ variant: SHA256.Variant, key: [UInt8], prefix: [UInt8], messages: [[UInt8]]) -> Bool {
        var keyed = PureSwiftHMAC(key: key, hash: SHA256(variant: variant))
        keyed.update(prefix)
        let tags = SHA256FourLaneHMAC(keyed).tags(appending: messages)
        for (lane, message) in messages.enumerated() where tags[lane] != keyed.tag(appending: message) {
            Issue.record("lane \(lane) differs: \(variant), key \(key.count) B, prefix \(prefix.count) B, message \(message.count) B")
            return false
        }
        return true
    }

    @Test(arguments: [SHA256.Variant.sha256, .sha224])
    func everyLaneMatchesTheScalarHMACForMessagesUpTo200Bytes(_ variant: SHA256.Variant) {
        var generator = SplitMix64(seed: variant == .sha256 ? 0x5a5a_0007 : 0x5a5a_0224)
        for length in 0...200 {
            let randomPrefix = Int.random(in: 0...300, using: &generator)
            for prefixLength in Self.prefixLengths + [randomPrefix] {
                let key = generator.bytes(Int.random(in: 0...100, using: &generator))
                let prefix = generator.bytes(prefixLength)
                let messages = Self.messages(length, using: &generator)
                guard Self.lanesAgree(variant, key: key, prefix: prefix, messages: messages) else { return }
            }
        }
    }

    @Test func everyPrefixLengthUpTo300BytesMatchesTheScalarHMAC() {
        var generator = SplitMix64(seed: 0x5a5a_0300)
        for prefixLength in 0...300 {
            let key = generator.bytes(Int.random(in: 0...100, using: &generator))
            let prefix = generator.bytes(prefixLength)
            let messages = Self.messages(Int.random(in: 0...200, using: &generator), using: &generator)
            guard Self.lanesAgree(.sha256, key: key, prefix: prefix, messages: messages) else { return }
        }
    }

    @Test func lanesAreIndependent() {
        var generator = SplitMix64(seed: 0x1a9e)
        var keyed = PureSwiftHMAC<SHA256>(key: generator.bytes(32))
        keyed.update(generator.bytes(70))
        let lanes = SHA256FourLaneHMAC(keyed)
        let messages = Self.messages(300, using: &generator)
        let tags = lanes.tags(appending: messages)
        #expect(Set(tags).count == 4)
        // Changing one message changes its tag and no other.
        for lane in messages.indices {
            var changed = messages
            changed[lane][150] ^= 1
            let changedTags = lanes.tags(appending: changed)
            for other in messages.indices {
                #expect((changedTags[other] == tags[other]) == (other != lane))
            }
        }
        // The same message in every lane gives the same tag in every lane.
        #expect(Set(lanes.tags(appending: Array(repeating: messages[1], count: 4))) == [tags[1]])
    }

    @Test func tagsLeaveTheValueUnchangedAndWriteIntoTheCallersBuffer() {
        let keyed = PureSwiftHMAC<SHA256>(key: Array("key".utf8))
        let lanes = SHA256FourLaneHMAC(keyed)
        let messages = (0..<4).map { Array("2024-01-0\($0)T00:00:00.000Z".utf8) }
        var output = [UInt8](repeating: 0xee, count: 4 * 32 + 1)
        for _ in 0..<2 {
            withFourBuffers(messages) { buffers in output.withUnsafeMutableBytes { lanes.tags(appending: buffers, into: $0) } }
            for lane in 0..<4 {
                #expect(Array(output[(lane * 32)..<((lane + 1) * 32)]) == keyed.tag(appending: messages[lane]))
            }
            #expect(output[128] == 0xee)
        }
    }

    /// RFC 4231 test case 2 ("what do ya want for nothing?" under "Jefe") in every lane, split
    /// between the absorbed prefix and the lanes' message.
    @Test func rfc4231TestCase2InEveryLane() {
        let message = Array("what do ya want for nothing?".utf8)
        var keyed = PureSwiftHMAC<SHA256>(key: Array("Jefe".utf8))
        keyed.update(Array(message[..<10]))
        let tags = SHA256FourLaneHMAC(keyed).tags(appending: Array(repeating: Array(message[10...]), count: 4))
        let expected = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        #expect(tags.map { Hex.encode($0) } == Array(repeating: expected, count: 4))
    }

    @Test func algorithmFollowsTheKeyedHash() {
        #expect(SHA256FourLaneHMAC(PureSwiftHMAC<SHA256>(key: [])).algorithm == .sha256)
        #expect(SHA256FourLaneHMAC(PureSwiftHMAC(key: [], hash: SHA256(variant: .sha224))).algorithm == .sha224)
    }
}
