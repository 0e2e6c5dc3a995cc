import Synchronization

/// Keyed HMAC states of one hash type, by algorithm and key, most recently used first, so that
/// the one-shot ``PureSwiftBackend/hmac(_:key:message:)`` absorbs the two pad blocks of a key
/// once instead of once per message.
///
/// `check` signs request after request under the same few secrets; keying is two compressions,
/// about as much as tagging a short prehash (issue 20). The OpenSSL backend keeps keyed
/// contexts for the same reason (`KeyedContextPool`). A state is a plain value
/// (``PureSwiftHMAC`` is `BitwiseCopyable`): a hit copies it out and tags outside the lock.
///
/// The list is guarded by a try-lock on an atomic flag, never waited on: a caller that finds
/// it taken keys its own state and leaves the cache alone, so no thread blocks or spins on
/// another. ThreadSanitizer sees the flag's acquire and release (it does not see the futex of
/// Synchronization's `Mutex` on Linux; see `KeyedContextPool`). Keys stay in memory for the
/// process's life, as the OpenSSL pool's do; they are compared with ``sameBytes(_:_:)``, not in constant
/// time: which key a local run signs with is no secret from the process itself.
final class KeyedStateCache<Hash: PureSwiftHashFunction>: @unchecked Sendable {
    private struct Entry {
        let algorithm: HashAlgorithm
        let key: [UInt8]
        let state: PureSwiftHMAC<Hash>
    }

    /// Guarded by `busy`.
    private var entries: [Entry] = []
    private let busy = Atomic<Bool>(false)
    private let capacity: Int

    init(capacity: Int = 16) {
        self.capacity = capacity
    }

    /// The state keyed with `key` for `algorithm`, from the cache or keyed now (and kept).
    func keyed(_ algorithm: HashAlgorithm, key: [UInt8], fresh: @autoclosure () -> Hash) -> PureSwiftHMAC<Hash> {
        if let found = withEntries({ entries -> PureSwiftHMAC<Hash>? in
            guard let index = entries.firstIndex(where: { $0.algorithm == algorithm && sameBytes($0.key, key) }) else { return nil }
            if index != 0 { entries.swapAt(0, index) }
            return entries[0].state
        }) ?? nil {
            return found
        }
        let made = PureSwiftHMAC(key: key, hash: fresh())
        withEntries { entries in
            guard !entries.contains(where: { $0.algorithm == algorithm && sameBytes($0.key, key) }) else { return }
            entries.insert(Entry(algorithm: algorithm, key: key, state: made), at: 0)
            if entries.count > capacity { entries.removeLast() }
        }
        return made
    }

    /// Runs `body` on the list when no other thread holds it; nil when one does.
    private func withEntries<Result>(_ body: (inout [Entry]) -> Result) -> Result? {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return nil }
        defer { busy.store(false, ordering: .releasing) }
        return body(&entries)
    }
}
