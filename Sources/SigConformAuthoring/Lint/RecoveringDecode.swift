import SigConformCore

/// Runs a strict decoder over and over, taking out what it objects to, so that one `lint` pass
/// reports every unknown member and every independent mistake instead of the first one only.
///
/// After an error at a pointer inside `base`, the object member holding the offending value is
/// removed and decoding starts again; a misspelt member with an obvious intended name ("methd")
/// is renamed to it instead, so what follows is checked as the author meant it. A later
/// complaint that a removed member is missing is the echo of the removal, not a new mistake: the
/// member is then put back as an empty stand-in of its type ("", {}, []) so decoding reaches the
/// members after it, and a complaint about the stand-in itself ends the recovery silently.
/// Errors at `base` itself (the whole vector or file is unusable) end it too.
struct RecoveringDecode<Output> {
    /// What the decoder finally produced: nil when an error could not be recovered from, or when
    /// a stand-in took the place of a required value (the output would hold made-up data).
    var output: Output?
    /// Every error, in the order found.
    var errors: [InputError]
    /// The value with the offending members removed.
    var cleaned: JSONValue

    static var maximumRounds: Int { 64 }

    init(_ value: JSONValue, base: String, decode: (JSONValue) throws(InputError) -> Output) {
        var current = value
        var errors: [InputError] = []
        var removed: [(parent: String, key: String, tokens: [String], original: JSONValue)] = []
        var standIns: [String] = []
        output = nil
        for _ in 0..<Self.maximumRounds {
            do {
                output = try decode(current)
                break
            } catch {
                let pointer = error.pointer ?? base
                if standIns.contains(where: { pointer == $0 || pointer.hasPrefix($0 + "/") }) { break }
                if let echo = removed.firstIndex(where: { $0.parent == pointer && error.message.contains("\"\($0.key)\"") }) {
                    let member = removed.remove(at: echo)
                    guard let standIn = member.original.emptyStandIn,
                          let next = current.addingMember(member.key, standIn, under: Array(member.tokens.dropLast())) else { break }
                    standIns.append(member.parent + "/" + JSONPointer.escape(member.key))
                    current = next
                    continue
                }
                errors.append(error)
                guard pointer.hasPrefix(base + "/"), let member = Self.enclosingMember(of: String(pointer.dropFirst(base.count)), in: current) else { break }
                if error.unknownMember == member.key, let intended = error.suggestedMember,
                   let renamed = current.renamingMember(at: member.tokens, to: intended) {
                    current = renamed
                    continue
                }
                guard let original = current.member(at: member.tokens), let next = current.removingMember(at: member.tokens) else { break }
                removed.append((base + member.parent, member.key, member.tokens, original))
                current = next
            }
        }
        if !standIns.isEmpty { output = nil }
        self.errors = errors
        cleaned = current
    }

    /// The nearest object member at or above `pointer` (relative to `value`): removing an array
    /// element would shift the pointers, and so the locations, of the elements after it.
    static func enclosingMember(of pointer: String, in value: JSONValue) -> (tokens: [String], parent: String, key: String)? {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map(JSONPointer.unescape)
        var node = value
        var lastMember: Int?
        for (index, token) in tokens.enumerated() {
            switch node {
            case .object(let members):
                guard let child = members.first(where: { $0.key == token })?.value else { return nil }
                lastMember = index
                node = child
            case .array(let elements):
                guard let position = Int(token), elements.indices.contains(position) else { return nil }
                node = elements[position]
            default: return nil
            }
        }
        guard let lastMember else { return nil }
        let kept = Array(tokens[...lastMember])
        let parent = kept.dropLast().map { "/" + JSONPointer.escape($0) }.joined()
        return (kept, parent, kept[lastMember])
    }
}

extension JSONPointer {
    /// One reference token with its `~1` and `~0` escapes undone.
    static func unescape(_ token: Substring) -> String {
        token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
    }

    static func escape(_ token: String) -> String {
        token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

extension JSONValue {
    /// An empty value of this value's type, to stand in for a required member that was removed.
    var emptyStandIn: JSONValue? {
        switch self {
        case .string: .string("")
        case .object: .object([])
        case .array: .array([])
        case .bool: .bool(false)
        case .number: .number("0")
        case .null: nil
        }
    }

    /// The value at `tokens` (object member names and array indices).
    func member(at tokens: [String]) -> JSONValue? {
        guard let first = tokens.first else { return self }
        switch self {
        case .object(let members): return members.first { $0.key == first }?.value.member(at: Array(tokens.dropFirst()))
        case .array(let elements):
            guard let index = Int(first), elements.indices.contains(index) else { return nil }
            return elements[index].member(at: Array(tokens.dropFirst()))
        default: return nil
        }
    }

    /// This value with `key: value` appended to the object at `parent`.
    func addingMember(_ key: String, _ value: JSONValue, under parent: [String]) -> JSONValue? {
        guard let first = parent.first else {
            guard case .object(let members) = self, !members.contains(where: { $0.key == key }) else { return nil }
            return .object(members + [(key, value)])
        }
        switch self {
        case .object(var members):
            guard let index = members.firstIndex(where: { $0.key == first }),
                  let inner = members[index].value.addingMember(key, value, under: Array(parent.dropFirst())) else { return nil }
            members[index].value = inner
            return .object(members)
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index),
                  let inner = elements[index].addingMember(key, value, under: Array(parent.dropFirst())) else { return nil }
            elements[index] = inner
            return .array(elements)
        default:
            return nil
        }
    }

    /// This value with the object member `tokens` names renamed to `name`; nil when the object
    /// already has a member of that name (renaming would hide one of them).
    func renamingMember(at tokens: [String], to name: String) -> JSONValue? {
        editingMember(at: tokens) { members, index in
            guard !members.contains(where: { $0.key == name }) else { return nil }
            var edited = members
            edited[index].key = name
            return edited
        }
    }

    /// This value without the object member `tokens` names.
    func removingMember(at tokens: [String]) -> JSONValue? {
        editingMember(at: tokens) { members, index in
            var edited = members
            edited.remove(at: index)
            return edited
        }
    }

    /// This value with the members of the object holding `tokens`' member replaced by what `edit`
    /// makes of them (given them and the member's index); nil when there is no such member or `edit` refuses.
    func editingMember(
        at tokens: [String], _ edit: ([(key: String, value: JSONValue)], Int) -> [(key: String, value: JSONValue)]?
    ) -> JSONValue? {
        guard let first = tokens.first else { return nil }
        switch self {
        case .object(var members):
            guard let index = members.firstIndex(where: { $0.key == first }) else { return nil }
            if tokens.count == 1 {
                guard let edited = edit(members, index) else { return nil }
                members = edited
            } else {
                guard let inner = members[index].value.editingMember(at: Array(tokens.dropFirst()), edit) else { return nil }
                members[index].value = inner
            }
            return .object(members)
        case .array(var elements):
            guard let index = Int(first), elements.indices.contains(index), tokens.count > 1,
                  let inner = elements[index].editingMember(at: Array(tokens.dropFirst()), edit) else { return nil }
            elements[index] = inner
            return .array(elements)
        default:
            return nil
        }
    }
}
