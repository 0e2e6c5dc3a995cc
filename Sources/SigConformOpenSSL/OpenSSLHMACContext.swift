internal import CLibCrypto
import SigConformMAC

/// A streaming HMAC on one keyed `EVP_MAC_CTX`, with value semantics.
///
/// The hot path, ``tag(appending:)`` on a context holding only its key, finalises the context in
/// place and re-initialises it with `EVP_MAC_init(ctx, NULL, 0, NULL)`, which restores the keyed
/// state OpenSSL keeps (its inner and outer pads) without re-deriving the key or allocating.
/// Copies share the OpenSSL context until one of them must change it; that copy duplicates it
/// first (`EVP_MAC_CTX_dup`).
struct OpenSSLHMACContext: HMACContext {
    let algorithm: HashAlgorithm
    private(set) var state: HMACState

    init(template: HMACTemplate, key: [UInt8], pool: KeyedContextPool? = nil) throws(MACError) {
        algorithm = template.algorithm
        state = try HMACState(template: template, key: key, pool: pool)
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) throws(MACError) {
        guard bytes.count > 0 else { return }
        try makeUnique()
        try state.absorb(bytes)
    }

    mutating func tag() throws(MACError) -> [UInt8] {
        try tag(appending: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    mutating func tag(appending message: UnsafeRawBufferPointer) throws(MACError) -> [UInt8] {
        guard state.phase == .keyed else {
            // Absorbed data would be lost by re-keying, so finish a duplicate instead.
            let scratch = try state.duplicate()
            try scratch.absorb(message)
            return try scratch.finalize()
        }
        try makeUnique()
        try state.absorb(message)
        let tag = try state.finalize()
        try state.rekey()
        return tag
    }

    mutating func tag(appending message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(MACError) {
        guard state.phase == .keyed else {
            let scratch = try state.duplicate()
            try scratch.absorb(message)
            return try scratch.finalize(into: output)
        }
        try makeUnique()
        try state.absorb(message)
        try state.finalize(into: output)
        try state.rekey()
    }

    /// Gives this copy its own OpenSSL context before it is changed (copy-on-write).
    private mutating func makeUnique() throws(MACError) {
        if !isKnownUniquelyReferenced(&state) { state = try state.duplicate() }
    }
}

/// Owns one `EVP_MAC_CTX` and frees it when released.
final class HMACState {
    /// Where the OpenSSL context is between keying and finalising.
    enum Phase {
        /// Holds the key and nothing else: can be finalised in place and re-keyed.
        case keyed
        /// Has absorbed message bytes since it was keyed.
        case absorbing
        /// Finalised; must be re-keyed before any other use.
        case finalized
    }

    let algorithm: HashAlgorithm
    let context: OpaquePointer
    private(set) var phase: Phase
    /// Where the context goes when this state is released, with the key it holds.
    private let pool: KeyedContextPool?
    private let key: [UInt8]
    /// False for a context whose keying failed: it must not be handed out again.
    private var poolable = true

    /// A context keyed with `key`: an idle one from `pool`, or one started from the algorithm's template.
    init(template: HMACTemplate, key: [UInt8], pool: KeyedContextPool? = nil) throws(MACError) {
        algorithm = template.algorithm
        phase = .keyed
        self.pool = pool
        self.key = pool == nil ? [] : key
        if let pooled = pool?.checkOut(template.algorithm, key: key) {
            context = pooled
            return
        }
        context = try template.duplicateContext()
        // Every stored property is set by now, so throwing runs deinit, which frees the context
        // (keying failed, so it must not go back to the pool).
        guard Self.initialize(context, key: key, parameters: nil) == 1 else {
            poolable = false
            throw OpenSSLErrors.failure("EVP_MAC_init(HMAC-\(algorithm.rawValue), \(key.count)-byte key)")
        }
    }

    private init(duplicating source: HMACState) throws(MACError) {
        guard let context = EVP_MAC_CTX_dup(source.context) else {
            throw OpenSSLErrors.failure("EVP_MAC_CTX_dup(HMAC-\(source.algorithm.rawValue))")
        }
        algorithm = source.algorithm
        self.context = context
        phase = source.phase
        pool = source.pool
        key = source.key
    }

    deinit {
        // A keyed context goes back to the pool; one holding message data or finalised is
        // re-initialised first (which restores the keyed state).
        if let pool, poolable, phase == .keyed || EVP_MAC_init(context, nil, 0, nil) == 1 {
            pool.checkIn(context, algorithm: algorithm, key: key)
        } else {
            EVP_MAC_CTX_free(context)
        }
    }

    /// A new state with the same key and absorbed data.
    func duplicate() throws(MACError) -> HMACState {
        try prepare()
        return try HMACState(duplicating: self)
    }

    func absorb(_ bytes: UnsafeRawBufferPointer) throws(MACError) {
        try prepare()
        guard let base = bytes.baseAddress, bytes.count > 0 else { return }
        guard EVP_MAC_update(context, base.assumingMemoryBound(to: UInt8.self), bytes.count) == 1 else {
            throw OpenSSLErrors.failure("EVP_MAC_update(HMAC-\(algorithm.rawValue))")
        }
        phase = .absorbing
    }

    /// Finishes the tag; the state then needs ``rekey()`` (done lazily by every other operation).
    func finalize() throws(MACError) -> [UInt8] {
        let count = algorithm.digestByteCount
        return try [UInt8](unsafeUninitializedCapacity: count) { (buffer, initialized) throws(MACError) in
            try finalize(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Finishes the tag into the first `algorithm.digestByteCount` bytes of `output`.
    func finalize(into output: UnsafeMutableRawBufferPointer) throws(MACError) {
        try prepare()
        precondition(output.count >= algorithm.digestByteCount, "output shorter than the tag")
        var length = 0
        let status = EVP_MAC_final(
            context, output.baseAddress!.assumingMemoryBound(to: UInt8.self), &length, algorithm.digestByteCount)
        phase = .finalized
        guard status == 1 else { throw OpenSSLErrors.failure("EVP_MAC_final(HMAC-\(algorithm.rawValue))") }
        guard length == algorithm.digestByteCount else {
            throw .libraryFailure(
                backend: OpenSSLErrors.backendID, operation: "EVP_MAC_final(HMAC-\(algorithm.rawValue))",
                detail: "returned \(length) bytes, expected \(algorithm.digestByteCount)")
        }
    }

    /// Returns a finalised context to the state right after keying.
    func rekey() throws(MACError) {
        guard EVP_MAC_init(context, nil, 0, nil) == 1 else {
            throw OpenSSLErrors.failure("EVP_MAC_init(HMAC-\(algorithm.rawValue), re-initialise with the same key)")
        }
        phase = .keyed
    }

    /// Re-keys a context left finalised by an earlier failure, so no operation runs on a spent context.
    private func prepare() throws(MACError) {
        if phase == .finalized { try rekey() }
    }

    /// `EVP_MAC_init` with `key`, which may be empty.
    static func initialize(_ context: OpaquePointer, key: [UInt8], parameters: UnsafePointer<OSSL_PARAM>?) -> Int32 {
        key.withUnsafeBufferPointer { keyBytes in
            // A NULL key asks OpenSSL to re-use the previous key, which a new context does not
            // have; an empty key must therefore be a valid pointer with length 0.
            withUnsafePointer(to: 0 as UInt8) { placeholder in
                EVP_MAC_init(context, keyBytes.baseAddress ?? placeholder, keyBytes.count, parameters)
            }
        }
    }
}
