/// HMAC (RFC 2104) over any ``PureSwiftHashFunction``, in pure Swift.
///
/// The key is absorbed once, at initialisation: the value holds the inner hash after
/// `K ⊕ ipad` and the outer hash after `K ⊕ opad`. Both are fixed-size values, so copying a
/// keyed HMAC is a plain memory copy and computing a tag costs only the message and two
/// finalisations, never the key blocks again.
///
/// ```swift
/// let keyed = PureSwiftHMAC<SHA256>(key: key)
/// var context = keyed          // no allocation
/// context.update(message)
/// let tag = context.tag()
/// ```
package struct PureSwiftHMAC<Hash: PureSwiftHashFunction>: HMACContext, Sendable, BitwiseCopyable {
    /// The inner hash: `K ⊕ ipad` followed by the message so far.
    @usableFromInline var inner: Hash
    /// The outer hash after `K ⊕ opad`, never extended in place.
    @usableFromInline let outer: Hash

    /// The algorithm of the underlying hash.
    @inlinable
    package var algorithm: HashAlgorithm { inner.algorithm }

    /// Keys an HMAC over `hash`, a fresh hash computation of the wanted algorithm.
    ///
    /// Keys longer than the block are hashed first and shorter ones padded with zeros
    /// (RFC 2104 §2); any length is accepted, including empty keys.
    ///
    /// The padded key lives in a stack buffer: keying allocates nothing, which matters to the
    /// one-shot `MACBackend.hmac(_:key:message:)` that `check` calls for every request.
    @inlinable
    package init(key: [UInt8], hash: Hash) {
        let blockByteCount = hash.algorithm.blockByteCount
        var inner = hash
        var outer = hash
        // The largest block is SHA3-224's rate, 144 bytes.
        var block = InlineArray<144, UInt8>(repeating: 0)
        withUnsafeMutableBytes(of: &block) { padded in
            if key.count > blockByteCount {
                key.withUnsafeBytes { hash.digest(appending: $0, into: padded) }
            } else {
                key.withUnsafeBytes { UnsafeMutableRawBufferPointer(rebasing: padded[..<key.count]).copyMemory(from: $0) }
            }
            let padBlock = UnsafeMutableRawBufferPointer(rebasing: padded[..<blockByteCount])
            for index in padBlock.indices { padBlock[index] ^= 0x36 }
            inner.update(UnsafeRawBufferPointer(padBlock))
            // 0x36 ^ 0x6a == 0x5c: from the inner pad to the outer one in place.
            for index in padBlock.indices { padBlock[index] ^= 0x6a }
            outer.update(UnsafeRawBufferPointer(padBlock))
        }
        self.inner = inner
        self.outer = outer
    }

    /// Keys an HMAC over the type's default algorithm (SHA-256 for ``SHA256``).
    @inlinable
    package init(key: [UInt8]) {
        self.init(key: key, hash: Hash())
    }

    /// Appends `bytes` to the authenticated message.
    @inlinable
    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        inner.update(bytes)
    }

    /// Appends the bytes of `bytes` to the authenticated message.
    @inlinable
    package mutating func update(_ bytes: [UInt8]) {
        inner.update(bytes)
    }

    /// The full-length tag of everything appended so far; the value is left unchanged.
    @inlinable
    package func tag() -> [UInt8] {
        tag(appending: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    /// The tag of everything appended so far followed by `message`; the value is left unchanged.
    ///
    /// The only copy is the inner state that has to absorb `message` anyway.
    @inlinable
    package func tag(appending message: UnsafeRawBufferPointer) -> [UInt8] {
        let count = outer.algorithm.digestByteCount
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            tag(appending: message, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// Writes the tag of everything appended so far followed by `message` to the first
    /// `algorithm.digestByteCount` bytes of `output`, without allocating; the value is left unchanged.
    @inlinable
    package func tag(appending message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        var extended = inner
        extended.update(message)
        Self.tag(innerState: extended, outer: outer, into: output)
    }

    /// The tag of everything appended so far followed by `message`; the value is left unchanged.
    @inlinable
    package func tag(appending message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { tag(appending: $0) }
    }

    /// The full-length HMAC of `message` under `key` with the type's default algorithm.
    @inlinable
    package static func authenticationCode(for message: [UInt8], key: [UInt8]) -> [UInt8] {
        PureSwiftHMAC(key: key).tag(appending: message)
    }

    /// `H(K ⊕ opad ‖ H(K ⊕ ipad ‖ message))` into `output`, the inner digest kept on the stack.
    @inlinable
    static func tag(innerState: consuming Hash, outer: Hash, into output: UnsafeMutableRawBufferPointer) {
        let innerState = innerState
        let digestByteCount = outer.algorithm.digestByteCount
        var digest = InlineArray<64, UInt8>(repeating: 0)
        withUnsafeMutableBytes(of: &digest) { buffer in
            innerState.finalize(into: buffer)
            var outerState = outer
            outerState.update(UnsafeRawBufferPointer(rebasing: buffer[..<digestByteCount]))
            outerState.finalize(into: output)
        }
    }
}
