// swift-tools-version:6.2
import PackageDescription

// The test suite's hot code, compiled optimised in debug builds too (issue 20). The bundled-corpus
// test diagnoses every invalid vector, and its pair and triple searches build prehashes, JSON and
// digests in this code: unoptimised, it was most of `swift test`'s time. `-O` after SwiftPM's
// `-Onone` wins; `-assert-config Debug` keeps `assert` checking as a debug build does. Only these
// three modules: the rest of a debug build stays unoptimised for the debugger and incremental
// builds. unsafeFlags are allowed in a root package and a path dependency (Benchmarks/, Fuzz/).
// A package that depends on sigconform by version (a tag) builds only because this manifest is
// tools version 6.2: SwiftPM 6.2 dropped its check for such dependencies
// (swiftlang/swift-package-manager#8896) for manifests of 6.2 on. Tried with Swift 6.3.1 and a
// consumer depending on a tag of this package: tools 6.2 builds; tools 6.1 fails with "the
// target 'SigConformCore' in product 'SigConform' contains unsafe build flags".
let optimisedInDebug: [SwiftSetting] = [.unsafeFlags(["-O", "-assert-config", "Debug"], .when(configuration: .debug))]

// Layering (each arrow is "depends on"), enforced by the target graph:
//   sigconform (CLI) → SigConform (umbrella) → Reports → Run → Diagnosis → Core → MAC
//   SigConform (umbrella) → Authoring (lint, record, venue new) → Run
//   SigConformOpenSSL → CLibCrypto (system libcrypto) + SigConformMAC
//   sigconform (CLI) → SigConformServe (the `serve` mock venue) → SigConform (umbrella) + SwiftNIO
// SigConformMAC (protocol + pure-Swift backend) depends on the standard library only (its
// Synchronization module included: the keyed-state cache's atomic try-lock).
// SwiftNIO is confined to SigConformServe: Core, Diagnosis, the backends and the reports stay
// free of it. NIOHTTP1 alone was chosen over Hummingbird: `serve` needs one handler that reads
// whole requests and answers them (keep-alive, limits and 400s for bad HTTP come with NIO's
// pipeline), not routing, middleware or Hummingbird's extra packages, and it builds in about a
// third of the time.
let package = Package(
    name: "sigconform",
    products: [
        .executable(name: "sigconform", targets: ["sigconform"]),
        .library(name: "SigConform", targets: ["SigConform"]),
        // The harness and workloads of `sigconform bench`, for the peer benchmarks in Benchmarks/.
        .library(name: "SigConformBench", targets: ["SigConformBench"]),
    ],
    dependencies: [
        // The CLI's only third-party dependency: argument parsing, help and exit codes.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        // `sigconform serve` only (SigConformServe): a real HTTP/1.1 server, see the comment above.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(name: "SigConformMAC", swiftSettings: optimisedInDebug),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "SigConformOpenSSL", dependencies: ["SigConformMAC", "CLibCrypto"]),
        // Needs the MAC protocol to test and Core for the exit statuses it reports.
        .target(name: "SigConformSelfTest", dependencies: ["SigConformMAC", "SigConformCore"]),
        .target(name: "SigConformCore", dependencies: ["SigConformMAC"], swiftSettings: optimisedInDebug),
        .target(name: "SigConformDiagnosis", dependencies: ["SigConformCore"], swiftSettings: optimisedInDebug),
        // The run layer: vector sources, the one verdict policy, the check loop and the `--signer` process.
        .target(name: "SigConformRun", dependencies: ["SigConformCore", "SigConformDiagnosis"]),
        .target(name: "SigConformReports", dependencies: ["SigConformCore", "SigConformDiagnosis", "SigConformRun"]),
        // Tools for vector authors (lint, record, venue scaffolding); uses the run's verdicts to check meaning.
        .target(name: "SigConformAuthoring", dependencies: ["SigConformCore", "SigConformDiagnosis", "SigConformRun"]),
        .target(
            name: "SigConform",
            dependencies: [
                "SigConformMAC", "SigConformOpenSSL", "SigConformSelfTest",
                "SigConformCore", "SigConformDiagnosis", "SigConformRun", "SigConformReports", "SigConformAuthoring",
            ]
        ),
        // Benchmarks only: the one place that calls libcrypto directly (the `openssl speed` loops).
        .target(name: "SigConformBench", dependencies: ["SigConform", "CLibCrypto"]),
        // The `serve` mock venue: verifies requests over real HTTP; the only user of SwiftNIO.
        .target(
            name: "SigConformServe",
            dependencies: [
                "SigConform",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "sigconform",
            dependencies: [
                "SigConform",
                "SigConformServe",
                "SigConformBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SigConformMACTests", dependencies: ["SigConformMAC"]),
        .testTarget(
            name: "SigConformOpenSSLTests",
            dependencies: ["SigConformOpenSSL", "SigConformMAC", "SigConformSelfTest", "SigConformCore"]
        ),
        // Fixtures are read from disk by path (#filePath), not bundled as resources.
        .testTarget(name: "SigConformCoreTests", dependencies: ["SigConform"], exclude: ["Fixtures"]),
        .testTarget(name: "SigConformDiagnosisTests", dependencies: ["SigConform"]),
        .testTarget(name: "SigConformRunTests", dependencies: ["SigConform"]),
        // Golden files and the JUnit XSD are read from the source tree by path, not bundled.
        .testTarget(name: "SigConformReportsTests", dependencies: ["SigConform"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "SigConformAuthoringTests", dependencies: ["SigConform"]),
        .testTarget(name: "SigConformServeTests", dependencies: ["SigConformServe"]),
        .testTarget(name: "sigconformCLITests", dependencies: ["sigconform"]),
    ],
    swiftLanguageModes: [.v6]
)
