// swift-tools-version:6.1
import PackageDescription

// Layering (each arrow is "depends on"), enforced by the target graph:
//   sigconform (CLI) → SigConform (umbrella) → Reports → Diagnosis → Core → MAC
//   SigConform (umbrella) → Authoring (lint, record, venue new) → Diagnosis
//   SigConformOpenSSL → CLibCrypto (system libcrypto) + SigConformMAC
// SigConformMAC (protocol + pure-Swift backend) depends on the standard library only.
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
    ],
    targets: [
        .target(name: "SigConformMAC"),
        .systemLibrary(
            name: "CLibCrypto",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .target(name: "SigConformOpenSSL", dependencies: ["SigConformMAC", "CLibCrypto"]),
        .target(name: "SigConformSelfTest", dependencies: ["SigConformMAC"]),
        .target(name: "SigConformCore", dependencies: ["SigConformMAC"]),
        .target(name: "SigConformDiagnosis", dependencies: ["SigConformCore"]),
        .target(name: "SigConformReports", dependencies: ["SigConformCore", "SigConformDiagnosis"]),
        // Tools for vector authors (lint, record, venue scaffolding); uses diagnosis to check meaning.
        .target(name: "SigConformAuthoring", dependencies: ["SigConformCore", "SigConformDiagnosis"]),
        .target(
            name: "SigConform",
            dependencies: [
                "SigConformMAC", "SigConformOpenSSL", "SigConformSelfTest",
                "SigConformCore", "SigConformDiagnosis", "SigConformReports", "SigConformAuthoring",
            ]
        ),
        // Benchmarks only: the one place that calls libcrypto directly (the `openssl speed` loops).
        .target(name: "SigConformBench", dependencies: ["SigConform", "CLibCrypto"]),
        .executableTarget(
            name: "sigconform",
            dependencies: [
                "SigConform",
                "SigConformBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "SigConformMACTests", dependencies: ["SigConformMAC"]),
        .testTarget(
            name: "SigConformOpenSSLTests",
            dependencies: ["SigConformOpenSSL", "SigConformMAC", "SigConformSelfTest"]
        ),
        .testTarget(name: "SigConformCoreTests", dependencies: ["SigConform"]),
        .testTarget(name: "SigConformDiagnosisTests", dependencies: ["SigConform"]),
        // Golden files and the JUnit XSD are read from the source tree by path, not bundled.
        .testTarget(name: "SigConformReportsTests", dependencies: ["SigConform"], exclude: ["Golden", "Fixtures"]),
        .testTarget(name: "SigConformAuthoringTests", dependencies: ["SigConform"]),
        .testTarget(name: "sigconformCLITests", dependencies: ["sigconform"]),
    ],
    swiftLanguageModes: [.v6]
)
