import SigConformMAC

extension HTTPRequest {
    /// The user and password of an `Authorization: Basic …` header (what `curl -u key:secret`
    /// sends), as credentials to scrub from output: the user as a key, the password as a
    /// secret. `nil` when the request has no such header or it does not decode.
    package var basicAuthorizationCredentials: Credentials? {
        guard let value = headers["Authorization"], value.count > 6, value.prefix(6).lowercased() == "basic " else { return nil }
        let encoded = String(value.dropFirst(6)).trimmingCharacters(in: [" ", "\t"])
        guard let decoded = Base64.decode(encoded, strict: false).flatMap({ String(validating: $0, as: UTF8.self) }),
              let colon = decoded.firstIndex(of: ":") else { return nil }
        return Credentials(apiKey: String(decoded[..<colon]), secret: String(decoded[decoded.index(after: colon)...]))
    }
}
