/// Removes every credential of a run from text before it is written anywhere: secrets and
/// passphrases become fingerprints, API keys become masked keys.
///
/// Reporters never format credentials on purpose; this is the second line of defence for
/// values that can legitimately contain them (a prehash that embeds the API key, a header
/// echoed from the request, a signer's stderr, input that failed to parse). It finds a
/// credential in every form a report can carry it in: raw, JSON-escaped (`\"`, `\u00e9`,
/// `\u00E9`, `\/`), XML- and HTML-escaped (`&quot;`, `&#39;`, `&#x27;`), escaped for a
/// `<script>` element, percent-encoded in either case and as `quote()` writes it (see
/// ``Escaping/forms(of:)``), as hex and inside base64 (a `Basic` header,
/// ``Escaping/binaryForms(of:)``), and the first and last halves of a credential of 16
/// characters or more in those forms, so that a cut made elsewhere cannot leave half a secret.
/// Text that this process shortens goes through ``preview(_:limit:)`` or
/// ``scrubCutStart(_:)``: scrubbed first, then any cut end that is the start (or start that is
/// the end) of a credential's form is dropped too.
///
/// Commands build it from the credentials they are given (environment variables, files)
/// before they read any input, so even input that fails to parse is echoed scrubbed.
public struct Redactor: Sendable {
    /// Each credential form and its replacement, as UTF-8, indexed by the form's first four
    /// bytes so a report is scanned once whatever the number of credentials.
    private var index: [UInt32: [(form: [UInt8], replacement: [UInt8])]] = [:]
    /// Whether any form starts with this byte: most bytes of a report are skipped on this test alone.
    private var startsForm = [Bool](repeating: false, count: 256)
    /// One bit per 16-bit hash of the first four bytes of every form (``keySlot(_:)``): most
    /// bytes of report text start no form, and testing the bit is far cheaper than the
    /// dictionary lookup it guards (15 % of a run with reports). A set bit only sends the
    /// position on to `index`, so a collision costs a lookup and never a missed form.
    private var startsKey = [UInt64](repeating: 0, count: 1 << 10)
    /// The longest form, in bytes: how much of a piece scrubbing in pieces must hold back.
    private(set) var longestForm = 0
    /// The shortest form, in bytes (at least 4).
    private var shortestForm = Int.max
    /// One bit per 18-bit hash of every four bytes found at offsets 0 through
    /// `shortestForm - 4` of a form. Any form starting at `p`…`p + shortestForm - 4` holds the
    /// four bytes at `p + shortestForm - 4` at one of those offsets, so a clear bit skips all of
    /// those start positions at once: the scan then reads about one position in five of text
    /// that holds no credential (it was a third of writing the reports, callgrind).
    private var holdsKey = [UInt64](repeating: 0, count: 1 << 12)
    /// Every form, for the fragment checks at a cut (``preview(_:limit:)``).
    private var allForms: [[UInt8]] = []
    /// The distinct credentials this redactor knows, in the order it learnt them.
    public private(set) var credentials: [Credentials] = []
    private var knownCredentials: Set<Credentials> = []
    /// Values and forms already indexed: a run repeats the same few credentials in every
    /// vector, and each distinct value is escaped once (the escapes were most of a large run's
    /// time when done per vector).
    private var knownValues: Set<String> = []
    private var knownForms: Set<String> = []

    /// The shortest credential scrubbed from text. Shorter values (documentation examples such
    /// as Gate.io's secret `secret`) are ordinary words that a report shows for other reasons;
    /// real exchange secrets are 32 characters or more. Reporters never format a credential of
    /// any length: this limit applies to the second line of defence only.
    public static let minimumScrubbedLength = 8

    public init(credentials: some Sequence<Credentials>) {
        add(credentials)
    }

    /// Learns `more` credentials; only the new ones cost anything (a signer session learns
    /// them vector by vector, so this must not redo the known ones).
    public mutating func add(_ more: some Sequence<Credentials>) {
        var pairs: [(String, String)] = []
        func add(_ value: String, _ replacement: @autoclosure () -> String, fragment: @autoclosure () -> String) {
            guard knownValues.insert(value).inserted else { return }
            let replacement = replacement()
            for form in Escaping.forms(of: value).union(Escaping.binaryForms(of: value)) where knownForms.insert(form).inserted {
                pairs.append((form, replacement))
            }
            // Halves of a long value, so that a cut made by any tool leaves nothing to find.
            let halves = Self.halves(of: value)
            guard let halves else { return }
            let fragment = fragment()
            for part in [halves.first, halves.last] where !Self.isOutputVocabulary(part) {
                for form in Escaping.forms(of: part) where form.utf8.count >= Self.minimumScrubbedLength && knownForms.insert(form).inserted {
                    pairs.append((form, fragment))
                }
            }
        }
        for credential in more where knownCredentials.insert(credential).inserted {
            credentials.append(credential)
            // Short values are not masked inside text: they would mangle unrelated words.
            if let secret = credential.secret, secret.count >= Self.minimumScrubbedLength {
                add(secret, "[secret \(Redaction.fingerprint(secret))]", fragment: "[part of secret \(Redaction.fingerprint(secret))]")
            }
            if let passphrase = credential.passphrase, passphrase.count >= Self.minimumScrubbedLength {
                add(passphrase, "[passphrase \(Redaction.fingerprint(passphrase))]",
                    fragment: "[part of passphrase \(Redaction.fingerprint(passphrase))]")
            }
            // Credential fields (BitMart's memo) are signed but never sent: scrubbed like a passphrase.
            for (name, value) in credential.fields.sorted(by: { $0.key < $1.key }) where value.count >= Self.minimumScrubbedLength {
                add(value, "[\(name) \(Redaction.fingerprint(value))]", fragment: "[part of \(name) \(Redaction.fingerprint(value))]")
            }
            // Other secrets (testnet, rotated) are as secret as the secret: one leaked is a key leaked.
            for value in credential.otherSecrets where value.count >= Self.minimumScrubbedLength {
                add(value, "[other secret \(Redaction.fingerprint(value))]", fragment: "[part of other secret \(Redaction.fingerprint(value))]")
            }
            if let key = credential.apiKey, key.count >= Self.minimumScrubbedLength {
                add(key, Redaction.maskKey(key), fragment: "[part of key \(Redaction.maskKey(key))]")
            }
        }
        var touched: Set<UInt32> = []
        let shortestBefore = shortestForm
        let firstNew = allForms.count
        for (form, replacement) in pairs {
            let bytes = Array(form.utf8)
            guard bytes.count >= 4 else { continue }
            shortestForm = min(shortestForm, bytes.count)
            let key = Self.key(bytes, at: 0)
            index[key, default: []].append((bytes, Array(replacement.utf8)))
            let slot = Self.keySlot(key)
            startsKey[slot >> 6] |= 1 << UInt64(slot & 63)
            touched.insert(key)
            startsForm[Int(bytes[0])] = true
            longestForm = max(longestForm, bytes.count)
            allForms.append(bytes)
        }
        // Longest first, so a secret that contains a key is replaced whole.
        for key in touched { index[key]?.sort { $0.form.count > $1.form.count } }
        // A shorter form widens the offsets every form must be indexed at: index them all again.
        let newForms = shortestForm == shortestBefore ? allForms[firstNew...] : allForms[...]
        for form in newForms {
            for offset in 0...min(shortestForm - 4, form.count - 4) {
                let slot = Self.innerSlot(Self.key(form, at: offset))
                holdsKey[slot >> 6] |= 1 << UInt64(slot & 63)
            }
        }
    }

    /// The first and last halves of `value` in characters, nil when a half would be shorter
    /// than ``minimumScrubbedLength``. Printable ASCII (nearly every credential) is one
    /// character a byte and is cut on its bytes: an array of characters and two strings built
    /// from them cost 150 k instructions a credential (callgrind, issue 20).
    static func halves(of value: String) -> (first: String, last: String)? {
        let utf8 = value.utf8
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            let half = utf8.count / 2
            guard half >= minimumScrubbedLength else { return nil }
            return (String(decoding: utf8.prefix(half), as: UTF8.self), String(decoding: utf8.suffix(half), as: UTF8.self))
        }
        let characters = Array(value)
        let half = characters.count / 2
        guard half >= minimumScrubbedLength else { return nil }
        return (String(characters.prefix(half)), String(characters.suffix(half)))
    }

    /// This redactor and `more` credentials.
    public func adding(_ more: some Sequence<Credentials>) -> Redactor {
        var copy = self
        copy.add(more)
        return copy
    }

    /// At most `limit` characters of `text`, for a message: scrubbed before it is cut, and a
    /// cut end that could be the beginning of a credential's form dropped as well, so that
    /// the half of a secret a cut leaves cannot escape the scrub. A cut is marked with `…`.
    public func preview(_ text: String, limit: Int) -> String {
        let scrubbed = scrub(text)
        guard scrubbed.count > limit else { return scrubbed }
        let cut = Array(String(scrubbed.prefix(limit)).utf8)
        let fragment = longestFragment(of: cut, atEnd: true)
        return String(decoding: cut.dropLast(fragment), as: UTF8.self) + "…"
    }

    /// `text` whose beginning was cut off by someone else (the last kilobytes of a stream):
    /// scrubbed, and a beginning that could be the end of a credential's form dropped.
    public func scrubCutStart(_ text: String) -> String {
        let scrubbed = Array(scrub(text).utf8)
        let fragment = longestFragment(of: scrubbed, atEnd: false)
        guard fragment > 0 else { return String(decoding: scrubbed, as: UTF8.self) }
        // The fragment is a credential's last bytes, so what follows starts a character.
        return "…" + String(decoding: scrubbed.dropFirst(fragment), as: UTF8.self)
    }

    /// The length of the longest end (or start) of `bytes` that is the start (or end) of a
    /// form: what a cut may have left of a credential. Any length counts, down to one byte:
    /// dropping a character too many from a message costs nothing.
    private func longestFragment(of bytes: [UInt8], atEnd: Bool) -> Int {
        var longest = 0
        for form in allForms {
            var length = min(form.count - 1, bytes.count)
            while length > longest {
                let matches = atEnd ? bytes.suffix(length).elementsEqual(form.prefix(length))
                                    : bytes.prefix(length).elementsEqual(form.suffix(length))
                if matches {
                    longest = length
                    break
                }
                length -= 1
            }
        }
        return longest
    }

    /// Whether there is anything to scrub.
    public var isEmpty: Bool { index.isEmpty }

    /// `text` with every form of every credential replaced.
    public func scrub(_ text: String) -> String {
        guard !index.isEmpty else { return text }
        var bytes = Array(text.utf8)
        var out: [UInt8] = []
        let changed = bytes.withUnsafeMutableBufferPointer { buffer in
            scrub(UnsafeBufferPointer(buffer), isLast: true, into: &out).changed
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }


    /// Scans `buffer` and appends to `out` the scrubbed bytes it can decide on. When `isLast`
    /// is false, a position is decided only when every form starting there would fit in
    /// `buffer`, so the bytes not consumed (returned) must be scanned again with what follows;
    /// the result is then the same as scrubbing the whole text at once. `changed` says whether
    /// anything was replaced (when nothing was, `out` is left empty, unless `alwaysCopy` asks for
    /// every consumed byte, as a file written through the redactor does).
    package func scrub(_ buffer: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: inout [UInt8],
               alwaysCopy: Bool = false) -> (consumed: Int, changed: Bool) {
        let count = buffer.count
        // Every form is at least 8 bytes long; a 4-byte key needs 4 bytes.
        let limit = isLast ? count - 4 : count - max(4, longestForm)
        var position = 0
        var copiedUpTo = 0
        var changed = false
        let probeOffset = shortestForm == Int.max ? 0 : shortestForm - 4
        while position <= limit {
            let probe = position + probeOffset
            if probe + 3 < count {
                let key = UInt32(buffer[probe]) << 24 | UInt32(buffer[probe + 1]) << 16
                    | UInt32(buffer[probe + 2]) << 8 | UInt32(buffer[probe + 3])
                let slot = Self.innerSlot(key)
                if holdsKey[slot >> 6] & (1 << UInt64(slot & 63)) == 0 {
                    // No form starts at position…probe (see `holdsKey`).
                    position = probe + 1
                    continue
                }
            }
            guard startsForm[Int(buffer[position])] else {
                position += 1
                continue
            }
            let key = UInt32(buffer[position]) << 24 | UInt32(buffer[position + 1]) << 16
                | UInt32(buffer[position + 2]) << 8 | UInt32(buffer[position + 3])
            let slot = Self.keySlot(key)
            guard startsKey[slot >> 6] & (1 << UInt64(slot & 63)) != 0,
                  let candidates = index[key],
                  let match = candidates.first(where: { Self.matches($0.form, in: buffer, at: position) }) else {
                position += 1
                continue
            }
            if !changed && !alwaysCopy { out.reserveCapacity(count) }
            changed = true
            out += buffer[copiedUpTo..<position]
            out += match.replacement
            position += match.form.count
            copiedUpTo = position
        }
        let consumed = isLast ? count : max(position, copiedUpTo)
        if changed || alwaysCopy { out += buffer[copiedUpTo..<consumed] }
        return (consumed, changed)
    }

    private static func matches(_ form: [UInt8], in buffer: UnsafeBufferPointer<UInt8>, at position: Int) -> Bool {
        guard position + form.count <= buffer.count else { return false }
        for offset in form.indices where buffer[position + offset] != form[offset] { return false }
        return true
    }

    /// A 16-bit hash of a form's first four bytes (the top bits of a multiplicative hash).
    private static func keySlot(_ key: UInt32) -> Int { Int((key &* 0x9E37_79B1) >> 16) }

    /// An 18-bit hash of four bytes of a form (``holdsKey``).
    private static func innerSlot(_ key: UInt32) -> Int { Int((key &* 0x85EB_CA77) >> 14) }

    private static func key(_ bytes: [UInt8], at position: Int) -> UInt32 {
        UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16 | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }
}
