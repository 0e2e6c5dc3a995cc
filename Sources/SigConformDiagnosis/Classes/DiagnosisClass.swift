import SigConformCore

/// A diagnosis class: what kind of client mistake explains a wrong signature. Ids are stable
/// (they appear in vector files, reports and baselines).
public enum DiagnosisClass: String, Sendable, Hashable, CaseIterable, Comparable {
    case unsortedParams = "unsorted_params"
    case bodyEncoding = "body_encoding"
    case queryEncoding = "query_encoding"
    case clockDrift = "clock_drift"
    case timestampMismatch = "timestamp_mismatch"
    case timestampUnits = "timestamp_units"
    case valueMismatch = "value_mismatch"
    case missingBearerPrefix = "missing_bearer_prefix"
    case wrongSecretEncoding = "wrong_secret_encoding"
    case secretWhitespace = "secret_whitespace"
    case credentialsSwapped = "credentials_swapped"
    case wrongHash = "wrong_hash"
    case wrongOutputEncoding = "wrong_output_encoding"
    case methodCase = "method_case"
    case methodMismatch = "method_mismatch"
    case pathMismatch = "path_mismatch"
    case missingComponent = "missing_component"
    case signatureNotLast = "signature_not_last"
    case bodyNotRead = "body_not_read"
    case reusedHMACState = "reused_hmac_state"
    case unsupportedScheme = "unsupported_scheme"
    case backendDivergence = "backend_divergence"
    case unexplained

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// What the client did, in one line.
    public var summary: String {
        switch self {
        case .unsortedParams: "signed the parameters in a different order than it sent them"
        case .bodyEncoding: "signed a different serialisation of the body than it sent"
        case .queryEncoding: "signed a differently percent-encoded query than it sent"
        case .clockDrift: "the timestamp is outside the venue's window relative to the server clock"
        case .timestampMismatch: "signed a different timestamp or nonce than it sent"
        case .timestampUnits: "used seconds where milliseconds were due, or the reverse"
        case .valueMismatch: "signed another value of a parameter than it sent (recvWindow), or sent the passphrase header not signed as the venue signs it"
        case .missingBearerPrefix: "the Authorization header lacks the exact \"Bearer \" scheme"
        case .wrongSecretEncoding: "used a base64 secret as raw bytes, or decoded a raw one"
        case .secretWhitespace: "the secret carried whitespace (a newline, spaces, a tab, a BOM, a non-breaking space)"
        case .credentialsSwapped: "signed with another credential (the API key, the passphrase, or another key's secret) as the secret"
        case .wrongHash: "computed the HMAC with the wrong hash function"
        case .wrongOutputEncoding: "encoded the MAC, or a digest inside the prehash, the wrong way (hex, base64, case, one encoding's text encoded again)"
        case .methodCase: "signed the HTTP method in the wrong case"
        case .methodMismatch: "signed another HTTP method than the one it sent"
        case .pathMismatch: "signed a different path or host than it sent (query, host, prefix, slashes)"
        case .missingComponent: "left a required component out of the prehash"
        case .bodyNotRead: "sent a body with a method whose body the venue does not read (a GET), so the venue verifies the request without it"
        case .signatureNotLast: "sent the right signature, but not as the last parameter, where the venue reads it"
        case .reusedHMACState: "kept one HMAC object across requests without resetting it: each signature covers the earlier requests' prehashes too"
        case .unsupportedScheme: "the request follows another signing scheme of this venue (retired, or another API of the venue), which sigconform does not check"
        case .backendDivergence: "the pure-Swift and OpenSSL backends disagree (a sigconform bug)"
        case .unexplained: "no known mistake reproduces the observed signature"
        }
    }

    /// The fix, in one line.
    public var fix: String {
        switch self {
        case .unsortedParams: "sign the query/body bytes exactly as they go on the wire; build the string once and use it for both"
        case .bodyEncoding: "serialise the body once, sign those bytes, and send the same bytes"
        case .queryEncoding: "sign the query in the form the venue verifies (as sent for most venues; percent-decoded for Bitget, Gate.io and KuCoin: the correct prehash shows which), and percent-encode what you send once, without letting the HTTP client re-encode"
        case .clockDrift: "synchronise the clock (NTP) or fetch the venue's server time and apply the offset; widen recvWindow only as a last resort"
        case .timestampMismatch: "read the clock once per request and use that value both in the prehash and in the header/parameter"
        case .timestampUnits: "send the timestamp in the unit the venue documents"
        case .valueMismatch: "build each value once and use that one value both in the signed text and on the wire (a receive window set in one place), and send the passphrase header in the form the venue verifies"
        case .missingBearerPrefix: "send exactly \"Authorization: Bearer <key>\": capital B, one space, no other word"
        case .wrongSecretEncoding: "decode the secret as the venue documents (base64 for Kraken and Coinbase Exchange, raw UTF-8 for the others)"
        case .secretWhitespace: "strip whitespace and newlines from the secret when loading it (.env files and copy-paste add them)"
        case .credentialsSwapped: "use the secret of the API key the request sends as the HMAC key; the API key and the passphrase only go in their headers"
        case .wrongHash: "use the hash the venue documents"
        case .wrongOutputEncoding: "encode the MAC bytes once, as the venue documents (never base64 of a hex string or hex of base64 text); keep a binary inner digest (Kraken's SHA-256) as bytes, appended to the path bytes, never decoded to a string"
        case .methodCase: "sign the method in upper case, as sent"
        case .methodMismatch: "sign the method of the request you send: build the prehash from the same method value the HTTP call uses"
        case .pathMismatch: "sign the exact request path the venue documents (with or without ?query, without scheme and host, with the version prefix and one leading '/'), and where the venue signs the host, the host the request goes to"
        case .missingComponent: "include every component of the venue's prehash, in order"
        case .bodyNotRead: "send a GET's parameters in the query string and sign the query only; send no body with a GET"
        case .signatureNotLast: "append the signature after every other parameter, as the last one of the query string (or of the body when the parameters travel there): never sort it in with the others or put it first"
        case .reusedHMACState: "key a new HMAC object for every request (or reset it: Go's Reset(), a fresh hmac.new() in Python), or use a one-shot HMAC call"
        case .unsupportedScheme: "sign with the scheme this venue's API checks today (the docs below); sigconform judges only that one"
        case .backendDivergence: "report this to sigconform with the vector: one of its MAC backends is wrong"
        case .unexplained: "compare your prehash with the correct one below; if they are equal, suspect the credentials or environment"
        }
    }
}
