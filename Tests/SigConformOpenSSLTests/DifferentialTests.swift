import Foundation
import SigConformMAC
import Testing

/// The two backends share no code, so agreeing on many random inputs is strong evidence that both
/// are right. Every algorithm gets its own share of the pairs and runs as its own test case.
///
/// Each key serves several messages through one keyed context, as signature search uses it: the
/// messages but the last go through `tag(appending:)` on the reused context, the last is streamed
/// in two `update`/`tag(appending:)` parts. Digests, streamed in the same two parts, are checked
/// for every boundary-length message and for the last message of each random key: the HMACs
/// already run every message through each backend's hash, so more digests would add time, not
/// coverage of the compression functions.
///
/// Seed: `SIGCONFORM_DIFFERENTIAL_SEED` (decimal) when set, else a fresh random one; a failure
/// prints the seed and the first differing case, and setting the variable replays the run.
@Suite("Differential: pure Swift vs OpenSSL")
struct DifferentialTests {
    /// Key/message pairs per algorithm, boundary pairs included; 12 algorithms make 100,800.
    static let pairsPerAlgorithm = 8_400
    static let messagesPerRandomKey = 4
    static let maximumLength = 300
    /// Lengths around the 64-byte (MD5/SHA-1/SHA-256), 128-byte (SHA-512) and SHA-3 block sizes
    /// and around the length-padding boundaries (55/56, 111/112).
    static let boundaryLengths = [0, 1, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 135, 136, 143, 144]

    static let seed: UInt64 = {
        if let text = ProcessInfo.processInfo.environment["SIGCONFORM_DIFFERENTIAL_SEED"], let value = UInt64(text) {
            return value
        }
        return UInt64.random(in: 0...UInt64.max)
    }()

    /// One key and the messages checked under it, each with the point where it is split in two.
    struct Probe {
        let key: [UInt8]
        let messages: [(bytes: [UInt8], split: Int)]
        /// Whether every message is also digested, or only the last.
        let digestsEveryMessage: Bool
    }

    /// One value a backend computed for a probe.
    struct Output: Equatable {
        /// What was computed, e.g. `HMAC of message 2 (split at 17)`.
        let label: String
        let message: Int
        let bytes: [UInt8]
    }

    @Test func theRunChecksAtLeast100000PairsOnTwoBackends() {
        #expect(Self.pairsPerAlgorithm * HashAlgorithm.allCases.count >= 100_000)
        #expect(Set(testedBackendIDs) == ["swift", "openssl"])
        for algorithm in HashAlgorithm.allCases {
            var generator = SplitMix64(seed: 1)
            let probes = Self.probes(for: algorithm, using: &generator)
            #expect(probes.reduce(0) { $0 + $1.messages.count } == Self.pairsPerAlgorithm)
            let lengths = Set(Self.boundaryLengths)
            let forced = probes.filter { lengths.contains($0.key.count) }
            #expect(lengths.allSatisfy { length in forced.contains { $0.key.count == length } })
            #expect(lengths.allSatisfy { length in probes[0].messages.contains { $0.bytes.count == length } })
        }
    }

    @Test(arguments: HashAlgorithm.allCases)
    func backendsAgreeOnRandomAndBoundaryInputs(algorithm: HashAlgorithm) throws {
        let algorithmIndex = UInt64(HashAlgorithm.allCases.firstIndex(of: algorithm)!)
        var generator = SplitMix64(seed: Self.seed &+ algorithmIndex &* 0x9E37_79B9_7F4A_7C15)
        for probe in Self.probes(for: algorithm, using: &generator) {
            let outputs = try testedBackends.map { try Self.outputs(of: $0, algorithm, probe) }
            guard
                let position = outputs[0].indices.first(where: { index in
                    outputs.contains { $0[index] != outputs[0][index] }
                })
            else { continue }
            let first = outputs[0][position]
            let message = probe.messages[first.message].bytes
            let values = zip(testedBackendIDs, outputs).map { "\($0) \(Hex.encode($1[position].bytes))" }
            Issue.record(
                """
                backends disagree with seed \(Self.seed) (SIGCONFORM_DIFFERENTIAL_SEED=\(Self.seed) replays it) on \
                \(algorithm.rawValue) \(first.label): \(values.joined(separator: " vs "))
                key (\(probe.key.count) bytes) \(Hex.encode(probe.key))
                message (\(message.count) bytes) \(Hex.encode(message))
                """)
            return
        }
    }

    /// Boundary probes first (every boundary key length with every boundary message length),
    /// then random keys and messages of 0…300 bytes until `pairsPerAlgorithm` pairs are reached.
    static func probes(for algorithm: HashAlgorithm, using generator: inout SplitMix64) -> [Probe] {
        let block = algorithm.blockByteCount
        let ownLengths = [
            block - 1, block, block + 1, 2 * block - 1, 2 * block, 2 * block + 1, algorithm.digestByteCount,
        ]
        let lengths = Set(boundaryLengths + ownLengths).filter { $0 <= maximumLength }.sorted()
        func message(_ length: Int) -> (bytes: [UInt8], split: Int) {
            (generator.bytes(length), Int.random(in: 0...length, using: &generator))
        }
        var probes = lengths.map { keyLength in
            Probe(key: generator.bytes(keyLength), messages: lengths.map(message), digestsEveryMessage: true)
        }
        var remaining = pairsPerAlgorithm - probes.count * lengths.count
        while remaining > 0 {
            let count = min(messagesPerRandomKey, remaining)
            let key = generator.bytes(Int.random(in: 0...maximumLength, using: &generator))
            probes.append(
                Probe(
                    key: key,
                    messages: (0..<count).map { _ in message(Int.random(in: 0...maximumLength, using: &generator)) },
                    digestsEveryMessage: false))
            remaining -= count
        }
        return probes
    }

    /// The HMACs and digests of the probe's messages, as computed by `backend`.
    static func outputs(of backend: any MACBackend, _ algorithm: HashAlgorithm, _ probe: Probe) throws -> [Output] {
        var results: [Output] = []
        var keyed = try backend.makeHMAC(algorithm, key: probe.key)
        let last = probe.messages.count - 1
        for (index, message) in probe.messages.enumerated() {
            let head = Array(message.bytes.prefix(message.split))
            let tail = Array(message.bytes.dropFirst(message.split))
            if index == last {
                try keyed.update(head)
                let tag = try keyed.tag(appending: tail)
                results.append(
                    Output(label: "HMAC of message \(index) (split at \(message.split))", message: index, bytes: tag))
            } else {
                let tag = try keyed.tag(appending: message.bytes)
                results.append(
                    Output(label: "HMAC of message \(index) (reused keyed context)", message: index, bytes: tag))
            }
            guard probe.digestsEveryMessage || index == last else { continue }
            var digest = try backend.makeDigest(algorithm)
            try digest.update(head)
            try digest.update(tail)
            let value = try digest.digest()
            results.append(
                Output(label: "digest of message \(index) (split at \(message.split))", message: index, bytes: value))
        }
        return results
    }
}
