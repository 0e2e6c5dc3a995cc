import SigConformMAC
import Testing

/// An HMAC test case from an RFC; `tag` may be truncated, as in RFC 4231 test case 5.
struct HMACKnownAnswer: Sendable, CustomTestStringConvertible {
    let name: String
    let algorithm: HashAlgorithm
    let key: [UInt8]
    let data: [UInt8]
    let tag: String

    init(_ name: String, _ algorithm: HashAlgorithm, key: [UInt8], data: [UInt8], tag: String) {
        (self.name, self.algorithm, self.key, self.data, self.tag) = (name, algorithm, key, data, tag)
    }

    var testDescription: String { name }
}

private let rfc4231Case7Data =
    "This is a test using a larger than block-size key and a larger than block-size data. "
    + "The key needs to be hashed before being used by the HMAC algorithm."

@Suite struct PureSwiftHMACTests {
    /// RFC 2202 §2 (HMAC-MD5) and §3 (HMAC-SHA-1) test cases 1–7, and RFC 4231 §4.2–§4.8
    /// (HMAC-SHA-224/256/384/512) test cases 1–7; RFC 4231 gives case 5 truncated to 128 bits.
    static let rfcCases = [
        HMACKnownAnswer("RFC 2202 MD5 1", .md5, key: [UInt8](repeating: 0x0b, count: 16), data: Array("Hi There".utf8),
                        tag: "9294727a3638bb1c13f48ef8158bfc9d"),
        HMACKnownAnswer("RFC 2202 MD5 2", .md5, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
                        tag: "750c783e6ab0b503eaa86e310a5db738"),
        HMACKnownAnswer("RFC 2202 MD5 3", .md5, key: [UInt8](repeating: 0xaa, count: 16), data: [UInt8](repeating: 0xdd, count: 50),
                        tag: "56be34521d144c88dbb8c733f0e8b3f6"),
        HMACKnownAnswer("RFC 2202 MD5 4", .md5, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
                        tag: "697eaf0aca3a3aea3a75164746ffaa79"),
        HMACKnownAnswer("RFC 2202 MD5 5", .md5, key: [UInt8](repeating: 0x0c, count: 16), data: Array("Test With Truncation".utf8),
                        tag: "56461ef2342edc00f9bab995690efd4c"),
        HMACKnownAnswer("RFC 2202 MD5 6", .md5, key: [UInt8](repeating: 0xaa, count: 80), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                        tag: "6b1ab7fe4bd7bf8f0b62e6ce61b9d0cd"),
        HMACKnownAnswer("RFC 2202 MD5 7", .md5, key: [UInt8](repeating: 0xaa, count: 80), data: Array("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data".utf8),
                        tag: "6f630fad67cda0ee1fb1f562db3aa53e"),
        HMACKnownAnswer("RFC 2202 SHA-1 1", .sha1, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
                        tag: "b617318655057264e28bc0b6fb378c8ef146be00"),
        HMACKnownAnswer("RFC 2202 SHA-1 2", .sha1, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
                        tag: "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
        HMACKnownAnswer("RFC 2202 SHA-1 3", .sha1, key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
                        tag: "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
        HMACKnownAnswer("RFC 2202 SHA-1 4", .sha1, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
                        tag: "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
        HMACKnownAnswer("RFC 2202 SHA-1 5", .sha1, key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
                        tag: "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"),
        HMACKnownAnswer("RFC 2202 SHA-1 6", .sha1, key: [UInt8](repeating: 0xaa, count: 80), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                        tag: "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
        HMACKnownAnswer("RFC 2202 SHA-1 7", .sha1, key: [UInt8](repeating: 0xaa, count: 80), data: Array("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data".utf8),
                        tag: "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"),
        HMACKnownAnswer("RFC 4231 1 SHA-224", .sha224, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
                        tag: "896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22"),
        HMACKnownAnswer("RFC 4231 1 SHA-256", .sha256, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
                        tag: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
        HMACKnownAnswer("RFC 4231 1 SHA-384", .sha384, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
                        tag: "afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6"),
        HMACKnownAnswer("RFC 4231 1 SHA-512", .sha512, key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
                        tag: "87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854"),
        HMACKnownAnswer("RFC 4231 2 SHA-224", .sha224, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
                        tag: "a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44"),
        HMACKnownAnswer("RFC 4231 2 SHA-256", .sha256, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
                        tag: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
        HMACKnownAnswer("RFC 4231 2 SHA-384", .sha384, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
                        tag: "af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649"),
        HMACKnownAnswer("RFC 4231 2 SHA-512", .sha512, key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
                        tag: "164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737"),
        HMACKnownAnswer("RFC 4231 3 SHA-224", .sha224, key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
                        tag: "7fb3cb3588c6c1f6ffa9694d7d6ad2649365b0c1f65d69d1ec8333ea"),
        HMACKnownAnswer("RFC 4231 3 SHA-256", .sha256, key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
                        tag: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
        HMACKnownAnswer("RFC 4231 3 SHA-384", .sha384, key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
                        tag: "88062608d3e6ad8a0aa2ace014c8a86f0aa635d947ac9febe83ef4e55966144b2a5ab39dc13814b94e3ab6e101a34f27"),
        HMACKnownAnswer("RFC 4231 3 SHA-512", .sha512, key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
                        tag: "fa73b0089d56a284efb0f0756c890be9b1b5dbdd8ee81a3655f83e33b2279d39bf3e848279a722c806b485a47e67c807b946a337bee8942674278859e13292fb"),
        HMACKnownAnswer("RFC 4231 4 SHA-224", .sha224, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
                        tag: "6c11506874013cac6a2abc1bb382627cec6a90d86efc012de7afec5a"),
        HMACKnownAnswer("RFC 4231 4 SHA-256", .sha256, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
                        tag: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
        HMACKnownAnswer("RFC 4231 4 SHA-384", .sha384, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
                        tag: "3e8a69b7783c25851933ab6290af6ca77a9981480850009cc5577c6e1f573b4e6801dd23c4a7d679ccf8a386c674cffb"),
        HMACKnownAnswer("RFC 4231 4 SHA-512", .sha512, key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
                        tag: "b0ba465637458c6990e5a8c5f61d4af7e576d97ff94b872de76f8050361ee3dba91ca5c11aa25eb4d679275cc5788063a5f19741120c4f2de2adebeb10a298dd"),
        HMACKnownAnswer("RFC 4231 5 SHA-224", .sha224, key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
                        tag: "0e2aea68a90c8d37c988bcdb9fca6fa8"),
        HMACKnownAnswer("RFC 4231 5 SHA-256", .sha256, key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
                        tag: "a3b6167473100ee06e0c796c2955552b"),
        HMACKnownAnswer("RFC 4231 5 SHA-384", .sha384, key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
                        tag: "3abf34c3503b2a23a46efc619baef897"),
        HMACKnownAnswer("RFC 4231 5 SHA-512", .sha512, key: [UInt8](repeating: 0x0c, count: 20), data: Array("Test With Truncation".utf8),
                        tag: "415fad6271580a531d4179bc891d87a6"),
        HMACKnownAnswer("RFC 4231 6 SHA-224", .sha224, key: [UInt8](repeating: 0xaa, count: 131), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                        tag: "95e9a0db962095adaebe9b2d6f0dbce2d499f112f2d2b7273fa6870e"),
        HMACKnownAnswer("RFC 4231 6 SHA-256", .sha256, key: [UInt8](repeating: 0xaa, count: 131), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                        tag: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
        HMACKnownAnswer("RFC 4231 6 SHA-384", .sha384, key: [UInt8](repeating: 0xaa, count: 131), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                        tag: "4ece084485813e9088d2c63a041bc5b44f9ef1012a2b588f3cd11f05033ac4c60c2ef6ab4030fe8296248df163f44952"),
        HMACKnownAnswer("RFC 4231 6 SHA-512", .sha512, key: [UInt8](repeating: 0xaa, count: 131), data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
                        tag: "80b24263c7c1a3ebb71493c1dd7be8b49b46d1f41b4aeec1121b013783f8f3526b56d037e05f2598bd0fd2215d6a1e5295e64f73f63f0aec8b915a985d786598"),
        HMACKnownAnswer("RFC 4231 7 SHA-224", .sha224, key: [UInt8](repeating: 0xaa, count: 131), data: Array(rfc4231Case7Data.utf8),
                        tag: "3a854166ac5d9f023f54d517d0b39dbd946770db9c2b95c9f6f565d1"),
        HMACKnownAnswer("RFC 4231 7 SHA-256", .sha256, key: [UInt8](repeating: 0xaa, count: 131), data: Array(rfc4231Case7Data.utf8),
                        tag: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"),
        HMACKnownAnswer("RFC 4231 7 SHA-384", .sha384, key: [UInt8](repeating: 0xaa, count: 131), data: Array(rfc4231Case7Data.utf8),
                        tag: "6617178e941f020d351e2f254e8fd32c602420feb0b8fb9adccebb82461e99c5a678cc31e799176d3860e6110c46523e"),
        HMACKnownAnswer("RFC 4231 7 SHA-512", .sha512, key: [UInt8](repeating: 0xaa, count: 131), data: Array(rfc4231Case7Data.utf8),
                        tag: "e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58"),
    ]

    @Test(arguments: rfcCases)
    func tagMatchesRFCTestCase(_ example: HMACKnownAnswer) {
        let tag = pureSwiftTag(example.algorithm, key: example.key, message: example.data)
        #expect(Hex.encode(tag.prefix(example.tag.count / 2)) == example.tag)
        #expect(tag.count == example.algorithm.digestByteCount)
    }

    /// H(T_0 ‖ … ‖ T_n) with T_k the HMAC under a k-byte key (byte i = 13·i + k mod 256) of
    /// `patternMessage(3k mod 301)`, for k from 0 (empty key) to twice the block size + 1 (hashed
    /// keys), so every key shape meets every algorithm. Computed with Python's `hmac` (OpenSSL).
    static let accumulatedTags: [(HashAlgorithm, String)] = [
        (.md5, "f65644ef1d61ec00cdd0bf7227adb0f6"),
        (.sha1, "7e7775dd8ed4dcae96b9699aa5bc9060fc9a710e"),
        (.sha224, "98b4cc6ea8fe0c166daed2b5ca3f0f6cb71087d360d3f3da3650f6d6"),
        (.sha256, "6041f5ef9ac435a59078119364b2f3c49cc5464e627a6ba8b54819c52eec9ecd"),
        (.sha384, "9543cb3554aa43003e826cfd534bdf89fce942f7092da2ec7e8593bc17a7d7718ac82a64159baf69fc97aa61d6b105c1"),
        (.sha512, "8a12ba905949c074a8609fba73e14856a0148e5d032f06a8f72a3b9e8c3b6e262eb7ccb75172d9cdba67ff693eebf8ad20ccc613e6bd6b0bf3bb189d8e921e21"),
        (.sha512_224, "5a9fff981428e35c2ee80c18b239c05c6bd49d3090878e2fcdcdabf1"),
        (.sha512_256, "a69187578348e1aa0d6fda7e9faef84b073a40315b9cbe09efb87e44fb021420"),
        (.sha3_224, "d903ebffd76ec62dda6b1a0582e7d4a8d2e2bd99ed27d303bfd837c8"),
        (.sha3_256, "e23e10b7b2eee0cfadf2a498d9aca6ad7281e45dba5ca3e99edc90ade03b5652"),
        (.sha3_384, "2ab3875be175e5ebd21522d92edb2c09473000669faf27a07bd4d0842225e68f62ae6f38107399b613a873c8b3c67aea"),
        (.sha3_512, "02060d7c7b3cb0eb047e97ed870dcf003af8adadad6e060ec8858d6b6ad91b1233ee8354faab2f1cf56cf33de40c3bf570c07dc2c268dfef044b5423d2ae460b"),
    ]

    @Test(arguments: accumulatedTags)
    func tagsUnderEveryKeyLengthMatchReference(_ algorithm: HashAlgorithm, expected: String) {
        var accumulated: [UInt8] = []
        for keyLength in 0...(2 * algorithm.blockByteCount + 1) {
            let key = (0..<keyLength).map { UInt8(truncatingIfNeeded: $0 &* 13 &+ keyLength) }
            accumulated += pureSwiftTag(algorithm, key: key, message: patternMessage(keyLength * 3 % 301))
        }
        #expect(pureSwiftDigest(algorithm, accumulated) == expected)
    }

    @Test func emptyKeyAndEmptyMessageMatchReference() {
        // Computed with Python's hmac (OpenSSL); the SHA-256 value is the widely published one.
        #expect(Hex.encode(PureSwiftHMAC<MD5>.authenticationCode(for: [], key: [])) == "74e6f7298a9c2d168935f58c001bad88")
        #expect(Hex.encode(PureSwiftHMAC<SHA1>.authenticationCode(for: [], key: [])) == "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d")
        #expect(
            Hex.encode(PureSwiftHMAC<SHA256>.authenticationCode(for: [], key: []))
                == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad"
        )
    }

    @Test(arguments: HashAlgorithm.allCases)
    func streamingInRandomChunksEqualsOneShot(_ algorithm: HashAlgorithm) {
        checkStreaming(PureSwiftBackend.hashFunction(algorithm))
    }

    private func checkStreaming<Hash: PureSwiftHashFunction>(_ hash: Hash) {
        let algorithm = hash.algorithm
        var random = SplitMix64(seed: 0x484d_4143 ^ UInt64(algorithm.blockByteCount))
        let keyed = PureSwiftHMAC(key: random.bytes(algorithm.blockByteCount + 7), hash: hash)
        for length in [0, 1, 31, 32, 55, 56, 64, 72, 104, 111, 112, 128, 136, 144, 300] {
            let message = random.bytes(length)
            var streamed = keyed
            var offset = 0
            while offset < length {
                let chunk = Int.random(in: 0...min(2 * algorithm.blockByteCount, length - offset), using: &random)
                streamed.update(Array(message[offset..<(offset + chunk)]))
                offset += chunk
            }
            #expect(streamed.tag() == keyed.tag(appending: message), "length \(length)")
        }
    }

    @Test(arguments: HashAlgorithm.allCases)
    func copiesOfAKeyedStateAreIndependentAndTagsLeaveThemUnchanged(_ algorithm: HashAlgorithm) {
        checkCopies(PureSwiftBackend.hashFunction(algorithm))
    }

    private func checkCopies<Hash: PureSwiftHashFunction>(_ hash: Hash) {
        let key = Array("key".utf8)
        var original = PureSwiftHMAC(key: key, hash: hash)
        original.update(NISTMessage.abc)
        var copy = original
        original.update([1])
        copy.update([2])
        let reference = PureSwiftHMAC(key: key, hash: hash)
        #expect(original.tag() == reference.tag(appending: NISTMessage.abc + [1]))
        #expect(copy.tag() == reference.tag(appending: NISTMessage.abc + [2]))
        #expect(copy.tag() == copy.tag())
        _ = copy.tag(appending: [3, 4, 5])
        #expect(copy.tag() == reference.tag(appending: NISTMessage.abc + [2]))
    }

    @Test(arguments: HashAlgorithm.allCases)
    func keyedStateIsPlainFixedSizeData(_ algorithm: HashAlgorithm) {
        // Trivially copyable (no references, so a copy never allocates nor retains) and small.
        func layout<Hash: PureSwiftHashFunction>(_: Hash) -> (isPOD: Bool, size: Int) {
            (_isPOD(PureSwiftHMAC<Hash>.self), MemoryLayout<PureSwiftHMAC<Hash>>.size)
        }
        let (isPOD, size) = layout(PureSwiftBackend.hashFunction(algorithm))
        #expect(isPOD)
        #expect(size <= 512)
    }

    @Test func keysAreHashedOnlyWhenLongerThanTheBlock() {
        // RFC 2104 §2: a key of exactly B bytes is used as is; one of B + 1 bytes is replaced by its hash.
        let block = [UInt8](repeating: 0x61, count: 64)
        let hashedKey = SHA256.hash(block + [0x61])
        #expect(PureSwiftHMAC<SHA256>.authenticationCode(for: [9], key: block + [0x61])
            == PureSwiftHMAC<SHA256>.authenticationCode(for: [9], key: hashedKey))
        #expect(PureSwiftHMAC<SHA256>.authenticationCode(for: [9], key: block)
            != PureSwiftHMAC<SHA256>.authenticationCode(for: [9], key: SHA256.hash(block)))
    }
}
