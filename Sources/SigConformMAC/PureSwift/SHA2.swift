/// SHA-256 and its truncated variant SHA-224 (FIPS 180-4), in pure Swift.
///
/// `SHA256()` computes SHA-256; `SHA256(variant: .sha224)` computes SHA-224, which differs only
/// in its initial state and digest length.
package struct SHA256: PureSwiftHashFunction {
    /// The member of the family to compute.
    package enum Variant: Sendable, CaseIterable, BitwiseCopyable {
        case sha224, sha256
    }

    /// The member of the family this value computes.
    package let variant: Variant
    private(set) var engine: MerkleDamgard<SHA256Compression>

    /// Starts a SHA-256 computation.
    package init() {
        self.init(variant: .sha256)
    }

    /// Starts a computation of `variant`.
    package init(variant: Variant) {
        self.variant = variant
        switch variant {
        case .sha224: engine = MerkleDamgard(initialState: SHA256Compression.sha224InitialState)
        case .sha256: engine = MerkleDamgard(initialState: SHA256Compression.sha256InitialState)
        }
    }

    package var algorithm: HashAlgorithm {
        switch variant {
        case .sha224: .sha224
        case .sha256: .sha256
        }
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        engine.absorb(bytes)
    }

    package consuming func finalize(into output: UnsafeMutableRawBufferPointer) {
        engine.finish(into: UnsafeMutableRawBufferPointer(rebasing: output[..<algorithm.digestByteCount]))
    }
}

/// SHA-512 and the family built on its compression function: SHA-384, SHA-512/224 and
/// SHA-512/256 (FIPS 180-4), in pure Swift.
///
/// `SHA512()` computes SHA-512; the other members differ only in initial state and digest length.
package struct SHA512: PureSwiftHashFunction {
    /// The member of the family to compute.
    package enum Variant: Sendable, CaseIterable, BitwiseCopyable {
        case sha384, sha512, sha512_224, sha512_256
    }

    /// The member of the family this value computes.
    package let variant: Variant
    private var engine: MerkleDamgard<SHA512Compression>

    /// Starts a SHA-512 computation.
    package init() {
        self.init(variant: .sha512)
    }

    /// Starts a computation of `variant`.
    package init(variant: Variant) {
        self.variant = variant
        switch variant {
        case .sha384: engine = MerkleDamgard(initialState: SHA512Compression.sha384InitialState)
        case .sha512: engine = MerkleDamgard(initialState: SHA512Compression.sha512InitialState)
        case .sha512_224: engine = MerkleDamgard(initialState: SHA512Compression.sha512_224InitialState)
        case .sha512_256: engine = MerkleDamgard(initialState: SHA512Compression.sha512_256InitialState)
        }
    }

    package var algorithm: HashAlgorithm {
        switch variant {
        case .sha384: .sha384
        case .sha512: .sha512
        case .sha512_224: .sha512_224
        case .sha512_256: .sha512_256
        }
    }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        engine.absorb(bytes)
    }

    package consuming func finalize(into output: UnsafeMutableRawBufferPointer) {
        engine.finish(into: UnsafeMutableRawBufferPointer(rebasing: output[..<algorithm.digestByteCount]))
    }
}
