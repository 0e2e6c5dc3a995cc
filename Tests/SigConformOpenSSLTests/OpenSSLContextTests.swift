import SigConformMAC
import Testing

@testable import SigConformOpenSSL

/// How the OpenSSL contexts manage their `EVP_*_CTX` boxes: the hot path reuses one context,
/// copies duplicate only when they diverge, and every box is released.
///
/// The tests watch boxes through `weak` references: a strong one would itself make the box
/// shared and force the copy-on-write they are checking for.
@Suite("OpenSSL context management")
struct OpenSSLContextTests {
    private let backend = OpenSSLBackend()
    private let key = Array("box key".utf8)

    private func hmacContext(_ algorithm: HashAlgorithm = .sha256) throws -> OpenSSLHMACContext {
        try #require(try backend.makeHMAC(algorithm, key: key) as? OpenSSLHMACContext)
    }

    @Test func tagAppendingOnAFreshUniqueContextReusesItsOpenSSLContext() throws {
        var context = try hmacContext()
        weak let box = context.state
        let handle = context.state.context
        for message in ["a", "bb", ""].map({ Array($0.utf8) }) {
            #expect(try context.tag(appending: message) == backend.hmac(.sha256, key: key, message: message))
            #expect(context.state === box)
            #expect(context.state.context == handle)
            #expect(context.state.phase == .keyed)
        }
    }

    @Test func copiesShareOneBoxUntilOneOfThemIsUsed() throws {
        var original = try hmacContext()
        var copy = original
        #expect(copy.state === original.state)
        _ = try copy.tag(appending: Array("m".utf8))
        #expect(copy.state !== original.state)
        weak let copyBox = copy.state
        _ = try copy.tag(appending: Array("n".utf8))
        #expect(copy.state === copyBox)
        try original.update(Array("x".utf8))
        #expect(original.state !== copyBox)
    }

    @Test func tagOfAnAbsorbingContextFinishesADuplicateAndKeepsTheBox() throws {
        var context = try hmacContext()
        try context.update(Array("partial".utf8))
        weak let box = context.state
        _ = try context.tag()
        _ = try context.tag(appending: Array("more".utf8))
        #expect(context.state === box)
        #expect(context.state.phase == .absorbing)
    }

    @Test func boxesAreReleasedWithTheirLastCopy() throws {
        weak var hmacBox: HMACState?
        weak var digestBox: DigestState?
        do {
            var hmac = try hmacContext()
            try hmac.update(Array("x".utf8))
            _ = try hmac.tag()
            hmacBox = hmac.state
            var digest = try #require(try backend.makeDigest(.sha512) as? OpenSSLDigestContext)
            try digest.update(Array("x".utf8))
            _ = try digest.digest()
            digestBox = digest.state
            #expect(hmacBox != nil && digestBox != nil)
        }
        #expect(hmacBox == nil)
        #expect(digestBox == nil)
    }

    @Test func digestCopiesShareOneBoxUntilExtended() throws {
        var original = try #require(try backend.makeDigest(.sha3_256) as? OpenSSLDigestContext)
        try original.update(Array("abc".utf8))
        var copy = original
        #expect(copy.state === original.state)
        #expect(try copy.digest() == original.digest())
        #expect(copy.state === original.state)
        try copy.update(Array("d".utf8))
        #expect(copy.state !== original.state)
        #expect(try original.digest() == backend.digest(.sha3_256, Array("abc".utf8)))
    }

    @Test func algorithmsAreFetchedOncePerProcessAndKeysStartFromOneTemplate() throws {
        let table = OpenSSLAlgorithmTable.shared
        #expect(try table.digest(.sha256).md == table.digest(.sha256).md)
        #expect(try table.digest(.sha512_256).name == "SHA2-512/256")
        #expect(try table.hmacTemplate(.sha3_256) === table.hmacTemplate(.sha3_256))
        #expect(try table.hmacTemplate(.sha3_256).algorithm == .sha3_256)
    }

    @Test func aReleasedContextServesTheNextHMACUnderTheSameKeyOnly() throws {
        // A table of its own, so that tests running alongside cannot take the pooled context.
        let backend = OpenSSLBackend(openSSLNames: OpenSSLAlgorithmTable.defaultNames)
        let reference = PureSwiftBackend()
        func context(_ algorithm: HashAlgorithm, _ key: [UInt8]) throws -> OpenSSLHMACContext {
            try #require(try backend.makeHMAC(algorithm, key: key) as? OpenSSLHMACContext)
        }
        var handle: OpaquePointer?
        do {
            // Released holding message data: re-initialised before it goes back.
            var first = try context(.sha256, key)
            try first.update(Array("partial".utf8))
            handle = first.state.context
        }
        do {
            let otherKey = try context(.sha256, key + [0])
            let otherAlgorithm = try context(.sha512, key)
            #expect(otherKey.state.context != handle)
            #expect(otherAlgorithm.state.context != handle)
        }
        var second = try context(.sha256, key)
        #expect(second.state.context == handle)
        #expect(second.state.phase == .keyed)
        let message = Array("after reuse".utf8)
        #expect(try second.tag(appending: message) == reference.hmac(.sha256, key: key, message: message))
    }

    @Test func oneShotHMACKeysOnceAndLeavesItsContextForTheNextCall() throws {
        let backend = OpenSSLBackend(openSSLNames: OpenSSLAlgorithmTable.defaultNames)
        let reference = PureSwiftBackend()
        for message in [[], Array("first".utf8), Array("second message".utf8)] {
            #expect(try backend.hmac(.sha384, key: key, message: message) == reference.hmac(.sha384, key: key, message: message))
        }
        // The three calls keyed one context, which waits in the pool: exactly one is there.
        let pool = backend.table.keyedContexts
        let pooled = try #require(pool.checkOut(.sha384, key: key))
        #expect(pool.checkOut(.sha384, key: key) == nil)
        pool.checkIn(pooled, algorithm: .sha384, key: key)
        #expect(try backend.hmac(.sha384, key: key, message: key) == reference.hmac(.sha384, key: key, message: key))
    }

    @Test func oneBackendServesManyThreadsAtOnce() async throws {
        // The algorithm table and HMAC templates are shared by every thread.
        let (backend, key) = (self.backend, self.key)
        let expected = try HashAlgorithm.allCases.map { try backend.hmac($0, key: key, message: key) }
        let agreed = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    (0..<50).allSatisfy { _ in
                        HashAlgorithm.allCases.indices.allSatisfy { index in
                            (try? backend.hmac(HashAlgorithm.allCases[index], key: key, message: key))
                                == expected[index]
                        }
                    }
                }
            }
            return await group.allSatisfy { $0 }
        }
        #expect(agreed)
    }
}
