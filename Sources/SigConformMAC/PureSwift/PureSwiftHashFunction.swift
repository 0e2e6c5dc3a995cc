/// A hash function of the pure-Swift backend, written against the standard library only.
///
/// Conformers are small fixed-size values: copying one copies the whole running state without
/// touching the heap, so a context can be forked after a common prefix and extended twice.
/// Every conformer is also a ``DigestContext``, so the backend hands them out unwrapped.
///
/// ```swift
/// var hash = SHA256()
/// hash.update(Array("ab".utf8))
/// hash.update(Array("c".utf8))
/// let digest = hash.finalize()      // == SHA256.hash(Array("abc".utf8))
/// ```
package protocol PureSwiftHashFunction: DigestContext, Sendable, BitwiseCopyable {
    /// The algorithm this value computes; fixed at initialisation.
    var algorithm: HashAlgorithm { get }
    /// A fresh computation of the type's default algorithm (for families, the member the type is named after).
    init()
    /// Appends `bytes` to the message.
    mutating func update(_ bytes: UnsafeRawBufferPointer)
    /// Writes the digest of everything appended so far to the first
    /// `algorithm.digestByteCount` bytes of `output`, which must be at least that long.
    consuming func finalize(into output: UnsafeMutableRawBufferPointer)
    /// The digest of everything appended so far; the value is left unchanged. Restated from
    /// ``DigestContext`` without `throws`, because nothing here can fail.
    func digest() -> [UInt8]
}

extension PureSwiftHashFunction {
    /// Appends the bytes of `bytes` to the message.
    @inlinable
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The digest of everything appended so far.
    @inlinable
    package consuming func finalize() -> [UInt8] {
        let state = self
        let count = state.algorithm.digestByteCount
        return [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            state.finalize(into: UnsafeMutableRawBufferPointer(buffer))
            initialized = count
        }
    }

    /// The digest of everything appended so far; the value is left unchanged.
    @inlinable
    package func digest() -> [UInt8] {
        finalize()
    }

    /// The digest of everything appended so far followed by `message`; the value is left unchanged.
    @inlinable
    package func digest(appending message: UnsafeRawBufferPointer) -> [UInt8] {
        var extended = self
        extended.update(message)
        return extended.finalize()
    }

    /// Writes the digest of everything appended so far followed by `message` to the first
    /// `algorithm.digestByteCount` bytes of `output`; the value is left unchanged.
    @inlinable
    package func digest(appending message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        var extended = self
        extended.update(message)
        extended.finalize(into: output)
    }

    /// The digest of everything appended so far followed by `message`; the value is left unchanged.
    @inlinable
    package func digest(appending message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { digest(appending: $0) }
    }

    /// The digest of `message` under the type's default algorithm.
    @inlinable
    package static func hash(_ message: [UInt8]) -> [UInt8] {
        Self().digest(appending: message)
    }
}
