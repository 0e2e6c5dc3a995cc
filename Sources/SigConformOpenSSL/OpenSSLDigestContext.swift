internal import CLibCrypto
import SigConformMAC

/// A streaming `EVP_MD` digest with value semantics.
///
/// Copies share one OpenSSL context until one of them is extended; that copy then takes its
/// own duplicate (`EVP_MD_CTX_copy_ex`) first, so copies never see each other's updates.
struct OpenSSLDigestContext: DigestContext {
    let algorithm: HashAlgorithm
    private(set) var state: DigestState

    init(_ digest: FetchedDigest) throws(MACError) {
        algorithm = digest.algorithm
        state = try DigestState(digest)
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) throws(MACError) {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        if !isKnownUniquelyReferenced(&state) { state = try state.duplicate() }
        guard EVP_DigestUpdate(state.context, base, bytes.count) == 1 else {
            throw OpenSSLErrors.failure("EVP_DigestUpdate(\(algorithm.rawValue))")
        }
    }

    mutating func digest() throws(MACError) -> [UInt8] {
        // Finalising consumes an EVP_MD_CTX, so a copy is finalised and the context left as it was.
        // A uniquely held state keeps one scratch context for this; a shared one uses a temporary
        // so that copies never touch common mutable storage.
        let scratch: DigestState
        if isKnownUniquelyReferenced(&state) {
            scratch = try state.reusableScratch()
            try scratch.copy(from: state)
        } else {
            scratch = try state.duplicate()
        }
        return try scratch.finalize()
    }
}

/// Owns one `EVP_MD_CTX` (and possibly a scratch context) and frees them when released.
final class DigestState {
    let algorithm: HashAlgorithm
    let context: OpaquePointer
    private var scratch: DigestState?

    init(_ digest: FetchedDigest) throws(MACError) {
        algorithm = digest.algorithm
        context = try Self.newContext(for: algorithm)
        // Every stored property is set by now, so throwing runs deinit, which frees the context.
        guard EVP_DigestInit_ex2(context, digest.md, nil) == 1 else {
            throw OpenSSLErrors.failure("EVP_DigestInit_ex2(\(digest.name))")
        }
    }

    private init(empty algorithm: HashAlgorithm) throws(MACError) {
        self.algorithm = algorithm
        context = try Self.newContext(for: algorithm)
    }

    deinit { EVP_MD_CTX_free(context) }

    /// A new state holding the same digest progress.
    func duplicate() throws(MACError) -> DigestState {
        let copy = try DigestState(empty: algorithm)
        try copy.copy(from: self)
        return copy
    }

    /// Overwrites this context with the progress of `source`.
    func copy(from source: DigestState) throws(MACError) {
        guard EVP_MD_CTX_copy_ex(context, source.context) == 1 else {
            throw OpenSSLErrors.failure("EVP_MD_CTX_copy_ex(\(algorithm.rawValue))")
        }
    }

    /// The scratch context kept for finalising copies, allocated on first use.
    func reusableScratch() throws(MACError) -> DigestState {
        if let scratch { return scratch }
        let made = try DigestState(empty: algorithm)
        scratch = made
        return made
    }

    /// Finishes the digest; the context must be re-copied before further use.
    func finalize() throws(MACError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        guard EVP_DigestFinal_ex(context, &output, &length) == 1 else {
            throw OpenSSLErrors.failure("EVP_DigestFinal_ex(\(algorithm.rawValue))")
        }
        guard Int(length) == algorithm.digestByteCount else {
            throw .libraryFailure(
                backend: OpenSSLErrors.backendID, operation: "EVP_DigestFinal_ex(\(algorithm.rawValue))",
                detail: "returned \(length) bytes, expected \(algorithm.digestByteCount)")
        }
        output.removeLast(output.count - Int(length))
        return output
    }

    private static func newContext(for algorithm: HashAlgorithm) throws(MACError) -> OpaquePointer {
        guard let context = EVP_MD_CTX_new() else {
            throw OpenSSLErrors.failure("EVP_MD_CTX_new(\(algorithm.rawValue))")
        }
        return context
    }
}
