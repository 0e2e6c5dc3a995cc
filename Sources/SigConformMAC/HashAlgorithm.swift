/// A hash function that sigconform can digest and HMAC with.
///
/// The raw value is the stable, lower-case identifier used in venue recipes, vector files,
/// reports and on the command line (`--hash sha256`).
public enum HashAlgorithm: String, CaseIterable, Sendable, Hashable, Codable {
    case md5
    case sha1
    case sha224
    case sha256
    case sha384
    case sha512
    case sha512_224 = "sha512-224"
    case sha512_256 = "sha512-256"
    case sha3_224 = "sha3-224"
    case sha3_256 = "sha3-256"
    case sha3_384 = "sha3-384"
    case sha3_512 = "sha3-512"

    /// Length of the digest (and of an untruncated HMAC tag) in bytes.
    public var digestByteCount: Int {
        switch self {
        case .md5: 16
        case .sha1: 20
        case .sha224, .sha512_224, .sha3_224: 28
        case .sha256, .sha512_256, .sha3_256: 32
        case .sha384, .sha3_384: 48
        case .sha512, .sha3_512: 64
        }
    }

    /// The block size HMAC pads keys to (RFC 2104; FIPS 202 rate for SHA-3).
    public var blockByteCount: Int {
        switch self {
        case .md5, .sha1, .sha224, .sha256: 64
        case .sha384, .sha512, .sha512_224, .sha512_256: 128
        case .sha3_224: 144
        case .sha3_256: 136
        case .sha3_384: 104
        case .sha3_512: 72
        }
    }

    /// Looks an algorithm up by any of the spellings found in docs and vector files:
    /// `sha256`, `SHA-256`, `SHA256`, `HMACSHA256`, `HmacSHA256`, `sha512/256`, `SHA3-256`.
    public init?(name: String) {
        var key = name.lowercased()
        if key.hasPrefix("hmac") { key.removeFirst(4) }
        key = String(key.filter { $0 != "-" && $0 != "_" && $0 != "/" && $0 != " " })
        let table: [String: HashAlgorithm] = [
            "md5": .md5, "sha1": .sha1, "sha224": .sha224, "sha256": .sha256, "sha384": .sha384,
            "sha512": .sha512, "sha512224": .sha512_224, "sha512256": .sha512_256,
            "sha3224": .sha3_224, "sha3256": .sha3_256, "sha3384": .sha3_384, "sha3512": .sha3_512,
        ]
        guard let found = table[key] else { return nil }
        self = found
    }
}
