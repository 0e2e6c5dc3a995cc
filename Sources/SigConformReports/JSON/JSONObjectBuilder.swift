import SigConformCore

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
