internal import CLibCrypto
import SigConformMAC

/// Idle `EVP_MAC_CTX`s that already hold a key, so that a new HMAC under a key seen before
/// reuses a keyed context instead of duplicating the template and keying it again.
///
/// sigconform signs request after request under the same few secrets, mostly through the
/// one-shot `MACBackend.hmac(_:key:message:)`. Keying costs a context allocation and the two
/// pad blocks; re-initialising a keyed context (`EVP_MAC_init(ctx, NULL, 0, NULL)`, what
/// `openssl speed -hmac` does per message) costs a state copy. A released ``HMACState`` hands
/// its context back here, re-initialised, and the next state for that key takes it.
///
/// The pool is small and searched linearly, most recently returned key first: a corpus rarely
/// signs with more than a handful of secrets at a time. Beyond `capacity` keys the least
/// recently returned key's contexts are freed.
///
/// The list is guarded by libcrypto's lock (a pthread read-write lock on Linux) rather than
/// Synchronization's `Mutex`: ThreadSanitizer does not see `Mutex`'s futex on Linux and reports
/// every guarded access as a race (checked with a four-thread program whose only accesses are
/// inside `withLock`), which would leave the pool, shared by the search's threads and holding
/// raw pointers, the one place `scripts/sanitizers.sh` could not check.
final class KeyedContextPool: @unchecked Sendable {
    private struct Entry {
        let algorithm: HashAlgorithm
        let key: [UInt8]
        var contexts: [OpaquePointer]
    }

    /// Guarded by `lock`; each listed context is owned by the pool alone.
    private var entries: [Entry] = []
    /// A `CRYPTO_RWLOCK`; nil if libcrypto could not make one, and then the pool keeps nothing.
    private let lock: UnsafeMutableRawPointer?
    private let capacity: Int
    private let contextsPerKey: Int

    init(capacity: Int = 16, contextsPerKey: Int = 4) {
        self.capacity = capacity
        self.contextsPerKey = contextsPerKey
        lock = CRYPTO_THREAD_lock_new()
    }

    deinit {
        for entry in entries { entry.contexts.forEach { EVP_MAC_CTX_free($0) } }
        CRYPTO_THREAD_lock_free(lock)
    }

    /// Runs `body` on the list under the lock; nil when there is no lock or it cannot be taken.
    private func withEntries<Result>(_ body: (inout [Entry]) -> Result) -> Result? {
        guard let lock, CRYPTO_THREAD_write_lock(lock) == 1 else { return nil }
        defer { CRYPTO_THREAD_unlock(lock) }
        return body(&entries)
    }

    /// An idle context keyed with `key` for `algorithm`, now owned by the caller; nil when none is idle.
    func checkOut(_ algorithm: HashAlgorithm, key: [UInt8]) -> OpaquePointer? {
        withEntries { entries in
            guard let index = entries.firstIndex(where: { $0.algorithm == algorithm && sameBytes($0.key, key) }) else { return nil }
            return entries[index].contexts.popLast()
        } ?? nil
    }

    /// Takes ownership of `context`, keyed with `key` and re-initialised; frees it when the pool is full.
    func checkIn(_ context: OpaquePointer, algorithm: HashAlgorithm, key: [UInt8]) {
        let surplus: [OpaquePointer] = withEntries { entries in
            if let index = entries.firstIndex(where: { $0.algorithm == algorithm && sameBytes($0.key, key) }) {
                guard entries[index].contexts.count < contextsPerKey else { return [context] }
                entries[index].contexts.append(context)
                if index != 0 { entries.swapAt(0, index) }
                return []
            }
            entries.insert(Entry(algorithm: algorithm, key: key, contexts: [context]), at: 0)
            guard entries.count > capacity else { return [] }
            return entries.removeLast().contexts
        } ?? [context]
        // Freed outside the lock: EVP_MAC_CTX_free needs no exclusion.
        surplus.forEach { EVP_MAC_CTX_free($0) }
    }
}
