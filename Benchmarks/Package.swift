// swift-tools-version:6.1
import PackageDescription

// Benchmarks with peers the main package must not depend on: swift-crypto (BoringSSL) beside
// sigconform's pure-Swift and OpenSSL backends. See docs/performance.md.
//   swift run -c release peer-bench            interleaved ratios, as `sigconform bench` prints them
//   swift package benchmark                     package-benchmark's statistics for the same workloads
let package = Package(
    name: "sigconform-benchmarks",
    dependencies: [
        // Named explicitly: a path dependency is otherwise identified by its folder name.
        .package(name: "sigconform", path: ".."),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The trait list replaces the package's defaults, which include a runtime interposer
        // that is not available here.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "peer-bench",
            dependencies: [
                .product(name: "SigConformBench", package: "sigconform"),
                .product(name: "SigConform", package: "sigconform"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .executableTarget(
            name: "MACBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SigConform", package: "sigconform"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/MACBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
