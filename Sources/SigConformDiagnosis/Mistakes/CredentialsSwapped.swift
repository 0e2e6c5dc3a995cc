import SigConformCore
import SigConformMAC

extension Mistake {
    /// The HMAC was keyed with another credential than the secret: the API key (key and secret
    /// swapped in a config file or a constructor's argument order) or the passphrase (OKX,
    /// KuCoin, Bitget, Coinbase Exchange: three strings, easy to mix up).
    package static let credentialsSwapped = Mistake(.credentialsSwapped, name: "credentials-swapped", changesPrehash: false) { attempt, context in
        let others: [(String, String?)] = [
            ("used the API key as the HMAC secret", context.credentials.apiKey),
            ("used the passphrase as the HMAC secret", context.credentials.passphrase),
        ]
        return others.compactMap { label, value in
            // The credential as the client would have used a secret: decoded by the venue's rule
            // where it decodes, else its text.
            guard let value, !value.isEmpty, value != context.credentials.secret else { return nil }
            let key = context.recipe.secretEncoding.keyBytes(value) ?? Array(value.utf8)
            guard key != attempt.key else { return nil }
            return attempt.with(.credentialsSwapped, label) { $0.key = key }
        }
    }
}
