import Foundation
import SigConformCore
import SigConformMAC

/// The parameters of a request as a venue reads them: query items, form body fields, the
/// top-level members of a JSON body and of a base64 JSON header the venue signs (Gemini's
/// payload), each decoded. Only places the venue's prehash covers count: a parameter a client
/// moved where the signature does not reach could be changed on the way, so it is not there.
///
/// This is what a `--signer` answer is compared on: a client may write the same parameters in
/// its own order and encoding, or move them from the query into a form body, and still say the
/// same thing to the venue.
struct RequestParameters: Sendable {
    /// Where a parameter travels.
    enum Place: Sendable, Hashable, CustomStringConvertible {
        case query
        case formBody
        case jsonBody
        /// The base64 JSON of a header.
        case headerPayload(String)

        var description: String {
            switch self {
            case .query: "query"
            case .formBody: "form body"
            case .jsonBody: "JSON body"
            case .headerPayload(let header): "\(header) payload"
            }
        }

        /// The part of the request this place is in, as ``RequestReading`` names it.
        var part: RequestReading.Part? {
            switch self {
            case .query: .query
            case .formBody, .jsonBody: .body
            case .headerPayload: nil
            }
        }
    }

    struct Parameter: Sendable {
        var name: String
        /// Query and form values decoded as text; JSON members as parsed.
        var value: JSONValue
        var place: Place
        /// The text as written in the request (still percent-encoded, or the member's JSON).
        var written: String
    }

    /// In request order: query, body, then header payloads.
    var items: [Parameter]

    /// Reads `request` (without its signature) the way `recipe` reads it.
    init(_ request: HTTPRequest, recipe: HMACRecipe) {
        self.init(request, reach: RecipeReach(recipe))
    }

    /// Reads the parts of `request` that `reads` says the venue covers.
    init(_ request: HTTPRequest, reach reads: RecipeReach) {
        var items: [Parameter] = []
        if reads.query {
            items += QueryItem.split(request.query).filter { !$0.raw.isEmpty }.map {
                Parameter(name: $0.key, value: .string($0.value), place: .query, written: $0.rawValue)
            }
        }
        if reads.body {
            items += Self.bodyParameters(request.body)
        }
        for header in reads.payloadHeaders {
            guard let value = request.headers[header], let bytes = Base64.decode(value),
                  let document = try? JSONParser(recordsLocations: false).parse(bytes), case .object(let members) = document.root else { continue }
            items += members.map { Parameter(name: $0.key, value: $0.value, place: .headerPayload(header), written: JSONWriter.compact($0.value)) }
        }
        self.items = items
    }

    /// The name a JSON array body goes by: it has no members, so the whole array is one value.
    static let arrayBodyName = "(the JSON array body)"

    /// A JSON object body's members, a JSON array body as one value (Gate's batch orders: read
    /// as JSON, so a client's own spacing is the same array), else a form body's fields.
    static func bodyParameters(_ body: String) -> [Parameter] {
        if body.first == "{" {
            guard let document = try? JSONParser(recordsLocations: false).parse(body), case .object(let members) = document.root else { return [] }
            return members.map { Parameter(name: $0.key, value: $0.value, place: .jsonBody, written: JSONWriter.compact($0.value)) }
        }
        if body.first == "[", let document = try? JSONParser(recordsLocations: false).parse(body), case .array = document.root {
            return [Parameter(name: arrayBodyName, value: document.root, place: .jsonBody, written: JSONWriter.compact(document.root))]
        }
        return QueryItem.split(body).filter { !$0.raw.isEmpty }.map {
            Parameter(name: $0.key, value: .string($0.value), place: .formBody, written: $0.rawValue)
        }
    }

    /// Every parameter called `name`, in request order.
    func all(_ name: String) -> [Parameter] { items.filter { $0.name == name } }

    /// The names in request order, each once.
    var names: [String] {
        var seen: Set<String> = []
        return items.map(\.name).filter { seen.insert($0).inserted }
    }
}

/// Which parts of a request a recipe's prehash covers.
struct RecipeReach: Sendable {
    var query = false
    var body = false
    /// Headers the prehash reads that carry base64 JSON parameters (Gemini's payload).
    var payloadHeaders: [String] = []
    /// Every header the prehash reads, as the recipe spells it.
    var signedHeaders: [String] = []

    init(query: Bool, body: Bool) {
        self.query = query
        self.body = body
    }

    init(_ recipe: HMACRecipe) {
        var headers: [String] = []
        func visit(_ template: Template) {
            for part in template.parts {
                switch part {
                case .literal: break
                case .variable(let variable, _): note(variable)
                case .digest(_, _, let inner): visit(inner)
                }
            }
        }
        func note(_ variable: Variable) {
            switch variable {
            case .query, .decodedQuery, .requestPath, .canonicalQuery, .queryParameter: query = true
            case .body, .paramString, .bodyField: body = true
            case .header(let name): headers.append(name)
            case .timestamp, .nonce, .apiKey, .recvWindow:
                // A field the prehash takes from where the recipe puts it.
                let location: FieldLocation? = switch variable {
                case .timestamp: recipe.timestamp?.location
                case .nonce: recipe.nonce?.location
                case .apiKey: recipe.apiKey?.location
                default: recipe.recvWindow?.location
                }
                if let location { noteLocation(location) }
            case .conditional(let condition, let then, let otherwise):
                note(condition)
                visit(then)
                visit(otherwise)
            case .method, .path, .pathWithout, .host, .credential: break
            }
        }
        func noteLocation(_ location: FieldLocation) {
            switch location {
            case .header(let name, _), .headerParameter(let name, _, _): headers.append(name)
            case .encodedHeaderMember(let header, _): headers.append(header)
            case .query: query = true
            case .body: body = true
            case .parameter:
                query = true
                body = true
            }
        }
        visit(recipe.prehash)
        var seen: Set<String> = []
        signedHeaders = headers.filter { seen.insert($0.lowercased()).inserted }
        let payloads = [recipe.timestamp?.location, recipe.nonce?.location, recipe.apiKey?.location].compactMap { location -> String? in
            if case .encodedHeaderMember(let header, _)? = location { header } else { nil }
        }
        payloadHeaders = signedHeaders.filter { header in payloads.contains { $0.lowercased() == header.lowercased() } }
    }
}

/// Whether two parameter values say the same thing to a venue: text and numbers by value
/// (`"0.0010"` and `0.001`, a nonce written as a JSON string or a number), objects by member
/// regardless of order, arrays element by element.
func sameParameterValue(_ a: JSONValue, _ b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case let (.array(x), .array(y)): return x.count == y.count && zip(x, y).allSatisfy(sameParameterValue)
    case let (.object(x), .object(y)):
        guard x.count == y.count else { return false }
        let others = Dictionary(y.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        return x.allSatisfy { member in others[member.key].map { sameParameterValue(member.value, $0) } ?? false }
    case (.array, _), (_, .array), (.object, _), (_, .object), (.null, _), (_, .null): return false
    default:
        let (x, y) = (scalarText(a), scalarText(b))
        if x == y { return true }
        // Numbers (or number text) by value: Decimal keeps 38 digits, exact for prices and nonces.
        guard isNumberLike(x), isNumberLike(y), let p = Decimal(string: x, locale: Locale(identifier: "en_US_POSIX")),
              let q = Decimal(string: y, locale: Locale(identifier: "en_US_POSIX")) else { return false }
        return p == q
    }
}

/// A scalar's text as a venue reads it: strings unquoted, numbers as written, booleans as words.
func scalarText(_ value: JSONValue) -> String {
    switch value {
    case .string(let text): text
    case .number(let text): text
    case .bool(let flag): flag ? "true" : "false"
    case .null: "null"
    case .array, .object: JSONWriter.compact(value)
    }
}

/// A decimal number in JSON's grammar (sign, digits, fraction, exponent) and nothing else, so
/// `Decimal(string:)` does not read a number out of the start of other text.
private func isNumberLike(_ text: String) -> Bool {
    guard !text.isEmpty, text.count <= 64 else { return false }
    var sawDigit = false
    for (index, character) in text.enumerated() {
        switch character {
        case "0"..."9": sawDigit = true
        case "-", "+": if index != 0, !["e", "E"].contains(Array(text)[index - 1]) { return false }
        case ".", "e", "E": break
        default: return false
        }
    }
    return sawDigit
}
