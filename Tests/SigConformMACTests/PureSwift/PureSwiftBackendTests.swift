import SigConformMAC
import Testing

/// The ``MACBackend`` contract, exercised through the existentials callers actually hold.
@Suite struct PureSwiftBackendTests {
    let backend: any MACBackend = PureSwiftBackend()

    @Test func identifiesItself() {
        #expect(backend.id == "swift")
        #expect(backend.displayName == "pure Swift")
    }

    @Test(arguments: HashAlgorithm.allCases)
    func contextsComputeTheRequestedAlgorithm(_ algorithm: HashAlgorithm) throws {
        let digest = try backend.makeDigest(algorithm)
        let hmac = try backend.makeHMAC(algorithm, key: [1, 2, 3])
        #expect(digest.algorithm == algorithm)
        #expect(hmac.algorithm == algorithm)
        #expect(try backend.digest(algorithm, NISTMessage.abc) == hexBytes(pureSwiftDigest(algorithm, NISTMessage.abc)))
        #expect(try backend.hmac(algorithm, key: [1, 2, 3], message: []).count == algorithm.digestByteCount)
    }

    @Test(arguments: HashAlgorithm.allCases)
    func digestContextCopiesExtendIndependently(_ algorithm: HashAlgorithm) throws {
        var original = try backend.makeDigest(algorithm)
        try original.update(NISTMessage.bits448)
        var copy = original
        try original.update(Array("x".utf8))
        try copy.update(Array("y".utf8))
        #expect(try original.digest() == backend.digest(algorithm, NISTMessage.bits448 + Array("x".utf8)))
        #expect(try copy.digest() == backend.digest(algorithm, NISTMessage.bits448 + Array("y".utf8)))
        #expect(try copy.digest() == copy.digest())
    }

    @Test(arguments: HashAlgorithm.allCases)
    func hmacContextCopiesExtendIndependentlyAndTagsDoNotConsume(_ algorithm: HashAlgorithm) throws {
        let key = Array("contract".utf8)
        var original = try backend.makeHMAC(algorithm, key: key)
        try original.update(NISTMessage.bits896)
        var copy = original
        try original.update(Array("x".utf8))
        try copy.update(Array("y".utf8))
        let expectedCopy = try backend.hmac(algorithm, key: key, message: NISTMessage.bits896 + Array("y".utf8))
        #expect(try original.tag() == backend.hmac(algorithm, key: key, message: NISTMessage.bits896 + Array("x".utf8)))
        #expect(try copy.tag() == expectedCopy)
        #expect(try copy.tag() == expectedCopy)
        #expect(try copy.tag(appending: [7]) == backend.hmac(algorithm, key: key, message: NISTMessage.bits896 + Array("y".utf8) + [7]))
        #expect(try copy.tag() == expectedCopy)
    }

    @Test(arguments: HashAlgorithm.allCases)
    func acceptsEmptyAndOverlongKeys(_ algorithm: HashAlgorithm) throws {
        let overlong = [UInt8](repeating: 0x42, count: 3 * algorithm.blockByteCount + 1)
        for key in [[], overlong] {
            #expect(try backend.hmac(algorithm, key: key, message: []) == pureSwiftTag(algorithm, key: key, message: []))
        }
    }

    @Test(arguments: HashAlgorithm.allCases)
    func isValidHMACAcceptsTheTagAndItsTruncationsOnly(_ algorithm: HashAlgorithm) throws {
        let key = Array("secret".utf8)
        let message = Array("GET /api/v3/account".utf8)
        let tag = try backend.hmac(algorithm, key: key, message: message)
        for length in [1, 10, 16, tag.count] {
            let truncated = Array(tag.prefix(length))
            #expect(try backend.isValidHMAC(truncated, algorithm: algorithm, key: key, message: message), "length \(length)")
            var corrupted = truncated
            corrupted[length - 1] ^= 0x01
            #expect(try !backend.isValidHMAC(corrupted, algorithm: algorithm, key: key, message: message), "length \(length)")
        }
        #expect(try !backend.isValidHMAC([], algorithm: algorithm, key: key, message: message))
        #expect(try !backend.isValidHMAC(tag + [0], algorithm: algorithm, key: key, message: message))
        #expect(try !backend.isValidHMAC(tag, algorithm: algorithm, key: key + [1], message: message))
        // Short keys are zero-padded to the block (RFC 2104 §2), so a trailing zero byte is the same key.
        #expect(try backend.isValidHMAC(tag, algorithm: algorithm, key: key + [0], message: message))
        #expect(try !backend.isValidHMAC(tag, algorithm: algorithm, key: key, message: message + [0]))
    }
}
