/// The MAC backend written in Swift against the standard library only.
///
/// It depends on no system library, so it runs wherever Swift does and serves as the
/// independent second opinion to `OpenSSLBackend`. Every ``HashAlgorithm`` is supported;
/// nothing here throws.
public struct PureSwiftBackend: MACBackend {
    public init() {}

    public var id: String { "swift" }

    public var displayName: String { "pure Swift" }

    /// Copying a keyed state costs nothing in an optimised build, and HMAC-SHA256/224 tags four
    /// messages per SIMD pass; unoptimised Swift, though, is an order of magnitude slower than
    /// libcrypto.
    public var searchSpeed: SearchSpeed {
        #if DEBUG
        .unrated
        #else
        .fastest
        #endif
    }

    /// Four lanes of HMAC-SHA256 or -224 (``SHA256FourLaneHMAC``); nil for other hashes.
    public func makeBatchTagger(_ algorithm: HashAlgorithm, key: [UInt8], prefix: [UInt8]) -> (any HMACBatchTagger)? {
        guard algorithm == .sha256 || algorithm == .sha224 else { return nil }
        var keyed = PureSwiftHMAC(key: key, hash: SHA256(variant: algorithm == .sha256 ? .sha256 : .sha224))
        keyed.update(prefix)
        return SHA256FourLaneHMAC(keyed)
    }

    /// Four lanes of SHA-256 or -224 (``SHA256FourLaneDigest``); nil for other hashes.
    public func makeBatchDigester(_ algorithm: HashAlgorithm, prefix: [UInt8]) -> (any DigestBatcher)? {
        guard algorithm == .sha256 || algorithm == .sha224 else { return nil }
        var hash = SHA256(variant: algorithm == .sha256 ? .sha256 : .sha224)
        hash.update(prefix)
        return SHA256FourLaneDigest(hash)
    }

    public func makeDigest(_ algorithm: HashAlgorithm) -> any DigestContext {
        Self.hashFunction(algorithm)
    }

    /// A keyed HMAC of a concrete hash type, so that calls through the existential run code
    /// specialised for that hash (see `SpecializedHMAC`).
    public func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) -> any HMACContext {
        switch algorithm {
        case .md5: MD5HMAC(hmac: PureSwiftHMAC(key: key, hash: MD5()))
        case .sha1: SHA1HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA1()))
        case .sha224: SHA256HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA256(variant: .sha224)))
        case .sha256: SHA256HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA256(variant: .sha256)))
        case .sha384: SHA512HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA512(variant: .sha384)))
        case .sha512: SHA512HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA512(variant: .sha512)))
        case .sha512_224: SHA512HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA512(variant: .sha512_224)))
        case .sha512_256: SHA512HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA512(variant: .sha512_256)))
        case .sha3_224: SHA3HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA3(variant: .sha3_224)))
        case .sha3_256: SHA3HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA3(variant: .sha3_256)))
        case .sha3_384: SHA3HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA3(variant: .sha3_384)))
        case .sha3_512: SHA3HMAC(hmac: PureSwiftHMAC(key: key, hash: SHA3(variant: .sha3_512)))
        }
    }

    /// One-shot digest on the concrete hash type: no context existential to box and free.
    public func digest(_ algorithm: HashAlgorithm, _ message: [UInt8]) -> [UInt8] {
        switch algorithm {
        case .md5: MD5().digest(appending: message)
        case .sha1: SHA1().digest(appending: message)
        case .sha224: SHA256(variant: .sha224).digest(appending: message)
        case .sha256: SHA256(variant: .sha256).digest(appending: message)
        case .sha384: SHA512(variant: .sha384).digest(appending: message)
        case .sha512: SHA512(variant: .sha512).digest(appending: message)
        case .sha512_224: SHA512(variant: .sha512_224).digest(appending: message)
        case .sha512_256: SHA512(variant: .sha512_256).digest(appending: message)
        case .sha3_224: SHA3(variant: .sha3_224).digest(appending: message)
        case .sha3_256: SHA3(variant: .sha3_256).digest(appending: message)
        case .sha3_384: SHA3(variant: .sha3_384).digest(appending: message)
        case .sha3_512: SHA3(variant: .sha3_512).digest(appending: message)
        }
    }

    /// One-shot HMAC from a keyed state kept per key (``KeyedStateCache``), on the concrete
    /// hash type: a key seen before costs no pad blocks, and nothing is boxed.
    public func hmac(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
        switch algorithm {
        case .md5: Self.md5States.keyed(algorithm, key: key, fresh: MD5()).tag(appending: message)
        case .sha1: Self.sha1States.keyed(algorithm, key: key, fresh: SHA1()).tag(appending: message)
        case .sha224: Self.sha256States.keyed(algorithm, key: key, fresh: SHA256(variant: .sha224)).tag(appending: message)
        case .sha256: Self.sha256States.keyed(algorithm, key: key, fresh: SHA256(variant: .sha256)).tag(appending: message)
        case .sha384: Self.sha512States.keyed(algorithm, key: key, fresh: SHA512(variant: .sha384)).tag(appending: message)
        case .sha512: Self.sha512States.keyed(algorithm, key: key, fresh: SHA512(variant: .sha512)).tag(appending: message)
        case .sha512_224: Self.sha512States.keyed(algorithm, key: key, fresh: SHA512(variant: .sha512_224)).tag(appending: message)
        case .sha512_256: Self.sha512States.keyed(algorithm, key: key, fresh: SHA512(variant: .sha512_256)).tag(appending: message)
        case .sha3_224: Self.sha3States.keyed(algorithm, key: key, fresh: SHA3(variant: .sha3_224)).tag(appending: message)
        case .sha3_256: Self.sha3States.keyed(algorithm, key: key, fresh: SHA3(variant: .sha3_256)).tag(appending: message)
        case .sha3_384: Self.sha3States.keyed(algorithm, key: key, fresh: SHA3(variant: .sha3_384)).tag(appending: message)
        case .sha3_512: Self.sha3States.keyed(algorithm, key: key, fresh: SHA3(variant: .sha3_512)).tag(appending: message)
        }
    }

    // One cache per hash type, shared by every instance: the backend is a stateless value.
    static let md5States = KeyedStateCache<MD5>()
    static let sha1States = KeyedStateCache<SHA1>()
    static let sha256States = KeyedStateCache<SHA256>()
    static let sha512States = KeyedStateCache<SHA512>()
    static let sha3States = KeyedStateCache<SHA3>()

    /// A fresh computation of `algorithm`.
    package static func hashFunction(_ algorithm: HashAlgorithm) -> any PureSwiftHashFunction {
        switch algorithm {
        case .md5: MD5()
        case .sha1: SHA1()
        case .sha224: SHA256(variant: .sha224)
        case .sha256: SHA256(variant: .sha256)
        case .sha384: SHA512(variant: .sha384)
        case .sha512: SHA512(variant: .sha512)
        case .sha512_224: SHA512(variant: .sha512_224)
        case .sha512_256: SHA512(variant: .sha512_256)
        case .sha3_224: SHA3(variant: .sha3_224)
        case .sha3_256: SHA3(variant: .sha3_256)
        case .sha3_384: SHA3(variant: .sha3_384)
        case .sha3_512: SHA3(variant: .sha3_512)
        }
    }
}
