/// Tags several messages under one keyed HMAC state in one pass (SIMD lanes): the capability a
/// search over millions of candidates (the diagnosis's timestamp search) uses when a backend
/// offers it through ``MACBackend/makeBatchTagger(_:key:prefix:)``.
public protocol HMACBatchTagger: Sendable {
    /// Writes the tag of the keyed state followed by each of `messages` to `output`, tag i at
    /// byte offset `i × digestByteCount`; the tagger is left unchanged. The messages must have
    /// one length (a caller with messages of different lengths tags them one at a time).
    func tags(appending messages: InlineArray<4, UnsafeRawBufferPointer>, into output: UnsafeMutableRawBufferPointer)
}

/// How fast a backend tags many messages under one key in this build, so that a search can run
/// on the fastest backend without knowing any backend by name. Results never depend on it: a
/// search's find is confirmed on every backend.
public enum SearchSpeed: Int, Sendable, Comparable {
    /// Nothing known, or unoptimised code (a pure-Swift backend in a debug build).
    case unrated
    /// Optimised code whose keyed state is copied on the heap (a C library).
    case fast
    /// Optimised code whose keyed state is a value copied for free, with a batch tagger.
    case fastest

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

extension MACBackend {
    /// No batch tagger: messages are tagged one at a time.
    public func makeBatchTagger(_ algorithm: HashAlgorithm, key: [UInt8], prefix: [UInt8]) -> (any HMACBatchTagger)? { nil }

    /// No batch digester: messages are digested one at a time.
    public func makeBatchDigester(_ algorithm: HashAlgorithm, prefix: [UInt8]) -> (any DigestBatcher)? { nil }

    public var searchSpeed: SearchSpeed { .unrated }
}

/// Digests several messages after one prefix state in one pass (SIMD lanes): what the search of
/// a value inside a digest (Kraken's nonce in `SHA256(nonce + POST data)`) uses when a backend
/// offers it through ``MACBackend/makeBatchDigester(_:prefix:)``.
public protocol DigestBatcher: Sendable {
    /// Writes the digest of the prefix followed by each of `messages` to `output`, digest i at
    /// byte offset `i × digestByteCount`; the batcher is left unchanged. The messages must have
    /// one length (a caller with messages of different lengths digests them one at a time).
    func digests(appending messages: InlineArray<4, UnsafeRawBufferPointer>, into output: UnsafeMutableRawBufferPointer)
}

/// Runs `body` with the bytes of four messages, the form the batch taggers and digesters take.
package func withFourBuffers<Result>(_ messages: [[UInt8]], _ body: (InlineArray<4, UnsafeRawBufferPointer>) -> Result) -> Result {
    precondition(messages.count == 4, "four messages, one per lane")
    return messages[0].withUnsafeBytes { m0 in
        messages[1].withUnsafeBytes { m1 in
            messages[2].withUnsafeBytes { m2 in
                messages[3].withUnsafeBytes { m3 in body([m0, m1, m2, m3]) }
            }
        }
    }
}
