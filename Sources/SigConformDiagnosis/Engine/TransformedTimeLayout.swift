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
        let bytes = Array(text.utf8)
        guard var writer = WindowWriter(layout: self, textLength: bytes.count, backend: backend) else { return nil }
        var window = [UInt8](repeating: 0, count: writer.length)
        let written = bytes.withUnsafeBufferPointer { text in window.withUnsafeMutableBufferPointer { writer.write(text, into: $0) } }
        return written ? prefix + window + suffix : nil
    }
}

/// Writes a transformed layout's window for one candidate text of a fixed length into a
/// caller's buffer, from buffers laid out once and the inner digest's prefix state: the hot
/// loop of the transformed timestamp search, which allocates nothing per candidate. Where the
/// backend digests four messages per pass (pure Swift's SHA-256 lanes), ``write(lanes:into:)``
/// writes four candidates' windows with one pass of the inner digest.
struct WindowWriter: ~Copyable {
    private let window: TransformedTimeLayout.Window
    /// The inner digest with the inner prefix absorbed (digest kind only).
    private var innerPrefixState: (any DigestContext)?
    /// The same state on four lanes, when the backend has them for the inner hash.
    private let innerLanes: (any DigestBatcher)?
    /// The digest kind's inner message after its prefix (the text's places, then each tail), or
    /// the base64 kind's payload groups, once per lane; only the text's places change per candidate.
    private let scratch: UnsafeMutableBufferPointer<UInt8>
    private let scratchLength: Int
    /// Where the text goes in each lane's scratch.
    private let textStarts: [Int]
    /// Four digests' room.
    private let digest: UnsafeMutableBufferPointer<UInt8>
    /// The text's length every candidate has (the layouts assume it kept).
    let textLength: Int
    /// The window's length in bytes.
    let length: Int
    /// Candidates ``write(lanes:into:)`` takes at once: four with the inner digest's lanes, else
    /// one (use ``write(_:into:)``).
    let laneCount: Int

    init?(layout: TransformedTimeLayout, textLength: Int, backend: any MACBackend) {
        window = layout.window
        self.textLength = textLength
        let bytes: [UInt8]
        switch layout.window {
        case .digest(let hash, let output, let inner):
            guard var state = try? backend.makeDigest(hash), (try? state.update(inner.prefix)) != nil else { return nil }
            innerPrefixState = state
            innerLanes = backend.makeBatchDigester(hash, prefix: inner.prefix)
            var message: [UInt8] = []
            var starts: [Int] = []
            for tail in inner.tails {
                starts.append(message.count)
                message += repeatElement(0, count: textLength)
                message += tail
            }
            bytes = message
            textStarts = starts
            length = switch output {
            case .raw: hash.digestByteCount
            case .hex, .hexUpper: 2 * hash.digestByteCount
            case .base64: Base64.encodedLength(hash.digestByteCount)
            }
        case .base64(let payload, let start, let end, let valueStarts):
            innerPrefixState = nil
            innerLanes = nil
            bytes = Array(payload[start..<end])
            textStarts = valueStarts.filter { $0 + textLength <= end }.map { $0 - start }
            length = Base64.encodedLength(end - start)
        }
        laneCount = innerLanes == nil ? 1 : 4
        scratchLength = bytes.count
        scratch = .allocate(capacity: laneCount * bytes.count)
        for lane in 0..<laneCount {
            _ = UnsafeMutableBufferPointer(rebasing: scratch[(lane * bytes.count)...]).initialize(fromContentsOf: bytes)
        }
        digest = .allocate(capacity: 4 * 64)
    }

    deinit {
        scratch.deallocate()
        digest.deallocate()
    }

    /// Lane `lane`'s copy of the scratch message with the value written as `text`.
    private func scratch(_ lane: Int, writing text: UnsafeBufferPointer<UInt8>) -> UnsafeRawBufferPointer {
        let message = UnsafeMutableBufferPointer(rebasing: scratch[(lane * scratchLength)..<((lane + 1) * scratchLength)])
        for start in textStarts {
            _ = UnsafeMutableBufferPointer(rebasing: message[start..<(start + textLength)]).initialize(fromContentsOf: text)
        }
        return UnsafeRawBufferPointer(message)
    }

    /// Writes the window with the value written as `text` (``textLength`` bytes) to the first
    /// ``length`` bytes of `out`; false if the inner digest fails.
    mutating func write(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Bool {
        precondition(text.count == textLength && out.count >= length, "a candidate of the layout's length, a window's room")
        let message = scratch(0, writing: text)
        switch window {
        case .digest(let hash, let output, _):
            guard (try? innerPrefixState?.digest(appending: message, into: UnsafeMutableRawBufferPointer(digest))) != nil
            else { return false }
            Self.encode(UnsafeBufferPointer(rebasing: digest[..<hash.digestByteCount]), as: output, into: out)
        case .base64:
            Base64.encode(message.assumingMemoryBound(to: UInt8.self), into: out)
        }
        return true
    }

    /// Writes four windows, the value written as `texts[i]` in `outs[i]`, with one pass of the
    /// inner digest's lanes; only when ``laneCount`` is four.
    mutating func write(lanes texts: InlineArray<4, UnsafeBufferPointer<UInt8>>, into outs: InlineArray<4, UnsafeMutableBufferPointer<UInt8>>) {
        guard let innerLanes, case .digest(let hash, let output, _) = window else {
            preconditionFailure("four windows at once need the inner digest's lanes")
        }
        var messages = InlineArray<4, UnsafeRawBufferPointer>(repeating: UnsafeRawBufferPointer(start: nil, count: 0))
        for lane in 0..<4 {
            precondition(texts[lane].count == textLength && outs[lane].count >= length, "a candidate of the layout's length, a window's room")
            messages[lane] = scratch(lane, writing: texts[lane])
        }
        innerLanes.digests(appending: messages, into: UnsafeMutableRawBufferPointer(digest))
        let size = hash.digestByteCount
        for lane in 0..<4 {
            Self.encode(UnsafeBufferPointer(rebasing: digest[(lane * size)..<((lane + 1) * size)]), as: output, into: outs[lane])
        }
    }

    private static func encode(_ digest: UnsafeBufferPointer<UInt8>, as output: DigestOutput, into out: UnsafeMutableBufferPointer<UInt8>) {
        switch output {
        case .raw: _ = out.initialize(fromContentsOf: digest)
        case .hex: Hex.encode(digest, uppercase: false, into: out)
        case .hexUpper: Hex.encode(digest, uppercase: true, into: out)
        case .base64: Base64.encode(digest, into: out)
        }
    }
}
