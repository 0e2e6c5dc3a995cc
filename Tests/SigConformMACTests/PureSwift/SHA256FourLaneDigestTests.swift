import SigConformMAC
import Testing

/// The four-lane digest computes, lane by lane, what the scalar ``SHA256`` computes for the same
/// prefix and message.
@Suite struct SHA256FourLaneDigestTests {
    /// The four digests of `messages` after `lanes`'s prefix, through the buffer API.
    private static func digests(_ lanes: SHA256FourLaneDigest, _ messages: [[UInt8]]) -> [[UInt8]] {
        let size = lanes.algorithm.digestByteCount
        var output = [UInt8](repeating: 0, count: 4 * size)
        withFourBuffers(messages) { buffers in output.withUnsafeMutableBytes { lanes.digests(appending: buffers, into: $0) } }
        return (0..<4).map { Array(output[($0 * size)..<(($0 + 1) * size)]) }
    }

    @Test(arguments: [SHA256.Variant.sha256, .sha224])
    func everyLaneMatchesTheScalarDigestAcrossPrefixAndMessageLengths(_ variant: SHA256.Variant) {
        var generator = SplitMix64(seed: variant == .sha256 ? 0xd16e_0256 : 0xd16e_0224)
        // Prefixes that leave the pending block empty, nearly full, or across the 55/56 padding boundary.
        for prefixLength in [0, 1, 55, 56, 63, 64, 65, 120, 200] {
            for length in 0...140 {
                var hash = SHA256(variant: variant)
                hash.update(generator.bytes(prefixLength))
                let messages = (0..<4).map { _ in generator.bytes(length) }
                let digests = Self.digests(SHA256FourLaneDigest(hash), messages)
                for (lane, message) in messages.enumerated() where digests[lane] != hash.digest(appending: message) {
                    Issue.record("lane \(lane) differs: \(variant), prefix \(prefixLength) B, message \(length) B")
                    return
                }
            }
        }
    }

    /// FIPS 180-4's one-block example, SHA256("abc"), split between the prefix and the lanes.
    @Test func abcInEveryLane() {
        var hash = SHA256()
        hash.update(Array("a".utf8))
        let digests = Self.digests(SHA256FourLaneDigest(hash), Array(repeating: Array("bc".utf8), count: 4))
        let expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(digests.map { Hex.encode($0) } == Array(repeating: expected, count: 4))
    }

    @Test func lanesAreIndependentAndTheValueUnchanged() {
        var generator = SplitMix64(seed: 0xd16e_1a9e)
        var hash = SHA256()
        hash.update(generator.bytes(30))
        let lanes = SHA256FourLaneDigest(hash)
        let messages = (0..<4).map { _ in generator.bytes(90) }
        let digests = Self.digests(lanes, messages)
        #expect(Set(digests).count == 4)
        for lane in messages.indices {
            var changed = messages
            changed[lane][45] ^= 1
            let changedDigests = Self.digests(lanes, changed)
            for other in messages.indices {
                #expect((changedDigests[other] == digests[other]) == (other != lane))
            }
        }
    }

    /// The backend hands out lanes for SHA-256 and -224 only, continuing from the prefix it is given.
    @Test func theBackendBatchesSHA256AndSHA224Only() throws {
        let backend = PureSwiftBackend()
        for algorithm in HashAlgorithm.allCases where algorithm != .sha256 && algorithm != .sha224 {
            #expect(backend.makeBatchDigester(algorithm, prefix: []) == nil)
        }
        let prefix = Array("nonce".utf8)
        let messages = (0..<4).map { Array("1700000000\($0)nonce=1700000000\($0)".utf8) }
        for algorithm in [HashAlgorithm.sha256, .sha224] {
            let batcher = try #require(backend.makeBatchDigester(algorithm, prefix: prefix))
            let size = algorithm.digestByteCount
            var output = [UInt8](repeating: 0, count: 4 * size)
            withFourBuffers(messages) { buffers in output.withUnsafeMutableBytes { batcher.digests(appending: buffers, into: $0) } }
            for lane in 0..<4 {
                var single = try backend.makeDigest(algorithm)
                try single.update(prefix + messages[lane])
                #expect(Array(output[(lane * size)..<((lane + 1) * size)]) == (try single.digest()))
            }
        }
    }
}
