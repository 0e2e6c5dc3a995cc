/// Input that sigconform cannot use: a file that is unreadable, malformed, or says something
/// impossible. Always names the file, the place in it, what is wrong and how to fix it.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or `<stdin>`, `<line N>`) the problem is in.
    public var file: String
    /// Line and column, when known.
    public var location: SourceLocation?
    /// RFC 6901 pointer to the offending value, when known.
    public var pointer: String?
    /// What is wrong.
    public var message: String
    /// How to fix it.
    public var hint: String?
    /// The member's name when the problem is a member the format does not know (a typo, most
    /// often); lets tools such as `lint` drop it and read on.
    public var unknownMember: String?
    /// For an unknown member: the known member it is most likely a misspelling of.
    public var suggestedMember: String?

    public init(file: String, location: SourceLocation? = nil, pointer: String? = nil, message: String, hint: String? = nil,
                unknownMember: String? = nil, suggestedMember: String? = nil) {
        self.file = file
        self.location = location
        self.pointer = pointer.map(Self.clipped)
        self.message = Self.clipped(message)
        self.hint = hint.map(Self.clipped)
        self.unknownMember = unknownMember
        self.suggestedMember = suggestedMember
    }

    /// Messages quote what the file says; a hostile file can say megabytes. Long text keeps its
    /// start and end, so the message still reads, and says how much was left out.
    static func clipped(_ text: String) -> String {
        let limit = 400
        guard text.utf8.count > limit else { return text }
        let characters = text.count
        guard characters > limit else { return text }
        return String(text.prefix(limit / 2)) + " … [\(characters - limit) characters omitted] … " + String(text.suffix(limit / 2))
    }

    public var description: String {
        var text = file
        if let location { text += ":\(location)" }
        text += ": "
        if let pointer, !pointer.isEmpty { text += "\(pointer): " }
        text += message
        if let hint { text += " — \(hint)" }
        return text
    }
}

/// Suggests the closest known name for a misspelt or shortened one: a case-only difference
/// first, then the shortest name that starts with what was typed (`okx` → `okx-v5`, not the
/// closer-spelt `htx`), then the nearest by edit distance (at most 2).
public func nearestName(to name: String, in candidates: some Sequence<String>) -> String? {
    let typed = name.lowercased()
    var prefixed: String?
    var best: (name: String, distance: Int)?
    for candidate in candidates {
        let known = candidate.lowercased()
        if known == typed { return candidate }
        if typed.count >= 2, known.hasPrefix(typed), candidate.count < (prefixed?.count ?? .max) { prefixed = candidate }
        let distance = editDistance(Array(typed.unicodeScalars), Array(known.unicodeScalars))
        if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return prefixed ?? best?.name
}

/// The hint for an unknown venue id: the nearest known id, if any, and every known id.
public func unknownVenueHint(_ id: String, known: [String]) -> String {
    let list = "known venues: \(known.joined(separator: ", "))"
    return nearestName(to: id, in: known).map { "did you mean \"\($0)\"? \(list)" } ?? list
}

func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
