import Foundation

/// libcrypto reads `OPENSSL_ia32cap` once, when it loads, so OpenSSL with other CPU features
/// runs in a second process: this one, started with the mask and a worker flag, answering
/// one batch at a time so that its batches still interleave with the parent's.
///
/// Protocol, one line each way: `<workload> <n>` → `<seconds> <cpuSeconds> <checksum>`.
public enum OpenSSLWorker {
    /// Serves batch requests on standard input until it closes (the worker side).
    public static func serve() {
        let loops = Dictionary(
            MACWorkloads.specs.compactMap { spec in ReferenceOpenSSL.benchCase(spec, implementation: "openssl").map { (spec.workload, $0) } },
            uniquingKeysWith: { first, _ in first })
        while let line = readLine() {
            let parts = line.split(separator: " ")
            guard parts.count == 2, let benchCase = loops[String(parts[0])], let n = Int(parts[1]) else {
                reply("error unknown request \(line)")
                continue
            }
            let sample = benchCase.measure(n)
            reply("\(sample.seconds) \(sample.cpuSeconds) \(sample.checksum)")
        }
    }

    /// Writes one line unbuffered: the parent waits for it.
    private static func reply(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }

    /// The worker's cases, named `implementation`, for every reference workload.
    public static func remoteCases(_ client: Client, implementation: String) -> [BenchCase] {
        MACWorkloads.specs.map { spec in
            BenchCase(workload: spec.workload, implementation: implementation, bytesPerOperation: spec.bytesPerOperation) { n in
                client.run(spec.workload, n)
            }
        }
    }

    /// The parent's end: starts the worker and exchanges one line per batch.
    public final class Client: @unchecked Sendable {
        private let process = Process()
        private let requests = Pipe()
        private let replies = Pipe()

        /// Starts `executable arguments…` with `OPENSSL_ia32cap=mask` added to this process's environment.
        public init(executable: URL, arguments: [String], mask: String) throws {
            process.executableURL = executable
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["OPENSSL_ia32cap"] = mask.isEmpty ? nil : mask
            process.environment = environment
            process.standardInput = requests
            process.standardOutput = replies
            try process.run()
        }

        deinit {
            try? requests.fileHandleForWriting.close()
            process.waitUntilExit()
        }

        func run(_ workload: String, _ n: Int) -> BenchSample {
            requests.fileHandleForWriting.write(Data("\(workload) \(n)\n".utf8))
            let reply = readReplyLine()
            let fields = reply.split(separator: " ")
            guard fields.count == 3, let seconds = Double(fields[0]), let cpu = Double(fields[1]), let checksum = UInt64(fields[2]) else {
                fatalError("OpenSSL worker answered \"\(reply)\" to \(workload) \(n)")
            }
            return BenchSample(seconds: seconds, cpuSeconds: cpu, checksum: checksum)
        }

        private func readReplyLine() -> String {
            var bytes: [UInt8] = []
            let descriptor = replies.fileHandleForReading.fileDescriptor
            var byte: UInt8 = 0
            while read(descriptor, &byte, 1) == 1, byte != UInt8(ascii: "\n") { bytes.append(byte) }
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
