import ArgumentParser
import Foundation
import SigConform

/// `sigconform record`: turns a request (curl line, raw HTTP, JSON) into a vector.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Turn a request into a vector: sign it on both backends and append it to a vector file.",
        discussion: """
            Give the request one way: --curl 'curl …' (as copied from a browser or the venue's docs), \
            --http FILE (a raw HTTP/1.1 request), --request FILE (a vector's "request" object as JSON) or \
            --input FILE (any form diagnose reads: a curl line, raw HTTP, a HAR file, a case or vector \
            file; --entry picks one of several requests); '-' reads standard input. The secret comes from an environment variable, never the command \
            line. A correct request (or one without a signature) is recorded as valid with its prehash, \
            signature and auth headers; a request the venue would reject is recorded as invalid with the \
            diagnosis of its mistake. The secret is written into the vector file: use test keys only.
            Exit status: 0 when recorded, 2 when the input or the file cannot be used.
            """
    )

    @Option(name: .customLong("venue"), help: "The venue id (a bundled venue or one under --venues).")
    var venueID: String

    @Option(name: .customLong("curl"), help: "The request as a curl command line ('-' reads it from standard input).")
    var curl: String?

    @Option(name: .customLong("http"), help: "A file holding the raw HTTP/1.1 request ('-' for standard input).")
    var http: String?

    @Option(name: .customLong("request"), help: "A JSON file holding the request as a vector's \"request\" object.")
    var requestFile: String?

    @Option(name: .customLong("input"), help: "A file holding the request in any form: curl line, raw HTTP, HAR, case or vector JSON ('-' for standard input).")
    var input: String?

    @Option(name: .customLong("entry"), help: "With --input holding several requests: the one with this id (har-entry-N for a HAR file, a vector's id).")
    var entry: String?

    @Option(name: .customLong("secret-env"), help: "Environment variable holding the secret (for bearer venues: the API key).")
    var secretEnv: String?

    @Option(name: .customLong("api-key-env"), help: "Environment variable holding the API key (default: read from the request).")
    var apiKeyEnv: String?

    @Option(name: .customLong("passphrase-env"), help: "Environment variable holding the passphrase (default: read from the request).")
    var passphraseEnv: String?

    @Option(name: .customLong("file"), help: "The vector file to append to (default: requests.json in the venue's folder); created if missing.")
    var file: String?

    @Option(name: .customLong("id"), help: "The vector's id (default: made from the method and path, e.g. post-order).")
    var id: String?

    @Option(name: .customLong("comment"), help: "What the vector pins and why.")
    var comment: String?

    @Option(name: .customLong("tag"), help: "A tag for the vector; repeatable.")
    var tags: [String] = []

    @Option(name: .customLong("server-time"), help: "The venue's clock when the request arrived, ms since the epoch (enables clock checks).")
    var serverTime: Int64?

    @OptionGroup var venueOptions: VenueOptions

    @Flag(name: .customLong("dry-run"), help: "Print the vector instead of writing it.")
    var dryRun = false

    func validate() throws {
        let sources = [curl, http, requestFile, input].compactMap { $0 }
        guard sources.count == 1 else { throw ValidationError("give the request once: --curl, --http, --request or --input") }
        if entry != nil && input == nil { throw ValidationError("--entry picks a request of --input") }
    }

    func run() throws {
        // The credentials from the environment are known before the request is read, so that
        // nothing this command prints (an unreadable request included) can carry them.
        let given = try environmentCredentials()
        var output = Output(redactor: Redactor(credentials: [given]))
        do {
            try record(given: given, output: &output)
        } catch let error as InputError {
            TerminalText.problems(error.diagnostics, scrubbedBy: output.redactor)
            throw ExitStatus.unusableInput
        }
    }

    /// What the command prints, scrubbed of every credential it knows so far.
    struct Output {
        var redactor: Redactor
        func say(_ line: String, terminator: String = "\n") { TerminalText.print(redactor.scrub(line), terminator: terminator) }
    }

    func record(given: Credentials, output: inout Output) throws {
        let (registry, _) = venueOptions.registry(also: .localVectors)
        guard let venue = registry[venueID] else {
            throw InputError(file: "--venue \(venueID)", message: "unknown venue \"\(venueID)\"",
                             hint: unknownVenueHint(venueID, known: registry.sorted.map(\.id)) + "; create it with `sigconform venue new \(venueID)`, or add its folder with --venues",
                             code: .unknownVenue)
        }
        let captured = try readRequest(venue: venue, registry: registry)
        for note in captured.notes { output.say("note: \(note)") }
        let request = captured.request
        let credentials = try self.credentials(for: venue, captured: captured, given: given)
        // The request's own key and passphrase (read from its headers) are credentials too.
        output.redactor = output.redactor.adding([credentials] + [request.basicAuthorizationCredentials].compactMap { $0 })
        let target = file ?? ((venue.file as NSString).deletingLastPathComponent as NSString).appendingPathComponent("requests.json")
        let appender = VectorFileAppender(path: target, schemaDirectory: BundledVectors.directory + "/schema")
        let taken = try takenIDs(venue: venue, appender: appender)
        let recording: VectorRecorder.Recording
        do {
            recording = try VectorRecorder(registry: registry, backends: standardBackends()).record(
                .init(venue: venue, request: request, credentials: credentials, id: id, comment: comment, tags: tags,
                      serverTime: serverTime ?? captured.time.serverTime),
                takenIDs: taken)
        } catch {
            throw InputError(error, file: requestName)
        }
        let vector = recording.vector
        var notes = recording.notes
        if dryRun {
            // Printed output ends up in logs: the credentials are left out (the secret) or
            // masked (a key or passphrase the request carries in a header), as reports show them.
            let json = try checked { () throws(VectorEncoder.Failure) in try VectorEncoder().encode(Self.masked(vector), defaults: vector.credentials) }
            output.say(JSONWriter.pretty(json), terminator: "")
            notes.append("credentials are not printed (keys masked, secrets and passphrases as fingerprints); without --dry-run they are written into the vector file")
        } else {
            let outcome = try checked { () throws(InputError) in try appender.append(vector, description: "\(venue.id): requests recorded with sigconform record") }
            output.say("recorded \(vector.qualifiedID) (\(summary(recording))) in \(target)\(outcome.created ? " (new file)" : "")")
            if outcome.reformatted { notes.append("\(target) was rewritten in the standard layout (2-space JSON)") }
            if outcome.secretWritten, let secret = credentials.secret {
                notes.append("the secret (\(Redaction.fingerprint(secret))) is written into \(target): vectors hold test credentials only")
            }
        }
        if let prehash = vector.expect.prehash {
            output.say("  prehash    " + (String(validating: prehash, as: UTF8.self).map { JSONWriter.compact(.string($0)) } ?? "hex:" + Hex.encode(prehash)))
        }
        if let signature = vector.expect.signature { output.say("  signature  \(signature)") }
        if !recording.backends.isEmpty { output.say("  backends   \(recording.backends.joined(separator: ", ")) agree") }
        for note in notes { output.say("note: \(note)") }
    }

    /// `vector` with every header that carries one of its credentials masked, whatever the
    /// credential's length (the redactor leaves values under 8 characters alone).
    static func masked(_ vector: Vector) -> Vector {
        var copy = vector
        let credentials = vector.credentials
        func mask(_ value: String) -> String {
            if let secret = credentials.secret, !secret.isEmpty, value.hasSuffix(secret) {
                return String(value.dropLast(secret.count)) + "[secret \(Redaction.fingerprint(secret))]"
            }
            if let passphrase = credentials.passphrase, !passphrase.isEmpty, value.hasSuffix(passphrase) {
                return String(value.dropLast(passphrase.count)) + "[passphrase \(Redaction.fingerprint(passphrase))]"
            }
            if let key = credentials.apiKey, !key.isEmpty, value.hasSuffix(key) {
                return String(value.dropLast(key.count)) + Redaction.maskKey(key)
            }
            return value
        }
        copy.request.headers = HTTPHeaders(vector.request.headers.fields.map { ($0.name, mask($0.value)) })
        copy.expect.headers = copy.expect.headers.map { HTTPHeaders.Field(name: $0.name, value: mask($0.value)) }
        return copy
    }

    func summary(_ recording: VectorRecorder.Recording) -> String {
        guard let diagnosis = recording.diagnosis else { return "valid" }
        let details = diagnosis.steps.map(\.detail).joined(separator: "; ")
        return "invalid: \(diagnosis.classIDs.joined(separator: "+"))" + (details.isEmpty ? "" : " — \(details)")
    }

    /// The one request to record, read by the input layer every command shares.
    func readRequest(venue: Venue, registry: VenueRegistry) throws -> CapturedRequest {
        // The user named the form, so parse errors need not say what the input was taken for.
        let reader = CapturedRequestReader(namesTheForm: false)
        let limit = InputLimits.capturedRequestBytes
        let requests = try checked { () throws(InputError) -> [CapturedRequest] in
            if let curl {
                return curl == "-" ? try reader.read(path: "-", name: "--curl", as: CurlForm()) : try reader.read(CapturedInput(name: "--curl", text: curl), as: CurlForm())
            }
            if let http { return try reader.read(path: http, name: http, limit: limit, as: HTTPMessageForm()) }
            if let requestFile { return try reader.read(path: requestFile, as: RequestObjectForm()) }
            return try reader.read(path: input ?? "-", limit: limit)
        }
        if let entry {
            guard let chosen = requests.first(where: { $0.id == entry }) else {
                throw fail("holds no request \"\(entry)\"", hint: "its requests: \(Self.listed(requests.map(\.id)))")
            }
            return chosen
        }
        // Of several requests (a HAR also records the page's other traffic), the one to this venue.
        let fitting = requests.count > 1
            ? requests.filter { VenueDetector(registry: registry).candidates(for: $0.request).contains { $0.id == venue.id } } : requests
        guard fitting.count == 1, let chosen = fitting.first else {
            if requests.isEmpty { throw fail("holds no request") }
            throw fail("holds \(requests.count) requests, \(fitting.count) of them to \(venue.id)",
                       hint: "choose one with --entry: \(Self.listed((fitting.isEmpty ? requests : fitting).map(\.id)))")
        }
        return chosen
    }

    static func listed(_ ids: [String]) -> String { ids.prefix(10).joined(separator: ", ") + (ids.count > 10 ? ", …" : "") }

    /// The credentials named by --secret-env, --api-key-env and --passphrase-env.
    func environmentCredentials() throws -> Credentials {
        func environment(_ name: String?, _ option: String) throws -> String? {
            guard let name else { return nil }
            guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                TerminalText.problems([Diagnostic(.missingCredential, file: "$\(name)", message: "\(option) names $\(name), which is not set",
                                                  fix: "export \(name)=… first (test credentials only)")])
                throw ExitStatus.unusableInput
            }
            return value
        }
        var credentials = Credentials(secret: try environment(secretEnv, "--secret-env"))
        credentials.apiKey = try environment(apiKeyEnv, "--api-key-env")
        credentials.passphrase = try environment(passphraseEnv, "--passphrase-env")
        return credentials
    }

    func credentials(for venue: Venue, captured: CapturedRequest, given: Credentials) throws -> Credentials {
        try checked { () throws(CredentialResolver.Missing) in
            try CredentialResolver(given: given).resolve(captured.credentials, venue: venue, request: captured.request, for: .recording)
        }
    }

    func takenIDs(venue: Venue, appender: VectorFileAppender) throws -> Set<String> {
        var taken = try checked { () throws(InputError) in try appender.existingIDs() }
        let folder = (venue.file as NSString).deletingLastPathComponent
        for file in CorpusLoader().files([folder]).files where file != appender.path {
            try? CorpusLoader().forEachVector(in: file, body: { taken.insert($0.id) }, lineError: { _ in })
        }
        return taken
    }

    /// Runs `body`, turning its error into the input error ``run()`` prints (scrubbed) before it
    /// exits with status 2; an error that knows no file is the request's.
    func checked<T, E: DiagnosticConvertible>(_ body: () throws(E) -> T) throws(InputError) -> T {
        do { return try body() } catch { throw InputError(error, file: requestName) }
    }

    /// The request as the user gave it: where a problem with it is reported.
    var requestName: String {
        if let curl { return curl == "-" ? "<stdin>" : "--curl" }
        return http ?? requestFile ?? input ?? "-"
    }

    /// A problem with the request that stops the command (exit status 2).
    func fail(_ message: String, hint: String? = nil) -> InputError {
        InputError(file: requestName, message: message, hint: hint, code: .requestChoice)
    }
}

extension Diagnostic.Code {
    /// `record --input` holds no request, or several and `--entry` picks none of them.
    static let requestChoice = Self(rawValue: "request-choice")
}
