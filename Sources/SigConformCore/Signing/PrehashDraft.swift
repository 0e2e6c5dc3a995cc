import SigConformMAC

/// A prehash rendered up to its digests: the bytes of every literal and variable, and the input
/// of each digest, which every backend then digests itself (``prehash(on:)``).
///
/// Only a digest's output depends on the backend (Gate.io's SHA-512 of the body, Kraken's
/// SHA-256 of nonce and body); the rest of the prehash is the same text for both. `check`
/// rendered it once per backend, each render reading every variable again (issue 20). Backends
/// still compute every digest independently: a digest that differs gives a prehash that
/// differs, which the evaluator reports as a backend divergence.
package struct PrehashDraft: Sendable {
    /// The bytes of the literals and variables; a digest's output is not in them yet.
    let bytes: [UInt8]
    /// The prehash's spans; a digest's span is empty here and ends where its output goes.
    let spans: [Prehash.Span]
    /// The digests in the order they appear, each with its own draft as input.
    package let digests: [Digest]

    package struct Digest: Sendable {
        package let hash: HashAlgorithm
        package let output: DigestOutput
        package let input: PrehashDraft
    }

    /// The prehash with the digests computed on `backend`.
    package func prehash(on backend: any MACBackend) throws(SigningError) -> Prehash {
        assembled(with: try digestOutputs(on: backend))
    }

    /// Each digest's output bytes as written into the prehash, computed on `backend`.
    package func digestOutputs(on backend: any MACBackend) throws(SigningError) -> [[UInt8]] {
        var outputs: [[UInt8]] = []
        outputs.reserveCapacity(digests.count)
        for digest in digests {
            let input = try digest.input.prehash(on: backend).bytes
            let computed: [UInt8]
            do { computed = try backend.digest(digest.hash, input) } catch { throw SigningError(backendFailure: error) }
            outputs.append(Self.written(computed, as: digest.output))
        }
        return outputs
    }

    /// The prehash with `outputs` (from ``digestOutputs(on:)``) in the digests' places. Without
    /// digests it shares the draft's storage.
    package func assembled(with outputs: [[UInt8]]) -> Prehash {
        precondition(outputs.count == digests.count, "one output per digest")
        guard !outputs.isEmpty else { return Prehash(bytes: bytes, spans: spans) }
        var assembled: [UInt8] = []
        assembled.reserveCapacity(outputs.reduce(bytes.count) { $0 + $1.count })
        var shifted = spans
        var next = outputs.makeIterator()
        var copied = 0
        for index in shifted.indices {
            // A digest's span is empty in the draft: its output goes where the span ends.
            if case .digest = shifted[index].source, let output = next.next() {
                assembled += bytes[copied..<shifted[index].end]
                copied = shifted[index].end
                assembled += output
            }
            shifted[index].end = assembled.count + (shifted[index].end - copied)
        }
        assembled += bytes[copied...]
        return Prehash(bytes: assembled, spans: shifted)
    }

    /// A digest written as the template says: raw, hex or base64 bytes.
    static func written(_ digest: [UInt8], as output: DigestOutput) -> [UInt8] {
        switch output {
        case .raw:
            return digest
        case .hex, .hexUpper:
            return digest.withUnsafeBufferPointer { digest in
                [UInt8](unsafeUninitializedCapacity: 2 * digest.count) { out, initialized in
                    Hex.encode(digest, uppercase: output == .hexUpper, into: out)
                    initialized = 2 * digest.count
                }
            }
        case .base64:
            return digest.withUnsafeBufferPointer { digest in
                [UInt8](unsafeUninitializedCapacity: Base64.encodedLength(digest.count)) { out, initialized in
                    Base64.encode(digest, into: out)
                    initialized = Base64.encodedLength(digest.count)
                }
            }
        }
    }
}
