#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one handler for the signals that end a run from outside (Ctrl-C, `kill`, a closed
/// terminal), and what it must clean up first, registered by those who own it:
///
/// - the process groups of the signers a `--signer` run started (``register(processGroup:)``),
///   killed with SIGKILL so no helper outlives the run;
/// - the temporary report files being written (``register(temporaryFile:)``), removed so an
///   interrupted run leaves no half-written file of up to a hundred MiB behind.
///
/// The handler then runs the handler that was installed before it, when that was one, or
/// ends this process by the same signal with its default action, so the shell sees the
/// conventional status (130 for SIGINT, 143 for SIGTERM, 129 for SIGHUP) and a parent script
/// stops as it would for any tool. While a report set is renamed into place
/// (``deferringSignals(_:)``) a signal waits until the set is whole.
///
/// ``install()`` is called by the command-line tool at start and by the first registration;
/// it is idempotent. A signal this process was started with ignored (`nohup`, a background job
/// of a non-interactive shell) stays ignored: a handler would otherwise remove the report
/// temporaries of a run that then goes on, and its report set would be lost.
///
/// The handler runs in signal context: it only reads fixed tables and calls `kill`, `unlink`,
/// `signal` and `raise`, which are async-signal-safe. Registration takes a lock; the handler
/// does not (a slot is written whole before it is used, and a file's C string is never freed,
/// only its slot cleared, so a handler running at that moment reads valid memory).
package enum TerminationSignals {
    /// The signals handled.
    package static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// How many process groups can be registered at once (a run has one signer at a time).
    static let groupCapacity = 64
    /// How many temporary files can be registered at once (a report set has a handful).
    static let fileCapacity = 256
    /// Signal numbers are below this, so the previous handlers fit a table indexed by number.
    static let signalTableSize = 65

    typealias Handler = @convention(c) (Int32) -> Void

    nonisolated(unsafe) private static let groups: UnsafeMutablePointer<pid_t> = {
        let table = UnsafeMutablePointer<pid_t>.allocate(capacity: groupCapacity)
        table.initialize(repeating: 0, count: groupCapacity)
        return table
    }()
    nonisolated(unsafe) private static let files: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: fileCapacity)
        table.initialize(repeating: nil, count: fileCapacity)
        return table
    }()
    /// The handler each signal had before ours (`nil`: the default or none).
    nonisolated(unsafe) private static let previous: UnsafeMutablePointer<Handler?> = {
        let table = UnsafeMutablePointer<Handler?>.allocate(capacity: signalTableSize)
        table.initialize(repeating: nil, count: signalTableSize)
        return table
    }()
    nonisolated(unsafe) private static var installed = false
    /// Non-zero while a report set is being renamed into place.
    nonisolated(unsafe) static var deferring: sig_atomic_t = 0
    nonisolated(unsafe) static var deferredSignal: sig_atomic_t = 0

    nonisolated(unsafe) private static var lock = pthread_mutex_t()
    private static let lockOnce: Void = { pthread_mutex_init(&lock, nil) }()

    // MARK: Registrations

    /// Registers a process group to kill if a signal ends this process.
    package static func register(processGroup group: pid_t) {
        guard group > 0 else { return }
        withLock {
            installLocked()
            for slot in 0..<groupCapacity where groups[slot] == 0 {
                groups[slot] = group
                return
            }
        }
    }

    /// Forgets a process group (it has been killed and reaped).
    package static func unregister(processGroup group: pid_t) {
        guard group > 0 else { return }
        withLock {
            for slot in 0..<groupCapacity where groups[slot] == group { groups[slot] = 0 }
        }
    }

    /// The process groups registered now (for tests).
    package static var registeredGroups: [pid_t] { withLock { (0..<groupCapacity).map { groups[$0] }.filter { $0 > 0 } } }

    /// Starts tracking the temporary file `path`; returns its slot for ``forget(_:)``, or `nil`
    /// when the table is full.
    @discardableResult
    package static func register(temporaryFile path: String) -> Int? {
        withLock {
            installLocked()
            guard let free = (0..<fileCapacity).first(where: { files[$0] == nil }) else { return nil }
            files[free] = strdup(path)
            return free
        }
    }

    /// Stops tracking the temporary file in `slot` (it was renamed into place or removed).
    package static func forget(_ slot: Int?) {
        guard let slot else { return }
        withLock { files[slot] = nil }
    }

    /// Runs `body` (a few renames) with the signals held back; one that arrives meanwhile is
    /// acted on when `body` is done.
    package static func deferringSignals<T>(_ body: () throws -> T) rethrows -> T {
        install()
        deferring = 1
        defer {
            deferring = 0
            let signal = deferredSignal
            if signal != 0 {
                deferredSignal = 0
                cleanUpAndEnd(signal)
            }
        }
        return try body()
    }

    // MARK: The handler

    /// Installs the handler for ``signals``. Idempotent.
    package static func install() {
        withLock { installLocked() }
    }

    /// Called under the lock.
    private static func installLocked() {
        guard !installed else { return }
        installed = true
        _ = groups
        _ = files
        _ = previous
        for signalNumber in signals {
            var current = sigaction()
            sigaction(signalNumber, nil, &current)
            let handler = handlerField(current)
            if let handler, unsafeBitCast(handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) { continue }
            if let handler, unsafeBitCast(handler, to: Int.self) != unsafeBitCast(SIG_DFL, to: Int.self) {
                previous[Int(signalNumber)] = handler
            }
            var action = sigaction()
            setHandlerField(&action, terminationHandler)
            sigemptyset(&action.sa_mask)
            for other in signals { sigaddset(&action.sa_mask, other) }
            action.sa_flags = 0
            sigaction(signalNumber, &action, nil)
        }
        // A parent may hand these signals down blocked (Foundation's Process does, and some
        // supervisors): they would then wait unseen until the run ends. Threads started later
        // inherit this.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for signalNumber in signals { sigaddset(&unblock, signalNumber) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    /// Kills every registered group, removes every registered file, then hands the signal on.
    /// Async-signal-safe.
    fileprivate static func cleanUpAndEnd(_ signalNumber: Int32) {
        for slot in 0..<groupCapacity {
            let group = groups[slot]
            if group > 0 { _ = kill(-group, SIGKILL) }
        }
        for slot in 0..<fileCapacity { if let path = files[slot] { unlink(path) } }
        if signalNumber > 0, signalNumber < signalTableSize, let earlier = previous[Int(signalNumber)] {
            earlier(signalNumber)
            return
        }
        signal(signalNumber, SIG_DFL)
        raise(signalNumber)
    }

    private static func handlerField(_ action: sigaction) -> Handler? {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler
        #else
        action.__sigaction_u.__sa_handler
        #endif
    }

    private static func setHandlerField(_ action: inout sigaction, _ handler: Handler) {
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
    }

    private static func withLock<T>(_ body: () -> T) -> T {
        _ = lockOnce
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        return body()
    }
}

/// Waits while a report set is being renamed, else cleans up and ends the process.
private func terminationHandler(_ signalNumber: Int32) {
    if TerminationSignals.deferring != 0 {
        TerminationSignals.deferredSignal = signalNumber
        return
    }
    TerminationSignals.cleanUpAndEnd(signalNumber)
}
