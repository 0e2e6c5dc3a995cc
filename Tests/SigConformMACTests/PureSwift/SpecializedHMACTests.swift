import Testing

@testable import SigConformMAC

/// The pure-Swift backend hands out HMAC contexts of concrete hash types, which compute the
/// same tags as the generic `PureSwiftHMAC`.
@Suite struct SpecializedHMACTests {
    private let key = Array("specialised".utf8)
    private let message = Array("symbol=BTCUSDT&side=BUY&timestamp=1700000000000".utf8)

    @Test(arguments: HashAlgorithm.allCases)
    func backendHMACIsTheConcreteContextOfItsHashFamily(_ algorithm: HashAlgorithm) {
        let context = PureSwiftBackend().makeHMAC(algorithm, key: key)
        let expected: any HMACContext.Type =
            switch algorithm {
            case .md5: MD5HMAC.self
            case .sha1: SHA1HMAC.self
            case .sha224, .sha256: SHA256HMAC.self
            case .sha384, .sha512, .sha512_224, .sha512_256: SHA512HMAC.self
            case .sha3_224, .sha3_256, .sha3_384, .sha3_512: SHA3HMAC.self
            }
        #expect(type(of: context) == expected)
        #expect(context.algorithm == algorithm)
    }

    @Test(arguments: HashAlgorithm.allCases)
    func specialisedAndGenericContextsAgree(_ algorithm: HashAlgorithm) throws {
        var specialised = PureSwiftBackend().makeHMAC(algorithm, key: key)
        #expect(try specialised.tag(appending: message) == genericTag(algorithm, message))
        try specialised.update(message)
        #expect(try specialised.tag() == genericTag(algorithm, message))
        #expect(try specialised.tag(appending: message) == genericTag(algorithm, message + message))
    }

    /// The tag computed by `PureSwiftHMAC` over the hash type `hashFunction` returns, unspecialised.
    private func genericTag(_ algorithm: HashAlgorithm, _ bytes: [UInt8]) -> [UInt8] {
        func tag(_ hash: some PureSwiftHashFunction) -> [UInt8] {
            PureSwiftHMAC(key: key, hash: hash).tag(appending: bytes)
        }
        return tag(PureSwiftBackend.hashFunction(algorithm))
    }
}
