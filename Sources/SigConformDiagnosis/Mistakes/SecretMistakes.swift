import SigConformCore
import SigConformMAC

extension Mistake {
    /// The secret was read with whitespace around it: from a `.env` file (newline, CRLF), a
    /// web page (a non-breaking space), a table (a tab), a file saved "UTF-8 with BOM".
    package static let secretWhitespace = Mistake(.secretWhitespace, name: "secret-whitespace", changesPrehash: false) { attempt, context in
        guard let secret = context.credentials.secret else { return [] }
        let variants: [(String, String)] = [
            ("a trailing newline", secret + "\n"), ("a trailing CRLF", secret + "\r\n"), ("a trailing space", secret + " "),
            ("a leading space", " " + secret), ("trailing whitespace removed", secret.trimmingTrailingWhitespace()),
            ("a trailing tab", secret + "\t"), ("a trailing carriage return", secret + "\r"), ("two trailing spaces", secret + "  "),
            ("a trailing non-breaking space (U+00A0, from a web page)", secret + "\u{00A0}"),
            ("a leading byte-order mark (U+FEFF, a file saved as UTF-8 with BOM)", "\u{FEFF}" + secret),
            ("a leading tab", "\t" + secret), ("a leading newline", "\n" + secret),
        ]
        return variants.compactMap { label, text in
            guard text != secret, let key = context.recipe.secretEncoding.keyBytes(text) else { return nil }
            return attempt.with(.secretWhitespace, "the secret carried \(label)") { $0.key = key }
        }
    }

    /// The secret was decoded when it should have been used raw, or the reverse.
    package static let wrongSecretEncoding = Mistake(.wrongSecretEncoding, name: "secret-decoding", changesPrehash: false) { attempt, context in
        guard let secret = context.credentials.secret else { return [] }
        var out: [SigningAttempt] = []
        for encoding in SecretEncoding.allCases where encoding != context.recipe.secretEncoding {
            // Clients decode leniently (stray bits in the last base64 symbol are ignored).
            let decoded = encoding == .base64 ? Base64.decode(secret, strict: false) : encoding.keyBytes(secret)
            guard let key = decoded, key != attempt.key else { continue }
            let label = switch encoding {
            case .utf8: "used the secret's text as the key instead of \(context.recipe.secretEncoding.rawValue)-decoding it"
            case .base64: "base64-decoded a secret that the venue uses as raw text"
            case .hex: "hex-decoded a secret that the venue uses as \(context.recipe.secretEncoding.rawValue)"
            }
            out.append(attempt.with(.wrongSecretEncoding, label) { $0.key = key })
        }
        if context.recipe.secretEncoding != .utf8, let key = Base64.decode(secret, urlSafe: true), key != attempt.key {
            out.append(attempt.with(.wrongSecretEncoding, "decoded the secret as URL-safe base64") { $0.key = key })
        }
        return out
    }
}

extension String {
    func trimmingTrailingWhitespace() -> String {
        var copy = Substring(self)
        while let last = copy.last, last.isWhitespace { copy.removeLast() }
        return String(copy)
    }
}
