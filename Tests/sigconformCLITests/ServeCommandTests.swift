import Foundation
import Testing

/// `sigconform serve` as a process: real HTTP on loopback, stop conditions, reports, --record.
@Suite(.serialized) struct ServeCommandTests {
    /// The bundled okx-v5 keys and a request of its vectors (signed at 2023-11-14T22:13:20.000Z,
    /// the vector's server time 1700000000300): the server's clock is moved there with --clock-offset.
    static let keys = #"{"okx-v5": [{"apiKey": "sc-test-okx-api-key-0001", "secret": "sc-test-okx-secret-do-not-use-0001", "passphrase": "sc-test-Passphrase-1"}]}"#
    static let signedRequest = [
        "GET /api/v5/account/balance HTTP/1.1", "Host: 127.0.0.1", "OK-ACCESS-KEY: sc-test-okx-api-key-0001",
        "OK-ACCESS-SIGN: JlltRAy2Ruq5e7Li+SeATsnbgTVSh7wuIDo1VVWQ8Hc=", "OK-ACCESS-TIMESTAMP: 2023-11-14T22:13:20.000Z",
    ]

    static func request(passphrase: String) -> String {
        (signedRequest + ["OK-ACCESS-PASSPHRASE: \(passphrase)", "Connection: close", "", ""]).joined(separator: "\r\n")
    }

    @Test func answersAsTheVenueThenReportsAndRecordsEveryRequest() throws {
        let work = try CLI.temporaryDirectory()
        let keyFile = work.appendingPathComponent("keys.json")
        try Self.keys.write(to: keyFile, atomically: true, encoding: .utf8)
        // The server's clock starts 20 s before the request's time, inside OKX's ±30 s window,
        // which leaves 50 s for a loaded machine to start the server and send the requests.
        let offset = 1_700_000_000_000 - 20_000 - Int64(Date().timeIntervalSince1970 * 1000)
        let server = try ServeProcess(arguments: [
            "serve", "--venue", "okx-v5", "--credentials", keyFile.path, "--clock-offset=\(offset)", "--max-requests", "3", "--for", "120",
            "--report-dir", work.appendingPathComponent("reports").path, "--record", work.appendingPathComponent("recorded").path,
            "--no-color", "--max-body-bytes", "1024",
        ], work: work)

        // Limits: answered and the connection closed; neither counts towards --max-requests.
        let large = try RawHTTP.send("POST /api/v5/trade/order HTTP/1.1\r\nHost: x\r\nContent-Length: 2000\r\n\r\n" + String(repeating: "a", count: 2000), port: server.port)
        #expect(large.hasPrefix("HTTP/1.1 413"), "\(large)")
        let header = try RawHTTP.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "b", count: 70_000))\r\n\r\n", port: server.port)
        #expect(header.hasPrefix("HTTP/1.1 400"), "an oversized header block is refused and the connection closed: \(header.prefix(80))")

        let accepted = try RawHTTP.send(Self.request(passphrase: "sc-test-Passphrase-1"), port: server.port)
        #expect(accepted.hasPrefix("HTTP/1.1 200"), "\(accepted)")
        #expect(accepted.contains("X-Sigconform-Diagnosis: accepted"))
        #expect(accepted.contains(#""totalEq":"1000""#))

        let bad = try RawHTTP.send("NOT HTTP AT ALL\r\n\r\n", port: server.port)
        #expect(bad.hasPrefix("HTTP/1.1 400"), "bad HTTP is answered 400: \(bad)")

        let rejected = try RawHTTP.send(Self.request(passphrase: "not-it"), port: server.port)
        #expect(rejected.hasPrefix("HTTP/1.1 401"), "\(rejected)")
        #expect(rejected.hasSuffix(#"{"msg":"Invalid OK-ACCESS-PASSPHRASE","code":"50105"}"#))
        #expect(rejected.contains("X-Sigconform-Diagnosis: wrong_passphrase"))

        let time = try RawHTTP.send("GET /api/v5/public/time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: server.port)
        #expect(time.contains(#""data":[{"ts":"1699999"#) || time.contains(#""data":[{"ts":"1700000"#), "the public time answers the server's (offset) clock: \(time)")

        let output = try server.waitForExit()
        #expect(output.status == 1, "a rejected request fails the run: \(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("stopped (--max-requests 3)"))
        #expect(output.stdout.contains("2 vectors: 1 passed, 1 failed"))
        for secret in ["sc-test-okx-secret-do-not-use-0001", "sc-test-Passphrase-1", "not-it"] {
            #expect(!output.stdout.contains(secret) && !output.stderr.contains(secret))
            let report = try String(contentsOf: work.appendingPathComponent("reports/report.json"), encoding: .utf8)
            #expect(!report.contains(secret))
        }

        // The recorded vectors are vector files `check` accepts: the accepted request valid, the
        // rejected one invalid with its diagnosis.
        let recorded = work.appendingPathComponent("recorded/okx-v5/serve.json").path
        let text = try String(contentsOfFile: recorded, encoding: .utf8)
        #expect(text.contains(#""result": "valid""#) && text.contains(#""result": "invalid""#))
        let check = try CLI.run(["check", recorded, "--no-reports", "--no-color"])
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
    }

    @Test func unusableInputEndsWithStatusTwoAndNoServer() throws {
        let work = try CLI.temporaryDirectory()
        let keyFile = work.appendingPathComponent("keys.json")
        try Self.keys.write(to: keyFile, atomically: true, encoding: .utf8)
        let unknown = try CLI.run(["serve", "--venue", "okx-v6", "--credentials", keyFile.path])
        #expect(unknown.status == 2 && unknown.stderr.contains("did you mean \"okx-v5\""), "\(unknown.stderr)")
        let noKeys = try CLI.run(["serve", "--venue", "bybit-v5", "--credentials", keyFile.path])
        #expect(noKeys.status == 2 && noKeys.stderr.contains("no keys for bybit-v5"))
        try #"{"okx-v5": [{"apiKey": "k", "secret": "s", "pasphrase": "p"}]}"#.write(to: keyFile, atomically: true, encoding: .utf8)
        let typo = try CLI.run(["serve", "--venue", "okx-v5", "--credentials", keyFile.path])
        #expect(typo.status == 2 && typo.stderr.contains("did you mean \"passphrase\""), "\(typo.stderr)")
        let unset = try CLI.run(["serve", "--venue", "okx-v5", "--credentials-env", "SIGCONFORM_NO_SUCH_VARIABLE"])
        #expect(unset.status == 2)
        let none = try CLI.run(["serve", "--venue", "okx-v5"])
        #expect(none.status == 2, "keys are required")
    }

    @Test(arguments: [SIGINT, SIGTERM]) func aSignalStopsItAndItWritesTheReports(signal: Int32) throws {
        let work = try CLI.temporaryDirectory()
        let keyFile = work.appendingPathComponent("keys.json")
        try Self.keys.write(to: keyFile, atomically: true, encoding: .utf8)
        let offset = 1_700_000_000_000 - 20_000 - Int64(Date().timeIntervalSince1970 * 1000)
        let server = try ServeProcess(arguments: [
            "serve", "--venue", "okx-v5", "--credentials", keyFile.path, "--clock-offset=\(offset)", "--for", "120",
            "--report-dir", work.appendingPathComponent("reports").path, "--format", "json", "--no-color",
        ], work: work)
        let accepted = try RawHTTP.send(Self.request(passphrase: "sc-test-Passphrase-1"), port: server.port)
        #expect(accepted.hasPrefix("HTTP/1.1 200"), "\(accepted)")
        kill(server.process.processIdentifier, signal)
        let output = try server.waitForExit()
        #expect(output.status == 0, "every verified request was accepted: \(output.stdout)\(output.stderr)")
        #expect(output.stdout.contains("stopped (\(signal == SIGINT ? "SIGINT" : "SIGTERM"))"))
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("reports/report.json").path))
    }

    @Test func portPerVenueServesEachVenueWithoutAPrefix() throws {
        let work = try CLI.temporaryDirectory()
        let keyFile = work.appendingPathComponent("keys.json")
        try #"{"okx-v5": [{"apiKey": "k", "secret": "s", "passphrase": "p"}], "bybit-v5": [{"apiKey": "k", "secret": "s"}]}"#
            .write(to: keyFile, atomically: true, encoding: .utf8)
        let server = try ServeProcess(arguments: [
            "serve", "--venue", "okx-v5", "--venue", "bybit-v5", "--port-per-venue", "--credentials", keyFile.path,
            "--max-requests", "2", "--for", "60", "--no-reports",
        ], work: work)
        let ready = try String(contentsOf: work.appendingPathComponent("ready.json"), encoding: .utf8)
        let ports = ready.matches(of: /127\.0\.0\.1:(\d+)"/).compactMap { Int($0.1) }
        #expect(ports.count == 2 && Set(ports).count == 2, "\(ready)")
        #expect(!ready.contains("/okx-v5\"") && !ready.contains("/bybit-v5\""), "no path prefix: \(ready)")
        let okx = try RawHTTP.send("GET /api/v5/public/time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: ports[0])
        #expect(okx.contains(#""code":"0""#), "\(okx)")
        let bybit = try RawHTTP.send("GET /v5/market/time HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", port: ports[1])
        #expect(bybit.contains(#""retCode":0"#), "\(bybit)")
        let output = try server.waitForExit()
        #expect(output.status == 2, "public calls only: nothing was verified")
    }

    @Test func aRunThatSawNoSignedRequestIsNotAPass() throws {
        let work = try CLI.temporaryDirectory()
        let keyFile = work.appendingPathComponent("keys.json")
        try Self.keys.write(to: keyFile, atomically: true, encoding: .utf8)
        let output = try CLI.run(["serve", "--venue", "okx-v5", "--credentials", keyFile.path, "--for", "0.5", "--no-reports"])
        #expect(output.status == 2)
        #expect(output.stdout.contains("no signed request reached the server"))
    }
}

/// A `sigconform serve` child process: started with a ready file, waited for, always ended.
final class ServeProcess {
    let process = Process()
    let port: Int
    let stdout: URL
    let stderr: URL

    init(arguments: [String], work: URL) throws {
        let ready = work.appendingPathComponent("ready.json")
        stdout = work.appendingPathComponent("serve.out")
        stderr = work.appendingPathComponent("serve.err")
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        process.executableURL = CLI.executable
        process.arguments = arguments + ["--ready-file", ready.path]
        process.currentDirectoryURL = CLI.repositoryRoot
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: ready.path) || (try? Data(contentsOf: ready))?.isEmpty != false {
            guard process.isRunning, Date() < deadline else {
                if process.isRunning { process.terminate() }
                throw ServeTestError("serve did not start: \((try? String(contentsOf: stderr, encoding: .utf8)) ?? "")")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        let text = try String(contentsOf: ready, encoding: .utf8)
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)"#, options: .regularExpression),
              let port = Int(text[range].split(separator: ":")[1]) else {
            process.terminate()
            throw ServeTestError("no URL in the ready file: \(text)")
        }
        self.port = port
    }

    func waitForExit(seconds: Double = 60) throws -> CLI.Output {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
            throw ServeTestError("serve did not stop by itself")
        }
        return CLI.Output(status: process.terminationStatus, stdout: (try? String(contentsOf: stdout, encoding: .utf8)) ?? "",
                          stderr: (try? String(contentsOf: stderr, encoding: .utf8)) ?? "")
    }

    deinit { if process.isRunning { process.terminate() } }
}

struct ServeTestError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// One HTTP exchange over a plain TCP socket on loopback: the bytes as written, the answer as read.
enum RawHTTP {
    static func send(_ request: String, port: Int) throws -> String {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw ServeTestError("socket() failed") }
        defer { close(socket) }
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw ServeTestError("connect() to port \(port) failed") }
        let bytes = Array(request.utf8)
        guard Glibc.send(socket, bytes, bytes.count, 0) == bytes.count else { throw ServeTestError("send() failed") }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            answer += buffer[..<count]
        }
        return String(decoding: answer, as: UTF8.self)
    }
}
