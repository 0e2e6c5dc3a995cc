import SigConformCore

/// How a parameter's value in a signer's answer compares with the vector's, read as the venue
/// reads it: the same value (after decoding, numbers by value, object members in any order), the
/// same value with members the client added inside it (ccxt's own `newClientOrderId` in each
/// order of Binance's `batchOrders` JSON), or another value.
///
/// A client may add a member where it may add a parameter (its own client order id, a broker
/// tag): the venue reads every given member as given. A given member that is missing or changed,
/// or an array of another length, is another value.
enum ParameterMatch: Equatable {
    case same
    /// The same value plus members the client added, each as `path=value` (`[1].newClientOrderId="x-…"`).
    case extended([String])
    case different

    /// Compares `found` with `expected`. Text that holds a JSON object or array (a form or query
    /// value such as `batchOrders=[{…}]`) is compared as that JSON when both sides parse.
    init(expected: JSONValue, found: JSONValue) {
        var added: [String] = []
        let same = Self.compare(Self.embedded(expected) ?? expected, Self.embedded(found) ?? found, path: "", added: &added, depth: 0)
        self = !same ? .different : added.isEmpty ? .same : .extended(added)
    }

    /// The JSON a text value holds when it is an object or an array; `nil` otherwise.
    static func embedded(_ value: JSONValue) -> JSONValue? {
        guard case .string(let text) = value, let first = text.first(where: { !$0.isWhitespace }), first == "[" || first == "{",
              let document = try? JSONParser(recordsLocations: false).parse(text) else { return nil }
        switch document.root {
        case .array, .object: return document.root
        default: return nil
        }
    }

    /// Nesting this deep is not an order a client builds; it is compared as a whole.
    static let maximumDepth = 16

    private static func compare(_ expected: JSONValue, _ found: JSONValue, path: String, added: inout [String], depth: Int) -> Bool {
        guard depth < maximumDepth else { return sameParameterValue(expected, found) }
        switch (expected, found) {
        case let (.object(given), .object(answer)):
            let answerMembers = Dictionary(answer.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            for member in given {
                guard let value = answerMembers[member.key],
                      compare(member.value, value, path: path + "." + member.key, added: &added, depth: depth + 1) else { return false }
            }
            let givenNames = Set(given.map(\.key))
            for member in answer where !givenNames.contains(member.key) {
                added.append("\(path).\(member.key)=\(quoted(scalarText(member.value)))")
            }
            return true
        case let (.array(given), .array(answer)):
            guard given.count == answer.count else { return false }
            for (index, pair) in zip(given, answer).enumerated() {
                guard compare(pair.0, pair.1, path: "\(path)[\(index)]", added: &added, depth: depth + 1) else { return false }
            }
            return true
        default:
            return sameParameterValue(expected, found)
        }
    }
}
