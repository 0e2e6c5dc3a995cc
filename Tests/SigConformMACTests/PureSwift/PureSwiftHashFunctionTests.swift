import SigConformMAC
import Testing

@Suite struct PureSwiftHashFunctionTests {
    /// Lengths where padding changes shape: around 55/56 and 111/112 (the length field no longer
    /// fits after the 0x80 byte), block sizes 64 and 128, SHA-3 rates 72, 104, 136 and 144.
    static let boundaryLengths = [0, 1, 55, 56, 63, 64, 65, 71, 72, 73, 103, 104, 105, 111, 112, 127, 128, 129, 135, 136, 137, 143, 144, 145, 255, 256, 257]

    /// H(H(m_0) ‖ H(m_1) ‖ … ‖ H(m_300)) with m_n = `patternMessage(n)`, so one value checks the
    /// padding of every length across two blocks. Computed with Python's hashlib (OpenSSL):
    /// `H(b"".join(H(bytes((7*i+n) & 255 for i in range(n))) for n in range(301)))`.
    static let accumulatedDigests: [(HashAlgorithm, String)] = [
        (.md5, "a9cf41e638496a4d8f14abe6ae258128"),
        (.sha1, "e570432b09ac39935ad256f819b381ba3900dbbd"),
        (.sha224, "fd64e005f571477279664e8b0ee5e0a19de5edc4c37d71422f639ad8"),
        (.sha256, "60d63ff40b5558727a9b786ac0be9300f7ca58fd9ddd3b2f3681b369018a87dc"),
        (.sha384, "022ac2b92dcdb9358b044b9475cd22bacae49d2510f5493370847b4c61050cacc2325d1d80119adbc3ca9eaa7ecd3de7"),
        (.sha512, "e1f2f7d5d8fc48db06ec2a0eed639593f549caffa40245747258761214a3ec07134903fde52ace6cfae161a82097ba01f33a97d48dd6a80d4521d96d7401357e"),
        (.sha512_224, "0d2c6f35bb1234689ae6fc066bd98e10520305aabddc6c4f73cd4199"),
        (.sha512_256, "269c8df4ed9dc95eb220e0cb62dd8db46ae5d865dd2ed2097fc3a4e85c139a20"),
        (.sha3_224, "221d9b6c939acd11db7250bb139edd5e65ddc18bdfe5df33180a5d98"),
        (.sha3_256, "69fd44e84eaa578a3fbe34556c6fb7edc16373be06260aadfb158090326efefd"),
        (.sha3_384, "5abc6eff7e90d5d38e9e83f22afb2e3cdaf2ae6c1050ff339f577390f0c1c70df881413bb59710e715d0c43036a18111"),
        (.sha3_512, "b32985df6c8042bded2d632b2216e39e4f502a38817064ceeb4fdbe5fd5d5fbc4b0c84cf6815c531567e8919184e6ddacc0eddcd620be11c88536507f4c8c7a9"),
    ]

    @Test(arguments: accumulatedDigests)
    func digestsOfEveryLengthUpTo300MatchReference(_ algorithm: HashAlgorithm, expected: String) {
        var accumulated: [UInt8] = []
        for length in 0...300 {
            accumulated += PureSwiftBackend.hashFunction(algorithm).digest(appending: patternMessage(length))
        }
        #expect(pureSwiftDigest(algorithm, accumulated) == expected)
    }

    @Test(arguments: HashAlgorithm.allCases)
    func streamingInRandomChunksEqualsOneShot(_ algorithm: HashAlgorithm) {
        var random = SplitMix64(seed: 0x5157_4946_5421 ^ UInt64(algorithm.digestByteCount))
        let maximumChunk = 2 * algorithm.blockByteCount + 1
        for length in 0...300 {
            let message = random.bytes(length)
            let oneShot = PureSwiftBackend.hashFunction(algorithm).digest(appending: message)
            for _ in 0..<3 {
                var hash = PureSwiftBackend.hashFunction(algorithm)
                var offset = 0
                while offset < length {
                    // Empty chunks are drawn on purpose: they must be no-ops.
                    let chunk = Int.random(in: 0...min(maximumChunk, length - offset), using: &random)
                    hash.update(Array(message[offset..<(offset + chunk)]))
                    offset += chunk
                }
                #expect(hash.finalize() == oneShot, "\(algorithm.rawValue), length \(length)")
            }
        }
    }

    @Test(arguments: HashAlgorithm.allCases)
    func byteAtATimeEqualsOneShotAtBoundaryLengths(_ algorithm: HashAlgorithm) {
        for length in Self.boundaryLengths {
            let message = patternMessage(length)
            var hash = PureSwiftBackend.hashFunction(algorithm)
            for byte in message { hash.update([byte]) }
            #expect(hash.finalize() == PureSwiftBackend.hashFunction(algorithm).digest(appending: message), "length \(length)")
        }
    }

    @Test(arguments: HashAlgorithm.allCases)
    func copyAfterPrefixExtendsIndependently(_ algorithm: HashAlgorithm) {
        let prefix = patternMessage(100)
        var original = PureSwiftBackend.hashFunction(algorithm)
        original.update(prefix)
        var copy = original
        original.update(Array("left".utf8))
        copy.update(Array("right".utf8))
        #expect(Hex.encode(original.digest()) == pureSwiftDigest(algorithm, prefix + Array("left".utf8)))
        #expect(Hex.encode(copy.digest()) == pureSwiftDigest(algorithm, prefix + Array("right".utf8)))
    }

    @Test(arguments: HashAlgorithm.allCases)
    func digestLeavesTheComputationRunning(_ algorithm: HashAlgorithm) {
        var hash = PureSwiftBackend.hashFunction(algorithm)
        hash.update(NISTMessage.abc)
        let first = hash.digest()
        #expect(hash.digest() == first)
        hash.update(NISTMessage.bits448)
        #expect(Hex.encode(hash.digest()) == pureSwiftDigest(algorithm, NISTMessage.abc + NISTMessage.bits448))
        #expect(first.count == algorithm.digestByteCount)
    }

    @Test func emptyBufferWithoutBaseAddressIsANoOp() {
        var hash = SHA256()
        hash.update(UnsafeRawBufferPointer(start: nil, count: 0))
        #expect(Hex.encode(hash.finalize()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
