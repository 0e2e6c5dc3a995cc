internal import CLibCrypto
import SigConformMAC
import SigConformOpenSSL

/// The MAC workloads of issue 7's reference table, on every implementation sigconform can run in-process.
///
/// Implementation names:
/// - `swift`: the pure-Swift backend through the `MACBackend` API sigconform itself uses
///   (a keyed context made once, `tag(appending:)` per message).
/// - `openssl-backend`: sigconform's OpenSSL backend through the same API.
/// - `swift-hmac()`, `openssl-backend-hmac()`: the backends' one-shot `hmac(_:key:message:)`,
///   the call `check` makes for every request (the key is the same each time, as it is for
///   a corpus signed with one secret).
/// - `openssl-backend-into`: the keyed context's `tag(appending:into:)`, which writes into a
///   caller's buffer instead of returning an array (the timestamp search's call).
/// - `openssl`: libcrypto called directly in the loop `openssl speed` runs (see ``ReferenceOpenSSL``),
///   with whatever CPU features this process's libcrypto uses (SHA-NI where present).
/// - `openssl-int`: the same loop in a worker process started with OpenSSL's integer-only mask.
/// - `openssl-oneshot`: OpenSSL 3's one-shot `HMAC()`, which fetches the digest on every call.
public enum MACWorkloads {
    /// `OPENSSL_ia32cap` value that turns off SHA-NI, AVX2 and SSSE3 (and with it AVX) in
    /// libcrypto, leaving its integer-only assembly.
    public static let integerOnlyMask = "~0x20000000000:~0x20000020"

    /// The message sizes of the HMAC-SHA256 rows.
    public static let hmacSizes = [32, 64, 256]

    /// Every reference workload name, with its HMAC key or none and message length.
    static let specs: [Spec] = [
        Spec(workload: "sha256-16k", algorithm: .sha256, keyed: false, length: 16_384),
        Spec(workload: "sha512-16k", algorithm: .sha512, keyed: false, length: 16_384),
    ] + hmacSizes.map { Spec(workload: "hmac-sha256-\($0)", algorithm: .sha256, keyed: true, length: $0) }
      + [Spec(workload: "hmac-sha512-300", algorithm: .sha512, keyed: true, length: 300)]

    struct Spec {
        let workload: String
        let algorithm: HashAlgorithm
        let keyed: Bool
        let length: Int
        var bytesPerOperation: Int? { keyed ? nil : length }
    }

    /// A 32-byte key, the size exchanges hand out (and below every block size, so no key hashing).
    public static let key: [UInt8] = (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) }

    /// A deterministic message of `length` bytes.
    public static func message(_ length: Int) -> [UInt8] {
        (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 11) }
    }

    /// The cases this process runs: the pure-Swift and OpenSSL backends, libcrypto directly,
    /// and the one-shot `HMAC()` at 32 bytes.
    public static func localCases() -> [BenchCase] {
        var cases: [BenchCase] = []
        let swift = PureSwiftBackend()
        let openSSL = OpenSSLBackend()
        for spec in specs {
            let message = message(spec.length)
            if spec.keyed {
                cases.append(backendCase(spec, swift, implementation: "swift", message: message))
                cases.append(backendCase(spec, openSSL, implementation: "openssl-backend", message: message))
                cases.append(oneShotBackendCase(spec, swift, implementation: "swift-hmac()", message: message))
                cases.append(oneShotBackendCase(spec, openSSL, implementation: "openssl-backend-hmac()", message: message))
                cases.append(intoCase(spec, openSSL, implementation: "openssl-backend-into", message: message))
            } else {
                cases.append(digestCase(spec, message: message))
            }
            if let reference = ReferenceOpenSSL.benchCase(spec, implementation: "openssl") { cases.append(reference) }
            if spec.workload == "hmac-sha256-32" { cases.append(ReferenceOpenSSL.oneShotCase(spec)) }
        }
        return cases
    }

    /// The within-run ratios issue 7 sets targets for, and the informative ones beside them.
    public static let comparisons: [BenchComparison] =
        [
            BenchComparison("sha256-16k", "swift", over: "openssl-int", target: 1.0),
            BenchComparison("sha256-16k", "swift", over: "openssl"),
            BenchComparison("sha512-16k", "swift", over: "openssl-int", target: 1.0),
            BenchComparison("sha512-16k", "swift", over: "openssl"),
        ]
        + hmacSizes.flatMap { size in
            [
                BenchComparison("hmac-sha256-\(size)", "swift", over: "openssl-int", target: 1.0),
                BenchComparison("hmac-sha256-\(size)", "swift", over: "openssl"),
                BenchComparison("hmac-sha256-\(size)", "openssl-backend", over: "openssl", target: 0.9),
                BenchComparison("hmac-sha256-\(size)", "openssl-backend-hmac()", over: "openssl", target: 0.9),
                BenchComparison("hmac-sha256-\(size)", "openssl-backend-into", over: "openssl", target: 0.9),
            ]
        }
        + [
            BenchComparison("hmac-sha256-32", "swift", over: "openssl-oneshot", target: 2.5),
            BenchComparison("hmac-sha512-300", "swift", over: "openssl-int"),
            BenchComparison("hmac-sha512-300", "swift", over: "openssl"),
            BenchComparison("hmac-sha512-300", "openssl-backend", over: "openssl", target: 0.9),
            BenchComparison("hmac-sha512-300", "openssl-backend-hmac()", over: "openssl", target: 0.9),
        ]

    private static func backendCase(_ spec: Spec, _ backend: some MACBackend, implementation: String, message: [UInt8]) -> BenchCase {
        // Keying happens once, outside the timed loop: the workload is "key state cached".
        let keyed = try! backend.makeHMAC(spec.algorithm, key: key)
        let state = Box(keyed)
        return .local(spec.workload, implementation, bytesPerOperation: nil) {
            message.withUnsafeBytes { raw in
                let tag = try! state.value.tag(appending: raw)
                return UInt64(tag[0])
            }
        }
    }

    private static func intoCase(_ spec: Spec, _ backend: some MACBackend, implementation: String, message: [UInt8]) -> BenchCase {
        let state = Box(try! backend.makeHMAC(spec.algorithm, key: key))
        let output = Box([UInt8](repeating: 0, count: 64))
        return .local(spec.workload, implementation, bytesPerOperation: nil) {
            message.withUnsafeBytes { raw in
                output.value.withUnsafeMutableBytes { buffer in try! state.value.tag(appending: raw, into: buffer) }
            }
            return UInt64(output.value[0])
        }
    }

    private static func oneShotBackendCase(_ spec: Spec, _ backend: some MACBackend, implementation: String, message: [UInt8]) -> BenchCase {
        let (algorithm, key) = (spec.algorithm, key)
        return .local(spec.workload, implementation, bytesPerOperation: nil) {
            UInt64(try! backend.hmac(algorithm, key: key, message: message)[0])
        }
    }

    private static func digestCase(_ spec: Spec, message: [UInt8]) -> BenchCase {
        let algorithm = spec.algorithm
        return .local(spec.workload, "swift", bytesPerOperation: spec.length) {
            var digest = PureSwiftBackend.hashFunction(algorithm)
            digest.update(message)
            return UInt64(digest.digest()[0])
        }
    }
}

/// Mutable state captured by a `@Sendable` benchmark closure; benchmarks run on one thread.
final class Box<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
