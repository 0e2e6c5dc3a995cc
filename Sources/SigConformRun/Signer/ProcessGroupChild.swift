import Foundation
import SigConformCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The operating-system side of a signer: `/bin/sh -c CMD` started with `posix_spawn` as the
/// leader of a new process group, its three pipes, and its end. Every platform call of the
/// signer harness is here, so ``SignerProcess`` only speaks lines.
///
/// Nothing the command starts may outlive the run, whatever happens first:
/// - the shell is the leader of its own process group, and **the whole group** is killed
///   with SIGKILL when the child is finished with, also when the shell exited first (helpers it
///   left behind would otherwise be orphans owned by init) and after a crash;
/// - the leader is reaped only after the group is killed: until then its pid (the group id)
///   cannot be taken by another process, so the kill cannot reach a stranger;
/// - the group is registered with ``TerminationSignals``, whose SIGINT/SIGTERM/SIGHUP handler
///   kills it if the run is interrupted;
/// - if this process is killed outright (SIGKILL, which no handler sees), the signer reads
///   end of file on its standard input, which ends a signer that follows the protocol.
///
/// `swift-subprocess` 1.0.2 was considered: it can start a process in its own group or
/// session and tear down the group, but only through an async API (the harness is
/// synchronous, one line at a time) and it has no answer for this process being interrupted,
/// so it would replace the spawn call and little else, at the cost of a dependency.
/// `PR_SET_PDEATHSIG` needs code between fork and exec, which `posix_spawn` does not allow.
struct ProcessGroupChild {
    /// The shell's pid, which is also the process group's id.
    let pid: pid_t
    /// Our ends of the child's standard input, output and error.
    let input: Int32
    let output: Int32
    let errors: Int32

    static func spawn(command: String) throws(SignerFailure) -> ProcessGroupChild {
        var toChild: [Int32] = [-1, -1]
        var fromChild: [Int32] = [-1, -1]
        var errChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0, pipe(&errChild) == 0 else {
            let reason = String(cString: strerror(errno))
            for fd in toChild + fromChild + errChild where fd >= 0 { close(fd) }
            throw .spawnFailed(reason)
        }
        for fd in toChild + fromChild + errChild { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toChild[0], 0)
        posix_spawn_file_actions_adddup2(&actions, fromChild[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errChild[1], 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default dispositions and no blocked signal, whatever ours are.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signalNumber in [SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, signalNumber) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setsigmask(&attributes, &mask)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let status = posix_spawn(&child, "/bin/sh", &actions, &attributes, &argv, environ)
        for fd in [toChild[0], fromChild[1], errChild[1]] { close(fd) }
        guard status == 0 else {
            for fd in [toChild[1], fromChild[0], errChild[0]] { close(fd) }
            throw .spawnFailed(String(cString: strerror(status)))
        }
        TerminationSignals.register(processGroup: child)
        for fd in [toChild[1], fromChild[0], errChild[0]] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        return ProcessGroupChild(pid: child, input: toChild[1], output: fromChild[0], errors: errChild[0])
    }

    /// Writes to the child's standard input without SIGPIPE: the signal is blocked for this
    /// thread during the write and a pending one is consumed, so a signer that closed its
    /// input costs an EPIPE error, not this process, and no process-wide disposition changes.
    static func writeWithoutSIGPIPE(_ fd: Int32, _ pointer: UnsafeRawPointer, _ count: Int) -> (written: Int, error: Int32) {
        var block = sigset_t()
        sigemptyset(&block)
        sigaddset(&block, SIGPIPE)
        var previous = sigset_t()
        pthread_sigmask(SIG_BLOCK, &block, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        let written = write(fd, pointer, count)
        let error = errno
        if written < 0, error == EPIPE, sigismember(&previous, SIGPIPE) == 0 {
            var pending = sigset_t()
            sigpending(&pending)
            if sigismember(&pending, SIGPIPE) == 1 {
                var caught: Int32 = 0
                sigwait(&block, &caught)
            }
        }
        return (written, error)
    }

    /// Whether the leader has exited, waiting up to `grace` seconds. The leader is not reaped
    /// (`WNOWAIT`): its pid keeps the group id reserved until ``killGroupAndReap()``.
    func leaderHasExited(grace: Double) -> Bool {
        let deadline = Date().addingTimeInterval(grace)
        while true {
            var info = siginfo_t()
            let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if result < 0 { return errno == ECHILD }
            if info.si_signo != 0 { return true }
            if Date() >= deadline { return false }
            usleep(10_000)
        }
    }

    /// Kills every process of the group (the leader may be a zombie by now), reaps the
    /// leader, and says how it ended: "exited with status N" or "was killed by signal N".
    func killGroupAndReap() -> String {
        _ = kill(-pid, SIGKILL)
        _ = kill(pid, SIGKILL)
        var status: Int32 = 0
        var result: pid_t
        repeat { result = waitpid(pid, &status, 0) } while result < 0 && errno == EINTR
        TerminationSignals.unregister(processGroup: pid)
        guard result == pid else { return "ended" }
        let code = (status >> 8) & 0xFF
        let signal = status & 0x7F
        return signal == 0 ? "exited with status \(code)" : "was killed by signal \(signal)"
    }
}
