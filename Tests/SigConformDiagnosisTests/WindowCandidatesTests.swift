import SigConform
@testable import SigConformDiagnosis
import Testing

/// The search of a value inside a digest reports the same candidate whichever path writes its
/// window: four inner digests per pass (pure Swift's SHA-256 lanes) or one at a time (OpenSSL).
/// Kraken's layout: HMAC-SHA512 over `path ‖ SHA256(nonce ‖ nonce=… body)`, the nonce twice.
@Suite struct WindowCandidatesTests {
    static let key = Array("window-candidates-secret".utf8)
    static let path = Array("/0/private/AddOrder".utf8)
    static let body = Array("&ordertype=limit&pair=XXBTZUSD&price=39000&type=sell&volume=0.3".utf8)

    static func layout(_ output: DigestOutput) -> TransformedTimeLayout {
        let inner = TimeFieldLayout(mode: .everyOccurrence, prefix: [], tails: [Array("nonce=".utf8), body], percentEncoded: false,
                                    uppercaseHex: false, moved: ["nonce"], kept: [], movedStarts: [0])
        return TransformedTimeLayout(window: .digest(.sha256, output, inner: inner), prefix: path, suffix: [], place: "inside sha256(…)")
    }

    static func field(_ sent: String) -> TimeField {
        TimeField(name: "nonce", location: .header("N", prefix: ""), format: .unixMilliseconds, sent: sent,
                  milliseconds: TimestampCodec.milliseconds(sent, format: .unixMilliseconds)!)
    }

    /// The signature of the candidate `offset` ms from the sent nonce, computed by OpenSSL from
    /// the whole prehash written out.
    static func target(_ field: TimeField, offset: Int64, output: DigestOutput) throws -> [UInt8] {
        let nonce = Array(field.text(offsetBy: offset).utf8)
        var digest = try OpenSSLBackend().makeDigest(.sha256)
        try digest.update(nonce + Array("nonce=".utf8) + nonce + body)
        let raw = try digest.digest()
        let window: [UInt8] = switch output {
        case .raw: raw
        case .hex: Array(Hex.encode(raw).utf8)
        case .hexUpper: Array(Hex.encode(raw).uppercased().utf8)
        case .base64: Array(Base64.encode(raw).utf8)
        }
        return try OpenSSLBackend().hmac(.sha512, key: key, message: path + window)
    }

    /// Adds `offsets` in order, tagging whenever the batch is full as the search does; returns the first match.
    static func search(_ offsets: [Int64], field: TimeField, output: DigestOutput, backend: any MACBackend, target: [UInt8]) -> Int64? {
        guard var candidates = WindowCandidates(field: field, layout: layout(output), hash: .sha512, key: key, backend: backend) else {
            Issue.record("no candidates on \(backend.id)")
            return nil
        }
        for offset in offsets {
            candidates.add(field, offsetBy: offset)
            if candidates.isFull, let found = candidates.firstMatch(of: target) { return found }
        }
        return candidates.firstMatch(of: target)
    }

    static let backends: [any MACBackend] = [PureSwiftBackend(), OpenSSLBackend()]

    @Test(arguments: [DigestOutput.raw, .hex, .base64])
    func theSignedNonceIsFoundInEveryLaneAndInAPartialBatch(_ output: DigestOutput) throws {
        #expect(PureSwiftBackend().makeBatchDigester(.sha256, prefix: []) != nil, "the four-lane path is what this tests")
        let field = Self.field("1700004397381")
        // Nine candidates: two full batches of four, then one alone.
        let offsets: [Int64] = [-1, 1, -3, 3, -5, 5, -7, 7, -9]
        for signed in offsets {
            let target = try Self.target(field, offset: signed, output: output)
            for backend in Self.backends {
                #expect(Self.search(offsets, field: field, output: output, backend: backend, target: target) == signed, "\(backend.id), signed \(signed)")
            }
        }
        let unsigned = try Self.target(field, offset: 11, output: output)
        for backend in Self.backends {
            #expect(Self.search(offsets, field: field, output: output, backend: backend, target: unsigned) == nil, "\(backend.id)")
        }
    }

    /// Crossing a power of ten: a candidate with a digit more is outside the layout and never
    /// matches, and the others of its batch are still tried.
    @Test func aBatchWithACandidateOfAnotherLengthSkipsItAndTriesTheRest() throws {
        let field = Self.field("9999999999998")
        let offsets: [Int64] = [-1, 1, -2, 2, -3, 3, 4, -4]
        for signed in offsets where field.text(offsetBy: signed).utf8.count == 13 {
            let target = try Self.target(field, offset: signed, output: .raw)
            for backend in Self.backends {
                #expect(Self.search(offsets, field: field, output: .raw, backend: backend, target: target) == signed, "\(backend.id), signed \(signed)")
            }
        }
        let longer = try Self.target(field, offset: 2, output: .raw)
        for backend in Self.backends {
            #expect(Self.search(offsets, field: field, output: .raw, backend: backend, target: longer) == nil, "\(backend.id)")
        }
    }
}
