import Foundation
import SigConform
import Testing

@Suite struct RedactorTests {
    static let credentials = Credentials(apiKey: "AK-<ZQ9>\"key\"&é/0123456789", secret: "S3cr3t\"<&>'/é\\ZQX9f2k", passphrase: "P&ss<phr>\"ase\"7")

    /// Forms written independently of ``Escaping`` (by hand, as other tools write them).
    static func handWrittenForms(_ value: String) -> [String] {
        [
            value,
            value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""),
            value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;"),
            value.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;").replacingOccurrences(of: "'", with: "&#39;"),
            value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~")))!,
        ]
    }

    @Test func everyFormOfEveryCredentialIsReplaced() {
        let redactor = Redactor(credentials: [Self.credentials])
        for value in [Self.credentials.apiKey!, Self.credentials.secret!, Self.credentials.passphrase!] {
            for form in Self.handWrittenForms(value) + Array(Escaping.forms(of: value)) {
                let scrubbed = redactor.scrub("before \(form) after")
                #expect(!scrubbed.contains(form), "left \(form)")
                #expect(scrubbed.hasPrefix("before ") && scrubbed.hasSuffix(" after"))
            }
        }
    }

    @Test func replacementsAreFingerprintsAndMaskedKeys() {
        let redactor = Redactor(credentials: [Self.credentials])
        #expect(redactor.scrub(Self.credentials.secret!) == "[secret \(Redaction.fingerprint(Self.credentials.secret!))]")
        #expect(redactor.scrub("k=" + Self.credentials.apiKey!) == "k=" + Redaction.maskKey(Self.credentials.apiKey!))
    }

    @Test func aSecretThatContainsTheKeyIsReplacedWhole() {
        let credentials = Credentials(apiKey: "inner-key-123456", secret: "outer-inner-key-123456-secret")
        let scrubbed = Redactor(credentials: [credentials]).scrub("x outer-inner-key-123456-secret y")
        #expect(scrubbed == "x [secret \(Redaction.fingerprint(credentials.secret!))] y")
    }

    @Test func shortValuesAreLeftAloneSoWordsSurvive() {
        let scrubbed = Redactor(credentials: [Credentials(apiKey: "key", secret: "abc", passphrase: "pw")]).scrub("a key abc pw")
        #expect(scrubbed == "a key abc pw")
    }

    /// Found by the `check` fuzz target: Gate.io's documented secret is the word `secret`, which
    /// every JSON report also shows as a member name. The limit is where scrubbing starts.
    @Test func scrubbingStartsAtTheMinimumLength() {
        let limit = Redactor.minimumScrubbedLength
        let short = String(repeating: "s", count: limit - 1), long = String(repeating: "l", count: limit)
        let text = "secret \(short) \(long)"
        let scrubbed = Redactor(credentials: [Credentials(apiKey: nil, secret: "secret", passphrase: short),
                                              Credentials(apiKey: nil, secret: long, passphrase: nil)]).scrub(text)
        #expect(scrubbed == "secret \(short) [secret \(Redaction.fingerprint(long))]")
    }

    @Test func everyReportFormatIsFreeOfCredentialsWithCharactersThatNeedEscaping() throws {
        var vector = ReportFixture.vector("okx-v5", "requests", "get-balance-ccy")
        vector.credentials = Self.credentials
        vector.request.headers.set("OK-ACCESS-KEY", Self.credentials.apiKey!)
        vector.request.headers.set("OK-ACCESS-PASSPHRASE", Self.credentials.passphrase!)
        vector.comment = "echo \(Self.credentials.secret!) \(Self.credentials.passphrase!)"
        let all = RunEnvironment.registry(extraRoots: []).0
        let run = RunResult(verdicts: [CheckRunner(registry: all, backends: standardBackends()).check(vector)],
                            files: [vector.origin.file], backends: standardBackends().map(\.id), venues: all.sorted)
        let directory = temporaryDirectory("redact")
        let paths = try ReportWriter(directory: directory).write(run, reporters: Reporters.all, context: ReportFixture.context)
        #expect(paths.count == Reporters.all.count)
        for path in paths {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            for value in [Self.credentials.apiKey!, Self.credentials.secret!, Self.credentials.passphrase!] {
                for form in Self.handWrittenForms(value) { #expect(!text.contains(form), "\(path) holds \(form)") }
            }
        }
    }

    @Test func scrubbingALargeReportIsOnePass() {
        let redactor = Redactor(credentials: (0..<100).map { Credentials(apiKey: "api-key-\($0)-abcdefgh", secret: "secret-\($0)-abcdefgh") })
        let text = String(repeating: "a report line with nothing to hide, api-key-7-abcdefgh once\n", count: 10_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure { #expect(!redactor.scrub(text).contains("api-key-7-abcdefgh")) }
        #expect(elapsed < .seconds(10), "\(elapsed) for 600 kB and 200 credentials")
    }

    /// The scan skips stretches of text that no form can start in (four bytes no form holds
    /// near its start): every form of each of many credentials, after text of every length
    /// from 0 to 23 bytes, is replaced exactly as the form on its own is, and the text around
    /// it is kept.
    @Test func everyFormIsFoundAtEveryAlignmentAmongManyCredentials() throws {
        // Random-looking letters and digits, the same on every run: base64 of a digest, of the length asked.
        func word(_ seed: String, _ length: Int) throws -> String {
            let letters = Base64.encode(try PureSwiftBackend().digest(.sha512, Array(seed.utf8))).filter { $0.isLetter || $0.isNumber }
            return String(letters.prefix(length))
        }
        let credentials = try (0..<150).map { index in
            Credentials(apiKey: try word("key \(index)", 24 + index % 40), secret: try word("secret \(index)", 8 + index % 56),
                        passphrase: try word("passphrase \(index)", 8 + index % 8))
        }
        let redactor = Redactor(credentials: credentials)
        // What report text between values is made of, and no run of letters long enough to be a credential.
        let filler = Array(" ,.:;{}[]\"=<>/-_\nxyz")
        var text = ""
        var expected = ""
        for (index, credential) in credentials.enumerated() {
            let value = [credential.secret!, credential.apiKey!, credential.passphrase!][index % 3]
            for form in Escaping.forms(of: value).union(Escaping.binaryForms(of: value)).sorted() {
                let gap = String((0..<index % 24).map { filler[($0 * 7 + index) % filler.count] })
                text += gap + form
                expected += gap + redactor.scrub(form)
            }
        }
        #expect(redactor.scrub(text + "end") == expected + "end")
        for credential in credentials { #expect(!redactor.scrub(text).contains(credential.secret!)) }
    }
}
