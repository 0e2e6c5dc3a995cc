import SigConformCore
import SigConformMAC

extension Search {
    /// Searches a time field that sits inside a digest or a base64 payload (``TransformedTimeLayout``)
    /// over what the budget pays of ±radius, nearest first. Returns the match, or nil after
    /// recording the range searched. Nil too when no such layout explains the field.
    func transformedTimestampSearch(field: TimeField, base: SigningAttempt, reference: SigningOutcome, target: [UInt8],
                                    share: Int) -> (searched: Bool, match: Match?) {
        let backend = diagnoser.searchBackend
        let layouts = TransformedTimeLayout.layouts(of: field, base: base, reference: reference.prehash, backend: backend) {
            try? self.prehash(of: $0, backend: backend)
        }
        guard !layouts.isEmpty else { return (false, nil) }
        let requested = diagnoser.timestampSearchRadius
        let step = field.stepMilliseconds
        for layout in layouts {
            let hashed = layout.hashedPerCandidate(textLength: field.sent.utf8.count, block: base.hash.blockByteCount)
            let cost = SearchLedger.cost(messageLength: hashed.outer, hash: base.hash)
                + (hashed.innerHash.map {
                    SearchLedger.digestCost(messageLength: hashed.inner, hash: $0, fourLanes: CandidateBatch.hasFourLanes($0))
                } ?? 0)
            let steps = min(requested / step, Int64(share / layouts.count / cost / 2))
            let found = windowSearch(field: field, base: base, layout: layout, target: target, steps: steps)
            ledger.charge(candidates: Int(found.map { 2 * abs($0) / step } ?? 2 * steps), costEach: cost)
            let everywhere = layout.innerLayout?.mode == .everyOccurrence
            let name = "\(field.name) \(layout.place)\(everywhere ? " in every place it appears" : "")"
            ledger.timeRanges.append(SearchSummary.TimeRange(
                field: name, searchedMilliseconds: steps * step, requestedMilliseconds: requested,
                narrowedBecause: steps * step < requested ? "each candidate rebuilds the \(layout.place.dropFirst(7)) and hashes \(hashed.outer + hashed.inner) bytes" : nil))
            let text = field.text(offsetBy: found ?? 0)
            let request = layout.innerLayout.map { $0.request(text, field: field, in: base) } ?? field.setting(text, in: base)
            if let offset = found, let request,
               let match = confirmed(timestampAttempt(base, field: field, offset: offset, request: request, layout: layout.innerLayout)) {
                return (true, match)
            }
        }
        return (true, nil)
    }

    /// The offset (ms) nearest the sent value whose candidate reproduces `target`
    /// (``NearestOffsetSearch``); each worker keys the HMAC prefix state once and writes only
    /// the window.
    func windowSearch(field: TimeField, base: SigningAttempt, layout: TransformedTimeLayout, target: [UInt8], steps radius: Int64) -> Int64? {
        let backend = diagnoser.searchBackend
        let (hash, key) = (base.hash, base.key)
        return NearestOffsetSearch.nearest(field: field, target: target, steps: radius) { _ in
            WindowCandidates(field: field, layout: layout, hash: hash, key: key, backend: backend)
        }
    }
}

/// The transformed-layout candidates of one search worker: their texts, the windows they give
/// and the suffix, tagged from the HMAC state of the prefix, in buffers laid out once. Four
/// candidates share one pass of the inner digest where the backend has its lanes
/// (``WindowWriter/laneCount``); each is then tagged on its own.
struct WindowCandidates: TimeCandidates, ~Copyable {
    private var prefixState: any HMACContext
    private var writer: WindowWriter
    /// `capacity` messages of `stride` bytes: the window, then the suffix (written once).
    private let messages: UnsafeMutableBufferPointer<UInt8>
    private let stride: Int
    /// `capacity` texts of ``TimestampCodec/maximumWrittenLength`` bytes.
    private let texts: UnsafeMutableBufferPointer<UInt8>
    private let tag: UnsafeMutableRawBufferPointer
    private let capacity: Int
    /// The field every candidate moves (the layout was found for it).
    private let field: TimeField
    private var offsets = InlineArray<4, Int64>(repeating: 0)
    private var count = 0

    init?(field: TimeField, layout: TransformedTimeLayout, hash: HashAlgorithm, key: [UInt8], backend: any MACBackend) {
        guard var state = try? backend.makeHMAC(hash, key: key), (try? state.update(layout.prefix)) != nil,
              let writer = WindowWriter(layout: layout, textLength: field.sent.utf8.count, backend: backend) else { return nil }
        self.field = field
        prefixState = state
        capacity = writer.laneCount
        stride = writer.length + layout.suffix.count
        messages = .allocate(capacity: capacity * stride)
        for index in 0..<capacity {
            _ = UnsafeMutableBufferPointer(rebasing: messages[(index * stride + writer.length)...]).initialize(fromContentsOf: layout.suffix)
        }
        self.writer = writer
        texts = .allocate(capacity: capacity * TimestampCodec.maximumWrittenLength)
        tag = .allocate(byteCount: hash.digestByteCount, alignment: 16)
    }

    deinit {
        messages.deallocate()
        texts.deallocate()
        tag.deallocate()
    }

    var isFull: Bool { count == capacity }

    mutating func add(_ field: TimeField, offsetBy offset: Int64) {
        precondition(count < capacity, "a full batch is tagged before the next candidate")
        // The layout was found for one field: `field` is it.
        offsets[count] = offset
        count += 1
    }

    mutating func firstMatch(of target: [UInt8]) -> Int64? {
        defer { count = 0 }
        // A candidate of another length (a digit more) is outside the layout.
        var inLayout = InlineArray<4, Bool>(repeating: false)
        for index in 0..<count {
            inLayout[index] = field.write(offsetBy: offsets[index], into: text(index)) == writer.textLength
        }
        if count == 4, inLayout[0], inLayout[1], inLayout[2], inLayout[3] {
            writer.write(lanes: [readable(text(0)), readable(text(1)), readable(text(2)), readable(text(3))],
                         into: [message(0), message(1), message(2), message(3)])
        } else {
            for index in 0..<count where inLayout[index] {
                inLayout[index] = writer.write(readable(text(index)), into: message(index))
            }
        }
        for index in 0..<count where inLayout[index] {
            if (try? prefixState.tag(appending: UnsafeRawBufferPointer(message(index)), into: tag)) != nil, tag.elementsEqual(target) {
                return offsets[index]
            }
        }
        return nil
    }

    /// Candidate `index`'s text buffer; its first ``WindowWriter/textLength`` bytes once written.
    private func text(_ index: Int) -> UnsafeMutableBufferPointer<UInt8> {
        let start = index * TimestampCodec.maximumWrittenLength
        return UnsafeMutableBufferPointer(rebasing: texts[start..<(start + TimestampCodec.maximumWrittenLength)])
    }

    private func readable(_ text: UnsafeMutableBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[..<writer.textLength])
    }

    /// Candidate `index`'s message: its window, then the suffix.
    private func message(_ index: Int) -> UnsafeMutableBufferPointer<UInt8> {
        UnsafeMutableBufferPointer(rebasing: messages[(index * stride)..<((index + 1) * stride)])
    }
}
