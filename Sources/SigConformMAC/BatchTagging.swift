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

    public var searchSpeed: SearchSpeed { .unrated }
}
