import Foundation
import SigConformMAC
import Testing

/// The two backends share no code, so agreeing on many random inputs is strong evidence that both
/// are right. Every algorithm gets its own share of the pairs and runs as its own test case.
///
/// Each key serves several messages through one keyed context, as signature search uses it: the
/// messages but the last go through `tag(appending:)` on the reused context, the last is streamed
/// in two `update`/`tag(appending:)` parts; every message is also digested in two parts.
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
            let message = probe.messages[position / 2]
            let values = zip(testedBackendIDs, outputs).map { "\($0) \(Hex.encode($1[position]))" }
            Issue.record(
                """
                backends disagree with seed \(Self.seed) (SIGCONFORM_DIFFERENTIAL_SEED=\(Self.seed) replays it) on \
                \(algorithm.rawValue) \(position.isMultiple(of: 2) ? "HMAC" : "digest") of message \(position / 2) \
                (split at \(message.split)): \(values.joined(separator: " vs "))
                key (\(probe.key.count) bytes) \(Hex.encode(probe.key))
                message (\(message.bytes.count) bytes) \(Hex.encode(message.bytes))
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
        var probes = lengths.map { keyLength in Probe(key: generator.bytes(keyLength), messages: lengths.map(message)) }
        var remaining = pairsPerAlgorithm - probes.count * lengths.count
        while remaining > 0 {
            let count = min(messagesPerRandomKey, remaining)
            let key = generator.bytes(Int.random(in: 0...maximumLength, using: &generator))
            probes.append(
                Probe(
                    key: key,
                    messages: (0..<count).map { _ in message(Int.random(in: 0...maximumLength, using: &generator)) }))
            remaining -= count
        }
        return probes
    }

    /// For each message of the probe: its HMAC, then its digest, as computed by `backend`.
    static func outputs(of backend: any MACBackend, _ algorithm: HashAlgorithm, _ probe: Probe) throws -> [[UInt8]] {
        var results: [[UInt8]] = []
        var keyed = try backend.makeHMAC(algorithm, key: probe.key)
        for (index, message) in probe.messages.enumerated() {
            let head = Array(message.bytes.prefix(message.split))
            let tail = Array(message.bytes.dropFirst(message.split))
            if index == probe.messages.count - 1 {
                try keyed.update(head)
                results.append(try keyed.tag(appending: tail))
            } else {
                results.append(try keyed.tag(appending: message.bytes))
            }
            var digest = try backend.makeDigest(algorithm)
            try digest.update(head)
            try digest.update(tail)
            results.append(try digest.digest())
        }
        return results
    }
}
