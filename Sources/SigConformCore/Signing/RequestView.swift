import SigConformMAC

/// Read access to a request's parts the way a venue's server sees them: query items, form or
/// JSON body members, header parameters, with the signature taken out where it travels inside
/// the request.
package struct RequestView: Sendable {
    package let request: HTTPRequest
    /// The query items without the signature parameter.
    package let queryItems: [QueryItem]
    /// The query as sent, minus the signature parameter.
    package let unsignedQuery: String
    /// The body as sent, minus a form signature field.
    package let unsignedBody: String
    /// The observed signature, when the request carries one.
    package let observedSignature: String?
    let jsonBody: JSONValue?
    let formItems: [QueryItem]

    /// Splits `request`; `signature` says where the venue carries the signature (nil for bearer APIs).
    package init(_ request: HTTPRequest, signature: FieldLocation?) {
        self.request = request
        var query = QueryItem.split(request.query)
        let bodyLooksLikeJSON = request.body.first.map { $0 == "{" || $0 == "[" } ?? false
        var form = bodyLooksLikeJSON ? [] : QueryItem.split(request.body)
        var json: JSONValue?
        if bodyLooksLikeJSON, let document = try? JSONParser(recordsLocations: false).parse(request.body) { json = document.root }
        var observed: String?
        var unsignedQuery = request.query
        var unsignedBody = request.body

        func takeLast(_ name: String, from items: inout [QueryItem]) -> String? {
            guard let index = items.lastIndex(where: { $0.key == name }) else { return nil }
            // A signature never holds a space: a '+' in it is base64's '+', not form encoding's space.
            let value = PercentEncoding.decode(items[index].rawValue, plusIsSpace: false)
            items.remove(at: index)
            return value
        }
        switch signature {
        case .query(let name)?:
            if let value = takeLast(name, from: &query) { observed = value; unsignedQuery = QueryItem.join(query) }
        case .parameter(let name)?:
            if let value = takeLast(name, from: &query) {
                observed = value
                unsignedQuery = QueryItem.join(query)
            } else if let value = takeLast(name, from: &form) {
                observed = value
                unsignedBody = QueryItem.join(form)
            }
        case .body(let name)?:
            if json != nil {
                observed = json?[name]?.stringValue
            } else if let value = takeLast(name, from: &form) {
                observed = value
                unsignedBody = QueryItem.join(form)
            }
        case let location?:
            observed = Self.read(location, request: request, json: json, query: query, form: form)
        case nil:
            break
        }
        self.queryItems = query
        self.unsignedQuery = unsignedQuery
        self.unsignedBody = unsignedBody
        self.observedSignature = observed
        self.jsonBody = json
        self.formItems = form
    }

    /// The value at `location`, decoded as the server would read it; `nil` when absent.
    package func value(at location: FieldLocation) -> String? {
        Self.read(location, request: request, json: jsonBody, query: queryItems, form: formItems)
    }

    /// A top-level JSON body member as text (strings unquoted, other values as written), or a form field's raw value.
    package func bodyMember(_ name: String) -> String? {
        if let jsonBody { return jsonBody[name].map(Self.text) }
        return formItems.last { $0.key == name }?.rawValue
    }

    /// The JSON body member `name`, when the body is JSON.
    package func jsonMember(_ name: String) -> JSONValue? { jsonBody?[name] }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): s
        case .number(let n): n
        case .bool(let b): b ? "true" : "false"
        case .null: "null"
        case .array, .object: JSONWriter.compact(value)
        }
    }

    static func read(_ location: FieldLocation, request: HTTPRequest, json: JSONValue?, query: [QueryItem], form: [QueryItem]) -> String? {
        switch location {
        case .header(let name, let prefix):
            guard let value = request.headers[name] else { return nil }
            guard !prefix.isEmpty else { return value }
            return value.hasPrefix(prefix) ? String(value.dropFirst(prefix.count)) : nil
        case .headerParameter(let header, let scheme, let parameter):
            guard let value = request.headers[header] else { return nil }
            return headerParameters(value, scheme: scheme)?.last { $0.name == parameter }?.value
        case .encodedHeaderMember(let header, let member):
            guard let value = request.headers[header], let bytes = Base64.decode(value),
                  let document = try? JSONParser().parse(bytes), let found = document.root[member] else { return nil }
            return text(found)
        case .query(let name):
            return query.last { $0.key == name }?.value
        case .body(let name):
            if let json { return json[name].map(text) }
            return form.last { $0.key == name }?.value
        case .parameter(let name):
            return query.last { $0.key == name }?.value ?? form.last { $0.key == name }?.value
        }
    }
}

extension RequestView {
    /// The `k=v` items of a `<scheme> k=v,k=v` header value, in order, names and values trimmed
    /// (items may be separated by `,` or `, `); nil when the value lacks the scheme. This is how
    /// the venue reads the header (Deribit): field order and spacing carry no meaning.
    package static func headerParameters(_ value: String, scheme: String) -> [(name: String, value: String)]? {
        var rest = Substring(value)
        if !scheme.isEmpty {
            guard rest.hasPrefix(scheme) else { return nil }
            rest = rest.dropFirst(scheme.count)
        }
        return rest.split(separator: ",").compactMap { item in
            let pair = item.split(separator: "=", maxSplits: 1)
            return pair.count == 2 ? (pair[0].trimmingSpaces(), pair[1].trimmingSpaces()) : nil
        }
    }
}

extension Substring {
    func trimmingSpaces() -> String { String(self).trimmingSpaces() }
}
