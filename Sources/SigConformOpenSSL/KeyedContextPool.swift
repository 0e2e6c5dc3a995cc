import CLibCrypto
import SigConformMAC
import Synchronization

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
final class KeyedContextPool: Sendable {
    private struct Entry {
        let algorithm: HashAlgorithm
        let key: [UInt8]
        var contexts: [OpaquePointer]
    }

    /// Holds raw OpenSSL pointers, each owned by the pool alone while it is listed here.
    private struct Entries: @unchecked Sendable {
        var list: [Entry] = []
    }

    /// Contexts leaving the pool to be freed, owned by whoever holds this value.
    private struct Released: @unchecked Sendable {
        var contexts: [OpaquePointer] = []
    }

    private let entries = Mutex(Entries())
    private let capacity: Int
    private let contextsPerKey: Int

    init(capacity: Int = 16, contextsPerKey: Int = 4) {
        self.capacity = capacity
        self.contextsPerKey = contextsPerKey
    }

    deinit {
        entries.withLock { entries in
            for entry in entries.list { entry.contexts.forEach { EVP_MAC_CTX_free($0) } }
        }
    }

    /// An idle context keyed with `key` for `algorithm`, now owned by the caller; nil when none is idle.
    func checkOut(_ algorithm: HashAlgorithm, key: [UInt8]) -> OpaquePointer? {
        entries.withLock { entries in
            guard let index = entries.list.firstIndex(where: { $0.algorithm == algorithm && $0.key == key }) else { return nil }
            return entries.list[index].contexts.popLast()
        }
    }

    /// Takes ownership of `context`, keyed with `key` and re-initialised; frees it when the pool is full.
    func checkIn(_ context: OpaquePointer, algorithm: HashAlgorithm, key: [UInt8]) {
        let surplus: Released = entries.withLock { entries in
            if let index = entries.list.firstIndex(where: { $0.algorithm == algorithm && $0.key == key }) {
                guard entries.list[index].contexts.count < contextsPerKey else { return Released(contexts: [context]) }
                entries.list[index].contexts.append(context)
                if index != 0 { entries.list.swapAt(0, index) }
                return Released()
            }
            entries.list.insert(Entry(algorithm: algorithm, key: key, contexts: [context]), at: 0)
            guard entries.list.count > capacity else { return Released() }
            return Released(contexts: entries.list.removeLast().contexts)
        }
        surplus.contexts.forEach { EVP_MAC_CTX_free($0) }
    }
}
