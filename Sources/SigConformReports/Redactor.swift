import SigConformCore
import SigConformDiagnosis

/// Removes every credential of a run from text before it is written anywhere: secrets and
/// passphrases become fingerprints, API keys become masked keys.
///
/// Reporters never format credentials on purpose; this is the second line of defence for
/// values that can legitimately contain them (a prehash that embeds the API key, a header
/// echoed from the request). It finds a credential in every form a report can carry it in:
/// raw, JSON-escaped (`\"`, `\u00e9`, `\/`), XML- and HTML-escaped (`&quot;`, `&#39;`,
/// `&#x27;`), escaped for a `<script>` element, and percent-encoded (see ``Escaping/forms(of:)``).
public struct Redactor: Sendable {
    /// Each credential form and its replacement, as UTF-8, indexed by the form's first four
    /// bytes so a report is scanned once whatever the number of credentials.
    private var index: [UInt32: [(form: [UInt8], replacement: [UInt8])]] = [:]
    /// Whether any form starts with this byte: most bytes of a report are skipped on this test alone.
    private var startsForm = [Bool](repeating: false, count: 256)
    /// The longest form, in bytes: how much of a piece scrubbing in pieces must hold back.
    private(set) var longestForm = 0

    /// The shortest credential scrubbed from text. Shorter values (documentation examples such
    /// as Gate.io's secret `secret`) are ordinary words that a report shows for other reasons;
    /// real exchange secrets are 32 characters or more. Reporters never format a credential of
    /// any length: this limit applies to the second line of defence only.
    public static let minimumScrubbedLength = 8

    public init(credentials: some Sequence<Credentials>) {
        // A run repeats the same few credentials in every vector: each distinct value is
        // escaped once (the escapes were most of a large run's time when done per vector).
        var seenValues: Set<String> = []
        var seen: Set<String> = []
        var pairs: [(String, String)] = []
        func add(_ value: String, _ replacement: @autoclosure () -> String) {
            guard seenValues.insert(value).inserted else { return }
            let replacement = replacement()
            for form in Escaping.forms(of: value) where seen.insert(form).inserted {
                pairs.append((form, replacement))
            }
        }
        for credential in credentials {
            // Short values are not masked inside text: they would mangle unrelated words.
            if let secret = credential.secret, secret.count >= Self.minimumScrubbedLength {
                add(secret, "[secret \(Redaction.fingerprint(secret))]")
            }
            if let passphrase = credential.passphrase, passphrase.count >= Self.minimumScrubbedLength {
                add(passphrase, "[passphrase \(Redaction.fingerprint(passphrase))]")
            }
            for (name, value) in credential.fields.sorted(by: { $0.key < $1.key }) where value.count >= Self.minimumScrubbedLength {
                add(value, "[\(name) \(Redaction.fingerprint(value))]")
            }
            if let key = credential.apiKey, key.count >= Self.minimumScrubbedLength {
                add(key, Redaction.maskKey(key))
            }
        }
        for (form, replacement) in pairs {
            let bytes = Array(form.utf8)
            index[Self.key(bytes, at: 0), default: []].append((bytes, Array(replacement.utf8)))
            startsForm[Int(bytes[0])] = true
            longestForm = max(longestForm, bytes.count)
        }
        // Longest first, so a secret that contains a key is replaced whole.
        for key in index.keys { index[key]?.sort { $0.form.count > $1.form.count } }
    }

    /// A redactor for every credential in a run.
    public init(run: RunResult) { self.init(credentials: run.verdicts.map(\.vector.credentials)) }

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
    func scrub(_ buffer: UnsafeBufferPointer<UInt8>, isLast: Bool, into out: inout [UInt8],
               alwaysCopy: Bool = false) -> (consumed: Int, changed: Bool) {
        let count = buffer.count
        // Every form is at least 8 bytes long; a 4-byte key needs 4 bytes.
        let limit = isLast ? count - 4 : count - max(4, longestForm)
        var position = 0
        var copiedUpTo = 0
        var changed = false
        while position <= limit {
            guard startsForm[Int(buffer[position])] else {
                position += 1
                continue
            }
            let key = UInt32(buffer[position]) << 24 | UInt32(buffer[position + 1]) << 16
                | UInt32(buffer[position + 2]) << 8 | UInt32(buffer[position + 3])
            guard let candidates = index[key],
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

    private static func key(_ bytes: [UInt8], at position: Int) -> UInt32 {
        UInt32(bytes[position]) << 24 | UInt32(bytes[position + 1]) << 16 | UInt32(bytes[position + 2]) << 8 | UInt32(bytes[position + 3])
    }
}
