import Crypto
import Foundation
import SigConform
import SigConformBench

// The `sigconform bench` mac group with swift-crypto (BoringSSL) added as a peer, interleaved
// in the same rounds. Usage: swift run -c release peer-bench [--json] [rounds]

let arguments = CommandLine.arguments.dropFirst()
let json = arguments.contains("--json")
let rounds = arguments.compactMap { Int($0) }.first ?? 15

/// Holds a non-Sendable operation for the benchmark's `@Sendable` closures; the runner is single-threaded.
final class Unchecked<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// swift-crypto's reused keyed HMAC: the keyed value is made once and copied per message.
func swiftCryptoHMAC<H: HashFunction>(_ hash: H.Type, workload: String, length: Int) -> BenchCase {
    let keyed = HMAC<H>(key: SymmetricKey(data: MACWorkloads.key))
    let message = MACWorkloads.message(length)
    let operation = Unchecked { () -> UInt64 in
        var copy = keyed
        copy.update(data: message)
        return UInt64(Array(copy.finalize())[0])
    }
    return .local(workload, "swift-crypto", bytesPerOperation: nil) { operation.value() }
}

func swiftCryptoDigest<H: HashFunction>(_ hash: H.Type, workload: String, length: Int) -> BenchCase {
    let message = MACWorkloads.message(length)
    let operation = Unchecked { () -> UInt64 in UInt64(Array(H.hash(data: message))[0]) }
    return .local(workload, "swift-crypto", bytesPerOperation: length) { operation.value() }
}

let peers: [BenchCase] =
    [
        swiftCryptoDigest(Crypto.SHA256.self, workload: "sha256-16k", length: 16_384),
        swiftCryptoDigest(Crypto.SHA512.self, workload: "sha512-16k", length: 16_384),
    ]
    + MACWorkloads.hmacSizes.map { swiftCryptoHMAC(Crypto.SHA256.self, workload: "hmac-sha256-\($0)", length: $0) }
    + [swiftCryptoHMAC(Crypto.SHA512.self, workload: "hmac-sha512-300", length: 300)]

let executable = URL(fileURLWithPath: CommandLine.arguments[0])
let comparisons =
    MACWorkloads.comparisons
    + ["sha256-16k", "sha512-16k", "hmac-sha512-300"].map { BenchComparison($0, "swift", over: "swift-crypto") }
    + MACWorkloads.hmacSizes.map { BenchComparison("hmac-sha256-\($0)", "swift", over: "swift-crypto", target: $0 == 32 ? 1.0 : nil) }

// OpenSSL's integer-only path needs a process started with the mask: `sigconform bench`'s worker.
let sigconform = ProcessInfo.processInfo.environment["SIGCONFORM"] ?? "../.build/release/sigconform"
var cases = MACWorkloads.localCases() + peers
var worker: OpenSSLWorker.Client?
if FileManager.default.isExecutableFile(atPath: sigconform) {
    let client = try OpenSSLWorker.Client(
        executable: URL(fileURLWithPath: sigconform), arguments: ["bench", "--openssl-worker"], mask: MACWorkloads.integerOnlyMask)
    worker = client
    cases += OpenSSLWorker.remoteCases(client, implementation: "openssl-int")
} else {
    FileHandle.standardError.write(Data("no \(sigconform) (set SIGCONFORM): running without openssl-int\n".utf8))
}
let order = Dictionary(cases.map(\.workload).enumerated().map { ($1, $0) }, uniquingKeysWith: min)
cases = cases.enumerated().sorted { (order[$0.element.workload]!, $0.offset) < (order[$1.element.workload]!, $1.offset) }.map(\.element)
let result = BenchRunner(rounds: rounds, batchSeconds: 0.02, clock: .cpu).run(cases, comparisons: comparisons) {
    FileHandle.standardError.write(Data("round \($0)/\(rounds)\n".utf8))
}
let report = BenchReport(machine: .current(openSSL: OpenSSLBackend().displayName), groups: ["mac+swift-crypto": result])
print(json ? try report.json() : report.text())
