import Foundation
import Testing

/// SIGINT, SIGTERM and SIGHUP during `check --signer` kill the signer's process group and end
/// sigconform by the same signal (the shell's 130, 143, 129), leaving no process behind.
@Suite(.serialized) struct SignerInterruptTests {
    static func processes(containing marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline"),
                  let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            return String(decoding: data.map { $0 == 0 ? 0x20 : $0 }, as: UTF8.self).contains(marker)
                && stat[stat.index(after: close)...].split(separator: " ").first != "Z"
        }
    }

    @Test(arguments: [SIGINT, SIGTERM, SIGHUP])
    func aSignalDuringARunKillsTheSignerAndEndsByThatSignal(signalNumber: Int32) throws {
        let work = try CLI.temporaryDirectory()
        let started = work.appendingPathComponent("started").path
        let marker = "sleep 3\(Int.random(in: 100...999)).\(Int.random(in: 1000...9999))"
        let process = Process()
        process.executableURL = CLI.executable
        // The signer starts a helper and never answers; the time limit is far away.
        process.arguments = ["check", "vectors/binance-spot/requests.json", "--no-reports", "--signer-timeout", "60",
                             "--signer", "\(marker) & touch \(started); \(marker)"]
        process.currentDirectoryURL = CLI.repositoryRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        for _ in 0..<1000 where !FileManager.default.fileExists(atPath: started) { usleep(10_000) }
        #expect(FileManager.default.fileExists(atPath: started), "the signer was started")
        #expect(Self.processes(containing: marker).count >= 2)
        kill(process.processIdentifier, signalNumber)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(process.terminationStatus == signalNumber, "ended by the signal it got, so a shell sees 128 + \(signalNumber)")
        var left = Self.processes(containing: marker)
        for _ in 0..<200 where !left.isEmpty {
            usleep(10_000)
            left = Self.processes(containing: marker)
        }
        #expect(left.isEmpty, "the signer and its helper are killed")
    }

    @Test func aSignerThatExitsFirstAndOneThatCrashesLeaveNothingAfterARun() throws {
        let marker = "sleep 3\(Int.random(in: 100...999)).\(Int.random(in: 1000...9999))"
        for signer in ["\(marker) >/dev/null 2>&1 </dev/null & exit 0", "\(marker) & exit 0", "\(marker) & echo boom >&2; exit 3"] {
            let result = try CLI.run(["check", "vectors/binance-spot/requests.json", "--no-reports", "--signer-timeout", "5", "--signer", signer])
            #expect(result.status == 1, "\(result.stderr)")
        }
        usleep(200_000)
        #expect(Self.processes(containing: marker).isEmpty)
    }
}
