import SigConformMAC

/// A prehash template: literal text, request variables and digests of sub-templates.
///
/// Written in venue.json as a string such as `"{method}\n{path}\n{query}\n"` or as an array of
/// such strings, digest objects and conditional objects. There are no loops, no conditionals
/// beyond optional variables and "if this variable is non-empty" choices, and no variable that
/// yields the secret: a template can only rearrange what the request already shows.
public struct Template: Sendable, Hashable {
    public var parts: [Part]

    public enum Part: Sendable, Hashable {
        case literal(String)
        /// A request variable; an optional one renders as "" when the request lacks it.
        case variable(Variable, optional: Bool)
        /// The digest of a sub-template (Gate.io's hex SHA-512 of the body; Kraken's raw SHA-256 of nonce+body).
        case digest(HashAlgorithm, DigestOutput, Template)
    }

    public init(_ parts: [Part]) { self.parts = parts }

    /// Every variable the template uses, digests included.
    public var variables: [Variable] {
        parts.flatMap { part -> [Variable] in
            switch part {
            case .literal: []
            case .variable(let variable, _): [variable]
            case .digest(_, _, let inner): inner.variables
            }
        }
    }
}

/// How a digest inside a template is written into the prehash.
public enum DigestOutput: String, Sendable, Hashable, CaseIterable {
    /// The digest bytes themselves (binary prehash).
    case raw
    case hex
    case hexUpper = "hex-upper"
    case base64
}

/// The values a template can read from a request. The secret and the passphrase are
/// deliberately not among them: a prehash is shown in reports.
public enum Variable: Sendable, Hashable, CustomStringConvertible {
    /// The method as sent.
    case method
    /// The path without query.
    case path
    /// The query as sent, without `?` and without a signature parameter.
    case query
    /// The query with every key and value percent-decoded (`+` as space), order kept (Gate.io).
    case decodedQuery
    /// `path`, plus `?` and the query when there is one.
    case requestPath
    /// The body as sent, without a signature field.
    case body
    case host
    case timestamp
    case nonce
    case apiKey
    case recvWindow
    /// The query canonicalised by the recipe's `canonicalQuery` rule.
    case canonicalQuery
    /// The parameter string built by the recipe's `paramString` rule.
    case paramString
    /// A header's value.
    case header(String)
    /// A query parameter's raw (still encoded) value.
    case queryParameter(String)
    /// A body member: a JSON member's text (strings unquoted, numbers as written) or a form field's raw value.
    case bodyField(String)
    /// A credential the recipe declares in `credentialFields`, signed but never sent (BitMart's
    /// memo); read from the vector's credentials, masked in reports like a passphrase.
    case credential(String)
    /// The path with a leading prefix of whole segments removed when it has one, else the path
    /// (Kraken Futures signs `/api/v3/…` of a request sent to `/derivatives/api/v3/…`).
    case pathWithout(String)
    /// `then` when `condition` is present and non-empty in the request, else `otherwise`
    /// (Bitstamp signs the content type only with a body; KuCoin adds `?` only with a query).
    /// Both branches hold text and variables only. It is a variable rather than a template part
    /// so that code walking template parts sees one value, as it does for any other variable.
    indirect case conditional(Variable, then: Template, otherwise: Template)

    /// The variables written `{name}`, by name (vectors/schema/venue.schema.json lists the same names).
    public static let simpleNames: [String: Variable] = [
        "method": .method, "path": .path, "query": .query, "decodedQuery": .decodedQuery, "requestPath": .requestPath, "body": .body,
        "host": .host, "timestamp": .timestamp, "nonce": .nonce, "apiKey": .apiKey,
        "recvWindow": .recvWindow, "canonicalQuery": .canonicalQuery, "paramString": .paramString,
    ]

    public var description: String {
        switch self {
        case .header(let name): "header:\(name)"
        case .queryParameter(let name): "query:\(name)"
        case .bodyField(let name): "body:\(name)"
        case .credential(let name): "credential:\(name)"
        case .pathWithout(let prefix): "pathWithout:\(prefix)"
        case .conditional(let condition, let then, let otherwise):
            "if \(condition): \(then.source)" + (otherwise.parts.isEmpty ? "" : " else: \(otherwise.source)")
        // Every prehash segment is labelled with its variable's name: a switch, not a lookup
        // that hashes the enum. VariableNameTests keep these in step with ``simpleNames``.
        case .method: "method"
        case .path: "path"
        case .query: "query"
        case .decodedQuery: "decodedQuery"
        case .requestPath: "requestPath"
        case .body: "body"
        case .host: "host"
        case .timestamp: "timestamp"
        case .nonce: "nonce"
        case .apiKey: "apiKey"
        case .recvWindow: "recvWindow"
        case .canonicalQuery: "canonicalQuery"
        case .paramString: "paramString"
        }
    }

    /// This variable and every variable it reads (a conditional's condition and branches).
    public var referenced: [Variable] {
        guard case .conditional(let condition, let then, let otherwise) = self else { return [self] }
        return [self] + condition.referenced + then.variables.flatMap(\.referenced) + otherwise.variables.flatMap(\.referenced)
    }

    /// The request component this variable comes from, for byte-level diffs in reports.
    public var component: PrehashComponent {
        switch self {
        case .method: .method
        case .path, .requestPath, .pathWithout: .path
        case .query, .decodedQuery, .canonicalQuery, .queryParameter: .query
        case .body, .paramString, .bodyField: .body
        case .host: .host
        case .timestamp: .timestamp
        case .nonce: .nonce
        case .apiKey: .key
        case .recvWindow: .recvWindow
        case .header: .header
        case .credential: .passphrase
        case .conditional(let condition, let then, let otherwise):
            (then.variables.first ?? otherwise.variables.first ?? condition).component
        }
    }
}

extension Template {
    /// The template in the string syntax of venue.json (literal braces doubled; a digest, which
    /// has no string syntax, is shown as `sha512-hex(…)`).
    public var source: String {
        parts.map { part in
            switch part {
            case .literal(let text): String(text.flatMap { $0 == "{" || $0 == "}" ? [$0, $0] : [$0] })
            case .variable(let variable, let optional): "{\(variable)\(optional ? "?" : "")}"
            case .digest(let hash, let output, let inner): "\(hash.rawValue)-\(output.rawValue)(\(inner.source))"
            }
        }.joined()
    }
}

/// The part of a request a prehash byte came from.
public enum PrehashComponent: String, Sendable, Hashable, CaseIterable {
    case method, path, query, body, host, timestamp, nonce, key, passphrase, recvWindow, header, literal, digest
}
