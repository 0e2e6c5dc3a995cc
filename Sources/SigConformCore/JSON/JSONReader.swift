/// Typed access to a parsed JSON document that turns every type mismatch, missing member or
/// unknown member into an ``InputError`` with file, line:column and JSON pointer.
///
/// Pointers are taken as autoclosures: they are built only for an error, not for every value read.
public struct JSONReader: Sendable {
    public let file: String
    public let document: JSONDocument

    public init(file: String, document: JSONDocument) {
        self.file = file
        self.document = document
    }

    /// An error located at `pointer`.
    public func error(_ pointer: String, _ message: String, hint: String? = nil) -> InputError {
        InputError(file: file, location: document.location(of: pointer), pointer: pointer, message: message, hint: hint)
    }

    /// The members of the object `value`, checking that no member outside `allowed` is present
    /// (a misspelt member would otherwise be silently ignored, and a vector could check nothing).
    /// Members whose name starts with `$` (`$schema`, `$comment`) are annotations for editors and
    /// people: allowed everywhere, and left out of the result so no decoder mistakes one for data.
    public func members(
        _ value: JSONValue, at pointer: @autoclosure () -> String, allowed: Set<String>
    ) throws(InputError) -> [(key: String, value: JSONValue)] {
        guard let members = value.objectMembers else {
            throw error(pointer(), "expected an object, found \(value.typeName)")
        }
        var annotated = false
        for member in members where !allowed.contains(member.key) {
            if member.key.hasPrefix("$") {
                annotated = true
                continue
            }
            let suggestion = nearestName(to: member.key, in: allowed)
            var unknown = error(
                JSONPointer.appending(pointer(), member.key), "unknown member \"\(member.key)\"",
                hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "known members: \(allowed.sorted().joined(separator: ", "))")
            unknown.unknownMember = member.key
            unknown.suggestedMember = suggestion
            throw unknown
        }
        return annotated ? members.filter { !$0.key.hasPrefix("$") } : members
    }

    public func string(_ value: JSONValue, at pointer: @autoclosure () -> String) throws(InputError) -> String {
        guard case .string(let text) = value else { throw error(pointer(), "expected a string, found \(value.typeName)") }
        return text
    }

    /// An integer written as a JSON number (or a string of digits, as venues often send them).
    public func integer(_ value: JSONValue, at pointer: @autoclosure () -> String) throws(InputError) -> Int64 {
        let text: String
        switch value {
        case .number(let n): text = n
        case .string(let s): text = s
        default: throw error(pointer(), "expected an integer, found \(value.typeName)")
        }
        guard let integer = Int64(text) else {
            throw error(pointer(), "expected an integer in the 64-bit range, found \(text)", hint: "milliseconds since the epoch are integers")
        }
        return integer
    }

    public func stringArray(_ value: JSONValue, at pointer: @autoclosure () -> String) throws(InputError) -> [String] {
        guard case .array(let elements) = value else { throw error(pointer(), "expected an array of strings, found \(value.typeName)") }
        var out: [String] = []
        for (index, element) in elements.enumerated() {
            out.append(try string(element, at: JSONPointer.appending(pointer(), index)))
        }
        return out
    }

    /// An object whose members are all strings, in source order.
    public func stringPairs(_ value: JSONValue, at pointer: @autoclosure () -> String) throws(InputError) -> [(String, String)] {
        guard let members = value.objectMembers else { throw error(pointer(), "expected an object, found \(value.typeName)") }
        var out: [(String, String)] = []
        for member in members {
            out.append((member.key, try string(member.value, at: JSONPointer.appending(pointer(), member.key))))
        }
        return out
    }
}
