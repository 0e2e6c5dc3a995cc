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
                + (hashed.innerHash.map { SearchLedger.digestCost(messageLength: hashed.inner, hash: $0) } ?? 0)
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

/// One transformed-layout candidate at a time: its text, the window it gives and the suffix,
/// tagged from the HMAC state of the prefix, in buffers laid out once.
struct WindowCandidates: TimeCandidates, ~Copyable {
    private var prefixState: any HMACContext
    private var writer: WindowWriter
    /// The window, then the suffix (written once).
    private let message: UnsafeMutableBufferPointer<UInt8>
    private let text: UnsafeMutableBufferPointer<UInt8>
    private let tag: UnsafeMutableRawBufferPointer
    private let digestByteCount: Int
    /// The field every candidate moves (the layout was found for it).
    private let field: TimeField
    private var pending: Int64?

    init?(field: TimeField, layout: TransformedTimeLayout, hash: HashAlgorithm, key: [UInt8], backend: any MACBackend) {
        guard var state = try? backend.makeHMAC(hash, key: key), (try? state.update(layout.prefix)) != nil,
              let writer = WindowWriter(layout: layout, textLength: field.sent.utf8.count, backend: backend) else { return nil }
        self.field = field
        prefixState = state
        message = .allocate(capacity: writer.length + layout.suffix.count)
        _ = UnsafeMutableBufferPointer(rebasing: message[writer.length...]).initialize(fromContentsOf: layout.suffix)
        self.writer = writer
        text = .allocate(capacity: TimestampCodec.maximumWrittenLength)
        digestByteCount = hash.digestByteCount
        tag = .allocate(byteCount: digestByteCount, alignment: 16)
    }

    deinit {
        message.deallocate()
        text.deallocate()
        tag.deallocate()
    }

    var isFull: Bool { pending != nil }

    mutating func add(_ field: TimeField, offsetBy offset: Int64) {
        precondition(pending == nil, "a full batch is tagged before the next candidate")
        // The layout was found for one field: `field` is it.
        pending = offset
    }

    mutating func firstMatch(of target: [UInt8]) -> Int64? {
        guard let offset = pending else { return nil }
        pending = nil
        // A candidate of another length (a digit more) is outside the layout.
        guard field.write(offsetBy: offset, into: text) == writer.textLength,
              writer.write(UnsafeBufferPointer(rebasing: text[..<writer.textLength]), into: message),
              (try? prefixState.tag(appending: UnsafeRawBufferPointer(message), into: tag)) != nil else { return nil }
        return tag.elementsEqual(target) ? offset : nil
    }
}
