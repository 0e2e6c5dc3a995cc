import SigConformCore
import SigConformMAC

extension Mistake {
    /// The MAC's text encoded once more: base64 of the hex digest (`b64encode(hexdigest().encode())`,
    /// a classic of venues that want base64) or hex of the base64 text.
    package static let digestText = Mistake(.wrongOutputEncoding, name: "mac-text-encoded-twice", changesPrehash: false) { attempt, _ in
        guard attempt.reEncoding == nil else { return [] }
        var out: [SigningAttempt] = []
        for inner in ByteEncoding.allCases {
            for outer in ByteEncoding.allCases where outer.writesHex != inner.writesHex {
                out.append(attempt.with(.wrongOutputEncoding, "wrote the MAC as \(outer.rawValue) of its \(inner.rawValue) text (e.g. b64encode(hexdigest().encode())) instead of \(attempt.encoding.rawValue) of its bytes") {
                    $0.encoding = inner
                    $0.reEncoding = outer
                })
            }
        }
        return out
    }

    /// A digest inside the prehash written another way: a binary digest (Kraken's SHA-256 of
    /// nonce + POST data) passed through a text string before the HMAC, decoded as UTF-8 (invalid
    /// bytes become U+FFFD) or kept as a Latin-1 "binary string" that the HMAC library encodes
    /// as UTF-8; or hex or base64 where the venue wants the bytes, and the reverse.
    package static let innerDigestText = Mistake(.wrongOutputEncoding, name: "inner-digest-text") { attempt, context in
        var out: [SigningAttempt] = []
        for (index, part) in attempt.template.parts.enumerated() {
            guard case .digest(let hash, let output, let inner) = part else { continue }
            for other in DigestOutput.allCases where other != output {
                out.append(attempt.with(.wrongOutputEncoding, "wrote the inner \(hash.rawValue) digest as \(other.rawValue) instead of \(output.rawValue)") {
                    $0.template.parts[index] = .digest(hash, other, inner)
                })
            }
            guard output == .raw, let digest = innerDigest(hash, of: inner, attempt: attempt, context: context) else { continue }
            let texts: [(String, String)] = [
                ("decoded as UTF-8 text (invalid bytes became U+FFFD)", String(decoding: digest, as: UTF8.self)),
                ("kept as a Latin-1 'binary' string, which the HMAC library encoded as UTF-8",
                 String(String.UnicodeScalarView(digest.map { Unicode.Scalar($0) }))),
            ]
            for (label, text) in texts where Array(text.utf8) != digest {
                out.append(attempt.with(.wrongOutputEncoding, "passed the binary \(hash.rawValue) digest through a string before the HMAC: \(label)") {
                    $0.template.parts[index] = .literal(text)
                })
            }
        }
        return out
    }

    /// The digest of the inner template for the attempt's request, as the venue computes it.
    static func innerDigest(_ hash: HashAlgorithm, of inner: Template, attempt: SigningAttempt, context: MistakeContext) -> [UInt8]? {
        let backend = PureSwiftBackend()
        let canonicalizer = Canonicalizer(venue: context.venue, recipe: context.recipe)
        guard let message = try? canonicalizer.prehash(canonicalizer.view(attempt.request), credentials: context.credentials,
                                                       backend: backend, template: inner) else { return nil }
        return try? backend.digest(hash, message.bytes)
    }
}

extension ByteEncoding {
    /// Whether the encoding writes hexadecimal digits (as opposed to base64).
    var writesHex: Bool { self == .hex || self == .hexUpper }
}
