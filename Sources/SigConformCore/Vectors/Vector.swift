import SigConformMAC

/// HTTP headers in the order they were sent; names compare case-insensitively.
public struct HTTPHeaders: Sendable, Hashable, Sequence {
    public private(set) var fields: [Field]

    public struct Field: Sendable, Hashable {
        public var name: String
        public var value: String
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(_ pairs: [(String, String)] = []) { fields = pairs.map { Field(name: $0.0, value: $0.1) } }

    /// Headers made of `fields` as they are (a decoder that reads fields, without pairs to copy).
    public init(fields: [Field]) { self.fields = fields }

    /// The value of the first header called `name`, ignoring case.
    public subscript(name: String) -> String? {
        fields.first { $0.name.equalsIgnoringCase(name) }?.value
    }

    /// Replaces the value of `name` (keeping its position) or appends it.
    public mutating func set(_ name: String, _ value: String) {
        if let index = fields.firstIndex(where: { $0.name.equalsIgnoringCase(name) }) {
            fields[index].value = value
        } else {
            fields.append(Field(name: name, value: value))
        }
    }

    public mutating func remove(_ name: String) {
        fields.removeAll { $0.name.equalsIgnoringCase(name) }
    }

    public func makeIterator() -> IndexingIterator<[Field]> { fields.makeIterator() }

    /// The first header whose name (in any letter case) was given before, with the earlier
    /// one; `differentValuesOnly` ignores a repeat that says the same thing. Header names
    /// ignore case and a venue reads one of the two, so a reader of outside input refuses
    /// the pair rather than silently using the first.
    public func repeatedName(differentValuesOnly: Bool = false) -> (earlier: Field, repeated: Field)? {
        // A handful of headers (nearly every request) is compared pairwise; many are hashed.
        if fields.count <= 16 {
            for (index, field) in fields.enumerated() {
                let earlier = fields[..<index].first { $0.name.equalsIgnoringCase(field.name) && (!differentValuesOnly || $0.value != field.value) }
                if let earlier { return (earlier, field) }
            }
            return nil
        }
        var seen: [String: Field] = [:]
        for field in fields {
            let key = field.name.lowercased()
            if let earlier = seen[key], !differentValuesOnly || earlier.value != field.value { return (earlier, field) }
            seen[key] = seen[key] ?? field
        }
        return nil
    }

    /// The sentence for ``repeatedName(differentValuesOnly:)``'s pair.
    public static func repeatMessage(_ pair: (earlier: Field, repeated: Field)) -> String {
        pair.earlier.name == pair.repeated.name
            ? "the header \(pair.repeated.name) is given twice with different values; a venue reads one of them"
            : "the headers \(pair.earlier.name) and \(pair.repeated.name) are one header (names ignore letter case); a venue reads one of them"
    }
}

/// A request exactly as the client put it on the wire.
public struct HTTPRequest: Sendable, Hashable {
    /// The method as sent (normally upper case).
    public var method: String
    /// The host, where a venue signs it (HTX, Bitstamp); falls back to the `Host` header.
    public var host: String?
    /// The path without the query.
    public var path: String
    /// The raw query string without `?`, byte for byte as sent.
    public var query: String
    public var headers: HTTPHeaders
    /// The raw body, "" when there is none.
    public var body: String

    public init(method: String, host: String? = nil, path: String, query: String = "", headers: HTTPHeaders = HTTPHeaders(), body: String = "") {
        self.method = method
        self.host = host
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// The host from `host` or the `Host` header.
    public var effectiveHost: String? { host ?? headers["Host"] }
}

/// API credentials. Test data only; never printed (``description`` masks them).
public struct Credentials: Sendable, Hashable, CustomStringConvertible {
    public var apiKey: String?
    public var secret: String?
    public var passphrase: String?
    /// Further credentials a venue signs but never sends, by name (BitMart's `memo`); the
    /// recipe declares them in `credentialFields`. Treated as secret as the passphrase is.
    public var fields: [String: String] = [:]
    /// Secrets the client may have signed with instead of `secret`: a testnet key's, a rotated
    /// (old) key's, another account's. Only diagnosis reads them, to prove a wrong signature was
    /// made with one of them; treated as secret as `secret` is.
    public var otherSecrets: [String] = []
    /// Where each of `otherSecrets` came from, in the same order (`--other-secret-env NAME`), so a
    /// diagnosis can name it without quoting it; empty for a vector's own `otherSecrets`.
    public var otherSecretSources: [String] = []

    public init(apiKey: String? = nil, secret: String? = nil, passphrase: String? = nil, fields: [String: String] = [:],
                otherSecrets: [String] = [], otherSecretSources: [String] = []) {
        self.apiKey = apiKey
        self.secret = secret
        self.passphrase = passphrase
        self.fields = fields
        self.otherSecrets = otherSecrets
        self.otherSecretSources = otherSecretSources
    }

    /// At most this many other secrets: each is tried with every mistake it combines with, so
    /// the search grows with their number (a list of thousands would be a denial of service).
    public static let maximumOtherSecrets = 16

    /// How a message names the other secret at `index` without quoting it: where it came from,
    /// else its place in the vector's `credentials.otherSecrets`.
    public func otherSecretSource(at index: Int) -> String {
        otherSecretSources.indices.contains(index) ? otherSecretSources[index] : "credentials.otherSecrets[\(index)]"
    }

    /// The names a credential field may have: a letter, then letters and digits (at most 64),
    /// and none of the three built-in credentials.
    public static func isFieldName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 64,
              ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        guard name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }) else { return false }
        return !["apikey", "secret", "passphrase"].contains(name.lowercased())
    }

    /// Every credential value that must never appear in output, with its kind.
    public var secretValues: [(kind: String, value: String)] {
        var values: [(String, String)] = []
        if let secret { values.append(("secret", secret)) }
        if let passphrase { values.append(("passphrase", passphrase)) }
        for (name, value) in fields.sorted(by: { $0.key < $1.key }) { values.append((name, value)) }
        for value in otherSecrets { values.append(("other secret", value)) }
        return values
    }

    public var description: String {
        "Credentials(apiKey: \(apiKey.map(Redaction.maskKey) ?? "none"), secret: \(secret.map(Redaction.fingerprint) ?? "none"))"
    }
}

/// What a vector says about the venue's clock when the request arrived.
public struct TimeContext: Sendable, Hashable {
    /// The venue's clock at arrival, in milliseconds since the Unix epoch.
    public var serverTime: Int64?
    /// Overrides the venue's default receive window, in milliseconds.
    public var recvWindow: Int64?
    public init(serverTime: Int64? = nil, recvWindow: Int64? = nil) {
        self.serverTime = serverTime
        self.recvWindow = recvWindow
    }
}

/// Whether the venue must accept the request as it stands.
public enum ExpectedResult: String, Sendable, Hashable, CaseIterable {
    /// The harness must reproduce `expect` on every backend.
    case valid
    /// The request carries a wrong signature or auth header; the harness must reject it and diagnose it.
    case invalid
}

/// What must be true of a vector.
public struct Expectation: Sendable, Hashable {
    /// The exact input of the final HMAC.
    public var prehash: [UInt8]?
    /// The correct signature in the venue's output encoding.
    public var signature: String?
    /// Auth headers whose exact values must match.
    public var headers: [HTTPHeaders.Field]
    /// For invalid vectors: the diagnosis class ids that must be found.
    public var diagnosis: [String]?
    /// For invalid vectors: what the faulty client signed, when the vector author knows it.
    public var clientPrehash: [UInt8]?

    public init(prehash: [UInt8]? = nil, signature: String? = nil, headers: [HTTPHeaders.Field] = [],
                diagnosis: [String]? = nil, clientPrehash: [UInt8]? = nil) {
        self.prehash = prehash
        self.signature = signature
        self.headers = headers
        self.diagnosis = diagnosis
        self.clientPrehash = clientPrehash
    }
}

/// Where a vector came from, for error messages and reports.
public struct VectorOrigin: Sendable, Hashable {
    public var file: String
    public var pointer: String
    public var location: SourceLocation?
    public init(file: String, pointer: String, location: SourceLocation?) {
        self.file = file
        self.pointer = pointer
        self.location = location
    }
    public var description: String { file + (location.map { ":\($0)" } ?? "") }
}

/// One test vector: a request as it was sent, the credentials, and what must be true.
///
/// A value type whose members live in one shared, copy-on-write box (``CopyOnWrite``):
/// copying a vector retains one box; changing a member of a shared vector copies the box first.
///
/// The accessors are inlinable: called from another module, a `_read` accessor is a coroutine
/// call, and one yielding a value larger than the coroutine's buffer (the credentials)
/// allocated its frame; reading a vector's venue, id, tags and credentials across the run
/// loop and the report stream cost 1.5 k instructions a vector (callgrind, issue 20).
public struct Vector: Sendable, Hashable, Identifiable {
    @usableFromInline struct Members: Sendable, Hashable {
        @usableFromInline var id: String
        @usableFromInline var venue: String
        @usableFromInline var comment: String?
        @usableFromInline var tags: [String]
        @usableFromInline var credentials: Credentials
        @usableFromInline var request: HTTPRequest
        @usableFromInline var time: TimeContext
        @usableFromInline var result: ExpectedResult
        @usableFromInline var expect: Expectation
        @usableFromInline var origin: VectorOrigin
        @usableFromInline var keyChoices: [String: String] = [:]
    }

    @usableFromInline var storage: CopyOnWrite<Members>

    @inlinable public var id: String {
        _read { yield storage.members.id }
        _modify { yield &storage.members.id }
    }
    @inlinable public var venue: String {
        _read { yield storage.members.venue }
        _modify { yield &storage.members.venue }
    }
    @inlinable public var comment: String? {
        _read { yield storage.members.comment }
        _modify { yield &storage.members.comment }
    }
    @inlinable public var tags: [String] {
        _read { yield storage.members.tags }
        _modify { yield &storage.members.tags }
    }
    @inlinable public var credentials: Credentials {
        _read { yield storage.members.credentials }
        _modify { yield &storage.members.credentials }
    }
    @inlinable public var request: HTTPRequest {
        _read { yield storage.members.request }
        _modify { yield &storage.members.request }
    }
    @inlinable public var time: TimeContext {
        _read { yield storage.members.time }
        _modify { yield &storage.members.time }
    }
    @inlinable public var result: ExpectedResult {
        _read { yield storage.members.result }
        _modify { yield &storage.members.result }
    }
    @inlinable public var expect: Expectation {
        _read { yield storage.members.expect }
        _modify { yield &storage.members.expect }
    }
    @inlinable public var origin: VectorOrigin {
        _read { yield storage.members.origin }
        _modify { yield &storage.members.origin }
    }
    /// The key's settings the vector assumes, option name to choice name (the venue's
    /// `hmac.keyOptions`); an option it does not name may have any of its choices.
    @inlinable public var keyChoices: [String: String] {
        _read { yield storage.members.keyChoices }
        _modify { yield &storage.members.keyChoices }
    }

    public init(id: String, venue: String, comment: String? = nil, tags: [String] = [], credentials: Credentials,
                request: HTTPRequest, time: TimeContext = TimeContext(), result: ExpectedResult,
                expect: Expectation, origin: VectorOrigin) {
        storage = CopyOnWrite(Members(id: id, venue: venue, comment: comment, tags: tags, credentials: credentials, request: request,
                                  time: time, result: result, expect: expect, origin: origin))
    }

    /// `venue/id`, unique across a run; the stable id used in reports and baselines.
    public var qualifiedID: String { "\(venue)/\(id)" }
}
