import SigConformMAC
import Testing

/// The one-shot `PureSwiftBackend.hmac` serves keys it has seen from kept keyed states
/// (`KeyedStateCache`): every answer must still be the HMAC a freshly keyed context computes,
/// whatever the order of keys, their number beyond what is kept, and the threads asking.
@Suite struct KeyedStateCacheTests {
    let backend = PureSwiftBackend()

    /// The tag of a context keyed just now: the reference the kept states are checked against.
    func freshTag(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) throws -> [UInt8] {
        var context = backend.makeHMAC(algorithm, key: key)
        try context.update(message)
        return try context.tag()
    }

    @Test(arguments: HashAlgorithm.allCases)
    func repeatedAndInterleavedKeysGiveTheFreshlyKeyedTag(_ algorithm: HashAlgorithm) throws {
        var generator = SplitMix64(seed: 20)
        // More keys than are kept (16 per hash family), some longer than the block, visited in
        // rounds so that each is seen again after others pushed it out or kept it.
        let keys = (0..<40).map { index in generator.bytes(index % 7 == 0 ? algorithm.blockByteCount + index : 1 + index % 33) }
        for round in 0..<3 {
            for (index, key) in keys.enumerated() where (index + round) % 3 != 0 || round == 0 {
                let message = generator.bytes(Int.random(in: 0...300, using: &generator))
                #expect(backend.hmac(algorithm, key: key, message: message) == (try freshTag(algorithm, key: key, message: message)),
                        "key \(index), round \(round)")
            }
        }
    }

    @Test func familyMembersUnderOneKeyAreKeptApart() throws {
        // SHA-384 and SHA-512 (and SHA-224 and SHA-256) share a hash type and so a cache: the
        // algorithm is part of what a kept state is found by.
        let key = Array("one key for the whole family".utf8)
        let message = Array("GET\n/api/v4/spot/orders\n".utf8)
        for algorithm in [HashAlgorithm.sha512, .sha384, .sha512_224, .sha512_256, .sha256, .sha224, .sha512, .sha224] {
            let tag = backend.hmac(algorithm, key: key, message: message)
            #expect(tag.count == algorithm.digestByteCount)
            #expect(tag == (try freshTag(algorithm, key: key, message: message)), "\(algorithm)")
        }
    }

    @Test func threadsSigningAtOnceGetTheFreshlyKeyedTag() async throws {
        var generator = SplitMix64(seed: 4)
        let keys = (0..<24).map { _ in generator.bytes(32) }
        let algorithms: [HashAlgorithm] = [.sha256, .sha512, .sha384]
        let mismatches = await withTaskGroup(of: Int.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    var generator = SplitMix64(seed: UInt64(worker))
                    var mismatches = 0
                    for _ in 0..<300 {
                        let key = keys[Int.random(in: 0..<keys.count, using: &generator)]
                        let algorithm = algorithms[Int.random(in: 0..<algorithms.count, using: &generator)]
                        let message = generator.bytes(Int.random(in: 0...200, using: &generator))
                        if (try? freshTag(algorithm, key: key, message: message)) != backend.hmac(algorithm, key: key, message: message) {
                            mismatches += 1
                        }
                    }
                    return mismatches
                }
            }
            return await group.reduce(0, +)
        }
        #expect(mismatches == 0)
    }

    @Test(arguments: HashAlgorithm.allCases)
    func oneShotDigestIsTheStreamedDigest(_ algorithm: HashAlgorithm) throws {
        var generator = SplitMix64(seed: 180)
        for length in [0, 1, algorithm.blockByteCount - 1, algorithm.blockByteCount, 3 * algorithm.blockByteCount + 5] {
            let message = generator.bytes(length)
            var context = backend.makeDigest(algorithm)
            try context.update(message)
            #expect(backend.digest(algorithm, message) == (try context.digest()), "\(length) bytes")
        }
    }
}
