import SigConformMAC

/// A signing scheme of a known venue that sigconform does not check: a retired key version, or
/// another API of the venue with rules of its own. Judged by the venue's recipe, such a request
/// would be called correct (a KuCoin key-v1 request still signs as the recipe says) or given a
/// misleading diagnosis (Coinbase's v2 keys look like a wrong secret decoding and a wrong
/// encoding at once); the evaluation says which scheme it looks like instead, and the request is
/// not judged correct.
///
/// Each scheme is recognised by what the request shows (headers, host, path), never by its
/// signature, and cites the venue's own words.
public struct OtherScheme: Sendable {
    /// The venues whose recipes this scheme is told apart from.
    public let venues: Set<String>
    /// The scheme, as the venue names it.
    public let name: String
    /// Where the venue documents it (or its retirement).
    public let docs: String
    /// What of the request shows the scheme, in words; nil when the request does not.
    let recognise: @Sendable (HTTPRequest, Credentials) -> String?

    /// The scheme `request` to `venue` looks like, with what shows it; nil for none.
    public static func recognised(in request: HTTPRequest, credentials: Credentials, venue: String) -> (scheme: OtherScheme, shownBy: String)? {
        for scheme in known where scheme.venues.contains(venue) {
            if let shown = scheme.recognise(request, credentials) { return (scheme, shown) }
        }
        return nil
    }

    /// The sentence a finding and a diagnosis give.
    public func sentence(shownBy shown: String) -> String {
        "this looks like \(name), which sigconform does not check (\(shown)); see \(docs)"
    }

    public static let known: [OtherScheme] = [kuCoinKeyV1, coinbaseV2Keys, coinbaseJWT, binanceWAPI]

    /// KuCoin's API key v1: the passphrase in plain text, no KC-API-KEY-VERSION (or 1). KuCoin
    /// asked every user to replace v1 keys by 13 May 2021; only v2 keys (and the universal SDK's
    /// v3, signed the same way) can be created.
    static let kuCoinKeyV1 = OtherScheme(
        venues: ["kucoin", "kucoin-futures"], name: "KuCoin's API key v1 (plain passphrase, retired in 2021)",
        docs: "https://www.kucoin.com/support/900006465403"
    ) { request, credentials in
        let version = request.headers["KC-API-KEY-VERSION"]
        guard version == nil || version == "1", let sent = request.headers["KC-API-PASSPHRASE"] else { return nil }
        // A v2 client that forgot the version header sends the signed passphrase: that is its
        // mistake (value_mismatch), not another scheme.
        if let passphrase = credentials.passphrase {
            guard sent == passphrase else { return nil }
        } else if sent.utf8.count == 44, Base64.decode(sent)?.count == 32 {
            return nil
        }
        return (version == nil ? "no KC-API-KEY-VERSION header" : "KC-API-KEY-VERSION: 1") + " and the plain passphrase in KC-API-PASSPHRASE"
    }

    /// Coinbase's API keys for its v2 API (Sign In With Coinbase) and the first Advanced Trade
    /// keys: CB-ACCESS-SIGN is the hex HMAC-SHA256 of timestamp + method + path + body under the
    /// secret as text, with no passphrase, to api.coinbase.com with a CB-VERSION date.
    static let coinbaseV2Keys = OtherScheme(
        venues: ["coinbase-exchange"], name: "Coinbase's v2 API keys (api.coinbase.com: hex CB-ACCESS-SIGN, CB-VERSION, no passphrase)",
        docs: "https://docs.cloud.coinbase.com/advanced-trade-api/docs/rest-api-auth"
    ) { request, _ in
        guard request.headers["CB-ACCESS-SIGN"] != nil, request.headers["CB-ACCESS-PASSPHRASE"] == nil else { return nil }
        var shown = ["CB-ACCESS-SIGN without CB-ACCESS-PASSPHRASE"]
        if request.headers["CB-VERSION"] != nil { shown.append("a CB-VERSION header") }
        if let host = request.effectiveHost, host.equalsIgnoringCase("api.coinbase.com") { shown.append("host api.coinbase.com") }
        if request.path.hasPrefix("/v2/") { shown.append("a /v2/ path") }
        return shown.count > 1 ? shown.joined(separator: ", ") : nil
    }

    /// Coinbase Developer Platform keys (Advanced Trade today): a JWT signed with the key's
    /// private key (ES256 or Ed25519) in Authorization: Bearer, no HMAC.
    static let coinbaseJWT = OtherScheme(
        venues: ["coinbase-exchange"], name: "a Coinbase Developer Platform JWT (Advanced Trade: Authorization: Bearer, ES256/Ed25519)",
        docs: "https://docs.cloud.coinbase.com/get-started/authentication/jwt-authentication"
    ) { request, _ in
        guard request.headers["CB-ACCESS-SIGN"] == nil, let authorization = request.headers["Authorization"],
              authorization.hasPrefix("Bearer "), authorization.split(separator: ".").count == 3 else { return nil }
        return "Authorization: Bearer with a three-part token and no CB-ACCESS-SIGN"
    }

    /// Binance's /wapi endpoints (withdrawals, deposits, sub-accounts), delisted on 1 August 2021
    /// for their /sapi replacements: signed alike, but Binance answers 503 "This endpoint has been
    /// deprecated, please integrate with …" (quoted in ccxt/ccxt#10121).
    static let binanceWAPI = OtherScheme(
        venues: ["binance-spot"], name: "Binance's /wapi API (delisted on 2021-08-01, replaced by /sapi)",
        docs: "https://www.binance.com/en/support/announcement/f45dde7da58b473aa885349946bed269"
    ) { request, _ in
        request.path.hasPrefix("/wapi/") ? "the path \(request.path)" : nil
    }
}
