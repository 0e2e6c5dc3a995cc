internal import CLibCrypto
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
    let table: OpenSSLAlgorithmTable

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

    /// libcrypto is optimised in every build, but duplicating a keyed context allocates.
    public var searchSpeed: SearchSpeed { .fast }

    public func makeDigest(_ algorithm: HashAlgorithm) throws(MACError) -> any DigestContext {
        try OpenSSLDigestContext(try table.digest(algorithm))
    }

    public func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) throws(MACError) -> any HMACContext {
        try OpenSSLHMACContext(template: try table.hmacTemplate(algorithm), key: key, pool: table.keyedContexts)
    }

    /// `EVP_Digest` with the fetched `EVP_MD`: one call, no context object or copy-on-write box
    /// (`check` digests a body per request for Gate.io and Kraken).
    public func digest(_ algorithm: HashAlgorithm, _ message: [UInt8]) throws(MACError) -> [UInt8] {
        let md = try table.digest(algorithm).md
        let count = algorithm.digestByteCount
        var length: UInt32 = 0
        var computed = false
        let digest = [UInt8](unsafeUninitializedCapacity: Int(EVP_MAX_MD_SIZE)) { buffer, initialized in
            computed = EVP_Digest(message, message.count, buffer.baseAddress, &length, md, nil) == 1
            initialized = computed ? Int(length) : 0
        }
        guard computed else { throw OpenSSLErrors.failure("EVP_Digest(\(algorithm.rawValue))") }
        guard digest.count == count else {
            throw .libraryFailure(backend: OpenSSLErrors.backendID, operation: "EVP_Digest(\(algorithm.rawValue))",
                                  detail: "returned \(length) bytes, expected \(count)")
        }
        return digest
    }

    /// A pooled keyed `EVP_MAC_CTX` for `key` (keyed from the template on a miss), then exactly
    /// `openssl speed -hmac`'s loop body: update, final, re-initialise; the context goes back to
    /// the pool. No context object or copy-on-write box is made: `check` calls this per request.
    public func hmac(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) throws(MACError) -> [UInt8] {
        let pool = table.keyedContexts
        let context: OpaquePointer
        if let pooled = pool.checkOut(algorithm, key: key) {
            context = pooled
        } else {
            context = try table.hmacTemplate(algorithm).duplicateContext()
            guard HMACState.initialize(context, key: key, parameters: nil) == 1 else {
                EVP_MAC_CTX_free(context)
                throw OpenSSLErrors.failure("EVP_MAC_init(HMAC-\(algorithm.rawValue), \(key.count)-byte key)")
            }
        }
        let count = algorithm.digestByteCount
        var length = 0
        var computed = false
        let tag = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            computed = EVP_MAC_update(context, message, message.count) == 1
                && EVP_MAC_final(context, buffer.baseAddress, &length, count) == 1
            initialized = computed ? count : 0
        }
        guard computed, length == count else {
            EVP_MAC_CTX_free(context)
            throw OpenSSLErrors.failure("EVP_MAC_update/EVP_MAC_final(HMAC-\(algorithm.rawValue)) returned \(length) of \(count) bytes")
        }
        if EVP_MAC_init(context, nil, 0, nil) == 1 {
            pool.checkIn(context, algorithm: algorithm, key: key)
        } else {
            EVP_MAC_CTX_free(context)
        }
        return tag
    }
}
