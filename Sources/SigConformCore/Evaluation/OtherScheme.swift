import SigConformMAC

/// A signing scheme of a known venue that sigconform does not check: a retired key version, or
/// another API of the venue with rules of its own. Judged by the venue's recipe, such a request
/// would be called correct (a KuCoin key-v1 request still signs as the recipe says) or given a
/// misleading diagnosis (Coinbase's v2 keys look like a wrong secret decoding and a wrong
/// encoding at once); the evaluation says which scheme it looks like instead, and the request is
/// not judged correct.
///
/// The schemes are data: the venue's venue.json lists them (`otherSchemes`), each recognised by
/// what the request shows (headers, host, path), never by its signature, and citing the venue's
/// own words, so a venue author adds one without touching Swift.
public struct OtherScheme: Sendable, Hashable {
    /// The scheme, as the venue names it.
    public var name: String
    /// Where the venue documents it (or its retirement).
    public var docs: String
    /// Signs that must all hold.
    public var requires: [Sign]
    /// Signs of which at least `minimumSupport` must hold too: Coinbase's v2 keys are told from
    /// an Exchange request that merely lacks its passphrase by a CB-VERSION header, their host or
    /// a /v2/ path, any one of them.
    public var supportedBy: [Sign]
    public var minimumSupport: Int

    public init(name: String, docs: String, requires: [Sign], supportedBy: [Sign] = [], minimumSupport: Int = 0) {
        self.name = name
        self.docs = docs
        self.requires = requires
        self.supportedBy = supportedBy
        self.minimumSupport = minimumSupport
    }

    /// One thing a request shows, and the words that say so (`{path}` is the request's path).
    /// A sign without words only narrows the match.
    public struct Sign: Sendable, Hashable {
        public var test: Test
        public var says: String?
        public init(_ test: Test, says: String? = nil) {
            self.test = test
            self.says = says
        }
    }

    public indirect enum Test: Sendable, Hashable {
        /// The request has no such header.
        case headerAbsent(String)
        /// The request has the header, and its value meets every condition given.
        case header(String, HeaderValue)
        /// The request goes to this host (letter case aside).
        case host(String)
        /// The request's path starts with this text.
        case pathPrefix(String)
        /// One of these holds; the first that does gives the words.
        case anyOf([Sign])
    }

    /// What a present header's value must be; an empty value asks for presence only.
    public struct HeaderValue: Sendable, Hashable {
        /// One of these exactly.
        public var equals: [String]?
        public var prefix: String?
        /// The number of non-empty parts between dots (three for a JWT).
        public var dotParts: Int?
        /// The passphrase in plain text, not signed: the passphrase itself when the vector gives
        /// it, else any value not shaped like the recipe's signed passphrase (its HMAC in its
        /// encoding). A client of the checked scheme that signs the passphrase but forgets the
        /// header that says so keeps its own diagnosis.
        public var plainPassphrase: Bool
        public init(equals: [String]? = nil, prefix: String? = nil, dotParts: Int? = nil, plainPassphrase: Bool = false) {
            self.equals = equals
            self.prefix = prefix
            self.dotParts = dotParts
            self.plainPassphrase = plainPassphrase
        }
    }

    /// The scheme of `venue` that `request` looks like, with what shows it; nil for none.
    public static func recognised(in request: HTTPRequest, credentials: Credentials, venue: Venue) -> (scheme: OtherScheme, shownBy: String)? {
        for scheme in venue.otherSchemes {
            if let shown = scheme.shown(by: request, credentials: credentials, recipe: venue.hmac) { return (scheme, shown) }
        }
        return nil
    }

    /// The words of the signs `request` shows, when it shows this scheme.
    func shown(by request: HTTPRequest, credentials: Credentials, recipe: HMACRecipe?) -> String? {
        var words: [String] = []
        for sign in requires {
            guard let said = sign.holds(request, credentials, recipe) else { return nil }
            words += said
        }
        let support = supportedBy.compactMap { $0.holds(request, credentials, recipe) }
        guard support.count >= minimumSupport else { return nil }
        words += support.flatMap { $0 }
        return words.isEmpty ? nil : words.joined(separator: ", ")
    }

    /// The sentence a finding and a diagnosis give.
    public func sentence(shownBy shown: String) -> String {
        "this looks like \(name), which sigconform does not check (\(shown)); see \(docs)"
    }
}

extension OtherScheme.Sign {
    /// The words this sign gives when the request shows it (none for a sign without words), or
    /// nil when it does not.
    func holds(_ request: HTTPRequest, _ credentials: Credentials, _ recipe: HMACRecipe?) -> [String]? {
        let held: Bool
        var inner: [String] = []
        switch test {
        case .headerAbsent(let name): held = request.headers[name] == nil
        case .header(let name, let condition):
            guard let value = request.headers[name] else { return nil }
            held = condition.admits(value, credentials, recipe)
        case .host(let host): held = request.effectiveHost.map { $0.equalsIgnoringCase(host) } ?? false
        case .pathPrefix(let prefix): held = request.path.hasPrefix(prefix)
        case .anyOf(let signs):
            guard let first = signs.lazy.compactMap({ $0.holds(request, credentials, recipe) }).first else { return nil }
            held = true
            inner = first
        }
        guard held else { return nil }
        guard let says else { return inner }
        return inner + [says.replacing("{path}", with: request.path)]
    }
}

extension OtherScheme.HeaderValue {
    func admits(_ value: String, _ credentials: Credentials, _ recipe: HMACRecipe?) -> Bool {
        if let equals, !equals.contains(value) { return false }
        if let prefix, !value.hasPrefix(prefix) { return false }
        if let dotParts, value.split(separator: ".").count != dotParts { return false }
        guard plainPassphrase else { return true }
        if let known = credentials.passphrase { return value == known }
        // The passphrase unknown: a value shaped like the recipe's signed passphrase is not plain.
        guard let signing = recipe?.passphrase?.signing else { return true }
        return signing.encoding.decode(value)?.count != signing.hash.digestByteCount
    }
}
