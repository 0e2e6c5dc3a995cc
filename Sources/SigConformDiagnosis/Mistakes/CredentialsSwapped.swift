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
        } + otherSecrets(attempt, context)
    }

    /// The other secrets the user named (a testnet key's, a rotated key's, another account's),
    /// each tried as the HMAC key the way the venue decodes its secret. Named by where it came
    /// from, never quoted.
    private static func otherSecrets(_ attempt: SigningAttempt, _ context: MistakeContext) -> [SigningAttempt] {
        let credentials = context.credentials
        let count = credentials.otherSecrets.count
        return credentials.otherSecrets.enumerated().compactMap { index, value in
            guard !value.isEmpty, value != credentials.secret else { return nil }
            let key = context.recipe.secretEncoding.keyBytes(value) ?? Array(value.utf8)
            guard key != attempt.key else { return nil }
            let which = count == 1 ? "the other secret you gave" : "other secret \(index + 1) of the \(count) you gave"
            let label = "signed with \(which) (\(credentials.otherSecretSource(at: index))), not the venue key's secret: "
                + "a testnet, old (rotated) or other account's key"
            return attempt.with(.credentialsSwapped, label) { $0.key = key }
        }
    }
}
