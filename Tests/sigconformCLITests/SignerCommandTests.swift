import Foundation
import SigConform
import Testing

/// `check --signer` end to end with the example signers and with signers that misbehave.
@Suite(.serialized, .enabled(if: hasPython3, "python3 is needed for the example signers"))
struct SignerCommandTests {
    static func venues(of script: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Repository.path(script), "--venues"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    /// Runs `check --signer` on the bundled vectors of `venues` and returns the result and the JSON report.
    static func check(signer: String, venues: [String], extra: [String] = []) throws -> (CLI.Output, RunReport) {
        let directory = temporaryDirectory("signer")
        let result = try CLI.run(["check", "--signer", signer, "--report-dir", directory] + venues.flatMap { ["--venue", $0] } + extra)
        let report = try ReportJSONDecoder().decode(file: directory + "/report.json")
        return (result, report)
    }

    @Test func correctSignerPassesEverythingItSigns() throws {
        let venues = try Self.venues(of: "examples/signer-correct.py")
        #expect(venues.count >= 6)
        let (result, report) = try Self.check(signer: "python3 examples/signer-correct.py", venues: venues)
        #expect(result.status == 0, "\(result.stdout)")
        #expect(report.vectors.count >= 150)
        #expect(Set(report.vectors.map(\.venue)) == Set(venues))
        for vector in report.vectors where vector.status != .passed {
            Issue.record("\(vector.id): \(vector.problems.joined(separator: "; "))")
        }
        #expect(report.vectors.allSatisfy { $0.result == .valid }, "invalid vectors are not sent to a signer")
        #expect(result.stdout.contains("invalid vectors were not sent to the signer"))
    }

    @Test func buggySignerIsCaughtWithTheRightClasses() throws {
        let venues = try Self.venues(of: "examples/signer-buggy.py")
        let (result, report) = try Self.check(signer: "python3 examples/signer-buggy.py", venues: venues)
        #expect(result.status == 1)
        func failing(_ venue: String) -> [VectorReport] { report.vectors.filter { $0.venue == venue && $0.status != .passed } }
        func classes(_ vector: VectorReport) -> [String] { vector.diagnosis?.classes ?? ["no diagnosis: " + vector.problems.joined(separator: "; ")] }

        #expect(failing("kraken-spot").isEmpty, "the buggy signer signs Kraken correctly")
        #expect(failing("binance-spot").count >= 10)
        for vector in failing("binance-spot") { #expect(classes(vector) == ["unsorted_params"], "\(vector.id)") }
        #expect(failing("okx-v5").count >= 5)
        for vector in failing("okx-v5") { #expect(classes(vector) == ["body_encoding"], "\(vector.id)") }
        for vector in report.vectors where vector.venue == "openai-compatible" {
            #expect(classes(vector) == ["missing_bearer_prefix"], "\(vector.id)")
        }
        for vector in report.vectors where vector.venue == "bybit-v5" {
            #expect(classes(vector) == ["missing_component"], "\(vector.id)")
            #expect(vector.diagnosis?.steps.first?.detail.contains("leaving {timestamp}, {apiKey}, {recvWindow} out") == true)
        }
        for vector in report.vectors where vector.venue == "gateio-v4" {
            let expected = vector.request.query.isEmpty ? ["wrong_hash"] : ["missing_component", "wrong_hash"]
            #expect(classes(vector) == expected, "\(vector.id) (query \"\(vector.request.query)\")")
        }
        // Every failure is explained: a prehash diff wherever a mistake changed the prehash.
        let sorted = try #require(failing("binance-spot").first)
        #expect(sorted.diagnosis?.firstDifference != nil && sorted.diagnosis?.clientPrehash != nil)
    }

    /// A signer script in a temporary file, run with python3.
    static func script(_ name: String, _ body: String) throws -> String {
        let path = temporaryDirectory("script") + "/\(name).py"
        try body.write(toFile: path, atomically: true, encoding: .utf8)
        return "python3 \(path)"
    }

    @Test func aCrashingSignerFailsEachVectorAndTheRunGoesOn() throws {
        let signer = try Self.script("crash", """
            import sys
            sys.stdin.readline()
            print("Traceback: KeyError 'secret'", file=sys.stderr)
            sys.exit(7)
            """)
        let (result, report) = try Self.check(signer: signer, venues: ["binance-spot"], extra: ["--tag", "post"])
        #expect(result.status == 1)
        #expect(report.vectors.count >= 5)
        let first = try #require(report.vectors.first)
        #expect(first.status == .failed)
        #expect(first.problems.first?.contains("exited with status 7 without answering; its last stderr: Traceback: KeyError 'secret'") == true)
        // Three starts without an answer, then the rest are not asked (no waiting).
        #expect(report.vectors.dropFirst(3).allSatisfy { $0.problems.first?.hasPrefix("not asked: the signer was started 3 times") == true })
    }

    @Test func aHangingSignerTimesOutPerVectorAndIsKilledWithItsChildren() throws {
        let marker = "sigconform-hang-\(UUID().uuidString)"
        let signer = try Self.script("hang", """
            import subprocess, sys, time
            subprocess.Popen(["sleep", "300", "\(marker)"])
            for line in sys.stdin:
                time.sleep(300)
            """)
        let started = Date()
        let (result, report) = try Self.check(signer: signer, venues: ["binance-spot"], extra: ["--tag", "post", "--signer-timeout", "0.5"])
        #expect(result.status == 1)
        #expect(report.vectors.first?.problems.first == "the signer did not answer within 0.5 s")
        #expect(Date().timeIntervalSince(started) < 30, "each vector waits at most the timeout")
        #expect(Self.processes(containing: marker).isEmpty, "a process the signer started is still running")
    }

    @Test func garbageAndUnsignedAnswersAreReportedPerVector() throws {
        let signer = try Self.script("garbage", """
            import json, sys
            for number, line in enumerate(sys.stdin):
                message = json.loads(line)
                if number % 3 == 0:
                    print("hello, I am a log line", flush=True)
                elif number % 3 == 1:
                    print(json.dumps({"id": message["id"], "request": message["request"]}), flush=True)
                else:
                    print(json.dumps({"id": message["id"], "error": "venue not supported"}), flush=True)
            """)
        let (result, report) = try Self.check(signer: signer, venues: ["binance-spot"], extra: ["--tag", "post"])
        #expect(result.status == 2, "a declined vector is not checked: exit 2")
        let problems = report.vectors.map { $0.problems.first ?? "" }
        #expect(problems[0].hasPrefix("malformed answer: not a JSON line"))
        #expect(problems[1].hasPrefix("the signer's request carries no signature"))
        #expect(report.vectors[1].status == .failed)
        #expect(problems[2] == "the signer declined: venue not supported")
        #expect(report.vectors[2].status == .error)
        #expect(problems[3].hasPrefix("malformed answer"), "the signer stays in use after a garbage line")
    }

    @Test func aCommandThatCannotRunIsReportedNotCrashed() throws {
        let (result, report) = try Self.check(signer: "/nonexistent/signer --flag", venues: ["openai-compatible"])
        #expect(result.status == 1)
        #expect(report.vectors.first?.problems.first?.contains("exited with status 127") == true)
    }

    /// Processes whose command line contains `marker` (from /proc).
    static func processes(containing marker: String) -> [String] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { Int($0) != nil }.filter { pid in
            guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            return String(decoding: data, as: UTF8.self).contains(marker)
        }
    }
}
