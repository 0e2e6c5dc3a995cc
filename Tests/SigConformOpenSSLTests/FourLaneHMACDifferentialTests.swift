import SigConformMAC
import SigConformOpenSSL
import Testing

/// The pure-Swift four-lane HMAC against OpenSSL, which shares no code with it: seeded random
/// keys, prefixes and four different messages per call, messages of every length 0…200 and
/// prefixes across 0…300 bytes, so the padding falls in every position of the last block.
@Suite("Differential: four-lane HMAC-SHA256 vs OpenSSL")
struct FourLaneHMACDifferentialTests {
    @Test(arguments: [HashAlgorithm.sha256, .sha224])
    func everyLaneMatchesOpenSSL(_ algorithm: HashAlgorithm) throws {
        var generator = SplitMix64(seed: algorithm == .sha256 ? 0x4_1a9e_0256 : 0x4_1a9e_0224)
        let openSSL = OpenSSLBackend()
        for length in 0...200 {
            for prefixLength in [length % 64, Int.random(in: 0...300, using: &generator)] {
                let key = generator.bytes(Int.random(in: 0...100, using: &generator))
                let prefix = generator.bytes(prefixLength)
                let messages = (0..<SHA256FourLaneHMAC.laneCount).map { _ in generator.bytes(length) }
                var keyed = PureSwiftHMAC(key: key, hash: SHA256(variant: algorithm == .sha256 ? .sha256 : .sha224))
                keyed.update(prefix)
                let tags = SHA256FourLaneHMAC(keyed).tags(appending: messages)
                for (lane, message) in messages.enumerated() {
                    let expected = try openSSL.hmac(algorithm, key: key, message: prefix + message)
                    guard tags[lane] == expected else {
                        Issue.record("lane \(lane): key \(key.count) B, prefix \(prefixLength) B, message \(length) B")
                        return
                    }
                }
            }
        }
    }

    /// The plain four-lane digest (the inner hash of Kraken's nonce search) against OpenSSL's digest.
    @Test(arguments: [HashAlgorithm.sha256, .sha224])
    func everyDigestLaneMatchesOpenSSL(_ algorithm: HashAlgorithm) throws {
        var generator = SplitMix64(seed: algorithm == .sha256 ? 0x4_d16e_0256 : 0x4_d16e_0224)
        let openSSL = OpenSSLBackend()
        let lanes = try #require(PureSwiftBackend().makeBatchDigester(algorithm, prefix: []))
        let size = algorithm.digestByteCount
        for length in 0...200 {
            let messages = (0..<4).map { _ in generator.bytes(length) }
            var output = [UInt8](repeating: 0, count: 4 * size)
            withFourBuffers(messages) { buffers in output.withUnsafeMutableBytes { lanes.digests(appending: buffers, into: $0) } }
            for (lane, message) in messages.enumerated() {
                var digest = try openSSL.makeDigest(algorithm)
                try digest.update(message)
                guard Array(output[(lane * size)..<((lane + 1) * size)]) == (try digest.digest()) else {
                    Issue.record("lane \(lane): message \(length) B")
                    return
                }
            }
        }
    }
}
