import Foundation
import SigConformCore

/// Why an exchange with a signer process produced no line.
package enum SignerFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// `/bin/sh` could not be started.
    case spawnFailed(String)
    /// No complete line within the time limit.
    case timedOut(seconds: Double)
    /// The process ended (or closed its output) before answering; `status` as the shell reports it.
    case exited(status: String, stderr: String)
    /// Its standard input could not be written (it closed it or exited).
    case writeFailed(String, stderr: String)

    package var description: String { description(scrubbedBy: Redactor(credentials: [])) }

    /// The sentence for a report, with the signer's standard error scrubbed of every
    /// credential `redactor` knows (the signer was given them and may print them).
    package func description(scrubbedBy redactor: Redactor) -> String {
        switch self {
        case .spawnFailed(let reason): "the signer could not be started: \(reason)"
        case .timedOut(let seconds): "the signer did not answer within \(Self.format(seconds)) s"
        case .exited(let status, let stderr): "the signer \(status) without answering" + Self.tail(stderr, redactor: redactor)
        case .writeFailed(let reason, let stderr): "the signer does not read its input (\(reason))" + Self.tail(stderr, redactor: redactor)
        }
    }

    /// The last lines of standard error. The collected tail may start in the middle of a
    /// credential (only the last kilobytes are kept), so it is scrubbed as cut text, before
    /// the lines are picked.
    static func tail(_ stderr: String, redactor: Redactor) -> String {
        let lines = redactor.scrubCutStart(stderr).split(whereSeparator: \.isNewline).suffix(3)
            .map { redactor.preview(String($0), limit: stderrLineLimit) }
        return lines.isEmpty ? "" : "; its last stderr: " + lines.joined(separator: " | ")
    }

    /// How much of each stderr line a message quotes, in characters.
    static let stderrLineLimit = 300

    static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}

/// A program started once with `/bin/sh -c CMD`, spoken to in lines over its standard input
/// and output. Its standard error is collected (the last few kilobytes) to explain a crash.
///
/// The process runs as the leader of its own process group (``ProcessGroupChild``, which
/// holds every platform call): a shell wrapper and whatever it starts end together. Once the
/// process is done with (it ended, crashed, hung, or ``terminate()`` is called, also on deinit)
/// the whole group is killed and the leader reaped, so no zombie and no orphan is left behind,
/// and an interrupted run kills it too (``TerminationSignals``).
package final class SignerProcess {
    package let command: String
    package private(set) var pid: pid_t = 0
    private var child: ProcessGroupChild?
    private var input: Int32 = -1
    private var output: Int32 = -1
    private var errors: Int32 = -1
    private var pending: [UInt8] = []
    private var stderrTail: [UInt8] = []
    private var exitDescription: String?
    /// Standard error kept for failure messages.
    static let stderrLimit = 4096
    /// A line longer than this is not an answer (a request and its signature are kilobytes).
    static let lineLimit = InputLimits.signerAnswerBytes

    package init(command: String) throws(SignerFailure) {
        self.command = command
        let child = try ProcessGroupChild.spawn(command: command)
        self.child = child
        pid = child.pid
        input = child.input
        output = child.output
        errors = child.errors
    }

    deinit { terminate() }

    /// The collected standard error (last few kilobytes).
    package var standardError: String { String(decoding: stderrTail, as: UTF8.self) }

    /// Writes `line` and a newline, within `timeout` seconds.
    package func send(_ line: String, timeout: Double) throws(SignerFailure) {
        let deadline = Date().addingTimeInterval(timeout)
        var bytes = Array(line.utf8) + [0x0A]
        var offset = 0
        while offset < bytes.count {
            let (written, error) = bytes.withUnsafeMutableBytes { buffer in
                ProcessGroupChild.writeWithoutSIGPIPE(input, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if written > 0 {
                offset += written
                continue
            }
            if written < 0, error == EAGAIN || error == EINTR {
                guard try wait(for: input, events: Int16(POLLOUT), until: deadline) else { throw .timedOut(seconds: timeout) }
                continue
            }
            let reason = String(cString: strerror(error))
            if let status = finishIfEnded(grace: 0) { throw .exited(status: status, stderr: standardError) }
            throw .writeFailed(reason, stderr: standardError)
        }
    }

    /// The next line of the process's output (without the newline), within `timeout` seconds.
    package func readLine(timeout: Double) throws(SignerFailure) -> String {
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
                let status = finishIfEnded(grace: 1.0) ?? "closed its output"
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
            // In slices, so that a shell that exits while a helper it left holds the pipes open
            // is seen to end now, not when the time limit runs out.
            let ready = poll(&fds, nfds_t(fds.count), Int32(min(remaining * 1000, 100).rounded(.up)))
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
            if ready == 0, let child, child.leaderHasExited(grace: 0) {
                drainErrors()
                throw .exited(status: finish(), stderr: standardError)
            }
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

    /// When the leader has ended (waiting up to `grace` seconds): kills what is left of its
    /// group, reaps it and returns how it ended; `nil` while it runs.
    @discardableResult
    private func finishIfEnded(grace: Double) -> String? {
        if let exitDescription { return exitDescription }
        guard let child, child.leaderHasExited(grace: grace) else { return nil }
        return finish()
    }

    /// Kills the group, reaps the leader and closes our ends of the pipes.
    @discardableResult
    private func finish() -> String {
        if let child {
            exitDescription = child.killGroupAndReap()
            self.child = nil
        }
        for fd in [input, output, errors] where fd >= 0 { close(fd) }
        input = -1
        output = -1
        errors = -1
        return exitDescription ?? "ended"
    }

    /// Ends the process: closes its input (a well-behaved signer exits on end of input), waits
    /// up to `grace` seconds for it to exit, then kills its process group (always: helpers it
    /// started must not outlive it) and reaps it.
    package func terminate(grace: Double = 1.0) {
        if input >= 0 {
            close(input)
            input = -1
        }
        guard let child else { return }
        _ = child.leaderHasExited(grace: grace)
        finish()
    }

    /// Kills the process group now (after a timeout: its state is unknown) and reaps it.
    package func forceStop() {
        finish()
    }
}
