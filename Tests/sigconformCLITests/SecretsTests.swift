import Foundation
import SigConform
import Testing

/// Every command and every report format, run on vectors whose secret, passphrase and API key
/// are made to be found: not one byte written (standard output, standard error, every report
/// file, the baseline) may contain them, raw or escaped.
@Suite(.serialized) struct SecretsTests {
    /// The forms a value could leak in: raw, JSON-, XML-/HTML-escaped and percent-encoded,
    /// written here by hand rather than with the Redactor's own escapes.
    static func forms(_ value: String) -> [String] {
        let json = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let xml = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        return [value, json, json.replacingOccurrences(of: "/", with: "\\/"), xml,
                xml.replacingOccurrences(of: "\"", with: "&quot;"),
                xml.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;"),
                xml.replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&apos;"),
                value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))!]
    }

    /// Scanned for with the wider set of issue #17 (percent-encoding in both cases and as
    /// `quote()` writes it, base64, hex, halves) as well.
    static func leaks(in text: String) -> [String] {
        SecretCorpus.values.flatMap { value in (forms(value) + SecretLeakFamiliesTests.forms(value)).filter { text.contains($0) } }
    }

    @Test(.enabled(if: hasPython3, "python3 is needed for the example signers"))
    func noCommandWritesACredentialAnywhere() throws {
        let work = temporaryDirectory("secrets")
        let corpus = try SecretCorpus.write(to: work + "/corpus")
        let leakySigner = work + "/leaky-signer.py"
        // A signer that prints the credentials it is given on stderr and in a garbage answer, then dies.
        try """
            import json, sys
            message = json.loads(sys.stdin.readline())
            credentials = message["credentials"]
            print("debug: secret", credentials["secret"], "key", credentials["apiKey"], "passphrase", credentials.get("passphrase"), file=sys.stderr)
            print("not json:", credentials["secret"], credentials.get("passphrase"), credentials["apiKey"], flush=True)
            sys.exit(3)
            """.write(toFile: leakySigner, atomically: true, encoding: .utf8)

        let runs: [[String]] = [
            ["check", corpus, "--report-dir", "\(work)/all"],
            ["check", corpus, "--report-dir", "\(work)/correct", "--signer", "python3 examples/signer-correct.py"],
            ["check", corpus, "--report-dir", "\(work)/buggy", "--signer", "python3 examples/signer-buggy.py"],
            ["check", corpus, "--report-dir", "\(work)/leaky", "--signer", "python3 \(leakySigner)", "--signer-timeout", "2"],
            ["check", corpus, "--report-dir", "\(work)/write-baseline", "--write-baseline", "\(work)/baseline.json"],
            ["check", corpus, "--report-dir", "\(work)/baseline", "--baseline", "\(work)/baseline.json"],
            ["check", corpus, "--report-dir", "\(work)/shard-1", "--shard", "1/2", "--format", "json"],
            ["check", corpus, "--report-dir", "\(work)/shard-2", "--shard", "2/2", "--format", "json"],
            ["report", "merge", "\(work)/shard-1/report.json", "\(work)/shard-2/report.json", "--report-dir", "\(work)/merged"],
            ["check", corpus, "--no-reports", "--format", "terminal"],
            ["check", corpus, "--id", "okx-v5/get-balance-no-query", "--no-reports"],
            ["mac", "--hash", "sha256", "--key", SecretCorpus.secret, "--msg-hex", "00"],
            ["selftest"],
        ]
        var checkedFiles = 0
        for arguments in runs {
            let result = try CLI.run(arguments)
            #expect(Self.leaks(in: result.stdout).isEmpty, "stdout of \(arguments.prefix(3)) leaks \(Self.leaks(in: result.stdout))")
            #expect(Self.leaks(in: result.stderr).isEmpty, "stderr of \(arguments.prefix(3)) leaks \(Self.leaks(in: result.stderr))")
            #expect(result.status <= 2, "\(arguments.prefix(3)) exited \(result.status): \(result.stderr)")
        }
        for file in filesBelow(work) where !file.hasPrefix(corpus) && file != leakySigner {
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
            #expect(Self.leaks(in: text).isEmpty, "\(file) leaks \(Self.leaks(in: text))")
            checkedFiles += 1
        }
        // 5 formats × 6 full runs, 2 shard reports, the baseline.
        #expect(checkedFiles >= 33, "only \(checkedFiles) files were written")
        // The corpus itself does hold them: the scan can find what it looks for.
        let corpusText = try filesBelow(corpus).map { try String(contentsOfFile: $0, encoding: .utf8) }.joined()
        #expect(corpusText.contains(SecretCorpus.forms().first!))
    }
}

extension SecretCorpus {
    /// The JSON-escaped secret, as the corpus files hold it.
    static func forms() -> [String] { SecretsTests.forms(secret).dropFirst().map { $0 } }
}
