#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Strings that many lines of a corpus repeat (an account's API key, secret and passphrase, and
/// the header that carries the key), kept by the thread that decodes the lines so that a repeat
/// is the string already made: one retain instead of an allocation, a copy and later a free.
///
/// Why: making strings was a quarter of the fast decoder, and a string of more than 15 bytes
/// (every real credential) is an allocation (callgrind, issue 20). A per-line table broke even
/// (docs/performance.md, fifth pass): within a line little repeats; across lines the
/// credentials do. Each thread has its own table, so nothing is shared or locked; it holds at
/// most ``slotCount`` strings of at most ``longestKept`` bytes.
final class RepeatedStrings {
    static let slotCount = 64
    /// Longer strings are made afresh: credentials and header values are far shorter.
    static let longestKept = 256
    /// Small strings (15 bytes of UTF-8 or fewer) are held inline: making one allocates nothing.
    static let longestSmall = 15

    /// Written only by the owning thread; a fixed block, so reading a slot is a load (an
    /// array property of a class was an exclusivity check a lookup, callgrind).
    private let slots: UnsafeMutablePointer<String?>

    private init() {
        slots = .allocate(capacity: Self.slotCount)
        slots.initialize(repeating: nil, count: Self.slotCount)
    }

    deinit {
        slots.deinitialize(count: Self.slotCount)
        slots.deallocate()
    }

    /// The decoding thread's table, made on its first use and freed with the thread.
    static var current: RepeatedStrings {
        if let pointer = pthread_getspecific(key) { return Unmanaged<RepeatedStrings>.fromOpaque(pointer).takeUnretainedValue() }
        let table = RepeatedStrings()
        pthread_setspecific(key, Unmanaged.passRetained(table).toOpaque())
        return table
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            #if canImport(Darwin)
            Unmanaged<RepeatedStrings>.fromOpaque(pointer).release()
            #else
            if let pointer { Unmanaged<RepeatedStrings>.fromOpaque(pointer).release() }
            #endif
        }
        precondition(status == 0, "no thread-specific key for the decoder's string table")
        return key
    }()

    /// The string of `bytes` (valid UTF-8): the kept one when its slot holds the same bytes,
    /// else a new one, kept when `keep` (a value that misses often, a signature, would only push
    /// the credentials out).
    func string(_ bytes: UnsafeBufferPointer<UInt8>, keep: Bool) -> String {
        guard bytes.count > Self.longestSmall, bytes.count <= Self.longestKept, let base = bytes.baseAddress else {
            return String(decoding: bytes, as: UTF8.self)
        }
        // The slot from the length and the first and last eight bytes: read in constant time.
        let first = UnsafeRawPointer(base).loadUnaligned(as: UInt64.self)
        let last = UnsafeRawPointer(base + bytes.count - 8).loadUnaligned(as: UInt64.self)
        var hash = (first ^ last.rotateLeft(29)) &+ UInt64(bytes.count)
        hash = (hash ^ hash >> 32) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: hash >> 58)
        if let kept = slots[slot], kept.utf8.count == bytes.count,
           kept.utf8.withContiguousStorageIfAvailable({ memcmp($0.baseAddress!, base, bytes.count) == 0 }) == true {
            return kept
        }
        let made = String(decoding: bytes, as: UTF8.self)
        if keep { slots[slot] = made }
        return made
    }
}

private extension UInt64 {
    func rotateLeft(_ count: UInt64) -> UInt64 { self << count | self >> (64 - count) }
}
