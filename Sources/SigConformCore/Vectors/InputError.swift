/// Input that sigconform cannot use, thrown where an `Error` is needed: a file that is
/// unreadable, malformed, or says something impossible. It carries ``Diagnostic``s (a strict
/// reader stops at the first; a collecting decoder hands every one); the properties below read
/// the first, the one a strict reader stopped at.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Never empty.
    public private(set) var diagnostics: [Diagnostic]
    /// A collecting reader's "cannot go on": its diagnostics are in the reader's log already.
    var isLogged = false

    public init(file: String, location: SourceLocation? = nil, pointer: String? = nil, message: String, hint: String? = nil,
                code: Diagnostic.Code = .structure) {
        diagnostics = [Diagnostic(code, file: file, location: location, pointer: pointer, message: message, fix: hint)]
    }

    /// `diagnostics` must hold at least one error.
    package init(_ diagnostics: [Diagnostic]) {
        precondition(!diagnostics.isEmpty, "an input error says what is wrong")
        self.diagnostics = diagnostics
    }

    /// The file (or `<stdin>`, `<line N>`) the problem is in.
    public var file: String {
        get { diagnostics[0].file }
        set { diagnostics[0].file = newValue }
    }
    /// Line and column, when known.
    public var location: SourceLocation? {
        get { diagnostics[0].location }
        set { diagnostics[0].location = newValue }
    }
    /// RFC 6901 pointer to the offending value, when known.
    public var pointer: String? {
        get { diagnostics[0].pointer }
        set { diagnostics[0].pointer = newValue }
    }
    /// What is wrong.
    public var message: String {
        get { diagnostics[0].message }
        set { diagnostics[0].message = newValue }
    }
    /// How to fix it.
    public var hint: String? {
        get { diagnostics[0].fix }
        set { diagnostics[0].fix = newValue }
    }

    /// `file:line:column: pointer: message — hint`, the one-line form reports quote.
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
///
/// Candidates often come from a set or a dictionary's keys, whose order changes from run to
/// run; ties are broken by the names' order, so the same input always gets the same suggestion.
public func nearestName(to name: String, in candidates: some Sequence<String>) -> String? {
    let typed = name.lowercased()
    var sameLetters: String?
    var prefixed: String?
    var best: (name: String, distance: Int)?
    /// Whether `candidate` ranks before `current` by `rank` (smaller first), then by name.
    func before(_ candidate: String, _ current: String?, rank: (String) -> Int) -> Bool {
        guard let current else { return true }
        return (rank(candidate), candidate) < (rank(current), current)
    }
    for candidate in candidates {
        let known = candidate.lowercased()
        if known == typed {
            if before(candidate, sameLetters, rank: { _ in 0 }) { sameLetters = candidate }
            continue
        }
        if typed.count >= 2, known.hasPrefix(typed), before(candidate, prefixed, rank: \.count) { prefixed = candidate }
        let distance = editDistance(Array(typed.unicodeScalars), Array(known.unicodeScalars))
        if distance <= 2, best.map({ (distance, candidate) < ($0.distance, $0.name) }) ?? true { best = (candidate, distance) }
    }
    return sameLetters ?? prefixed ?? best?.name
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
