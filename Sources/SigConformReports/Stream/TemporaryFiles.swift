import Foundation

/// The temporary report files that exist right now, removed when the process is ended by
/// SIGINT or SIGTERM (the other exit paths remove their own: `defer`, `deinit`, error paths).
///
/// A signal handler may only call async-signal-safe functions, so the registry is a fixed
/// table of C strings that the handler walks with `unlink(2)`; registering and forgetting
/// happen on ordinary threads under a lock. A path's C string is never freed (a slot is
/// cleared, not its string, so a handler running at that moment reads valid memory): a run
/// registers a handful. The handler then runs whatever handler was installed before it (a
/// signer's cleanup, say) or, when that was the default, ends the process by the signal.
public enum TemporaryFiles {
    static let capacity = 256
    nonisolated(unsafe) static let slots = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
    nonisolated(unsafe) static var previous: [Int32: sigaction] = [:]
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false
    /// Non-zero while a report set is being renamed into place: a signal then waits for the set
    /// to be complete (``deferringSignals(_:)``) instead of leaving half of it renamed.
    nonisolated(unsafe) static var deferring: sig_atomic_t = 0
    nonisolated(unsafe) static var deferredSignal: sig_atomic_t = 0

    /// Starts tracking `path`; returns its slot for ``forget(_:)``, or `nil` when the table is full.
    @discardableResult
    public static func register(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        installOnce()
        guard let free = (0..<capacity).first(where: { slots[$0] == nil }) else { return nil }
        slots[free] = strdup(path)
        return free
    }

    /// Stops tracking the path in `slot` (it was renamed into place or removed).
    public static func forget(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        defer { lock.unlock() }
        slots[slot] = nil
    }

    /// Runs `body` (a few renames) with SIGINT and SIGTERM held back; one that arrives meanwhile
    /// is acted on when `body` is done.
    static func deferringSignals<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        installOnce()
        lock.unlock()
        deferring = 1
        defer {
            deferring = 0
            let signal = deferredSignal
            if signal != 0 {
                deferredSignal = 0
                removeAll()
                chain(signal)
            }
        }
        return try body()
    }

    /// Removes every tracked file; called from the signal handler.
    static func removeAll() {
        guard installed else { return }
        for index in 0..<capacity { if let path = slots[index] { unlink(path) } }
    }

    /// Called under `lock`.
    static func installOnce() {
        guard !installed else { return }
        slots.initialize(repeating: nil, count: capacity)
        installHandlers()
        installed = true
    }

    static func installHandlers() {
        // A parent may hand down these signals blocked (Foundation's Process does): unblocked
        // here, or a SIGTERM would wait unseen until the run ends.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signal in [SIGINT, SIGTERM] {
            sigaddset(&unblock, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for signal in [SIGINT, SIGTERM] {
            // A signal this process was started with ignored (`nohup`, `cmd &` in a
            // non-interactive shell) stays ignored: a handler here would remove the report
            // temporaries of a run that then goes on, and its report set would be lost.
            var current = sigaction()
            sigaction(signal, nil, &current)
            if let handler = current.__sigaction_handler.sa_handler,
               unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                continue
            }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { signal in
                if TemporaryFiles.deferring != 0 {
                    TemporaryFiles.deferredSignal = signal
                    return
                }
                TemporaryFiles.removeAll()
                TemporaryFiles.chain(signal)
            }
            sigemptyset(&action.sa_mask)
            var old = sigaction()
            sigaction(signal, &action, &old)
            previous[signal] = old
        }
    }

    /// Hands the signal on: to the handler that was there before, or (default) ends the process.
    static func chain(_ signal: Int32) {
        let old = previous[signal]
        let handler = old?.__sigaction_handler.sa_handler
        let ignore = unsafeBitCast(SIG_IGN, to: Int.self)
        let fallback = unsafeBitCast(SIG_DFL, to: Int.self)
        if let handler, unsafeBitCast(handler, to: Int.self) != ignore, unsafeBitCast(handler, to: Int.self) != fallback {
            handler(signal)
            return
        }
        if let handler, unsafeBitCast(handler, to: Int.self) == ignore { return }
        Glibc.signal(signal, SIG_DFL)
        raise(signal)
    }
}
