import Foundation
import SigConform
import Testing

/// The signer process: lines in and out, time limits, crashes, and nothing left behind.
@Suite(.serialized) struct SignerProcessTests {
    /// Whether a process still exists, zombies included (a zombie child is one we did not reap).
    static func exists(_ pid: pid_t) -> Bool { kill(pid, 0) == 0 || errno != ESRCH }

    /// Running (not zombie) processes of process group `group`, from /proc. Orphaned members
    /// belong to init once killed; whether init reaps them is the machine's business.
    static func liveMembers(ofGroup group: pid_t) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            return fields.count > 2 && fields[0] != "Z" && fields[2] == "\(group)"
        }
    }

    @Test func linesGoInAndComeOutInOrder() throws {
        let process = try SignerProcess(command: "cat")
        for number in 1...50 {
            try process.send("{\"n\":\(number)}", timeout: 5)
            #expect(try process.readLine(timeout: 5) == "{\"n\":\(number)}")
        }
        let pid = process.pid
        process.terminate()
        #expect(!Self.exists(pid), "the child is reaped: no zombie")
    }

    @Test func aSilentProcessTimesOutAndIsKilledWithItsGroup() throws {
        let process = try SignerProcess(command: "sleep 60 & sleep 60")
        let pid = process.pid
        let started = Date()
        #expect(throws: SignerFailure.timedOut(seconds: 0.3)) { try process.readLine(timeout: 0.3) }
        #expect(Date().timeIntervalSince(started) < 3)
        process.forceStop()
        #expect(!Self.exists(pid), "the child is killed and reaped")
        // SIGKILL takes effect when the killed process next runs: on a loaded machine that can be
        // a moment after `forceStop` returns, so the group is given two seconds to be gone.
        let deadline = Date().addingTimeInterval(2)
        while !Self.liveMembers(ofGroup: pid).isEmpty && Date() < deadline { usleep(10_000) }
        #expect(Self.liveMembers(ofGroup: pid).isEmpty, "the background sleep of the same group is killed too")
    }

    @Test func aCrashIsReportedWithItsStatusAndStandardError() throws {
        let process = try SignerProcess(command: "echo 'boom: no secret configured' >&2; exit 7")
        #expect { try process.readLine(timeout: 5) } throws: { error in
            guard case .exited(let status, let stderr) = error as? SignerFailure else { return false }
            return status == "exited with status 7" && stderr.contains("boom: no secret configured")
        }
        #expect(!Self.exists(process.pid))
    }

    @Test func writingToAProcessThatStoppedReadingDoesNotKillUs() throws {
        let process = try SignerProcess(command: "exec 0<&-; sleep 1")
        let line = String(repeating: "x", count: 1 << 20)
        // SIGPIPE is blocked during the write: it fails with EPIPE, or fills the pipe and times out.
        #expect(throws: SignerFailure.self) { try process.send(line, timeout: 0.5) }
        process.forceStop()
        #expect(!Self.exists(process.pid))
    }

    @Test func aLongLineArrivesWhole() throws {
        let process = try SignerProcess(command: "cat")
        let line = "{\"body\":\"" + String(repeating: "a", count: 300_000) + "\"}"
        try process.send(line, timeout: 5)
        #expect(try process.readLine(timeout: 5) == line)
        process.terminate()
    }

    @Test func terminateEndsAProcessThatIgnoresEndOfInput() throws {
        let process = try SignerProcess(command: "trap '' TERM; while true; do sleep 1; done")
        let pid = process.pid
        let started = Date()
        process.terminate(grace: 0.2)
        #expect(!Self.exists(pid))
        #expect(Date().timeIntervalSince(started) < 5)
    }
}
