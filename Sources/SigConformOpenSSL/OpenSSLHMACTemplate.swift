internal import CLibCrypto
import SigConformMAC

/// One algorithm's HMAC context, keyed with the empty key, that every new key starts from.
///
/// Selecting an HMAC's digest by name (the only way the `EVP_MAC` API offers) makes OpenSSL look
/// the digest up again for each new context, which costs more than keying it. A duplicate of this
/// template already holds the fetched digest, so a new key costs one `EVP_MAC_CTX_dup` and one
/// `EVP_MAC_init`. OpenSSL documents most objects as unsafe for simultaneous use, so the template
/// is duplicated under a lock (libcrypto's own, to stay free of platform-specific locking).
final class HMACTemplate: @unchecked Sendable {
    let algorithm: HashAlgorithm
    private let context: OpaquePointer
    /// A `CRYPTO_RWLOCK`.
    private let lock: UnsafeMutableRawPointer

    init(digest: FetchedDigest, mac: FetchedMAC) throws(MACError) {
        guard let lock = CRYPTO_THREAD_lock_new() else { throw OpenSSLErrors.failure("CRYPTO_THREAD_lock_new") }
        guard let context = EVP_MAC_CTX_new(mac.mac) else {
            CRYPTO_THREAD_lock_free(lock)
            throw OpenSSLErrors.failure("EVP_MAC_CTX_new(HMAC-\(digest.name))")
        }
        algorithm = digest.algorithm
        self.context = context
        self.lock = lock
        // Every stored property is set by now, so throwing runs deinit, which frees both.
        let status = Self.withDigestParameter(digest.name) { parameters in
            HMACState.initialize(context, key: [], parameters: parameters)
        }
        guard status == 1 else { throw OpenSSLErrors.failure("EVP_MAC_init(HMAC-\(digest.name), empty key)") }
    }

    deinit {
        EVP_MAC_CTX_free(context)
        CRYPTO_THREAD_lock_free(lock)
    }

    /// A new context with the template's digest; the caller owns it and must key it.
    func duplicateContext() throws(MACError) -> OpaquePointer {
        guard CRYPTO_THREAD_write_lock(lock) == 1 else { throw OpenSSLErrors.failure("CRYPTO_THREAD_write_lock") }
        let duplicate = EVP_MAC_CTX_dup(context)
        CRYPTO_THREAD_unlock(lock)
        guard let duplicate else { throw OpenSSLErrors.failure("EVP_MAC_CTX_dup(HMAC-\(algorithm.rawValue))") }
        return duplicate
    }

    /// Calls `body` with an `OSSL_PARAM` list selecting the HMAC's digest by name.
    private static func withDigestParameter(
        _ name: String, _ body: (UnsafePointer<OSSL_PARAM>) -> Int32
    ) -> Int32 {
        // OSSL_MAC_PARAM_DIGEST; OpenSSL only reads the value buffer when setting parameters.
        "digest".withCString { key in
            name.withCString { value in
                let parameters = [
                    OSSL_PARAM_construct_utf8_string(key, UnsafeMutablePointer(mutating: value), 0),
                    OSSL_PARAM_construct_end(),
                ]
                return parameters.withUnsafeBufferPointer { body($0.baseAddress!) }
            }
        }
    }
}
