import Foundation
import SigConformMAC
import SigConformOpenSSL

/// Every backend the conformance tests run on; tests take a backend id as their argument so that
/// each backend is reported separately.
let testedBackends: [any MACBackend] = [PureSwiftBackend(), OpenSSLBackend()]

/// The ids of ``testedBackends``, as test arguments.
let testedBackendIDs = testedBackends.map(\.id)

/// The backend with `id` (the arguments come from ``testedBackendIDs``, so it exists).
func backend(_ id: String) -> any MACBackend {
    testedBackends.first { $0.id == id }!
}

/// The repository's `vectors/standard`, found from this file's location so that tests do not
/// depend on the directory `swift test` runs in.
let standardVectorsDirectory = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("vectors/standard", isDirectory: true)

/// A small, fast, seedable generator (SplitMix64) so random tests can be replayed from their seed.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// `count` random bytes.
    mutating func bytes(_ count: Int) -> [UInt8] {
        // Eight bytes per step: generation must stay cheap next to hashing in debug builds.
        var output = [UInt8](repeating: 0, count: count)
        var index = 0
        while index < count {
            var word = next()
            for _ in 0..<min(8, count - index) {
                output[index] = UInt8(truncatingIfNeeded: word)
                word >>= 8
                index += 1
            }
        }
        return output
    }
}
