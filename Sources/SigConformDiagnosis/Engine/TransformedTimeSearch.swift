import Dispatch
import Synchronization
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
                + (hashed.innerHash.map { SearchLedger.cost(messageLength: hashed.inner, hash: $0) } ?? 0)
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

    /// The offset (ms) whose candidate reproduces `target`, searching outwards from the sent
    /// value on two workers; each keys the HMAC prefix state once and writes only the window.
    func windowSearch(field: TimeField, base: SigningAttempt, layout: TransformedTimeLayout, target: [UInt8], steps radius: Int64) -> Int64? {
        guard radius > 0 else { return nil }
        let backend = diagnoser.searchBackend
        let step = field.stepMilliseconds
        let workers = 2
        let found = Mutex<Int64?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            guard var prefixState = try? backend.makeHMAC(base.hash, key: base.key), (try? prefixState.update(layout.prefix)) != nil,
                  var writer = WindowWriter(layout: layout, backend: backend) else { return }
            let textBuffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: TimestampCodec.maximumWrittenLength)
            defer { textBuffer.deallocate() }
            let tag = UnsafeMutableRawBufferPointer.allocate(byteCount: base.hash.digestByteCount, alignment: 16)
            defer { tag.deallocate() }
            var message: [UInt8] = []
            var distance = Int64(worker) + 1
            while distance <= radius {
                if distance % 1024 < 2, found.withLock({ $0 }) != nil { return }
                for sign in stride(from: -1 as Int64, through: 1, by: 2) {
                    let offset = sign * distance * step
                    let count = field.write(offsetBy: offset, into: textBuffer)
                    // The layouts hold the value's length; a candidate of another length (a digit
                    // more) is outside them.
                    guard count == field.sent.utf8.count, let window = writer.window(Array(textBuffer[..<count])) else { continue }
                    message.removeAll(keepingCapacity: true)
                    message += window
                    message += layout.suffix
                    guard (try? withRawBytes(message, { (bytes) throws(MACError) in try prefixState.tag(appending: bytes, into: tag) })) != nil else { continue }
                    if tag.elementsEqual(target) {
                        found.withLock { current in
                            if current.map({ abs($0) > abs(offset) }) ?? true { current = offset }
                        }
                        return
                    }
                }
                distance += Int64(workers)
            }
        }
        return found.withLock { $0 }
    }
}
