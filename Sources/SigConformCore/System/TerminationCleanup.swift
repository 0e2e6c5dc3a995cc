#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What must not outlive this process when a signal ends it: the process groups of the
/// signers it started. (Report temporaries are `TemporaryFiles`' job: its handler, installed
/// when the first report is written, removes them and then chains to this one.) ``installSignalHandlers()`` (called once by the command-line tool)
/// makes SIGINT, SIGTERM and SIGHUP kill every registered group, then end this process by the
/// same signal with its default action, so the shell sees the conventional status (130 for
/// SIGINT, 143 for SIGTERM, 129 for SIGHUP) and a parent script stops as it would for any tool.
///
/// The handler runs in signal context: it only reads a fixed table and calls `kill`,
/// `signal` and `raise`, which are async-signal-safe. Registration takes a lock; the handler
/// does not (a slot is written before it is counted, so the handler never sees half a pid).
public enum TerminationCleanup {
    /// How many process groups can be registered at once (a run has one signer at a time).
    static let capacity = 64
    nonisolated(unsafe) private static let groups: UnsafeMutablePointer<pid_t> = {
        let table = UnsafeMutablePointer<pid_t>.allocate(capacity: capacity)
        table.initialize(repeating: 0, count: capacity)
        return table
    }()
    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    nonisolated(unsafe) private static var lockReady = false
    private static let lockOnce: Void = {
        pthread_mutex_init(&lock, nil)
        lockReady = true
    }()

    /// Registers a process group to kill if a signal ends this process.
    public static func register(processGroup group: pid_t) {
        guard group > 0 else { return }
        withLock {
            for slot in 0..<capacity where groups[slot] == 0 {
                groups[slot] = group
                return
            }
        }
    }

    /// Forgets a process group (it has been killed and reaped).
    public static func unregister(processGroup group: pid_t) {
        guard group > 0 else { return }
        withLock {
            for slot in 0..<capacity where groups[slot] == group { groups[slot] = 0 }
        }
    }

    /// The process groups registered now (for tests).
    public static var registeredGroups: [pid_t] { withLock { (0..<capacity).map { groups[$0] }.filter { $0 > 0 } } }

    /// Kills every registered process group with SIGKILL. Async-signal-safe.
    static func killRegisteredGroups() {
        for slot in 0..<capacity {
            let group = groups[slot]
            if group > 0 { _ = kill(-group, SIGKILL) }
        }
    }

    /// The signals that end a run from outside: Ctrl-C, `kill`, a closed terminal.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the handler for ``signals``. Idempotent. A signal this process was started
    /// with ignored (`nohup`, a background job of a non-interactive shell) stays ignored.
    public static func installSignalHandlers() {
        _ = lockOnce
        _ = groups
        for signalNumber in signals {
            var current = sigaction()
            sigaction(signalNumber, nil, &current)
            #if canImport(Glibc)
            let previous = current.__sigaction_handler.sa_handler
            #else
            let previous = current.__sigaction_u.__sa_handler
            #endif
            if let previous, unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = terminationHandler
            #else
            action.__sigaction_u.__sa_handler = terminationHandler
            #endif
            sigemptyset(&action.sa_mask)
            for other in signals { sigaddset(&action.sa_mask, other) }
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
        // A parent may have started us with these signals blocked (a thread of a test runner,
        // some supervisors): they would then never arrive. Threads started later inherit this.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signalNumber in signals { sigaddset(&unblock, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    private static func withLock<T>(_ body: () -> T) -> T {
        _ = lockOnce
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return body()
    }
}

/// Kills the registered signer groups, then dies of `signalNumber` with its default action.
private func terminationHandler(_ signalNumber: Int32) {
    TerminationCleanup.killRegisteredGroups()
    signal(signalNumber, SIG_DFL)
    raise(signalNumber)
}
