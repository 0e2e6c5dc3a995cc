import SigConformMAC
import Testing

/// The `MACBackend` contract (Sources/SigConformMAC/MACBackend.swift), checked on every backend
/// and every algorithm. References are computed with fresh contexts, a different code path from
/// the reuse being tested; the standard vectors pin the absolute values.
@Suite("MAC backend contract")
struct MACContractTests {
    static let arguments = testedBackendIDs.flatMap { id in HashAlgorithm.allCases.map { (id, $0) } }

    private let key = Array("contract key".utf8)
    private let prefix = Array("GET\n/api/v3/order\n".utf8)
    private let first = Array("symbol=BTCUSDT&side=BUY".utf8)
    private let second = Array("symbol=ETHUSDT&side=SELL&quantity=0.1".utf8)

    @Test(arguments: arguments)
    func copiedHMACContextExtendsIndependently(backendID: String, algorithm: HashAlgorithm) throws {
        let backend = backend(backendID)
        var original = try backend.makeHMAC(algorithm, key: key)
        try original.update(prefix)
        var copy = original
        try original.update(first)
        try copy.update(second)
        #expect(try original.tag() == backend.hmac(algorithm, key: key, message: prefix + first))
        #expect(try copy.tag() == backend.hmac(algorithm, key: key, message: prefix + second))
    }

    @Test(arguments: arguments)
    func tagAndTagAppendingLeaveTheHMACContextUnchanged(backendID: String, algorithm: HashAlgorithm) throws {
        let backend = backend(backendID)
        var context = try backend.makeHMAC(algorithm, key: key)
        try context.update(prefix)
        let once = try context.tag()
        #expect(try context.tag() == once)
        #expect(try context.tag(appending: first) == backend.hmac(algorithm, key: key, message: prefix + first))
        #expect(try context.tag() == once)
        try context.update(second)
        #expect(try context.tag() == backend.hmac(algorithm, key: key, message: prefix + second))
    }

    @Test(arguments: arguments)
    func keyedContextAnswersManyMessagesThenStillStreams(backendID: String, algorithm: HashAlgorithm) throws {
        let backend = backend(backendID)
        var context = try backend.makeHMAC(algorithm, key: key)
        var copy = context
        for message in [first, [], second, prefix + first] {
            var fresh = try backend.makeHMAC(algorithm, key: key)
            try fresh.update(message)
            let expected = try fresh.tag()
            #expect(try context.tag(appending: message) == expected)
            #expect(try copy.tag(appending: message) == expected)
        }
        #expect(try context.tag() == backend.hmac(algorithm, key: key, message: []))
        try context.update(first)
        #expect(try context.tag() == backend.hmac(algorithm, key: key, message: first))
        #expect(try copy.tag() == backend.hmac(algorithm, key: key, message: []))
    }

    @Test(arguments: arguments)
    func emptyUpdatesChangeNothing(backendID: String, algorithm: HashAlgorithm) throws {
        let backend = backend(backendID)
        var context = try backend.makeHMAC(algorithm, key: key)
        try context.update([UInt8]())
        try context.update(first)
        try context.update([UInt8]())
        #expect(try context.tag(appending: []) == backend.hmac(algorithm, key: key, message: first))
    }

    @Test(arguments: arguments)
    func copiedDigestContextExtendsIndependentlyAndDigestDoesNotConsume(
        backendID: String, algorithm: HashAlgorithm
    ) throws {
        let backend = backend(backendID)
        var original = try backend.makeDigest(algorithm)
        #expect(try original.digest() == backend.digest(algorithm, []))
        try original.update(prefix)
        let atPrefix = try original.digest()
        #expect(try original.digest() == atPrefix)
        var copy = original
        try original.update(first)
        try copy.update(second)
        #expect(try original.digest() == backend.digest(algorithm, prefix + first))
        #expect(try copy.digest() == backend.digest(algorithm, prefix + second))
        try copy.update(first)
        #expect(try copy.digest() == backend.digest(algorithm, prefix + second + first))
    }

    @Test(arguments: arguments)
    func emptyKeyActsAsAllZeroKey(backendID: String, algorithm: HashAlgorithm) throws {
        // RFC 2104 pads keys with zeros to the block size, so an empty key and any all-zero key
        // no longer than the block give the same HMAC.
        let backend = backend(backendID)
        let emptyKeyTag = try backend.hmac(algorithm, key: [], message: first)
        #expect(emptyKeyTag.count == algorithm.digestByteCount)
        #expect(try backend.hmac(algorithm, key: [0], message: first) == emptyKeyTag)
        let zeroBlock = [UInt8](repeating: 0, count: algorithm.blockByteCount)
        #expect(try backend.hmac(algorithm, key: zeroBlock, message: first) == emptyKeyTag)
        #expect(try backend.hmac(algorithm, key: [1], message: first) != emptyKeyTag)
    }

    @Test(arguments: arguments)
    func keyLongerThanTheBlockIsHashedFirst(backendID: String, algorithm: HashAlgorithm) throws {
        let backend = backend(backendID)
        var generator = SplitMix64(seed: 2104)
        for length in [algorithm.blockByteCount + 1, 2 * algorithm.blockByteCount + 3, 1000] {
            let longKey = generator.bytes(length)
            let hashedKey = try backend.digest(algorithm, longKey)
            #expect(
                try backend.hmac(algorithm, key: longKey, message: first)
                    == backend.hmac(algorithm, key: hashedKey, message: first))
        }
        let blockKey = generator.bytes(algorithm.blockByteCount)
        #expect(
            try backend.hmac(algorithm, key: blockKey, message: first)
                != backend.hmac(algorithm, key: backend.digest(algorithm, blockKey), message: first))
    }

    @Test(arguments: arguments)
    func tagIntoWritesTheTagOnlyAndLeavesTheContextUnchanged(backendID: String, algorithm: HashAlgorithm) throws {
        let backend = backend(backendID)
        let count = algorithm.digestByteCount
        for absorbed in [[], prefix] {
            var context = try backend.makeHMAC(algorithm, key: key)
            try context.update(absorbed)
            var output = [UInt8](repeating: 0xA5, count: count + 8)
            for message in [first, second] {
                try output.withUnsafeMutableBytes { buffer in
                    try message.withUnsafeBytes { raw in try context.tag(appending: raw, into: buffer) }
                }
                #expect(Array(output[..<count]) == (try backend.hmac(algorithm, key: key, message: absorbed + message)))
                #expect(output[count...].allSatisfy { $0 == 0xA5 })
            }
            #expect(try context.tag() == backend.hmac(algorithm, key: key, message: absorbed))
        }
    }

    @Test(arguments: testedBackendIDs)
    func publishedEmptyKeyAndEmptyMessageValue(backendID: String) throws {
        // HMAC-SHA256 with an empty key over an empty message, as listed in the Wikipedia article
        // "HMAC" (examples section).
        let tag = try backend(backendID).hmac(.sha256, key: [], message: [])
        #expect(Hex.encode(tag) == "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad")
    }
}
