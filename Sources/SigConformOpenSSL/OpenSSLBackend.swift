import CLibCrypto
import SigConformMAC

/// Digests and HMAC computed by the system's libcrypto (OpenSSL 3): `EVP_MD` for digests and
/// the `EVP_MAC` "HMAC" implementation for HMAC.
///
/// It shares no code with the pure-Swift backend, so agreement between the two is evidence
/// that both are right. Algorithms are fetched once per process (see `OpenSSLAlgorithmTable`);
/// contexts are copy-on-write boxes around OpenSSL contexts; when the last copy of an HMAC
/// context goes, its keyed OpenSSL context waits in a pool for the next HMAC under that key
/// (see `KeyedContextPool`), so signing many messages with one secret keys OpenSSL once.
public struct OpenSSLBackend: MACBackend {
    public let id = "openssl"
    private let table: OpenSSLAlgorithmTable

    /// A backend on the process-wide table of algorithms fetched from the default library context.
    public init() {
        table = .shared
    }

    /// A backend that fetches each algorithm under the given OpenSSL name instead of the
    /// canonical one; lets tests exercise the path where OpenSSL cannot provide an algorithm.
    init(openSSLNames: [HashAlgorithm: String]) {
        table = OpenSSLAlgorithmTable(names: openSSLNames)
    }

    /// `OpenSSL libcrypto` followed by the loaded library's own version string.
    public var displayName: String { "OpenSSL libcrypto (\(OpenSSLAlgorithmTable.libraryVersion))" }

    public func makeDigest(_ algorithm: HashAlgorithm) throws(MACError) -> any DigestContext {
        try OpenSSLDigestContext(try table.digest(algorithm))
    }

    public func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) throws(MACError) -> any HMACContext {
        try OpenSSLHMACContext(template: try table.hmacTemplate(algorithm), key: key, pool: table.keyedContexts)
    }
}
