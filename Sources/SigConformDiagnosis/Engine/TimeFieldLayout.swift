import SigConformCore

/// Where a time field's value sits in the prehash, found by moving it and comparing: the bytes
/// before its first moved occurrence and after each one. A timestamp can appear several times
/// (Crypto.com's nonce used as the request id, a Binance query whose `endTime` is the timestamp)
/// and percent-encoded (HTX's canonical query): the search then moves every such occurrence at
/// each candidate, hashing only what follows the prefix, instead of rebuilding the request.
struct TimeFieldLayout {
    /// Which occurrences a candidate moves.
    enum Mode: Equatable {
        /// Only the field itself (the client read the clock again for it).
        case fieldOnly
        /// Every place the sent value appears (the signed text came from another clock read).
        case everyOccurrence
    }

    let mode: Mode
    let prefix: [UInt8]
    /// The bytes after each moved occurrence; the last is the rest of the prehash.
    let tails: [[UInt8]]
    /// Whether the candidate is written percent-encoded, and with which hex case.
    let percentEncoded: Bool
    let uppercaseHex: Bool
    /// The moved occurrences and the ones left as sent, in words ("endTime", "the timestamp").
    let moved: [String]
    let kept: [String]
    /// Start offsets of the moved occurrences (to tell layouts apart).
    let movedStarts: [Int]

    /// The request with the field's value `text` in the places this layout moves.
    func request(_ text: String, field: TimeField, in attempt: SigningAttempt) -> HTTPRequest? {
        switch mode {
        case .fieldOnly: field.setting(text, in: attempt)
        case .everyOccurrence: Self.replacingEverywhere(field.sent, with: text, in: attempt.request)
        }
    }

    /// The layouts of `field` in `reference` (the correct prehash of `base`): the field moved
    /// alone, then, when the sent value appears elsewhere too, every occurrence together.
    /// Empty when a moved value changes more than its own bytes (a value inside a digest or a
    /// base64 payload): those are searched by rebuilding each candidate.
    static func layouts(of field: TimeField, base: SigningAttempt, reference correct: Prehash,
                        prehash: (SigningAttempt) -> [UInt8]?) -> [TimeFieldLayout] {
        let reference = correct.bytes
        let step = field.stepMilliseconds
        guard let probe = [step, -step, 2 * step, -2 * step].lazy.map({ field.text(offsetBy: $0) })
            .first(where: { $0.utf8.count == field.sent.utf8.count && $0 != field.sent }) else { return [] }
        var forms: [(sent: [UInt8], probe: [UInt8], encoded: Bool, upper: Bool)] = [(Array(field.sent.utf8), Array(probe.utf8), false, true)]
        for upper in [true, false] {
            let encoded = PercentEncoding.encode(field.sent, uppercaseHex: upper)
            if encoded != field.sent, !forms.contains(where: { $0.sent == Array(encoded.utf8) }) {
                forms.append((Array(encoded.utf8), Array(PercentEncoding.encode(probe, uppercaseHex: upper).utf8), true, upper))
            }
        }
        // Every occurrence of the sent value in the reference, in any of its forms.
        var occurrences: [(start: Int, form: Int)] = []
        for (index, form) in forms.enumerated() {
            for start in positions(of: form.sent, in: reference) where !occurrences.contains(where: { abs($0.start - start) < form.sent.count }) {
                occurrences.append((start, index))
            }
        }
        occurrences.sort { $0.start < $1.start }
        guard !occurrences.isEmpty else { return [] }

        var out: [TimeFieldLayout] = []
        for mode in [Mode.fieldOnly, .everyOccurrence] {
            var attempt = base
            let request: HTTPRequest? = switch mode {
            case .fieldOnly: field.setting(probe, in: base)
            case .everyOccurrence: replacingEverywhere(field.sent, with: probe, in: base.request)
            }
            guard let request else { continue }
            attempt.request = request
            guard let moved = prehash(attempt), moved.count == reference.count else { continue }
            let shifted = occurrences.filter { moved[$0.start..<($0.start + forms[$0.form].probe.count)].elementsEqual(forms[$0.form].probe) }
            // One form for all moved occurrences, and nothing else changed.
            guard let first = shifted.first, shifted.allSatisfy({ $0.form == first.form }) else { continue }
            var rebuilt = reference
            for occurrence in shifted {
                rebuilt.replaceSubrange(occurrence.start..<(occurrence.start + forms[occurrence.form].probe.count), with: forms[occurrence.form].probe)
            }
            guard rebuilt == moved, !out.contains(where: { $0.movedStarts == shifted.map(\.start) }) else { continue }
            let length = forms[first.form].sent.count
            var tails: [[UInt8]] = []
            for (index, occurrence) in shifted.enumerated() {
                let end = index + 1 < shifted.count ? shifted[index + 1].start : reference.count
                tails.append(Array(reference[(occurrence.start + length)..<end]))
            }
            let keptStarts = occurrences.map(\.start).filter { start in !shifted.contains { $0.start == start } }
            out.append(TimeFieldLayout(mode: mode, prefix: Array(reference[..<first.start]), tails: tails,
                                       percentEncoded: forms[first.form].encoded, uppercaseHex: forms[first.form].upper,
                                       moved: shifted.map { place(at: $0.start, in: correct, field: field) },
                                       kept: keptStarts.map { place(at: $0, in: correct, field: field) },
                                       movedStarts: shifted.map(\.start)))
        }
        return out
    }

    /// Bytes hashed per candidate after the prefix's whole blocks, for a text of `textLength`.
    func hashedAfterPrefix(textLength: Int, block: Int) -> Int {
        prefix.count % block + tails.count * (percentEncoded ? textLength + 4 : textLength) + tails.reduce(0) { $0 + $1.count }
    }

    /// The parameter an occurrence is the value of (`endTime`), else the template part that wrote it (`{id}`).
    static func place(at start: Int, in prehash: Prehash, field: TimeField) -> String {
        let bytes = prehash.bytes
        guard start > 0, bytes[start - 1] == UInt8(ascii: "=") else {
            var offset = 0
            for segment in prehash.segments {
                if start < offset + segment.bytes.count { return segment.label }
                offset += segment.bytes.count
            }
            return "the \(field.name)"
        }
        var from = start - 1
        while from > 0, ![UInt8(ascii: "&"), UInt8(ascii: "?"), UInt8(ascii: "\n")].contains(bytes[from - 1]) { from -= 1 }
        return String(decoding: bytes[from..<(start - 1)], as: UTF8.self)
    }

    static func positions(of needle: [UInt8], in haystack: [UInt8]) -> [Int] {
        guard !needle.isEmpty, haystack.count >= needle.count else { return [] }
        var out: [Int] = []
        var start = 0
        while start <= haystack.count - needle.count {
            if haystack[start] == needle[0], haystack[start..<(start + needle.count)].elementsEqual(needle) {
                out.append(start)
                start += needle.count
            } else {
                start += 1
            }
        }
        return out
    }

    /// `request` with every occurrence of `sent` (raw or percent-encoded) in its query, body and
    /// header values replaced by `text` in the same form.
    static func replacingEverywhere(_ sent: String, with text: String, in request: HTTPRequest) -> HTTPRequest? {
        var pairs = [(sent, text)]
        for upper in [true, false] {
            let encoded = PercentEncoding.encode(sent, uppercaseHex: upper)
            if encoded != sent { pairs.append((encoded, PercentEncoding.encode(text, uppercaseHex: upper))) }
        }
        func replaced(_ value: String) -> String {
            pairs.reduce(value) { replacing($1.0, with: $1.1, in: $0) }
        }
        var copy = request
        copy.query = replaced(request.query)
        copy.body = replaced(request.body)
        for header in request.headers.fields {
            let value = replaced(header.value)
            if value != header.value { copy.headers.set(header.name, value) }
        }
        return copy == request ? nil : copy
    }

    static func replacing(_ needle: String, with replacement: String, in text: String) -> String {
        let bytes = Array(text.utf8)
        let starts = positions(of: Array(needle.utf8), in: bytes)
        guard !starts.isEmpty else { return text }
        var out: [UInt8] = []
        var from = 0
        for start in starts {
            out += bytes[from..<start]
            out += replacement.utf8
            from = start + needle.utf8.count
        }
        out += bytes[from...]
        return String(decoding: out, as: UTF8.self)
    }
}
