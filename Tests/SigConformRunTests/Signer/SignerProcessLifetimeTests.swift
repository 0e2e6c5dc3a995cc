import Foundation
import SigConform
import Testing

/// Nothing a signer starts outlives it: the helpers of a shell that exits first, of a crash,
/// and of a well-behaved signer are killed with its process group (issue #17, item 4).
@Suite(.serialized) struct SignerProcessLifetimeTests {
    /// Live (not zombie) processes whose command line contains `marker`, from /proc.
    static func processes(containing marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(marker),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
    }

    /// A `sleep` whose command line is unique to one test, so that the scan finds only its own.
    static func uniqueSleep() -> String { "sleep 3\(Int.random(in: 100...999)).\(Int.random(in: 1000...9999))" }

    /// Waits up to two seconds for `marker`'s processes to be gone (SIGKILL is asynchronous).
    static func gone(_ marker: String) -> Bool {
        for _ in 0..<200 {
            if processes(containing: marker).isEmpty { return true }
            usleep(10_000)
        }
        return false
    }

    /// The helper detached from the pipes (the shell's end is the end of output) or holding
    /// them (the shell's exit is seen while the pipes stay open).
    @Test(arguments: [" >/dev/null 2>&1 </dev/null", ""])
    func aShellThatExitsFirstLeavesNoHelperBehind(redirection: String) throws {
        let helper = Self.uniqueSleep()
        let process = try SignerProcess(command: "\(helper)\(redirection) & exit 0")
        #expect { try process.readLine(timeout: 5) } throws: { error in
            guard case .exited(let status, _) = error as? SignerFailure else { return false }
            return status == "exited with status 0"
        }
        #expect(Self.gone(helper), "the helper the shell left is killed with its group")
    }

    @Test func aCrashingSignerLeavesNoHelperBehind() throws {
        let helper = Self.uniqueSleep()
        // As the harness restarts a crashing signer: each start leaves a helper, each is killed.
        for _ in 0..<3 {
            let process = try SignerProcess(command: "\(helper) & echo boom >&2; exit 3")
            #expect(throws: SignerFailure.self) { try process.readLine(timeout: 5) }
            process.forceStop()
        }
        #expect(Self.gone(helper))
    }

    @Test func aWellBehavedSignerIsEndedWithItsHelpers() throws {
        let helper = Self.uniqueSleep()
        let process = try SignerProcess(command: "\(helper) & cat")
        try process.send("{}", timeout: 5)
        #expect(try process.readLine(timeout: 5) == "{}")
        let pid = process.pid
        #expect(TerminationSignals.registeredGroups.contains(pid), "a running signer's group is known to the signal handler")
        process.terminate()
        #expect(Self.gone(helper), "cat exits on end of input; the helper is killed with the group")
        #expect(!TerminationSignals.registeredGroups.contains(pid))
        #expect(kill(pid, 0) != 0 && errno == ESRCH, "the leader is reaped: no zombie")
    }

    @Test func writingToASignerThatClosedItsInputLeavesSIGPIPEAlone() throws {
        let process = try SignerProcess(command: "exec 0<&-; sleep 5")
        #expect(throws: SignerFailure.self) { try process.send(String(repeating: "x", count: 1 << 20), timeout: 1) }
        process.forceStop()
        // The process-wide disposition is untouched: SIGPIPE is only blocked around the write.
        let previous = signal(SIGPIPE, SIG_DFL)
        signal(SIGPIPE, previous)
        #expect(previous.map { unsafeBitCast($0, to: Int.self) } != unsafeBitCast(SIG_IGN, to: Int.self))
    }
}
