// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for every parser of outside input in sigconform. A package of its own so the
// main package's products and `swift build` are untouched; scripts/fuzz.sh builds it with
// `--sanitize=fuzzer --sanitize=address`, which instruments the main package's modules too.
//
// Each executable is one file that is not main.swift, so SwiftPM compiles it as a library and
// libFuzzer's own `main` drives the `LLVMFuzzerTestOneInput` the file exports.
let targets = [
    "fuzz-vector-json", "fuzz-venue-json", "fuzz-template", "fuzz-har", "fuzz-url",
    "fuzz-percent", "fuzz-timestamp", "fuzz-check", "fuzz-curl", "fuzz-http", "fuzz-signer-answer",
    "fuzz-report-json",
]

let package = Package(
    name: "sigconform-fuzz",
    dependencies: [.package(name: "sigconform", path: "..")],
    targets: [
        .target(name: "FuzzTargets", dependencies: [.product(name: "SigConform", package: "sigconform")]),
    ] + targets.map { .executableTarget(name: $0, dependencies: ["FuzzTargets"]) },
    swiftLanguageModes: [.v6]
)
