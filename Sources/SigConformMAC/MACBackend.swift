/// An implementation of digests and HMAC that sigconform can run vectors on.
///
/// sigconform ships two conformers that share no code: ``PureSwiftBackend`` (this module,
/// standard library only) and `OpenSSLBackend` (libcrypto). Every feature is written once
/// against this protocol and runs on both; a disagreement between them is a fatal finding.
///
/// ## Contract every backend must meet
/// - `makeDigest(_:)` and `makeHMAC(_:key:)` return contexts with **value semantics**: a copy
///   taken after some `update` calls can be extended independently of the original. Search
///   code relies on this to cache the state of a common prefix.
/// - `tag()`/`digest()` do not consume the context: after them the context is as it was.
/// - Keys of any length are accepted, including empty keys and keys longer than the block.
/// - Failures of the underlying library are thrown as ``MACError``, never trapped.
/// - The conformance tests in `Tests/SigConformOpenSSLTests` (Wycheproof, RFC 2202/4231 and the
///   differential test) are the executable form of this contract.
public protocol MACBackend: Sendable {
    /// Short stable identifier used in reports and on the command line (`swift`, `openssl`).
    var id: String { get }
    /// Human-readable name including the library version where there is one.
    var displayName: String { get }
    /// Starts a streaming digest.
    func makeDigest(_ algorithm: HashAlgorithm) throws(MACError) -> any DigestContext
    /// Starts a streaming HMAC keyed with `key`; copy the returned context to reuse the keyed state.
    func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) throws(MACError) -> any HMACContext
    /// One-shot digest of `message`. The default streams through ``makeDigest(_:)``; a backend
    /// may skip the context object (`check` digests a body per request: Gate.io, Kraken).
    func digest(_ algorithm: HashAlgorithm, _ message: [UInt8]) throws(MACError) -> [UInt8]
    /// One-shot HMAC of `message` under `key`, full length. The default keys a new context;
    /// a backend may serve it from keyed state it keeps per key (signing a corpus repeats keys).
    func hmac(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) throws(MACError) -> [UInt8]
    /// A tagger of four messages at a time appended to `key`'s HMAC state after `prefix`, or nil
    /// when the backend has none for `algorithm`. The default has none.
    func makeBatchTagger(_ algorithm: HashAlgorithm, key: [UInt8], prefix: [UInt8]) -> (any HMACBatchTagger)?
    /// A digester of four messages at a time appended to `algorithm`'s state after `prefix`, or
    /// nil when the backend has none for `algorithm`. The default has none.
    func makeBatchDigester(_ algorithm: HashAlgorithm, prefix: [UInt8]) -> (any DigestBatcher)?
    /// How fast the backend searches in this build (``SearchSpeed``); the default is `unrated`.
    var searchSpeed: SearchSpeed { get }
}

/// A streaming digest computation. Not thread-safe; copies are independent.
public protocol DigestContext {
    var algorithm: HashAlgorithm { get }
    /// Appends `bytes` to the message.
    mutating func update(_ bytes: UnsafeRawBufferPointer) throws(MACError)
    /// The digest of everything appended so far; the context is left unchanged.
    mutating func digest() throws(MACError) -> [UInt8]
    /// Writes the digest of everything appended so far followed by `message` to the first
    /// `algorithm.digestByteCount` bytes of `output`; the context is left unchanged. For search
    /// loops that digest many messages after one prefix: backends that can do it without
    /// allocating do.
    mutating func digest(appending message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(MACError)
}

/// A streaming HMAC computation with its key already absorbed. Not thread-safe; copies are independent.
public protocol HMACContext {
    var algorithm: HashAlgorithm { get }
    /// Appends `bytes` to the authenticated message.
    mutating func update(_ bytes: UnsafeRawBufferPointer) throws(MACError)
    /// The full-length tag of everything appended so far; the context is left unchanged.
    mutating func tag() throws(MACError) -> [UInt8]
    /// The tag of everything appended so far followed by `message`; the context is left unchanged.
    /// Backends implement this without copying state where they can: it is the hot path of
    /// checking many messages under one key.
    mutating func tag(appending message: UnsafeRawBufferPointer) throws(MACError) -> [UInt8]
    /// Writes the full tag of everything appended so far followed by `message` to the first
    /// `algorithm.digestByteCount` bytes of `output`; the context is left unchanged. For search
    /// loops that try many messages: backends that can implement it without allocating do.
    mutating func tag(appending message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(MACError)
}

/// An error raised by a MAC backend.
public enum MACError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The backend cannot compute this algorithm (for example an OpenSSL build without SHA-3).
    case unsupportedAlgorithm(HashAlgorithm, backend: String, reason: String)
    /// The underlying library reported a failure in `operation`.
    case libraryFailure(backend: String, operation: String, detail: String)

    public var description: String {
        switch self {
        case .unsupportedAlgorithm(let algorithm, let backend, let reason):
            "\(backend) backend cannot compute \(algorithm.rawValue): \(reason)"
        case .libraryFailure(let backend, let operation, let detail):
            "\(backend) backend failed in \(operation): \(detail)"
        }
    }
}

extension DigestContext {
    /// Appends the bytes of `bytes`.
    public mutating func update(_ bytes: some Sequence<UInt8>) throws(MACError) {
        try withRawBytes(Array(bytes)) { (raw) throws(MACError) in try update(raw) }
    }

    /// Extends a copy and copies its allocated digest, for backends with nothing faster.
    public mutating func digest(appending message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(MACError) {
        var extended = self
        try extended.update(message)
        let digest = try extended.digest()
        precondition(output.count >= digest.count, "output shorter than the digest")
        digest.withUnsafeBytes { output.copyMemory(from: $0) }
    }
}

extension HMACContext {
    /// Appends the bytes of `bytes`.
    public mutating func update(_ bytes: some Sequence<UInt8>) throws(MACError) {
        try withRawBytes(Array(bytes)) { (raw) throws(MACError) in try update(raw) }
    }

    /// Copies the allocated tag of ``tag(appending:)``, for backends with nothing faster.
    public mutating func tag(appending message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) throws(MACError) {
        let tag = try tag(appending: message)
        precondition(output.count >= tag.count, "output shorter than the tag")
        tag.withUnsafeBytes { output.copyMemory(from: $0) }
    }

    /// The tag of the current state followed by `message`; the context is left unchanged.
    public mutating func tag(appending message: [UInt8]) throws(MACError) -> [UInt8] {
        try withRawBytes(message) { (raw) throws(MACError) in try tag(appending: raw) }
    }
}

extension MACBackend {
    /// One-shot digest of `message` through a streaming context.
    public func digest(_ algorithm: HashAlgorithm, _ message: [UInt8]) throws(MACError) -> [UInt8] {
        var context = try makeDigest(algorithm)
        // From the array's storage: the `Sequence` overload copies the message first.
        try withRawBytes(message) { (raw) throws(MACError) in try context.update(raw) }
        return try context.digest()
    }

    /// One-shot HMAC of `message` under `key`, full length.
    public func hmac(_ algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]) throws(MACError) -> [UInt8] {
        var context = try makeHMAC(algorithm, key: key)
        return try context.tag(appending: message)
    }

    /// Verifies a possibly truncated tag in constant time (with respect to the tag's contents).
    ///
    /// A tag is accepted when it is non-empty, no longer than the digest, and equal to the leading
    /// bytes of the full HMAC. Callers that require a minimum truncation length check it themselves.
    public func isValidHMAC(
        _ tag: [UInt8], algorithm: HashAlgorithm, key: [UInt8], message: [UInt8]
    ) throws(MACError) -> Bool {
        guard !tag.isEmpty, tag.count <= algorithm.digestByteCount else { return false }
        let full = try hmac(algorithm, key: key, message: message)
        return constantTimeEquals(Array(full.prefix(tag.count)), tag)
    }
}

/// Compares two byte strings in time that depends only on their lengths, never on where they differ.
package func constantTimeEquals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var difference: UInt8 = 0
    for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
    return difference == 0
}

/// Whether two byte strings are equal, compared eight bytes at a time: the key pools look a
/// key up per HMAC, and `==` on arrays goes byte by byte (about 300 instructions for a 64-byte
/// secret, twice per OpenSSL HMAC; issue 20). Not constant time: the pools compare a key with
/// the keys this process already signs with.
package func sameBytes(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
    guard lhs.count == rhs.count else { return false }
    return lhs.withUnsafeBytes { a in
        rhs.withUnsafeBytes { b in
            let count = a.count
            var offset = 0
            while offset &+ 8 <= count {
                if a.loadUnaligned(fromByteOffset: offset, as: UInt64.self) != b.loadUnaligned(fromByteOffset: offset, as: UInt64.self) { return false }
                offset &+= 8
            }
            while offset < count {
                if a[offset] != b[offset] { return false }
                offset &+= 1
            }
            return true
        }
    }
}

/// `Array.withUnsafeBytes` with a typed-throwing body (the standard library's is untyped `rethrows`).
@inlinable
package func withRawBytes<Result>(
    _ bytes: [UInt8], _ body: (UnsafeRawBufferPointer) throws(MACError) -> Result
) throws(MACError) -> Result {
    let outcome: Swift.Result<Result, MACError> = bytes.withUnsafeBytes { raw in
        Swift.Result { () throws(MACError) in try body(raw) }
    }
    return try outcome.get()
}
