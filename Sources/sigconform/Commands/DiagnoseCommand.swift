import ArgumentParser
import Foundation
import SigConform

/// `sigconform diagnose`: name the mistake behind a rejected request.
struct DiagnoseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diagnose",
        abstract: "Say which mistake produced a wrong signature, from the request as you have it.",
        discussion: """
            INPUT is a vector or case JSON file, a HAR file, a raw HTTP request file, or a file holding \
            a curl command line ("-" reads standard input). Secrets come from --secret-env or \
            --secret-file; --secret works but lands in shell history and ps, so it warns. Report files are \
            written only with --report-dir DIR (a check's reports/ stays as it was). Exit status: \
            0 when the request is correct, 1 when it is not (with the diagnosis), 2 for unusable input.
            """
    )

    @Argument(help: "The request: vector/case JSON, HAR, raw HTTP, or a curl line; - for standard input.")
    var input: String?

    @Option(help: "A curl command line, as copied from a browser or docs.")
    var curl: String?

    @Option(name: .customLong("venue"), help: "The venue id; detected from host and headers when omitted.")
    var venueID: String?

    @OptionGroup var venueOptions: VenueOptions

    @Option(name: .customLong("secret-env"), help: "Environment variable holding the API secret.")
    var secretEnv: String?

    @Option(name: .customLong("secret-file"), help: "File holding the API secret (one line; the trailing newline is dropped).")
    var secretFile: String?

    @Option(name: .customLong("secret"), help: "The API secret itself (discouraged: it lands in shell history and ps).")
    var secret: String?

    @Option(name: .customLong("passphrase-env"), help: "Environment variable holding the API passphrase (OKX, KuCoin, …).")
    var passphraseEnv: String?

    @Option(name: .customLong("other-secret-env"),
            help: "Environment variable holding another secret the client may have signed with (testnet, old key); repeatable.")
    var otherSecretEnvs: [String] = []

    @Option(name: .customLong("other-secret-file"),
            help: "File holding another secret the client may have signed with (one line); repeatable.")
    var otherSecretFiles: [String] = []

    @Option(name: .customLong("api-key"), help: "The API key, when the request does not carry it.")
    var apiKey: String?

    @Option(name: .customLong("id"), help: "With a vector file or HAR: only the vector (or har-entry-N) with this id; repeatable.")
    var ids: [String] = []

    @Option(name: .customLong("server-time"), help: "The venue's clock when the request arrived, ms since the epoch.")
    var serverTime: Int64?

    @Option(name: .customLong("server-error"), help: "The venue's error message (or @FILE); Bybit's echoes its own prehash.")
    var serverError: String?

    @OptionGroup var reports: ReportOptions

    func validate() throws {
        if input == nil && curl == nil { throw ValidationError("give the request: a file, '-', or --curl '…'") }
        if [secretEnv, secretFile, secret].compactMap({ $0 }).count > 1 {
            throw ValidationError("give the secret one way: --secret-env, --secret-file or --secret")
        }
        if otherSecretEnvs.count + otherSecretFiles.count > Credentials.maximumOtherSecrets {
            throw ValidationError("give at most \(Credentials.maximumOtherSecrets) other secrets")
        }
    }

    func run() throws {
        let started = Date()
        BuildNotice.warnIfDebug("diagnose")
        if secret != nil {
            FileHandle.standardError.write(Data("warning: --secret puts the secret in your shell history and in ps; prefer --secret-env or --secret-file\n".utf8))
        }
        let (registry, venueErrors) = venueOptions.registry()
        var result = RunResult(inputErrors: venueErrors, backends: standardBackends().map(\.id), venues: registry.sorted)
        let runner = CheckRunner(registry: registry, backends: standardBackends())
        var notes: [String] = []
        // The given credentials are known to the redactor before any input is read, so input
        // that fails to parse (and quotes the secret) is echoed scrubbed.
        var given: [Credentials] = []
        do {
            try diagnoseAll(into: &result, notes: &notes, given: &given, registry: registry, runner: runner)
        } catch {
            result.inputErrors.append(error)
        }
        let context = ReportContext(started: started, reports: reports, command: "diagnose")
        try finish(RunReport(result, context: context), redactor: Redactor(run: result, given: given), reports: reports,
                   folder: reports.folder(standard: nil), notes: notes)
    }

    /// Diagnoses every selected request of the input into `result`; throws when the input or
    /// the credentials cannot be read at all. `given` receives the credentials given on the
    /// command line as soon as they are read, before the input is.
    func diagnoseAll(into result: inout RunResult, notes: inout [String], given: inout [Credentials], registry: VenueRegistry,
                     runner: CheckRunner) throws(InputError) {
        let credentials = try loadCredentials()
        given = [credentials]
        let message = try loadServerError()
        let reader = CapturedRequestReader()
        let cases: [CapturedRequest]
        if let curl {
            cases = try reader.read(CapturedInput(name: "--curl", text: curl), as: CurlForm())
        } else if let input {
            cases = try reader.read(path: input)
        } else {
            cases = []
        }
        // `curl -u key:secret` sends them base64-encoded in a Basic header: scrubbed too.
        given += cases.compactMap(\.request.basicAuthorizationCredentials)
        // Each request is judged by the run layer's one loop and verdict policy: one that cannot
        // be used is an error for it, and the rest are still diagnosed (a HAR's first entry must
        // not hide the others); the sequence first (a mistake can carry state from one request to the next).
        let source = CapturedRequestSource(cases, input: input, name: input ?? "--curl",
                                           options: .init(venue: venueID, credentials: credentials, ids: ids, serverTime: serverTime), registry: registry)
        var check = CapturedRequestCheck(runner: runner, serverMessage: message)
        var verdicts: [VectorVerdict] = []
        let run = runner.run(source, filter: VectorFilter(), check: &check) { verdicts.append($0) }.result
        result.files = run.files
        result.inputErrors += run.inputErrors
        result.verdicts += verdicts
        notes += check.notes
        let otherHosts = source.otherHosts
        if !otherHosts.isEmpty {
            let hosts = Array(Set(otherHosts)).sorted()
            notes.append("\(otherHosts.count) HAR entries fit no venue and were not diagnosed (hosts: \(hosts.prefix(10).joined(separator: ", "))\(hosts.count > 10 ? ", …" : ""))")
        }
    }

    func loadCredentials() throws(InputError) -> Credentials {
        var credentials = Credentials(apiKey: apiKey)
        if let secretEnv {
            guard let value = ProcessInfo.processInfo.environment[secretEnv] else {
                throw InputError(file: "$\(secretEnv)", message: "the environment variable is not set", hint: "export \(secretEnv)=… first")
            }
            credentials.secret = value
        } else if let secretFile {
            credentials.secret = try Self.readSecret(secretFile)
        } else if let secret {
            credentials.secret = secret
        }
        if let passphraseEnv {
            guard let value = ProcessInfo.processInfo.environment[passphraseEnv] else {
                throw InputError(file: "$\(passphraseEnv)", message: "the environment variable is not set")
            }
            credentials.passphrase = value
        }
        for name in otherSecretEnvs {
            guard let value = ProcessInfo.processInfo.environment[name] else {
                throw InputError(file: "$\(name)", message: "the environment variable is not set", hint: "export \(name)=… first")
            }
            credentials.otherSecrets.append(value)
            credentials.otherSecretSources.append("--other-secret-env \(name)")
        }
        for path in otherSecretFiles {
            credentials.otherSecrets.append(try Self.readSecret(path))
            credentials.otherSecretSources.append("--other-secret-file \(path)")
        }
        return credentials
    }

    /// A secret kept in a file: one trailing line break is how files end, not part of the
    /// secret; anything else stays, so a secret with stray whitespace is still diagnosed as
    /// secret_whitespace.
    static func readSecret(_ path: String) throws(InputError) -> String {
        var text = String(decoding: try FileReader.read(path), as: UTF8.self)
        if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    func loadServerError() throws(InputError) -> String? {
        guard let serverError else { return nil }
        if serverError.hasPrefix("@") { return String(decoding: try FileReader.read(String(serverError.dropFirst())), as: UTF8.self) }
        return serverError
    }
}
