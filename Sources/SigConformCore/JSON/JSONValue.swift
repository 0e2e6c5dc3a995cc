import Foundation

/// A JSON value that keeps what sigconform needs and Foundation's parser throws away:
/// object key order, the literal text of numbers, and (in ``JSONDocument``) the line and
/// column of every value, so errors can point into the file.
public indirect enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    /// A number as written in the source (`1e-8`, `219.0` and `219` stay distinct).
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in source order.
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case let (.bool(a), .bool(b)): a == b
        case let (.number(a), .number(b)): a == b
        case let (.string(a), .string(b)): a == b
        case let (.array(a), .array(b)): a == b
        case let (.object(a), .object(b)):
            a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .number(let n): hasher.combine(n)
        case .string(let s): hasher.combine(s)
        case .array(let a): hasher.combine(a)
        case .object(let members):
            for member in members {
                hasher.combine(member.key)
                hasher.combine(member.value)
            }
        }
    }

    /// The member named `key` of an object (the first, if a file repeats it).
    public subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    public var stringValue: String? { if case .string(let s) = self { s } else { nil } }
    public var objectMembers: [(key: String, value: JSONValue)]? { if case .object(let m) = self { m } else { nil } }
    public var arrayValue: [JSONValue]? { if case .array(let a) = self { a } else { nil } }

    /// The name of this value's JSON type, for error messages.
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }
}

/// A position in a text file, 1-based.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
    public var description: String { "\(line):\(column)" }
}

/// A parsed JSON text together with the location of every value, keyed by JSON pointer (RFC 6901).
public struct JSONDocument: Sendable {
    public var root: JSONValue
    private var rootLocation: SourceLocation?
    private var table: LocationTable

    /// Start location of the value at each JSON pointer ("" is the root). Built on first use
    /// for a parsed document (see ``JSONParser/recordsLocations``).
    public var locations: [String: SourceLocation] {
        get { table.locations }
        set {
            table = LocationTable(newValue)
            rootLocation = nil
        }
    }

    public init(root: JSONValue, locations: [String: SourceLocation]) {
        self.root = root
        self.table = LocationTable(locations)
    }

    init(root: JSONValue, rootLocation: SourceLocation, locatedBy table: LocationTable) {
        self.root = root
        self.rootLocation = rootLocation
        self.table = table
    }

    /// The location of `pointer`, or of its nearest ancestor that has one.
    public func location(of pointer: String) -> SourceLocation? {
        if pointer.isEmpty, let rootLocation { return rootLocation }
        let locations = table.locations
        var current = pointer
        while true {
            if let found = locations[current] { return found }
            guard let slash = current.lastIndex(of: "/") else { return nil }
            current = String(current[..<slash])
        }
    }
}

/// The locations of a document's values: given, or built from its text the first time they are read.
final class LocationTable: @unchecked Sendable {
    private let lock = NSLock()
    private var built: [String: SourceLocation]?
    private var source: (bytes: [UInt8], limits: JSONParser.Limits)?

    init(_ locations: [String: SourceLocation]) { built = locations }
    init(source: [UInt8], limits: JSONParser.Limits) { self.source = (source, limits) }

    var locations: [String: SourceLocation] {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        // The text parsed once already, with the same limits: it parses again.
        let table = (source.flatMap { try? JSONParser(limits: $0.limits).parse($0.bytes, buildingLocations: true).2 }) ?? [:]
        built = table
        source = nil
        return table
    }
}

/// Builds RFC 6901 JSON pointers.
public enum JSONPointer {
    /// Appends one reference token, escaping `~` and `/`.
    public static func appending(_ pointer: String, _ token: String) -> String {
        // Most names need no escaping; skipping Foundation's search keeps large files fast to parse.
        guard token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return pointer + "/" + token }
        return pointer + "/" + token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
    public static func appending(_ pointer: String, _ index: Int) -> String { pointer + "/" + String(index) }
}
