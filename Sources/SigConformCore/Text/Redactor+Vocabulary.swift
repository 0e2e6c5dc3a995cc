extension Redactor {
    /// The words sigconform's machine-readable output is built from whatever the input: the
    /// member names and enumerated values of report.json (vectors/schema/report.schema.json) and
    /// the diagnosis class names. Tests keep this list in step with the schema and the classes.
    ///
    /// A user-chosen passphrase is often made of words (`sc-test-passphrase`, `my-trading-passphrase`),
    /// and the half-credential scrub then matched `assphrase` inside the member name
    /// `passphraseFingerprint`, writing `"p[part of passphrase …]Fingerprint"` into every report.json
    /// of the run. A half that lies inside one of these words is not scrubbed: the word is in every
    /// report whatever the credential, so leaving it tells a reader nothing about the secret, and
    /// scrubbing it breaks the report for every program that reads it. The whole credential, in
    /// every form, is still scrubbed.
    static let outputVocabulary: [String] = [
        // report.json member names
        "actual", "apiKey", "auth", "backend", "backends", "baseline", "body", "byVenue", "class", "classes",
        "clientComponent", "clientPrehash", "clock", "code", "column", "command", "comment", "component",
        "correctComponent", "correctPrehash", "count", "credentials", "detail", "diagnosis", "docs",
        "durationSeconds", "error", "errors", "evidence", "exitCode", "expected", "failed", "file", "files",
        "findings", "firstDifference", "fix", "fixed", "format", "headers", "hex", "hint", "host", "id", "index",
        "inputErrors", "invalid", "kind", "knownFailures", "label", "lagMs", "length", "line",
        "matchesCorrectPrehash", "mergedReports", "message", "method", "name", "newFailures", "notes",
        "observedSignature", "offset", "passed", "passphraseFingerprint", "path", "pointer", "prehash",
        "problems", "query", "request", "result", "run", "secretFingerprint", "segments", "serverEcho",
        "serverPrehash", "serverTime", "shard", "signature", "signer", "source", "startedAt", "status", "steps",
        "summary", "tags", "text", "timestamp", "tool", "total", "valid", "value", "vectorId", "vectors",
        "venue", "venueError", "venues", "version", "withinWindow",
        // report.json enumerated values
        "bearer", "digest", "header", "hmac", "key", "known", "literal", "new", "nonce", "passphrase",
        "recvWindow", "sigconform/report@1", "sigconform/report@2",
        // diagnosis classes
        "unsorted_params", "body_encoding", "query_encoding", "clock_drift", "timestamp_mismatch",
        "timestamp_units", "value_mismatch", "missing_bearer_prefix", "wrong_secret_encoding",
        "secret_whitespace", "credentials_swapped", "wrong_hash", "wrong_output_encoding", "method_case",
        "method_mismatch", "path_mismatch", "missing_component", "signature_not_last", "body_not_read",
        "reused_hmac_state", "unsupported_scheme", "backend_divergence", "unexplained",
        "wrong_passphrase",
    ]

    /// Whether `fragment` lies inside one of the ``outputVocabulary`` words.
    static func isOutputVocabulary(_ fragment: String) -> Bool {
        // An ASCII fragment (nearly every one) is compared on bytes: the words are ASCII, so
        // it lies in one exactly when its bytes do. `contains` on strings went through
        // NSString's `range(of:)` for each of the 120 words, twice a credential (callgrind).
        guard fragment.utf8.allSatisfy({ $0 < 0x80 }) else { return outputVocabulary.contains { $0.contains(fragment) } }
        let bytes = Array(fragment.utf8)
        guard bytes.count <= longestVocabularyWord else { return false }
        return outputVocabularyBytes.contains { word in
            word.count >= bytes.count && (0...(word.count - bytes.count)).contains { word[$0..<($0 + bytes.count)].elementsEqual(bytes) }
        }
    }

    private static let outputVocabularyBytes = outputVocabulary.map { Array($0.utf8) }
    private static let longestVocabularyWord = outputVocabularyBytes.map(\.count).max() ?? 0
}
