import SigConformMAC
import Testing

/// SplitMix64 (Steele, Lea, Flood 2014): a tiny seeded generator, so property tests draw the
/// same "random" chunkings and messages on every run and a failure reproduces.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &self) }
    }
}

/// Messages of the NIST example values for FIPS 180-4 and FIPS 202
/// (csrc.nist.gov/projects/cryptographic-standards-and-guidelines/example-values).
enum NISTMessage {
    static let abc = Array("abc".utf8)
    /// The 448-bit two-block example of SHA-1/SHA-224/SHA-256.
    static let bits448 = Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
    /// The 896-bit two-block example of SHA-384/SHA-512/SHA-512/t.
    static let bits896 = Array(
        ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
            + "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu").utf8
    )
    /// The 1600-bit example of FIPS 202: 200 bytes of 0xa3.
    static let bits1600 = [UInt8](repeating: 0xa3, count: 200)
    /// One million repetitions of "a".
    static let millionA = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
}

/// A digest the standard publishes for a message.
struct DigestKnownAnswer: Sendable, CustomTestStringConvertible {
    let algorithm: HashAlgorithm
    let label: String
    let message: [UInt8]
    let digest: String

    var testDescription: String { "\(algorithm.rawValue)(\(label))" }
}

/// The pure-Swift digest of `message`, in hex.
func pureSwiftDigest(_ algorithm: HashAlgorithm, _ message: [UInt8]) -> String {
    Hex.encode(PureSwiftBackend.hashFunction(algorithm).digest(appending: message))
}

/// The pure-Swift HMAC of `message` under `key`, through the generic ``PureSwiftHMAC``.
func pureSwiftTag(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) -> [UInt8] {
    func tag<Hash: PureSwiftHashFunction>(_ hash: Hash) -> [UInt8] {
        PureSwiftHMAC(key: key, hash: hash).tag(appending: message)
    }
    return tag(PureSwiftBackend.hashFunction(algorithm))
}

/// The bytes of a hex literal from a standard; traps on a typo in the test itself.
func hexBytes(_ text: String) -> [UInt8] {
    guard let bytes = Hex.decode(text) else { preconditionFailure("bad hex literal in test: \(text)") }
    return bytes
}

/// The message of length `count` used by the accumulated known-answer tests:
/// byte i is (7·i + count) mod 256.
func patternMessage(_ count: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ count) }
}
