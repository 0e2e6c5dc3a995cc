import SigConformMAC

/// A venue and its signing recipe, loaded from `vectors/<venue>/venue.json`.
///
/// Recipes are data: a new venue needs no Swift code. The language is documented in
/// docs/recipes.md; ``RecipeDecoder`` reads it strictly and bounds everything a stranger's
/// file could use to make a run expensive.
public struct Venue: Sendable, Hashable, Identifiable {
    private struct Members: Sendable, Hashable {
        var id: String
        var name: String
        var docs: String
        var host: String?
        var sources: [String]
        var notes: [String]
        var auth: AuthScheme
        var errors: VenueErrors
        var responses: VenueResponses
        var reads: RequestReading
        var otherSchemes: [OtherScheme]
        var file: String
    }

    /// Shared by every copy (the registry's, each evaluation's and verdict's): a venue was
    /// copied member by member for every vector checked (issue 20).
    private var storage: CopyOnWrite<Members>

    public var id: String {
        _read { yield storage.members.id }
        _modify { yield &storage.members.id }
    }
    public var name: String {
        _read { yield storage.members.name }
        _modify { yield &storage.members.name }
    }
    /// The venue's documentation page for request signing.
    public var docs: String {
        _read { yield storage.members.docs }
        _modify { yield &storage.members.docs }
    }
    /// The API host requests go to, when the venue has one (used where a request names none).
    public var host: String? {
        _read { yield storage.members.host }
        _modify { yield &storage.members.host }
    }
    public var sources: [String] {
        _read { yield storage.members.sources }
        _modify { yield &storage.members.sources }
    }
    public var notes: [String] {
        _read { yield storage.members.notes }
        _modify { yield &storage.members.notes }
    }
    public var auth: AuthScheme {
        _read { yield storage.members.auth }
        _modify { yield &storage.members.auth }
    }
    public var errors: VenueErrors {
        _read { yield storage.members.errors }
        _modify { yield &storage.members.errors }
    }
    /// Canned answers for `sigconform serve` (the error body, the success envelope, per-endpoint bodies).
    public var responses: VenueResponses {
        _read { yield storage.members.responses }
        _modify { yield &storage.members.responses }
    }
    /// How the venue reads what its signature does not settle (a parameter sent twice, headers
    /// that choose the environment): what `check --signer` judges a client's own request by.
    public var reads: RequestReading {
        _read { yield storage.members.reads }
        _modify { yield &storage.members.reads }
    }
    /// The venue's signing schemes that sigconform does not check, recognised from what a
    /// request shows (`otherSchemes` in venue.json).
    public var otherSchemes: [OtherScheme] {
        _read { yield storage.members.otherSchemes }
        _modify { yield &storage.members.otherSchemes }
    }
    /// The venue.json this was loaded from.
    public var file: String {
        _read { yield storage.members.file }
        _modify { yield &storage.members.file }
    }

    public init(id: String, name: String, docs: String, host: String? = nil, sources: [String] = [], notes: [String] = [],
                auth: AuthScheme, errors: VenueErrors = VenueErrors(), responses: VenueResponses = VenueResponses(),
                reads: RequestReading = RequestReading(), otherSchemes: [OtherScheme] = [], file: String) {
        storage = CopyOnWrite(Members(id: id, name: name, docs: docs, host: host, sources: sources, notes: notes, auth: auth, errors: errors, responses: responses, reads: reads, otherSchemes: otherSchemes, file: file))
    }

    /// The HMAC recipe, when the venue signs requests.
    public var hmac: HMACRecipe? { if case .hmac(let recipe) = auth { recipe } else { nil } }
}

/// How a venue authenticates a request.
public enum AuthScheme: Sendable, Hashable {
    /// An HMAC over a canonical string built from the request.
    case hmac(HMACRecipe)
    /// A static key in an `Authorization: <scheme> <key>` header (OpenAI-compatible relays).
    case bearer(BearerRecipe)
}

/// The exact header a bearer-token API requires.
public struct BearerRecipe: Sendable, Hashable {
    /// Header name, normally `Authorization`.
    public var header: String
    /// Scheme word, normally `Bearer`; the header value is `<scheme> <apiKey>` with one space.
    public var scheme: String
    public init(header: String = "Authorization", scheme: String = "Bearer") {
        self.header = header
        self.scheme = scheme
    }
    /// The header value a correct client sends for `apiKey`.
    public func headerValue(apiKey: String) -> String { "\(scheme) \(apiKey)" }
}

/// How the secret string of a credential becomes the HMAC key.
public enum SecretEncoding: String, Sendable, Hashable, CaseIterable {
    /// The secret's UTF-8 bytes, as typed (most venues).
    case utf8
    /// Base64-decoded (Kraken, Coinbase Exchange).
    case base64
    /// Hex-decoded.
    case hex

    /// The key bytes, or `nil` when the secret is not valid in this encoding.
    public func keyBytes(_ secret: String) -> [UInt8]? {
        switch self {
        case .utf8: Array(secret.utf8)
        case .base64: Base64.decode(secret)
        case .hex: Hex.decode(secret)
        }
    }
}

/// Everything needed to compute and place a venue's HMAC signature.
public struct HMACRecipe: Sendable, Hashable {
    private struct Members: Sendable, Hashable {
        var hash: HashAlgorithm
        var secretEncoding: SecretEncoding
        var prehash: Template
        var signature: SignatureField
        var apiKey: Field?
        var timestamp: TimestampField?
        var nonce: Field?
        var recvWindow: RecvWindowField?
        var passphrase: PassphraseField?
        var canonicalQuery: CanonicalQueryRule?
        var paramString: ParamStringRule?
        var keyOptions: [KeyOption] = []
        var credentialFields: [String] = []
        var clientFields: [String] = []
    }

    /// Shared by every copy, as ``Venue``'s members are: the evaluation of each vector took
    /// the recipe out of its venue and copied it into a signer, member by member (issue 20).
    private var storage: CopyOnWrite<Members>

    public var hash: HashAlgorithm {
        _read { yield storage.members.hash }
        _modify { yield &storage.members.hash }
    }
    public var secretEncoding: SecretEncoding {
        _read { yield storage.members.secretEncoding }
        _modify { yield &storage.members.secretEncoding }
    }
    /// The canonical string (prehash) the HMAC is computed over.
    public var prehash: Template {
        _read { yield storage.members.prehash }
        _modify { yield &storage.members.prehash }
    }
    public var signature: SignatureField {
        _read { yield storage.members.signature }
        _modify { yield &storage.members.signature }
    }
    public var apiKey: Field? {
        _read { yield storage.members.apiKey }
        _modify { yield &storage.members.apiKey }
    }
    public var timestamp: TimestampField? {
        _read { yield storage.members.timestamp }
        _modify { yield &storage.members.timestamp }
    }
    public var nonce: Field? {
        _read { yield storage.members.nonce }
        _modify { yield &storage.members.nonce }
    }
    public var recvWindow: RecvWindowField? {
        _read { yield storage.members.recvWindow }
        _modify { yield &storage.members.recvWindow }
    }
    public var passphrase: PassphraseField? {
        _read { yield storage.members.passphrase }
        _modify { yield &storage.members.passphrase }
    }
    /// How `{canonicalQuery}` is built, where the venue defines a canonical query (HTX).
    public var canonicalQuery: CanonicalQueryRule? {
        _read { yield storage.members.canonicalQuery }
        _modify { yield &storage.members.canonicalQuery }
    }
    /// How `{paramString}` is built from a JSON body member (Crypto.com).
    public var paramString: ParamStringRule? {
        _read { yield storage.members.paramString }
        _modify { yield &storage.members.paramString }
    }
    /// Settings of a key or account that change how the venue verifies (Gemini's nonce mode):
    /// each option's choices replace recipe members. Empty for most venues.
    public var keyOptions: [KeyOption] {
        _read { yield storage.members.keyOptions }
        _modify { yield &storage.members.keyOptions }
    }
    /// Credentials beyond key, secret and passphrase that the venue signs but never receives
    /// (BitMart's memo): `{credential:name}` reads them from the vector's credentials.
    public var credentialFields: [String] {
        _read { yield storage.members.credentialFields }
        _modify { yield &storage.members.credentialFields }
    }
    /// Request parameters the client picks as it likes (Crypto.com's JSON-RPC `id`, which the
    /// venue only echoes): still signed, but a `--signer` answer may change them.
    public var clientFields: [String] {
        _read { yield storage.members.clientFields }
        _modify { yield &storage.members.clientFields }
    }

    public init(hash: HashAlgorithm, secretEncoding: SecretEncoding, prehash: Template, signature: SignatureField,
                apiKey: Field? = nil, timestamp: TimestampField? = nil, nonce: Field? = nil,
                recvWindow: RecvWindowField? = nil, passphrase: PassphraseField? = nil,
                canonicalQuery: CanonicalQueryRule? = nil, paramString: ParamStringRule? = nil) {
        storage = CopyOnWrite(Members(hash: hash, secretEncoding: secretEncoding, prehash: prehash, signature: signature, apiKey: apiKey,
                                  timestamp: timestamp, nonce: nonce, recvWindow: recvWindow, passphrase: passphrase,
                                  canonicalQuery: canonicalQuery, paramString: paramString))
    }
}

/// A setting of the user's key or account that changes signing or its checks, with the choices
/// the venue offers (Gemini keys provisioned with a time-based nonce or not). A request that is
/// right under any choice the user may have is not called wrong (docs/recipes.md, Key options).
public struct KeyOption: Sendable, Hashable {
    public var name: String
    public var description: String
    /// In the order of the recipe; a vector that names no choice is checked under each in turn.
    public var choices: [KeyChoice]
    public init(name: String, description: String, choices: [KeyChoice]) {
        self.name = name
        self.description = description
        self.choices = choices
    }
}

/// One choice of a ``KeyOption``: the recipe members it replaces (none: the base recipe).
public struct KeyChoice: Sendable, Hashable {
    public var name: String
    public var description: String
    public var prehash: Template?
    public var timestamp: TimestampField?
    public var nonce: Field?
    public var recvWindow: RecvWindowField?
    public var passphrase: PassphraseField?
    public init(name: String, description: String = "") {
        self.name = name
        self.description = description
    }
}

extension HMACRecipe {
    /// The recipe with a choice's members in place of its own.
    public func applying(_ choice: KeyChoice) -> HMACRecipe {
        var recipe = self
        if let prehash = choice.prehash { recipe.prehash = prehash }
        if let timestamp = choice.timestamp { recipe.timestamp = timestamp }
        if let nonce = choice.nonce { recipe.nonce = nonce }
        if let recvWindow = choice.recvWindow { recipe.recvWindow = recvWindow }
        if let passphrase = choice.passphrase { recipe.passphrase = passphrase }
        return recipe
    }

    /// Every combination of choices that keeps `named` (option name to choice name), in recipe
    /// order: the first choice of each option first. Names that match no option or choice are
    /// left out here; ``unknownKeyChoices(_:)`` reports them.
    public func keyChoiceCombinations(keeping named: [String: String]) -> [[String: String]] {
        var combinations: [[String: String]] = [[:]]
        for option in keyOptions {
            let names = named[option.name].map { [$0] } ?? option.choices.map(\.name)
            combinations = combinations.flatMap { partial in names.map { partial.merging([option.name: $0]) { a, _ in a } } }
        }
        return combinations
    }

    /// The recipe under one combination of choices.
    /// The recipe under one combination of choices; it has no key options left.
    public func choosing(_ choices: [String: String]) -> HMACRecipe {
        var recipe = self
        for option in keyOptions {
            if let name = choices[option.name], let choice = option.choices.first(where: { $0.name == name }) {
                recipe = recipe.applying(choice)
            }
        }
        recipe.keyOptions = []
        return recipe
    }

    /// Named options or choices this recipe does not have, as messages.
    public func unknownKeyChoices(_ named: [String: String]) -> [String] {
        named.sorted { $0.key < $1.key }.compactMap { name, choice in
            guard let option = keyOptions.first(where: { $0.name == name }) else {
                return keyOptions.isEmpty ? "keyOptions.\(name): the venue has no key options"
                    : "keyOptions.\(name): the venue has no such option (it has \(keyOptions.map(\.name).joined(separator: ", ")))"
            }
            return option.choices.contains { $0.name == choice } ? nil
                : "keyOptions.\(name): \"\(choice)\" is not one of \(option.choices.map(\.name).joined(separator: ", "))"
        }
    }
}

extension Venue {
    /// The venue with its HMAC recipe under one combination of key choices.
    public func choosing(_ choices: [String: String]) -> Venue {
        guard case .hmac(let recipe) = auth, !recipe.keyOptions.isEmpty else { return self }
        var copy = self
        copy.auth = .hmac(recipe.choosing(choices))
        return copy
    }
}

/// Where a value travels in a request.
public enum FieldLocation: Sendable, Hashable, CustomStringConvertible {
    /// A header's whole value, after an optional fixed prefix (Bitstamp's `X-Auth: BITSTAMP <key>`).
    case header(String, prefix: String)
    /// One `name=value` parameter inside a header of the form `<scheme> k=v,k=v` (Deribit's `sig=`).
    case headerParameter(header: String, scheme: String, parameter: String)
    /// A member of a JSON object carried base64-encoded in a header (Gemini's `X-GEMINI-PAYLOAD`).
    case encodedHeaderMember(header: String, member: String)
    /// A query-string parameter.
    case query(String)
    /// A top-level member of a JSON body, or a field of a form body.
    case body(String)
    /// A parameter in the query string or, failing that, the form body (Binance's `signature`).
    case parameter(String)

    public var description: String {
        switch self {
        case .header(let name, let prefix): prefix.isEmpty ? "header \(name)" : "header \(name) after \"\(prefix)\""
        case .headerParameter(let header, _, let parameter): "\(parameter)= in header \(header)"
        case .encodedHeaderMember(let header, let member): "member \"\(member)\" of the base64 JSON in header \(header)"
        case .query(let name): "query parameter \(name)"
        case .body(let name): "body field \(name)"
        case .parameter(let name): "parameter \(name) (query or body)"
        }
    }
}

/// A value with a location.
public struct Field: Sendable, Hashable {
    public var location: FieldLocation
    public init(_ location: FieldLocation) { self.location = location }
}

/// Where the signature goes and how it is written.
public struct SignatureField: Sendable, Hashable {
    public var location: FieldLocation
    public var encoding: ByteEncoding
    /// Whether the venue compares hex signatures ignoring case (Binance and MEXC document this).
    public var caseInsensitive: Bool
    public init(location: FieldLocation, encoding: ByteEncoding, caseInsensitive: Bool = false) {
        self.location = location
        self.encoding = encoding
        self.caseInsensitive = caseInsensitive
    }
}

/// How a venue writes timestamps.
public enum TimestampFormat: String, Sendable, Hashable, CaseIterable {
    /// Integer seconds since the epoch.
    case unixSeconds = "unix-s"
    /// Seconds since the epoch, a decimal fraction allowed (Coinbase, Gate.io's SDK).
    case unixSecondsDecimal = "unix-s-decimal"
    /// Integer milliseconds since the epoch.
    case unixMilliseconds = "unix-ms"
    /// Integer microseconds since the epoch (Bitfinex nonces).
    case unixMicroseconds = "unix-us"
    /// ISO 8601 UTC with milliseconds and `Z`: `2020-12-08T09:08:57.715Z` (OKX).
    case iso8601Milliseconds = "iso8601-ms"
    /// ISO 8601 UTC to the second without zone: `2017-05-11T15:19:30` (HTX).
    case iso8601Seconds = "iso8601-s"
}

/// The venue's acceptance window for a timestamp, relative to its own clock.
public struct TimeWindow: Sendable, Hashable {
    /// How far behind the server clock a timestamp may be; `nil` means the receive window.
    public var pastMilliseconds: Int64?
    /// How far ahead of the server clock a timestamp may be.
    public var futureMilliseconds: Int64
    /// The timestamp is an expiry: the request is valid until then (BitMEX `api-expires`).
    public var isExpiry: Bool
    public init(pastMilliseconds: Int64?, futureMilliseconds: Int64, isExpiry: Bool = false) {
        self.pastMilliseconds = pastMilliseconds
        self.futureMilliseconds = futureMilliseconds
        self.isExpiry = isExpiry
    }
}

/// The timestamp a request carries, its format and window.
public struct TimestampField: Sendable, Hashable {
    public var location: FieldLocation
    public var format: TimestampFormat
    public var window: TimeWindow?
    public init(location: FieldLocation, format: TimestampFormat, window: TimeWindow?) {
        self.location = location
        self.format = format
        self.window = window
    }
}

/// The receive window parameter and its default.
public struct RecvWindowField: Sendable, Hashable {
    public var location: FieldLocation?
    public var defaultMilliseconds: Int64
    public init(location: FieldLocation?, defaultMilliseconds: Int64) {
        self.location = location
        self.defaultMilliseconds = defaultMilliseconds
    }
}

/// Where the passphrase goes, and whether it is itself HMAC-signed (KuCoin key version 2+).
public struct PassphraseField: Sendable, Hashable {
    public var location: FieldLocation
    public var signing: PassphraseSigning?
    public init(location: FieldLocation, signing: PassphraseSigning?) {
        self.location = location
        self.signing = signing
    }
}

/// `base64(HMAC(secret, passphrase))`-style passphrase signing, switched on by a header value.
public struct PassphraseSigning: Sendable, Hashable {
    public var hash: HashAlgorithm
    public var encoding: ByteEncoding
    /// The header that selects signing (e.g. `KC-API-KEY-VERSION`), and the values that do.
    public var whenHeader: String?
    public var whenValues: [String]
    public init(hash: HashAlgorithm, encoding: ByteEncoding, whenHeader: String?, whenValues: [String]) {
        self.hash = hash
        self.encoding = encoding
        self.whenHeader = whenHeader
        self.whenValues = whenValues
    }
}

/// A canonical query: the sent parameters decoded, optionally sorted, and re-encoded by one rule.
public struct CanonicalQueryRule: Sendable, Hashable {
    /// Sort by key (byte order), stable for equal keys.
    public var sortByKey: Bool
    /// Percent-encode with upper-case hex (RFC 3986); lower-case otherwise.
    public var uppercaseHex: Bool
    /// Parameters left out (besides the signature, always left out).
    public var exclude: [String]
    public init(sortByKey: Bool, uppercaseHex: Bool, exclude: [String]) {
        self.sortByKey = sortByKey
        self.uppercaseHex = uppercaseHex
        self.exclude = exclude
    }
}

/// A flattened parameter string built from a JSON body member: keys sorted, `key + value`, no delimiters.
public struct ParamStringRule: Sendable, Hashable {
    /// The top-level JSON body member holding the parameters (Crypto.com: `params`).
    public var member: String
    /// How deep nested objects are flattened before the rest is written as compact JSON;
    /// `nil` flattens at any depth (the JavaScript helper of Crypto.com's docs).
    public var maximumDepth: Int?
    /// How JSON `true`/`false` are written (`true`, or `True` as Python's `str()` does).
    public var booleanStyle: BooleanStyle
    /// How JSON numbers are written.
    public var numberStyle: NumberStyle
    /// Keys in UTF-16 order (the venues' rule); off only to model a client that forgot to sort.
    public var sortsKeys: Bool = true
    public enum BooleanStyle: String, Sendable, Hashable, CaseIterable {
        case json
        case python
    }
    public enum NumberStyle: String, Sendable, Hashable, CaseIterable {
        /// The number's text as the body writes it.
        case asSent = "as-sent"
        /// As JavaScript's `String(n)` writes the number the text parses to: `1.0` → `1`,
        /// `0.00000001` → `1e-8`, `1e21` → `1e+21` (ECMAScript Number::toString).
        case javascript
    }
    public init(member: String, maximumDepth: Int?, booleanStyle: BooleanStyle, numberStyle: NumberStyle = .asSent) {
        self.member = member
        self.maximumDepth = maximumDepth
        self.booleanStyle = booleanStyle
        self.numberStyle = numberStyle
    }
}

/// The error codes a venue answers with, so reports can say what the user saw.
public struct VenueErrors: Sendable, Hashable {
    public var badSignature: VenueError?
    public var badTimestamp: VenueError?
    public var badKey: VenueError?
    /// A wrong passphrase (OKX 50105, KuCoin 400004), when the venue has one.
    public var badPassphrase: VenueError?
    public init(badSignature: VenueError? = nil, badTimestamp: VenueError? = nil, badKey: VenueError? = nil, badPassphrase: VenueError? = nil) {
        self.badSignature = badSignature
        self.badTimestamp = badTimestamp
        self.badKey = badKey
        self.badPassphrase = badPassphrase
    }
}

/// What `sigconform serve` answers for this venue, from venue.json's "responses".
///
/// Bodies are JSON with placeholders in string values: `"{code}"` (the error code as a string),
/// `"{codeNumber}"` (the code as a JSON number), `"{message}"`, `"{serverTime}"` (ms, a number),
/// `"{serverTimeSeconds}"` (a number), and `"{serverTimeISO}"` (ISO 8601 with milliseconds).
public struct VenueResponses: Sendable, Hashable {
    /// Endpoints ("METHOD /path") answered from their body without verification: what clients
    /// call before signing (server time). Every other request is verified, known body or not.
    public var publicEndpoints: Set<String>
    /// The body of every error answer; `nil` means {"code": …, "msg": …}.
    public var errorBody: JSONValue?
    /// The body of an accepted request that has no endpoint body; `nil` means `{}`.
    public var success: JSONValue?
    /// Bodies per endpoint, keyed "METHOD /path" (the path without the query).
    public var endpoints: [String: JSONValue]
    public init(publicEndpoints: Set<String> = [], errorBody: JSONValue? = nil, success: JSONValue? = nil, endpoints: [String: JSONValue] = [:]) {
        self.publicEndpoints = publicEndpoints
        self.errorBody = errorBody
        self.success = success
        self.endpoints = endpoints
    }
}

/// One venue error: its code and message as the venue sends them.
public struct VenueError: Sendable, Hashable, CustomStringConvertible {
    public var code: String
    public var message: String
    /// The HTTP status the venue answers with (`sigconform serve`); 400 when the file does not say.
    public var httpStatus: Int?
    public init(code: String, message: String, httpStatus: Int? = nil) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
    }
    public var description: String { message.isEmpty ? code : "\(code) \"\(message)\"" }
}
