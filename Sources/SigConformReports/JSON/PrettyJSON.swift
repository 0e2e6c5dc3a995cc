import SigConformCore

/// Writes a ``JSONValue`` indented by two spaces, members in order: reports are read by people
/// (and diffed in review) as often as by programs.
enum PrettyJSON {
    static func write(_ value: JSONValue) -> String { write(value, indent: "") + "\n" }

    static func write(_ value: JSONValue, indent: String) -> String {
        var out = ""
        // A passed vector's entry is about 4 KB: grown once instead of doubling up from nothing.
        out.reserveCapacity(4096)
        append(value, indent: indent, to: &out)
        return out
    }

    /// `value` written at a depth of `indent` (its first line is not indented).
    static func append(_ value: JSONValue, indent: String, to out: inout String) {
        // Only containers indent their members (past 15 bytes the indent is allocated).
        var inner: String { indent + "  " }
        switch value {
        // Pieces are appended one by one: no temporary strings (a large run writes gigabytes).
        case .array(let elements) where !elements.isEmpty:
            // Arrays of scalars stay on one line: tags, class lists, file lists read better so.
            if elements.count <= 16, elements.allSatisfy(\.isScalar) {
                out += "["
                for (index, element) in elements.enumerated() {
                    if index > 0 { out += ", " }
                    JSONWriter.append(element, style: .compact, to: &out)
                }
                out += "]"
                return
            }
            out += "[\n"
            let inner = inner
            for (index, element) in elements.enumerated() {
                out += inner
                append(element, indent: inner, to: &out)
                out += index == elements.count - 1 ? "\n" : ",\n"
            }
            out += indent
            out += "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            let inner = inner
            for (index, member) in members.enumerated() {
                out += inner
                JSONWriter.append(.string(member.key), style: .compact, to: &out)
                out += ": "
                append(member.value, indent: inner, to: &out)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += indent
            out += "}"
        default:
            JSONWriter.append(value, style: .compact, to: &out)
        }
    }
}

extension JSONValue {
    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}

/// Builds JSON objects whose optional members are left out when absent.
struct JSONObjectBuilder {
    private(set) var members: [(key: String, value: JSONValue)] = []

    mutating func add(_ key: String, _ value: JSONValue) { members.append((key, value)) }
    mutating func add(_ key: String, _ value: String?) { if let value { members.append((key, .string(value))) } }
    mutating func add(_ key: String, _ value: Int?) { if let value { members.append((key, .number(String(value)))) } }
    mutating func add(_ key: String, _ value: Int64?) { if let value { members.append((key, .number(String(value)))) } }
    mutating func add(_ key: String, _ value: Bool?) { if let value { members.append((key, .bool(value))) } }
    mutating func add(_ key: String, strings: [String]) { members.append((key, .array(strings.map(JSONValue.string)))) }
    mutating func add(_ key: String, _ value: JSONValue?) { if let value { members.append((key, value)) } }

    var value: JSONValue { .object(members) }
}
