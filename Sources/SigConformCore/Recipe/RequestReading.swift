/// How a venue reads the parts of a request that its signature does not settle: which copy of
/// a parameter sent in both the query and the body it takes, whether the order of a repeated
/// query key's values matters, and the headers that choose where a request goes (OKX's
/// `x-simulated-trading`), and where the signature parameter must sit (Binance: last).
/// `check --signer` judges a client's rewritten request by it (docs/signer.md), and `check`
/// flags a request the venue would read otherwise than it was signed; each fact carries its
/// source in the venue's notes.
public struct RequestReading: Sendable, Hashable {
    /// A part of the request a parameter can travel in.
    public enum Part: String, Sendable, Hashable, CaseIterable {
        case query
        case body
    }

    /// The copy the venue reads when a parameter is in both the query and the body; `nil` when
    /// no source says (a client that sends a parameter twice is then not given the benefit of the doubt).
    public var bothParts: Part?
    /// Whether a query key repeated with several values (`status=open&status=pending`) is a set
    /// of values, so another order asks the same; otherwise the order may matter.
    public var repeatedKeysUnordered = false
    /// Headers whose value chooses where the request goes.
    public var selectingHeaders: [SelectingHeader] = []
    /// The venue takes the signature parameter only as the last parameter of the part it travels
    /// in (Binance: "the signature is the end part of your query string or request body"); a
    /// signature followed by other parameters is not the one it verifies.
    public var signatureLast = false
    /// Methods whose body the venue does not read (upper case): it takes a GET's parameters from
    /// the query only (OKX: "GET request parameters are counted as requestPath, not body"; Bybit
    /// signs the query string for GET), so a body sent with one neither reaches the venue nor is
    /// in the text it verifies.
    public var ignoresBody: Set<String> = []
    /// Whether the venue drops the empty pairs of a query (`a=1&&b=2`, a leading or trailing `&`)
    /// before it rebuilds the text it verifies from the parameters (HTX, MEXC futures: their
    /// canonical query is built from the parameters the server received, and an empty pair is
    /// none). Venues that sign the query as sent keep them.
    public var dropsEmptyPairs = false

    public init(bothParts: Part? = nil, repeatedKeysUnordered: Bool = false, selectingHeaders: [SelectingHeader] = [],
                signatureLast: Bool = false, ignoresBody: Set<String> = [], dropsEmptyPairs: Bool = false) {
        self.bothParts = bothParts
        self.repeatedKeysUnordered = repeatedKeysUnordered
        self.selectingHeaders = selectingHeaders
        self.signatureLast = signatureLast
        self.ignoresBody = ignoresBody
        self.dropsEmptyPairs = dropsEmptyPairs
    }

    /// What the venue makes of a query with empty pairs when it drops them, or `nil` when the
    /// query has none or the venue signs it as sent.
    public func droppedEmptyPairs(in query: String) -> String? {
        guard dropsEmptyPairs, !query.isEmpty else { return nil }
        let items = query.split(separator: "&", omittingEmptySubsequences: false)
        let empty = items.filter(\.isEmpty).count
        guard empty > 0 else { return nil }
        return "the query has \(empty) empty pair\(empty == 1 ? "" : "s") (a doubled, leading or trailing '&'), which the venue drops before it rebuilds "
            + "the text it verifies from the parameters: a signature over a text that keeps them does not match"
    }

    /// `request` as the venue reads it: without its body when its method's body is not read.
    public func withoutIgnoredBody(_ request: HTTPRequest) -> HTTPRequest {
        guard !request.body.isEmpty, ignoresBody.contains(request.method.uppercased()) else { return request }
        var read = request
        read.body = ""
        return read
    }

    /// What the venue sees of a request that sends a body with a method whose body it does not
    /// read, or `nil` when it reads the request as sent.
    public func ignoredBody(in request: HTTPRequest) -> String? {
        let method = request.method.uppercased()
        guard !request.body.isEmpty, ignoresBody.contains(method) else { return nil }
        return "the \(method) request carries a \(request.body.utf8.count)-byte body, which the venue does not read on a \(method): "
            + "it verifies the signature over the request without the body and does not see the parameters in it (send them in the query, and sign the query only)"
    }

    /// What the venue sees when `name`, its signature parameter, is not the last parameter of
    /// the query or form body it travels in: a message naming the parameters after it, or `nil`
    /// when the request is read as signed (or the venue does not care where it sits).
    public func misplacedSignature(_ name: String, in request: HTTPRequest) -> String? {
        guard signatureLast else { return nil }
        // The body first: a signature there is the one the venue reads.
        switch Self.signaturePlace(name, in: request.body, part: "body") {
        case .absent: break
        case .last: return nil
        case .followed(let message): return message
        }
        if case .followed(let message) = Self.signaturePlace(name, in: request.query, part: "query string") { return message }
        return nil
    }

    /// Where the `name` parameter sits in the parameters of `text`.
    enum SignaturePlace: Equatable {
        case absent
        case last
        /// Other parameters follow it: the message names them.
        case followed(String)
    }

    static func signaturePlace(_ name: String, in text: String, part: String) -> SignaturePlace {
        // Every request of a signatureLast venue asks this: answered on the bytes when both are
        // ASCII (splitting into strings was 6 % of a `check --no-reports` run). Other text
        // compares as strings do (canonical equivalence: "\u{212A}" is "K").
        switch asciiSignaturePlace(name, in: text) {
        case .absent?: return .absent
        case .last?: return .last
        case .followed?, nil: break
        }
        let names = text.split(separator: "&", omittingEmptySubsequences: true).map { $0.prefix { $0 != "=" } }
        guard let index = names.lastIndex(where: { $0 == name[...] }) else { return .absent }
        let after = names[(index + 1)...].map(String.init)
        guard !after.isEmpty else { return .last }
        return .followed("the \(name) parameter is not the last parameter of the \(part) (\(after.joined(separator: ", ")) after it): "
                         + "the venue reads the signature only at the end, so it does not verify the signature this request carries")
    }

    /// ``signaturePlace(_:in:part:)`` on the bytes (the message of `.followed` left empty), or
    /// nil when `name` or a parameter name is not ASCII.
    static func asciiSignaturePlace(_ name: String, in text: String) -> SignaturePlace? {
        var name = name, text = text
        return name.withUTF8 { key in
            text.withUTF8 { bytes -> SignaturePlace? in
                guard !key.contains(where: { $0 >= 0x80 }) else { return nil }
                var place = SignaturePlace.absent
                var start = 0
                while start < bytes.count {
                    var end = start
                    var nameEnd = -1
                    while end < bytes.count, bytes[end] != UInt8(ascii: "&") {
                        if nameEnd < 0, bytes[end] == UInt8(ascii: "=") { nameEnd = end }
                        end += 1
                    }
                    if nameEnd < 0 { nameEnd = end }
                    // An empty pair is no parameter.
                    if end > start {
                        // A non-ASCII byte anywhere in the pair (a combining mark after '=' joins it to the name, as characters).
                        if bytes[start..<end].contains(where: { $0 >= 0x80 }) { return nil }
                        if nameEnd - start == key.count, bytes[start..<nameEnd].elementsEqual(key) {
                            place = .last
                        } else if place != .absent {
                            place = .followed("")
                        }
                    }
                    start = end + 1
                }
                return place
            }
        }
    }
}

/// A header whose value chooses what the request reaches (OKX's `x-simulated-trading: 1` sends
/// it to demo trading): dropping or changing it sends the request elsewhere.
public struct SelectingHeader: Sendable, Hashable {
    public var name: String
    /// What it chooses, as a noun phrase for messages: "the environment".
    public var selects: String
    /// The value the venue assumes when the header is absent; `nil` when absence is not a value.
    public var whenAbsent: String?
    /// What each value means, for messages ("1": "demo trading").
    public var meanings: [String: String]

    public init(name: String, selects: String, whenAbsent: String? = nil, meanings: [String: String] = [:]) {
        self.name = name
        self.selects = selects
        self.whenAbsent = whenAbsent
        self.meanings = meanings
    }

    /// The value the venue acts on for a request whose header is `value` (absent: `nil`).
    public func effectiveValue(_ value: String?) -> String? { value ?? whenAbsent }

    /// `value` with its meaning, for messages: `"1" (demo trading)`.
    public func describe(_ value: String?) -> String {
        guard let value = effectiveValue(value) else { return "none" }
        return "\"\(value)\"" + (meanings[value].map { " (\($0))" } ?? "")
    }
}

extension RecipeDecoder {
    public static let readsMembers: Set<String> = ["bothParts", "repeatedKeys", "headers", "signatureLast", "ignoresBody", "emptyPairs"]
    public static let selectingHeaderMembers: Set<String> = ["name", "selects", "whenAbsent", "values"]

    /// `"reads": {"bothParts": "query" | "body", "repeatedKeys": "set" | "list",
    /// "headers": [{"name", "selects", "whenAbsent", "values": {value: meaning}}], "signatureLast": true | false,
    /// "ignoresBody": ["GET"], "emptyPairs": "dropped" | "kept"}`.
    func decodeReading(_ value: JSONValue, reader: JSONReader) throws(InputError) -> RequestReading {
        var reading = RequestReading()
        for item in try reader.members(value, at: "/reads", allowed: Self.readsMembers) {
            let pointer = "/reads/\(item.key)"
            switch item.key {
            case "bothParts":
                let text = try reader.string(item.value, at: pointer)
                guard let part = RequestReading.Part(rawValue: text) else {
                    throw reader.error(pointer, "expected \"query\" or \"body\", found \"\(text)\"", hint: "the copy the venue reads when a parameter is in both")
                }
                reading.bothParts = part
            case "repeatedKeys":
                reading.repeatedKeysUnordered = try oneOfTwo(item.value, at: pointer, ("set", "list"), reader: reader,
                                                             hint: "\"set\" when the order of a repeated key's values does not matter")
            case "signatureLast":
                guard case .bool(let last) = item.value else {
                    throw reader.error(pointer, "expected true or false", hint: "true when the venue reads the signature parameter only as the last one")
                }
                reading.signatureLast = last
            case "emptyPairs":
                reading.dropsEmptyPairs = try oneOfTwo(item.value, at: pointer, ("dropped", "kept"), reader: reader,
                                                       hint: "\"dropped\" when the venue rebuilds the signed query from its parameters")
            case "ignoresBody":
                guard case .array(let elements) = item.value, (1...8).contains(elements.count) else {
                    throw reader.error(pointer, "expected an array of 1 to 8 HTTP methods", hint: "the methods whose body the venue does not read, e.g. [\"GET\"]")
                }
                for (index, element) in elements.enumerated() {
                    let method = try reader.string(element, at: "\(pointer)/\(index)")
                    guard !method.isEmpty, method.count <= 16, method.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                        throw reader.error("\(pointer)/\(index)", "expected an HTTP method, found \"\(method)\"", hint: "a method name such as \"GET\"")
                    }
                    reading.ignoresBody.insert(method.uppercased())
                }
            default:
                guard case .array(let elements) = item.value, elements.count <= 8 else {
                    throw reader.error(pointer, "expected an array of at most 8 headers")
                }
                for (index, element) in elements.enumerated() {
                    reading.selectingHeaders.append(try decodeSelectingHeader(element, at: "\(pointer)/\(index)", reader: reader))
                }
                let names = reading.selectingHeaders.map { $0.name.lowercased() }
                guard Set(names).count == names.count else { throw reader.error(pointer, "a header is listed twice") }
            }
        }
        return reading
    }

    /// A member that is one of two words: `true` for the first.
    func oneOfTwo(_ value: JSONValue, at pointer: String, _ words: (String, String), reader: JSONReader, hint: String) throws(InputError) -> Bool {
        let text = try reader.string(value, at: pointer)
        guard text == words.0 || text == words.1 else {
            throw reader.error(pointer, "expected \"\(words.0)\" or \"\(words.1)\", found \"\(text)\"", hint: hint)
        }
        return text == words.0
    }

    func decodeSelectingHeader(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> SelectingHeader {
        var header = SelectingHeader(name: "", selects: "")
        for item in try reader.members(value, at: pointer, allowed: Self.selectingHeaderMembers) {
            switch item.key {
            case "name": header.name = try reader.string(item.value, at: "\(pointer)/name")
            case "selects": header.selects = try reader.string(item.value, at: "\(pointer)/selects")
            case "whenAbsent": header.whenAbsent = try reader.string(item.value, at: "\(pointer)/whenAbsent")
            default:
                let pairs = try reader.stringPairs(item.value, at: "\(pointer)/values")
                guard pairs.count <= 16 else { throw reader.error("\(pointer)/values", "at most 16 values") }
                header.meanings = Dictionary(pairs, uniquingKeysWith: { first, _ in first })
            }
        }
        guard !header.name.isEmpty, header.name.count <= 64 else {
            throw reader.error(pointer, "a selecting header needs a \"name\"", hint: "the header as the venue spells it, e.g. \"x-simulated-trading\"")
        }
        guard !header.selects.isEmpty, header.selects.count <= 80 else {
            throw reader.error(pointer, "say what the header selects in \"selects\"", hint: "a noun phrase, e.g. \"the environment\"")
        }
        return header
    }
}
