import SigConformCore
import SigConformDiagnosis

/// Removes every credential of a run from text before it is written anywhere: secrets and
/// passphrases become fingerprints, API keys become masked keys.
///
/// Reporters never format credentials on purpose; this is the second line of defence for
/// values that can legitimately contain them (a prehash that embeds the API key, a header
/// echoed from the request).
public struct Redactor: Sendable {
    private var replacements: [(String, String)] = []

    public init(credentials: some Sequence<Credentials>) {
        var seen: Set<String> = []
        var pairs: [(String, String)] = []
        for credential in credentials {
            // Short values are not masked inside text: they would mangle unrelated words.
            if let secret = credential.secret, secret.count >= 8, seen.insert(secret).inserted {
                pairs.append((secret, "[secret \(Redaction.fingerprint(secret))]"))
            }
            if let passphrase = credential.passphrase, passphrase.count >= 8, seen.insert(passphrase).inserted {
                pairs.append((passphrase, "[passphrase \(Redaction.fingerprint(passphrase))]"))
            }
            if let key = credential.apiKey, key.count >= 8, seen.insert(key).inserted {
                pairs.append((key, Redaction.maskKey(key)))
            }
        }
        // Longest first, so a secret that contains a key is replaced whole.
        replacements = pairs.sorted { $0.0.count > $1.0.count }
    }

    /// A redactor for every credential in a run.
    public init(run: RunResult) { self.init(credentials: run.verdicts.map(\.vector.credentials)) }

    public func scrub(_ text: String) -> String {
        var out = text
        for (value, replacement) in replacements where out.contains(value) {
            out = out.split(separator: value, omittingEmptySubsequences: false).joined(separator: replacement)
        }
        return out
    }
}
