import Foundation
import SigConformMAC

extension HTTPRequest {
    /// A copy of the request with the value at `location` replaced by `value` (written the way
    /// that location carries values: percent-encoded in a query, raw text in JSON), or `nil` when
    /// the request has no value there to replace.
    ///
    /// Used to ask "what if the client had put another timestamp here?" without rebuilding the
    /// request: every other byte stays as sent.
    package func replacing(_ location: FieldLocation, with value: String) -> HTTPRequest? {
        var copy = self
        switch location {
        case .header(let name, let prefix):
            guard headers[name] != nil else { return nil }
            copy.headers.set(name, prefix + value)
        case .headerParameter(let header, _, let parameter):
            guard let sent = headers[header] else { return nil }
            copy.headers.set(header, Self.replacingHeaderParameter(parameter, in: sent, with: value))
        case .encodedHeaderMember(let header, let member):
            guard let sent = headers[header], let bytes = Base64.decode(sent),
                  let text = String(validating: bytes, as: UTF8.self),
                  let edited = Self.replacingJSONMember(member, in: text, with: value) else { return nil }
            copy.headers.set(header, Base64.encode(Array(edited.utf8)))
        case .query(let name):
            guard let edited = Self.replacingItem(name, in: query, with: value) else { return nil }
            copy.query = edited
        case .body(let name):
            guard let edited = Self.replacingJSONMember(name, in: body, with: value) ?? Self.replacingItem(name, in: body, with: value) else { return nil }
            copy.body = edited
        case .parameter(let name):
            if let edited = Self.replacingItem(name, in: query, with: value) {
                copy.query = edited
            } else if let edited = Self.replacingItem(name, in: body, with: value) {
                copy.body = edited
            } else {
                return nil
            }
        }
        return copy
    }

    static func replacingItem(_ name: String, in text: String, with value: String) -> String? {
        var items = QueryItem.split(text)
        guard let index = items.lastIndex(where: { $0.key == name }) else { return nil }
        items[index] = QueryItem(raw: items[index].rawKey + "=" + PercentEncoding.encode(value))
        return QueryItem.join(items)
    }

    /// Replaces the text of a top-level JSON member's value, keeping every other byte; numbers
    /// stay numbers and strings stay strings.
    static func replacingJSONMember(_ name: String, in text: String, with value: String) -> String? {
        guard text.first == "{", let document = try? JSONParser(recordsLocations: false).parse(text), let current = document.root[name] else { return nil }
        let needle: String
        let replacement: String
        switch current {
        case .string(let s):
            needle = JSONWriter.compact(.string(s))
            replacement = JSONWriter.compact(.string(value))
        case .number(let n):
            needle = n
            replacement = value
        default: return nil
        }
        let key = JSONWriter.compact(.string(name))
        guard let keyRange = text.range(of: key) else { return nil }
        let after = text[keyRange.upperBound...]
        guard let valueRange = after.range(of: needle) else { return nil }
        return String(text[..<valueRange.lowerBound]) + replacement + String(text[valueRange.upperBound...])
    }

    static func replacingHeaderParameter(_ parameter: String, in header: String, with value: String) -> String {
        guard let range = header.range(of: parameter + "=") else { return header }
        let rest = header[range.upperBound...]
        let end = rest.firstIndex(of: ",") ?? rest.endIndex
        return String(header[..<range.upperBound]) + value + String(rest[end...])
    }
}
