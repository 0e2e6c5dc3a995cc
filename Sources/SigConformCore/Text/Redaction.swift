import SigConformMAC

/// How secrets appear in output: never themselves, only as fingerprints or masks.
public enum Redaction {
    /// `sha256:` and the first 8 hex digits of the SHA-256 of the secret's UTF-8 bytes:
    /// enough to tell two secrets apart in a report, useless for recovering one.
    public static func fingerprint(_ secret: String) -> String {
        let digest = (try? PureSwiftBackend().digest(.sha256, Array(secret.utf8))) ?? []
        return "sha256:" + Hex.encode(digest.prefix(4))
    }

    /// An API key with all but its first 4 and last 4 characters masked (fully masked when short).
    public static func maskKey(_ key: String) -> String {
        let characters = Array(key)
        guard characters.count > 12 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + "…" + String(characters.suffix(4))
    }
}
