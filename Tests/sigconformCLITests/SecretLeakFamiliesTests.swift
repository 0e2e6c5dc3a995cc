import Foundation
import SigConform
import Testing

/// The leak paths of issue #17, each through the built binary, every output scanned for every
/// credential raw, JSON- and HTML-escaped, percent-encoded (upper and lower case, and as
/// Python's `quote()` writes it), in base64 at any alignment, in hex, and as either half.
@Suite(.serialized) struct SecretLeakFamiliesTests {
    /// A secret given on the command line's environment: `/`, `+`, `=`, `~`, a space and
    /// non-ASCII, so that every encoding differs from the others.
    static let secret = "Sx/9+k=~Secret d1st1nct/K3y-7f3eé"
    static let apiKey = "APIKEY-d1st1nct-0123456789"
    static let passphrase = "Passphrase-d1st1nct-42"

    // MARK: the scan

    /// Every form a value may leak in, written with Foundation (not the Redactor's escapes).
    static func forms(_ value: String) -> [String] {
        let json = value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        let html = value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        func unicodeEscaped(_ format: String) -> String {
            json.unicodeScalars.map { $0.isASCII ? String($0) : String(format: format, $0.value) }.joined()
        }
        var forms = [value, json, json.replacingOccurrences(of: "/", with: "\\/"), unicodeEscaped("\\u%04x"), unicodeEscaped("\\u%04X"),
                     html, html.replacingOccurrences(of: "'", with: "&#39;")]
        for safe in ["", "/"] {
            let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~" + safe)))!
            forms += [encoded, lowercasedEscapes(encoded), encoded.replacingOccurrences(of: "%20", with: "+")]
        }
        let bytes = Array(value.utf8)
        let hex = bytes.map { String(format: "%02x", $0) }.joined()
        forms += [hex, hex.uppercased()]
        forms += base64Cores(bytes)
        let characters = Array(value)
        if characters.count >= 16 {
            forms += [String(characters.prefix(characters.count / 2)), String(characters.suffix(characters.count / 2))]
        }
        return forms
    }

    /// `%2F` as `%2f`.
    static func lowercasedEscapes(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let percent = rest.firstIndex(of: "%"), rest.distance(from: percent, to: rest.endIndex) >= 3 {
            out += rest[..<percent] + "%" + rest[rest.index(after: percent)...].prefix(2).lowercased()
            rest = rest[rest.index(percent, offsetBy: 3)...]
        }
        return out + rest
    }

    /// The base64 characters that depend on `bytes` alone, at each alignment (12 of them).
    static func base64Cores(_ bytes: [UInt8]) -> [String] {
        (0..<3).map { offset in
            let encoded = Array(Data(Array(repeating: UInt8(ascii: "A"), count: offset) + bytes).base64EncodedString())
            let first = (offset * 8 + 5) / 6
            return String(encoded[first + 1..<first + 13])
        }
    }

    /// This suite's forms and ``SecretsTests``' (XML's `&apos;`, `&#39;`), so both scans look
    /// for the same encodings.
    static func leaks(in text: String, values: [String]) -> [String] {
        values.flatMap { value in (forms(value) + SecretsTests.forms(value)).filter { text.contains($0) } }
    }

    /// Runs `arguments` and scans standard output, standard error and every file the run wrote under `reports`.
    @discardableResult
    static func runScanned(_ arguments: [String], values: [String], environment: [String: String] = [:], reports: String? = nil,
                           stdin: String? = nil, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> CLI.Output {
        let result = try CLI.run(arguments, environment: environment, stdin: stdin)
        #expect(leaks(in: result.stdout, values: values).isEmpty, "stdout of \(arguments.prefix(2)) leaks \(leaks(in: result.stdout, values: values)):\n\(result.stdout)",
                sourceLocation: sourceLocation)
        #expect(leaks(in: result.stderr, values: values).isEmpty, "stderr of \(arguments.prefix(2)) leaks \(leaks(in: result.stderr, values: values)):\n\(result.stderr)",
                sourceLocation: sourceLocation)
        if let reports {
            let files = filesBelow(reports)
            for file in files {
                let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: file)), as: UTF8.self)
                #expect(leaks(in: text, values: values).isEmpty, "\(file) leaks \(leaks(in: text, values: values))", sourceLocation: sourceLocation)
            }
        }
        return result
    }

    @Test func theScanFindsEveryFormItLooksFor() {
        // The scan must be able to fail: each form planted in a text is found.
        for form in Self.forms(Self.secret) {
            #expect(!Self.leaks(in: "x \(form) y", values: [Self.secret]).isEmpty, "\(form)")
        }
        let basic = Data("\(Self.apiKey):\(Self.secret)".utf8).base64EncodedString()
        #expect(!Self.leaks(in: basic, values: [Self.secret]).isEmpty)
    }

    // MARK: diagnose

    @Test func diagnoseScrubsTheGivenSecretFromInputThatFailsToParse() throws {
        let work = temporaryDirectory("leak-unparsable")
        let environment = ["SIGCONFORM_TEST_SECRET": Self.secret]
        let quoted = Self.secret.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~/")))!
        // A curl line and a raw request that cannot be read, each quoting the secret in several forms.
        let inputs = [
            "curl 'https://api.binance.com/api/v3/order?k=\(Self.secret) -H 'X: \(Self.lowercasedEscapes(quoted))",
            "GET /api/v3/order?q=\(quoted)&r=\(Self.lowercasedEscapes(quoted)) HTTP/9.9\r\nX: \(Self.secret)\r\n",
            #"{"venue": "binance-spot", "request": {"method": "GET", "path": "/x", "body": "\#(Self.secret.replacingOccurrences(of: "/", with: "\\/"))", "bogus": 1}}"#,
        ]
        for (index, input) in inputs.enumerated() {
            let file = "\(work)/input-\(index)"
            try input.write(toFile: file, atomically: true, encoding: .utf8)
            let reports = "\(work)/reports-\(index)"
            let result = try Self.runScanned(["diagnose", file, "--venue", "binance-spot", "--secret-env", "SIGCONFORM_TEST_SECRET", "--report-dir", reports],
                                             values: [Self.secret], environment: environment, reports: reports)
            #expect(result.status == 2, "input \(index): \(result.stdout)")
        }
    }

    @Test func diagnoseScrubsABasicHeaderAndAJSONEscapedBody() throws {
        let work = temporaryDirectory("leak-basic")
        let environment = ["SIGCONFORM_TEST_SECRET": Self.secret]
        let escaped = String(decoding: try JSONEncoder().encode(["note": Self.secret]), as: UTF8.self)
        let cases: [[String]] = [
            ["--curl", "curl -u '\(Self.apiKey):\(Self.secret)' 'https://api.binance.com/api/v3/account?timestamp=1700000000000&signature=abcd'"],
            ["--curl", "curl -X POST 'https://api.binance.com/api/v3/order?timestamp=1700000000000&signature=abcd' -H 'X-MBX-APIKEY: \(Self.apiKey)' -d '\(escaped)'"],
        ]
        for (index, input) in cases.enumerated() {
            let reports = "\(work)/reports-\(index)"
            let result = try Self.runScanned(["diagnose"] + input + ["--venue", "binance-spot", "--secret-env", "SIGCONFORM_TEST_SECRET", "--report-dir", reports],
                                             values: [Self.secret, Self.apiKey], environment: environment, reports: reports)
            #expect(result.status == 1, "case \(index): \(result.stdout) \(result.stderr)")
            #expect(filesBelow(reports).count >= 5)
        }
    }

    // MARK: record

    @Test func recordPrintsNoCredentialInADryRunOrAnError() throws {
        let environment = ["SIGCONFORM_TEST_SECRET": Self.secret, "SIGCONFORM_TEST_TOKEN": "sk-\(Self.apiKey)"]
        let okx = try Self.runScanned(
            ["record", "--venue", "okx-v5", "--secret-env", "SIGCONFORM_TEST_SECRET", "--dry-run", "--curl",
             "curl 'https://www.okx.com/api/v5/account/balance' -H 'OK-ACCESS-KEY: \(Self.apiKey)' -H 'OK-ACCESS-PASSPHRASE: \(Self.passphrase)' -H 'OK-ACCESS-TIMESTAMP: 2020-12-08T09:08:57.715Z'"],
            values: [Self.secret, Self.apiKey, Self.passphrase], environment: environment)
        #expect(okx.status == 0, "\(okx.stderr)")
        #expect(okx.stdout.contains("[passphrase sha256:"))
        let bearer = try Self.runScanned(
            ["record", "--venue", "openai-compatible", "--secret-env", "SIGCONFORM_TEST_TOKEN", "--dry-run", "--curl",
             "curl https://api.openai.com/v1/models -H 'Authorization: Bearer sk-\(Self.apiKey)'"],
            values: ["sk-\(Self.apiKey)"], environment: environment)
        #expect(bearer.status == 0, "\(bearer.stderr)")
        // A curl line that cannot be read, quoting the secret: echoed scrubbed.
        let broken = try Self.runScanned(
            ["record", "--venue", "okx-v5", "--secret-env", "SIGCONFORM_TEST_SECRET", "--dry-run", "--curl", "curl 'https://www.okx.com/\(Self.secret) -H 'x"],
            values: [Self.secret], environment: environment)
        #expect(broken.status == 2)
        #expect(broken.stderr.contains("[secret sha256:") || broken.stderr.contains("[part of secret"), "\(broken.stderr)")
    }

    /// Recording for real writes the credentials into the vector file (vectors hold test
    /// credentials, docs/vector-format.md); what it prints holds none of them.
    @Test func recordWritingAVectorPrintsNoCredential() throws {
        let work = temporaryDirectory("leak-record")
        let environment = ["SIGCONFORM_TEST_SECRET": Self.secret]
        let file = "\(work)/recorded.json"
        let result = try Self.runScanned(
            ["record", "--venue", "okx-v5", "--secret-env", "SIGCONFORM_TEST_SECRET", "--file", file, "--id", "scan", "--curl",
             "curl 'https://www.okx.com/api/v5/account/balance' -H 'OK-ACCESS-KEY: \(Self.apiKey)' -H 'OK-ACCESS-PASSPHRASE: \(Self.passphrase)' -H 'OK-ACCESS-TIMESTAMP: 2020-12-08T09:08:57.715Z' -H 'OK-ACCESS-SIGN: abcd'"],
            values: [Self.secret, Self.apiKey, Self.passphrase], environment: environment)
        #expect(result.status <= 1, "\(result.stdout)\n\(result.stderr)")
        // The scan can find what it looks for: the written vector holds the secret.
        let written = try String(contentsOfFile: file, encoding: .utf8)
        #expect(!Self.leaks(in: written, values: [Self.secret]).isEmpty)
    }

    // MARK: lint

    @Test func lintMasksAPIKeys() throws {
        let work = temporaryDirectory("leak-lint")
        let corpus = try SecretCorpus.write(to: work + "/corpus")
        // A wrong key header: lint names the value the request must carry.
        let file = "\(corpus)/binance-spot/secrets.json"
        var text = try String(contentsOfFile: file, encoding: .utf8)
        text = text.replacingOccurrences(of: #""X-MBX-APIKEY":"\#(SecretCorpus.apiKey.replacingOccurrences(of: "\"", with: "\\\""))""#, with: #""X-MBX-APIKEY":"other-key-000000000""#)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        for format in ["text", "json"] {
            let result = try Self.runScanned(["lint", corpus, "--format", format], values: SecretCorpus.values)
            #expect(result.stdout.contains("error"), "\(result.stdout)")
        }
    }

    // MARK: check --signer

    @Test(.enabled(if: hasPython3, "python3 is needed for the signers"))
    func aSignerEchoingCredentialsInEveryEncodingLeaksNothing() throws {
        let work = temporaryDirectory("leak-signer")
        let corpus = try SecretCorpus.write(to: work + "/corpus")
        let signer = work + "/echo-signer.py"
        // Answers garbage whose 120-character preview cuts through the secret, declines with
        // the secret, prints it on stderr in every encoding, then fills stderr so that the
        // kept tail starts in the middle of the secret, and dies.
        try """
            import base64, html, json, re, sys, urllib.parse
            n = 0
            for line in sys.stdin:
                message = json.loads(line)
                c = message["credentials"]
                s, k, p = c["secret"], c["apiKey"], c.get("passphrase") or ""
                n += 1
                if n == 1:
                    print("x" * (120 - len(s) // 2) + s + " tail", flush=True)
                    continue
                if n == 2:
                    print(json.dumps({"id": message["id"], "error": "cannot sign with " + s + " " + p}), flush=True)
                    continue
                quoted = urllib.parse.quote(s)
                forms = [s, json.dumps(s), json.dumps(s).replace("/", "\\\\/"), html.escape(s), quoted,
                         re.sub("%[0-9A-F]{2}", lambda m: m.group(0).lower(), quoted), urllib.parse.quote_plus(s),
                         base64.b64encode((k + ":" + s).encode()).decode(), s.encode().hex(), p, k]
                print("debug:", " | ".join(forms), file=sys.stderr)
                data = s.encode()
                sys.stderr.buffer.write(data + b"B" * (4096 - len(data) // 2))
                sys.stderr.flush()
                sys.exit(3)
            """.write(toFile: signer, atomically: true, encoding: .utf8)
        let reports = "\(work)/reports"
        let result = try Self.runScanned(["check", corpus, "--signer", "python3 \(signer)", "--signer-timeout", "5", "--report-dir", reports],
                                         values: SecretCorpus.values, reports: reports)
        #expect(result.status == 1 || result.status == 2, "\(result.stdout)\n\(result.stderr)")
        let terminal = result.stdout
        #expect(terminal.contains("not a JSON line"), "\(terminal)")
        #expect(terminal.contains("its last stderr"), "\(terminal)")
        #expect(filesBelow(reports).count >= 5)
    }
}
