internal import CLibCrypto
import SigConformMAC

/// The OpenSSL implementations of every ``HashAlgorithm``, fetched once, and the keyless HMAC
/// context each HMAC starts from.
///
/// OpenSSL 3 resolves an algorithm name through its provider store on every implicit fetch,
/// which costs far more than hashing a short message; fetching once and reusing the `EVP_MD`
/// and `EVP_MAC` objects keeps per-message cost at the hashing itself. Fetched objects are
/// immutable and reference counted, so one table is shared by all threads.
final class OpenSSLAlgorithmTable: Sendable {
    /// The process-wide table every ``OpenSSLBackend`` created with `init()` uses.
    static let shared = OpenSSLAlgorithmTable(names: defaultNames)

    /// OpenSSL's canonical names (the `SHA2-`/`SHA3-` spellings, which every OpenSSL 3
    /// provider registers, unlike some aliases).
    static let defaultNames: [HashAlgorithm: String] = [
        .md5: "MD5", .sha1: "SHA1",
        .sha224: "SHA2-224", .sha256: "SHA2-256", .sha384: "SHA2-384", .sha512: "SHA2-512",
        .sha512_224: "SHA2-512/224", .sha512_256: "SHA2-512/256",
        .sha3_224: "SHA3-224", .sha3_256: "SHA3-256", .sha3_384: "SHA3-384", .sha3_512: "SHA3-512",
    ]

    /// The version string of the libcrypto actually loaded, e.g. `OpenSSL 3.0.19 27 Jan 2026`.
    static let libraryVersion: String = {
        guard let text = OpenSSL_version(OPENSSL_VERSION) else { return "OpenSSL (unknown version)" }
        return String(cString: text)
    }()

    private let digests: [HashAlgorithm: Result<FetchedDigest, MACError>]
    private let hmac: Result<FetchedMAC, MACError>
    private let hmacTemplates: [HashAlgorithm: Result<HMACTemplate, MACError>]
    /// Keyed HMAC contexts released by their last user, for the next HMAC under the same key.
    let keyedContexts = KeyedContextPool()

    /// Fetches every algorithm under the given OpenSSL names. Algorithms missing from `names`
    /// or failing to fetch are recorded as unsupported and reported when first used.
    init(names: [HashAlgorithm: String]) {
        var digests: [HashAlgorithm: Result<FetchedDigest, MACError>] = [:]
        for algorithm in HashAlgorithm.allCases {
            guard let name = names[algorithm] else {
                digests[algorithm] = .failure(
                    .unsupportedAlgorithm(
                        algorithm, backend: OpenSSLErrors.backendID, reason: "no OpenSSL name is known"))
                continue
            }
            if let md = EVP_MD_fetch(nil, name, nil) {
                digests[algorithm] = .success(FetchedDigest(algorithm: algorithm, name: name, md: md))
            } else {
                let reason = "EVP_MD_fetch(\"\(name)\") failed: \(OpenSSLErrors.drainQueue())"
                digests[algorithm] = .failure(
                    .unsupportedAlgorithm(algorithm, backend: OpenSSLErrors.backendID, reason: reason))
            }
        }
        self.digests = digests
        let hmac: Result<FetchedMAC, MACError> =
            if let mac = EVP_MAC_fetch(nil, "HMAC", nil) {
                .success(FetchedMAC(mac: mac))
            } else {
                .failure(OpenSSLErrors.failure("EVP_MAC_fetch(\"HMAC\")"))
            }
        self.hmac = hmac
        var templates: [HashAlgorithm: Result<HMACTemplate, MACError>] = [:]
        for algorithm in HashAlgorithm.allCases {
            templates[algorithm] = Result { () throws(MACError) in
                try HMACTemplate(digest: try digests[algorithm]!.get(), mac: try hmac.get())
            }
        }
        hmacTemplates = templates
    }

    deinit {
        for case .success(let fetched) in digests.values { EVP_MD_free(fetched.md) }
        if case .success(let fetched) = hmac { EVP_MAC_free(fetched.mac) }
    }

    /// The fetched digest for `algorithm`, or why OpenSSL cannot provide it.
    func digest(_ algorithm: HashAlgorithm) throws(MACError) -> FetchedDigest {
        guard let entry = digests[algorithm] else {
            throw .unsupportedAlgorithm(
                algorithm, backend: OpenSSLErrors.backendID, reason: "not in the algorithm table")
        }
        return try entry.get()
    }

    /// The keyless HMAC context new keys of `algorithm` start from, or why there is none.
    func hmacTemplate(_ algorithm: HashAlgorithm) throws(MACError) -> HMACTemplate {
        guard let entry = hmacTemplates[algorithm] else {
            throw .unsupportedAlgorithm(
                algorithm, backend: OpenSSLErrors.backendID, reason: "not in the algorithm table")
        }
        return try entry.get()
    }
}

/// An `EVP_MD` owned by an ``OpenSSLAlgorithmTable``; valid while the table lives.
/// Contexts initialised from it take their own reference, so they may outlive the table.
struct FetchedDigest: @unchecked Sendable {
    let algorithm: HashAlgorithm
    /// The name that fetched `md`, which is also the `digest` parameter of an HMAC context.
    let name: String
    let md: OpaquePointer
}

/// An `EVP_MAC` ("HMAC") owned by an ``OpenSSLAlgorithmTable``.
struct FetchedMAC: @unchecked Sendable {
    let mac: OpaquePointer
}
