import Foundation
import SigConformCore

/// Why an exchange with a signer process produced no line.
public enum SignerFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// `/bin/sh` could not be started.
    case spawnFailed(String)
    /// No complete line within the time limit.
    case timedOut(seconds: Double)
    /// The process ended (or closed its output) before answering; `status` as the shell reports it.
    case exited(status: String, stderr: String)
    /// Its standard input could not be written (it closed it or exited).
    case writeFailed(String, stderr: String)

    public var description: String {
        switch self {
        case .spawnFailed(let reason): "the signer could not be started: \(reason)"
        case .timedOut(let seconds): "the signer did not answer within \(Self.format(seconds)) s"
        case .exited(let status, let stderr): "the signer \(status) without answering" + Self.tail(stderr)
        case .writeFailed(let reason, let stderr): "the signer does not read its input (\(reason))" + Self.tail(stderr)
        }
    }

    static func tail(_ stderr: String) -> String {
        let lines = stderr.split(whereSeparator: \.isNewline).suffix(3)
        return lines.isEmpty ? "" : "; its last stderr: " + lines.joined(separator: " | ")
    }

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// A program started once with `/bin/sh -c CMD`, spoken to in lines over its standard input
/// and output. Its standard error is collected (the last few kilobytes) to explain a crash.
///
/// The process runs in its own process group so that a shell wrapper and whatever it starts
/// end together; ``terminate()`` (also called on deinit) closes its input, waits briefly,
/// kills the group and reaps the child, so no zombie is left behind.
public final class SignerProcess {
    public let command: String
    public private(set) var pid: pid_t = 0
    private var input: Int32 = -1
    private var output: Int32 = -1
    private var errors: Int32 = -1
    private var pending: [UInt8] = []
    private var stderrTail: [UInt8] = []
    private var reaped = false
    private var exitDescription: String?
    /// Standard error kept for failure messages.
    static let stderrLimit = 4096
    /// A line longer than this is not an answer (a request and its signature are kilobytes).
    static let lineLimit = InputLimits.signerAnswerBytes

    public init(command: String) throws(SignerFailure) {
        self.command = command
        // A signer that exits while we write would otherwise kill this process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        var toChild: [Int32] = [-1, -1]
        var fromChild: [Int32] = [-1, -1]
        var errChild: [Int32] = [-1, -1]
        guard pipe(&toChild) == 0, pipe(&fromChild) == 0, pipe(&errChild) == 0 else {
            throw .spawnFailed(String(cString: strerror(errno)))
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
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
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
        pid = child
        input = toChild[1]
        output = fromChild[0]
        errors = errChild[0]
        for fd in [input, output, errors] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit { terminate() }

    /// Whether the process has not been seen to end.
    public var isRunning: Bool {
        if reaped { return false }
        return reap(blocking: false) == nil
    }

    /// The collected standard error (last few kilobytes).
    public var standardError: String { String(decoding: stderrTail, as: UTF8.self) }

    /// Writes `line` and a newline, within `timeout` seconds.
    public func send(_ line: String, timeout: Double) throws(SignerFailure) {
        let deadline = Date().addingTimeInterval(timeout)
        var bytes = Array(line.utf8) + [0x0A]
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { buffer in
                write(input, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            if written < 0, errno == EAGAIN || errno == EINTR {
                guard try wait(for: input, events: Int16(POLLOUT), until: deadline) else { throw .timedOut(seconds: timeout) }
                continue
            }
            let reason = String(cString: strerror(errno))
            if let status = reap(blocking: false) { throw .exited(status: status, stderr: standardError) }
            throw .writeFailed(reason, stderr: standardError)
        }
    }

    /// The next line of the process's output (without the newline), within `timeout` seconds.
    public func readLine(timeout: Double) throws(SignerFailure) -> String {
        let deadline = Date().addingTimeInterval(timeout)
        // Only new bytes are searched for the newline: rescanning megabytes of a flood after
        // every read would take longer than the timeout.
        var scanned = 0
        while true {
            if let newline = pending[scanned...].firstIndex(of: 0x0A) {
                var line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                if line.last == 0x0D { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            scanned = pending.count
            if pending.count > Self.lineLimit {
                pending.removeAll()
                return "<a line longer than \(Self.lineLimit >> 20) MiB>"
            }
            guard try wait(for: output, events: Int16(POLLIN), until: deadline) else { throw .timedOut(seconds: timeout) }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = read(output, &buffer, buffer.count)
            if count > 0 {
                keep(buffer[..<count])
            } else if count == 0 {
                // End of output: the process is ending; give it a moment so its status is known.
                drainErrors()
                let status = reap(blocking: true, grace: 1.0) ?? "closed its output"
                throw .exited(status: status, stderr: standardError)
            } else if errno != EAGAIN && errno != EINTR {
                throw .exited(status: "could not be read (\(String(cString: strerror(errno))))", stderr: standardError)
            }
        }
    }

    /// Adds output to the pending answer bytes, holding at most one byte past the line limit:
    /// a signer that prints without newlines (`cat /dev/zero`) is an overlong answer for the
    /// vector asked, not a process that grows until memory runs out.
    private func keep(_ bytes: ArraySlice<UInt8>) {
        pending += bytes.prefix(max(0, Self.lineLimit + 1 - pending.count))
    }

    /// Waits until `fd` is ready for `events`; false on timeout. Meanwhile it collects standard
    /// error, and standard output into the pending answer bytes: a signer that echoes while it
    /// reads must not block on a full output pipe while we are still writing to it.
    private func wait(for fd: Int32, events: Int16, until deadline: Date) throws(SignerFailure) -> Bool {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { return false }
            let alsoOutput = fd != output && output >= 0
            var fds = [pollfd(fd: fd, events: events, revents: 0), pollfd(fd: errors, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: alsoOutput ? output : -1, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 60_000).rounded(.up)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw .exited(status: "could not be polled (\(String(cString: strerror(errno))))", stderr: standardError)
            }
            if fds[1].revents != 0 { drainErrors() }
            if alsoOutput, fds[2].revents & Int16(POLLIN) != 0 {
                var buffer = [UInt8](repeating: 0, count: 65536)
                let count = read(output, &buffer, buffer.count)
                if count > 0 { keep(buffer[..<count]) }
            }
            if fds[0].revents != 0 { return true }
        }
    }

    /// Moves whatever standard error holds into the tail buffer.
    private func drainErrors() {
        guard errors >= 0 else { return }
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = read(errors, &buffer, buffer.count)
            if count > 0 {
                stderrTail += buffer[..<count]
                if stderrTail.count > Self.stderrLimit { stderrTail.removeFirst(stderrTail.count - Self.stderrLimit) }
            } else {
                if count == 0 {
                    close(errors)
                    errors = -1
                }
                return
            }
        }
    }

    /// Collects the child's exit status: "exited with status N" or "was killed by signal N";
    /// `nil` while it runs. Blocking waits up to `grace` seconds.
    @discardableResult
    private func reap(blocking: Bool, grace: Double = 0) -> String? {
        if reaped { return exitDescription }
        let deadline = Date().addingTimeInterval(grace)
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid {
                reaped = true
                let code = (status >> 8) & 0xFF
                let signal = status & 0x7F
                exitDescription = signal == 0 ? "exited with status \(code)" : "was killed by signal \(signal)"
                return exitDescription
            }
            if result < 0 {
                reaped = true
                exitDescription = "ended"
                return exitDescription
            }
            if !blocking || Date() >= deadline { return nil }
            usleep(10_000)
        }
    }

    /// Ends the process: closes its input (a well-behaved signer exits on end of input), waits
    /// up to `grace` seconds, then kills its process group and reaps it.
    public func terminate(grace: Double = 1.0) {
        if input >= 0 {
            close(input)
            input = -1
        }
        if pid > 0, !reaped {
            if reap(blocking: true, grace: grace) == nil {
                // Kill the group before reaping: while the shell is unreaped its pid (the group
                // id) cannot belong to anyone else.
                Glibc.kill(-pid, SIGKILL)
                Glibc.kill(pid, SIGKILL)
                reap(blocking: true, grace: 5)
            }
        }
        for fd in [output, errors] where fd >= 0 { close(fd) }
        output = -1
        errors = -1
    }

    /// Kills the process group now (after a timeout: its state is unknown) and reaps it.
    public func forceStop() {
        if pid > 0, !reaped {
            Glibc.kill(-pid, SIGKILL)
            Glibc.kill(pid, SIGKILL)
        }
        terminate(grace: 5)
    }
}
