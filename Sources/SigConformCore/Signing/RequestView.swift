import SigConformMAC

/// Read access to a request's parts the way a venue's server sees them: query items, form or
/// JSON body members, header parameters, with the signature taken out where it travels inside
/// the request.
package struct RequestView: Sendable {
    /// The parsed forms of a request's query and body a reader asks for: a view splits or
    /// parses up front only those (and what finding the signature takes); the others are
    /// made again on each read. `check` reads a few values per request, and splitting every
    /// query and parsing every JSON body whatever the venue signs was a tenth of its
    /// evaluation (issue 20).
    package struct Parts: OptionSet, Sendable {
        package let rawValue: UInt8
        package init(rawValue: UInt8) { self.rawValue = rawValue }
        package static let queryItems = Parts(rawValue: 1)
        package static let formItems = Parts(rawValue: 2)
        package static let jsonBody = Parts(rawValue: 4)
        package static let all: Parts = [.queryItems, .formItems, .jsonBody]

        /// What reading a value at `location` takes: a JSON body parsed. A named query or form
        /// item is found in the text's bytes (``QueryItem/last(named:in:skipping:)``), which
        /// needs no items split.
        package static func reading(_ location: FieldLocation?) -> Parts {
            switch location {
            case .body?: .jsonBody
            case .query?, .parameter?, .header?, .headerParameter?, .encodedHeaderMember?, nil: []
            }
        }
    }

    package let request: HTTPRequest
    /// The query as sent, minus the signature parameter.
    package let unsignedQuery: String
    /// The body as sent, minus a form signature field.
    package let unsignedBody: String
    /// The observed signature, when the request carries one.
    package let observedSignature: String?
    /// The query items without the signature parameter, when split up front.
    private let splitQuery: [QueryItem]?
    /// The form items without a signature field, when split up front.
    private let splitForm: [QueryItem]?
    /// The JSON body, when parsed up front (nil inside: not JSON).
    private let parsedJSON: JSONValue??
    /// The name of the signature item taken out of the query or of the form body, if one was:
    /// an unsplit part's reads pass over it.
    private let takenFromQuery: String?
    private let takenFromForm: String?

    /// Splits `request`; `signature` says where the venue carries the signature (nil for bearer APIs).
    package init(_ request: HTTPRequest, signature: FieldLocation?) {
        self.init(request, signature: signature, parts: .all)
    }

    /// Splits `request`, up front only `parts` and what finding the signature takes.
    package init(_ request: HTTPRequest, signature: FieldLocation?, parts: Parts) {
        self.request = request
        let parts = parts.union(.reading(signature))
        let bodyLooksLikeJSON = Self.looksLikeJSON(request.body)
        var query = parts.contains(.queryItems) ? QueryItem.split(request.query) : nil
        var form = parts.contains(.formItems) ? (bodyLooksLikeJSON ? [] : QueryItem.split(request.body)) : nil
        let json: JSONValue?? = parts.contains(.jsonBody) ? .some(bodyLooksLikeJSON ? Self.parseJSON(request.body) : nil) : nil
        var observed: String?
        var unsignedQuery = request.query
        var unsignedBody = request.body

        var takenFromQuery: String?
        var takenFromForm: String?

        /// Takes the last item called `name` out of `items` and `text` (which they were split
        /// from); without items, out of the text's bytes alone.
        func takeLast(_ name: String, from items: inout [QueryItem]?, text: inout String, isForm: Bool) -> String? {
            // A signature never holds a space: a '+' in it is base64's '+', not form encoding's space.
            if items == nil, !(isForm && bodyLooksLikeJSON), let found = QueryItem.last(named: name, in: text) {
                guard let found else { return nil }
                let value = PercentEncoding.decode(QueryItem.slice(text, found.valueStart, found.end), plusIsSpace: false)
                text = QueryItem.removing(found, from: text)
                return value
            }
            if items == nil { items = isForm ? (bodyLooksLikeJSON ? [] : QueryItem.split(text)) : QueryItem.split(text) }
            guard let index = items?.lastIndex(where: { $0.key == name }) else { return nil }
            let value = PercentEncoding.decode(items![index].rawValue, plusIsSpace: false)
            text = QueryItem.removing(index, of: items!, from: text)
            items!.remove(at: index)
            return value
        }
        func takeFromQuery(_ name: String) -> String? {
            let value = takeLast(name, from: &query, text: &unsignedQuery, isForm: false)
            if value != nil { takenFromQuery = name }
            return value
        }
        func takeFromForm(_ name: String) -> String? {
            let value = takeLast(name, from: &form, text: &unsignedBody, isForm: true)
            if value != nil { takenFromForm = name }
            return value
        }
        switch signature {
        case .query(let name)?:
            observed = takeFromQuery(name)
        case .parameter(let name)?:
            observed = takeFromQuery(name) ?? takeFromForm(name)
        case .body(let name)?:
            if let json = json ?? nil {
                observed = json[name]?.stringValue
            } else {
                observed = takeFromForm(name)
            }
        case let location?:
            observed = Self.read(location, request: request, json: { nil }, query: { _ in nil }, form: { _ in nil })
        case nil:
            break
        }
        self.splitQuery = query
        self.splitForm = form
        self.parsedJSON = json
        self.unsignedQuery = unsignedQuery
        self.unsignedBody = unsignedBody
        self.observedSignature = observed
        self.takenFromQuery = takenFromQuery
        self.takenFromForm = takenFromForm
    }

    /// The query items without the signature parameter.
    package var queryItems: [QueryItem] { splitQuery ?? Self.split(request.query, without: takenFromQuery) }

    /// The form body's items without a form signature field; none for a JSON body.
    var formItems: [QueryItem] { splitForm ?? (Self.looksLikeJSON(request.body) ? [] : Self.split(request.body, without: takenFromForm)) }

    /// The items of `text` without the last one called `taken`, the signature taken out of it.
    static func split(_ text: String, without taken: String?) -> [QueryItem] {
        var items = QueryItem.split(text)
        if let taken, let index = items.lastIndex(where: { $0.key == taken }) { items.remove(at: index) }
        return items
    }

    /// The decoded value of the last query item called `name`, the signature passed over.
    func queryValue(_ name: String) -> String? {
        if let splitQuery { return splitQuery.last { $0.key == name }?.value }
        return Self.lastValue(name, in: request.query, passingSignature: takenFromQuery) ?? queryItems.last { $0.key == name }?.value
    }

    /// The decoded value of the last form item called `name`, the signature passed over; none for a JSON body.
    func formValue(_ name: String) -> String? {
        if let splitForm { return splitForm.last { $0.key == name }?.value }
        guard !Self.looksLikeJSON(request.body) else { return nil }
        return Self.lastValue(name, in: request.body, passingSignature: takenFromForm) ?? formItems.last { $0.key == name }?.value
    }

    /// `.some(value)` found in the bytes of `text` (see ``QueryItem/last(named:in:skipping:)``);
    /// nil when they cannot answer.
    static func lastValue(_ name: String, in text: String, passingSignature taken: String?) -> String?? {
        guard let found = QueryItem.last(named: name, in: text, skipping: taken == name ? 1 : 0) else { return nil }
        return .some(found.map { PercentEncoding.decode(QueryItem.slice(text, $0.valueStart, $0.end)) })
    }

    /// The body as JSON, when it is JSON.
    var jsonBody: JSONValue? { parsedJSON ?? (Self.looksLikeJSON(request.body) ? Self.parseJSON(request.body) : nil) }

    /// Whether the body's first character is `{` or `[`.
    static func looksLikeJSON(_ body: String) -> Bool {
        let utf8 = body.utf8
        guard let first = utf8.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        // A mark after the bracket makes one Character with it, which is then not `{`; no ASCII
        // byte joins one, so only a non-ASCII second byte needs the Character.
        guard let second = utf8.dropFirst().first, second >= 0x80 else { return true }
        return body.first == "{" || body.first == "["
    }

    static func parseJSON(_ body: String) -> JSONValue? {
        (try? JSONParser(recordsLocations: false).parse(body))?.root
    }

    /// The value at `location`, decoded as the server would read it; `nil` when absent.
    package func value(at location: FieldLocation) -> String? {
        // Closures, not the methods themselves: a method reference copies the view (issue 20).
        Self.read(location, request: request, json: { jsonBody }, query: { queryValue($0) }, form: { formValue($0) })
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

    /// The value at `location`; the parsed parts are asked for only when the location is in them.
    static func read(_ location: FieldLocation, request: HTTPRequest, json: () -> JSONValue?,
                     query: (String) -> String?, form: (String) -> String?) -> String? {
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
            return query(name)
        case .body(let name):
            if let json = json() { return json[name].map(text) }
            return form(name)
        case .parameter(let name):
            return query(name) ?? form(name)
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
