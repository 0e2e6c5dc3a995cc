import SigConformCore
import SigConformMAC

/// A time field whose value reaches the prehash transformed: inside a digest (Kraken's nonce in
/// `SHA256(nonce + POST data)`, where it appears twice) or inside a base64 payload (Gemini's
/// nonce in `X-GEMINI-PAYLOAD`). Moving the value changes more than its own bytes, but only
/// within one window of the prehash: the digest's output, or the base64 groups that cover the
/// value. What comes before and after the window stays as sent, so a candidate costs rebuilding
/// the window (one inner digest, or a few base64 characters) and an HMAC over the window and the
/// suffix from the prefix's keyed state, not a rebuilt and re-canonicalised request: the full
/// ±10 minutes fit the search budget.
struct TransformedTimeLayout {
    enum Window {
        /// The digest of an inner message in which the value sits as `inner` lays it out.
        case digest(HashAlgorithm, DigestOutput, inner: TimeFieldLayout)
        /// base64 of `payload[groupStart..<groupEnd]` (whole 3-byte groups, or up to the end),
        /// with the value written at `valueStarts`.
        case base64(payload: [UInt8], groupStart: Int, groupEnd: Int, valueStarts: [Int])
    }

    let window: Window
    /// The prehash before the window, and after it.
    let prefix: [UInt8]
    let suffix: [UInt8]
    /// Where the value sits, in words ("inside sha256(…)").
    let place: String

    /// The layout the inner digest uses, for naming the moved and kept occurrences.
    var innerLayout: TimeFieldLayout? {
        if case .digest(_, _, let inner) = window { return inner }
        return nil
    }

    /// Bytes hashed per candidate after the HMAC prefix's whole blocks, and by the inner digest.
    func hashedPerCandidate(textLength: Int, block: Int) -> (outer: Int, inner: Int, innerHash: HashAlgorithm?) {
        switch window {
        case .digest(let hash, let output, let inner):
            let digestLength = switch output {
            case .raw: hash.digestByteCount
            case .hex, .hexUpper: 2 * hash.digestByteCount
            case .base64: (hash.digestByteCount + 2) / 3 * 4
            }
            return (prefix.count % block + digestLength + suffix.count, inner.hashedAfterPrefix(textLength: textLength, block: block), hash)
        case .base64(_, let start, let end, _):
            return (prefix.count % block + (end - start + 2) / 3 * 4 + suffix.count, 0, nil)
        }
    }

    /// The layouts of `field` in `reference` (the correct prehash of `base`) that a transformed
    /// window explains; empty when neither a digest nor a base64 payload holds the value.
    static func layouts(of field: TimeField, base: SigningAttempt, reference: Prehash, backend: any MACBackend,
                        prehash: (SigningAttempt) -> Prehash?) -> [TransformedTimeLayout] {
        if case .encodedHeaderMember(let header, _) = field.location {
            return base64Layout(of: field, header: header, base: base, reference: reference.bytes, prehash: { prehash($0)?.bytes }).map { [$0] } ?? []
        }
        var out: [TransformedTimeLayout] = []
        let parts = base.template.parts
        for (index, part) in parts.enumerated() {
            guard case .digest(let hash, let output, let innerTemplate) = part else { continue }
            func rendered(_ template: Template, _ attempt: SigningAttempt = base) -> Prehash? {
                var copy = attempt
                copy.template = template
                return prehash(copy)
            }
            guard let innerReference = rendered(innerTemplate), let before = rendered(Template(Array(parts[..<index]))),
                  let after = rendered(Template(Array(parts[(index + 1)...]))) else { continue }
            var innerBase = base
            innerBase.template = innerTemplate
            for inner in TimeFieldLayout.layouts(of: field, base: innerBase, reference: innerReference, prehash: { prehash($0)?.bytes })
            where !inner.percentEncoded {
                let layout = TransformedTimeLayout(window: .digest(hash, output, inner: inner), prefix: before.bytes, suffix: after.bytes,
                                                   place: "inside \(hash.rawValue)(…)")
                // The value must sit nowhere else in the prehash: the probe moves it, and the
                // prehash rebuilt from the request must equal the one the window writes.
                guard let probe = Self.probe(field), let request = inner.request(probe, field: field, in: base) else { continue }
                var moved = base
                moved.request = request
                guard layout.candidate(probe, backend: backend) == prehash(moved)?.bytes,
                      layout.candidate(field.sent, backend: backend) == reference.bytes else { continue }
                out.append(layout)
            }
        }
        return out
    }

    /// A value one step away with the sent value's length (the layouts assume the length kept).
    static func probe(_ field: TimeField) -> String? {
        let step = field.stepMilliseconds
        return [step, -step, 2 * step, -2 * step].lazy.map { field.text(offsetBy: $0) }
            .first { $0.utf8.count == field.sent.utf8.count && $0 != field.sent }
    }

    static func base64Layout(of field: TimeField, header: String, base: SigningAttempt, reference: [UInt8],
                             prehash: (SigningAttempt) -> [UInt8]?) -> TransformedTimeLayout? {
        guard let sentHeader = base.request.headers[header], let payload = Base64.decode(sentHeader),
              let probe = probe(field), let movedRequest = field.setting(probe, in: base),
              let movedHeader = movedRequest.headers[header], let movedPayload = Base64.decode(movedHeader),
              movedPayload.count == payload.count else { return nil }
        let headerBytes = Array(sentHeader.utf8)
        let places = TimeFieldLayout.positions(of: headerBytes, in: reference)
        guard places.count == 1, let at = places.first else { return nil }
        // The value's occurrences the probe moved, and nothing else of the payload.
        let text = Array(field.sent.utf8), moved = Array(probe.utf8)
        let starts = TimeFieldLayout.positions(of: text, in: payload).filter { movedPayload[$0..<($0 + moved.count)].elementsEqual(moved) }
        guard let first = starts.first, let last = starts.last else { return nil }
        var rebuilt = payload
        for start in starts { rebuilt.replaceSubrange(start..<(start + moved.count), with: moved) }
        guard rebuilt == movedPayload else { return nil }
        let groupStart = first / 3 * 3
        let groupEnd = min(payload.count, (last + text.count + 2) / 3 * 3)
        let windowEnd = groupEnd == payload.count ? headerBytes.count : groupEnd / 3 * 4
        let layout = TransformedTimeLayout(window: .base64(payload: payload, groupStart: groupStart, groupEnd: groupEnd, valueStarts: starts),
                                           prefix: Array(reference[..<(at + groupStart / 3 * 4)]),
                                           suffix: Array(reference[(at + windowEnd)...]), place: "inside the base64 payload of \(header)")
        var movedAttempt = base
        movedAttempt.request = movedRequest
        guard let movedPrehash = prehash(movedAttempt), layout.candidate(probe, backend: PureSwiftBackend()) == movedPrehash,
              layout.candidate(field.sent, backend: PureSwiftBackend()) == reference else { return nil }
        return layout
    }

    /// The whole prehash with the value written as `text` (for checking a layout and a result;
    /// the search writes only the window).
    func candidate(_ text: String, backend: any MACBackend) -> [UInt8]? {
        var writer = WindowWriter(layout: self, backend: backend)
        guard let window = writer?.window(Array(text.utf8)) else { return nil }
        return prefix + window + suffix
    }
}

/// Writes a transformed layout's window for one candidate text, reusing its buffers and the
/// inner digest's prefix state: the hot loop of the transformed timestamp search.
struct WindowWriter {
    private let layout: TransformedTimeLayout
    /// The inner digest with the inner prefix absorbed (digest kind only).
    private var innerPrefixState: (any DigestContext)?
    private var scratch: [UInt8] = []

    init?(layout: TransformedTimeLayout, backend: any MACBackend) {
        self.layout = layout
        if case .digest(let hash, _, let inner) = layout.window {
            guard var state = try? backend.makeDigest(hash), (try? state.update(inner.prefix)) != nil else { return nil }
            innerPrefixState = state
        }
    }

    /// The window's bytes with the value written as `text` (the sent value's length).
    mutating func window(_ text: [UInt8]) -> [UInt8]? {
        switch layout.window {
        case .digest(_, let output, let inner):
            guard var state = innerPrefixState else { return nil }
            scratch.removeAll(keepingCapacity: true)
            for tail in inner.tails {
                scratch += text
                scratch += tail
            }
            guard (try? withRawBytes(scratch, { (bytes) throws(MACError) in try state.update(bytes) })) != nil,
                  let digest = try? state.digest() else { return nil }
            return switch output {
            case .raw: digest
            case .hex: Array(Hex.encode(digest).utf8)
            case .hexUpper: Array(Hex.encode(digest, uppercase: true).utf8)
            case .base64: Array(Base64.encode(digest).utf8)
            }
        case .base64(let payload, let start, let end, let starts):
            scratch.removeAll(keepingCapacity: true)
            scratch += payload[start..<end]
            for valueStart in starts where valueStart + text.count <= end {
                scratch.replaceSubrange((valueStart - start)..<(valueStart - start + text.count), with: text)
            }
            return Array(Base64.encode(scratch).utf8)
        }
    }
}
