import Benchmark
import Crypto
import SigConform

// package-benchmark's view of the same workloads as `sigconform bench` (run one after another,
// with its statistics and allocation counts); the interleaved ratios come from peer-bench.

let key = Array((0..<32).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 1) })

func message(_ length: Int) -> [UInt8] {
    (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 11) }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.throughput, .wallClock, .mallocCountTotal], maxDuration: .seconds(2))

    for (name, algorithm) in [("sha256", HashAlgorithm.sha256), ("sha512", .sha512)] {
        let input = message(16_384)
        Benchmark("\(name) 16 KiB, pure Swift") { benchmark in
            for _ in benchmark.scaledIterations {
                var digest = PureSwiftBackend.hashFunction(algorithm)
                digest.update(input)
                blackHole(digest.digest())
            }
        }
        Benchmark("\(name) 16 KiB, OpenSSL backend") { benchmark in
            let backend = OpenSSLBackend()
            for _ in benchmark.scaledIterations { blackHole(try backend.digest(algorithm, input)) }
        }
    }
    Benchmark("sha256 16 KiB, swift-crypto") { benchmark in
        let input = message(16_384)
        for _ in benchmark.scaledIterations { blackHole(Crypto.SHA256.hash(data: input)) }
    }
    Benchmark("sha512 16 KiB, swift-crypto") { benchmark in
        let input = message(16_384)
        for _ in benchmark.scaledIterations { blackHole(Crypto.SHA512.hash(data: input)) }
    }

    for size in [32, 64, 256] {
        let input = message(size)
        Benchmark("hmac-sha256 \(size) B, pure Swift, cached key") { benchmark in
            var context = PureSwiftBackend().makeHMAC(.sha256, key: key)
            for _ in benchmark.scaledIterations { blackHole(try context.tag(appending: input)) }
        }
        Benchmark("hmac-sha256 \(size) B, OpenSSL backend, cached key") { benchmark in
            var context = try OpenSSLBackend().makeHMAC(.sha256, key: key)
            for _ in benchmark.scaledIterations { blackHole(try context.tag(appending: input)) }
        }
        Benchmark("hmac-sha256 \(size) B, swift-crypto, reused key") { benchmark in
            let keyed = HMAC<Crypto.SHA256>(key: SymmetricKey(data: key))
            for _ in benchmark.scaledIterations {
                var copy = keyed
                copy.update(data: input)
                blackHole(copy.finalize())
            }
        }
    }
}
