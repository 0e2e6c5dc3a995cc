import ArgumentParser
import Foundation
import SigConform
import SigConformServe

/// `sigconform serve`: a local mock venue that verifies every request as the venue would.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run a local mock venue that verifies every signed request as the venue would (docs/serve.md).",
        discussion: """
            Point a client's base URL at the printed URL. Each request is read as the venue reads it and \
            verified on both backends (key, passphrase, signature, timestamp against the server's clock); a \
            wrong one gets the venue's own error status and body plus X-Sigconform-Diagnosis and \
            X-Sigconform-Fix headers, a right one a canned answer. Keys come from --credentials FILE or \
            --credentials-env NAME: {"binance-spot": [{"apiKey": "…", "secret": "…"}], …}. Stops on \
            SIGINT/SIGTERM, --max-requests or --for, then writes the reports of every request it verified. \
            Exit status: 0 when every verified request was accepted, 1 when any was rejected, 2 for unusable \
            input or when no signed request arrived.
            """
    )

    @Option(name: .customLong("venue"), help: "A venue to serve; repeatable.")
    var venueIDs: [String] = []

    @OptionGroup var venueOptions: VenueOptions

    @Option(name: .customLong("host"), help: "The address to listen on. Only loopback unless you name another.")
    var host = "127.0.0.1"

    @Option(name: .customLong("port"), help: "The port (0 picks a free one); with --port-per-venue, the first port.")
    var port = 0

    @Flag(name: .customLong("port-per-venue"), help: "Give each venue its own port (no path prefix) instead of /<venue> prefixes on one port.")
    var portPerVenue = false

    @Option(name: .customLong("credentials"), help: "JSON file of the keys clients will use, per venue.")
    var credentialsFile: String?

    @Option(name: .customLong("credentials-env"), help: "Environment variable holding that JSON.")
    var credentialsEnv: String?

    @Option(name: .customLong("fixtures"), help: "JSON file of canned bodies: {\"venue\": {\"GET /path\": {…}}}.")
    var fixtures: String?

    @Option(name: .customLong("clock-offset"), help: ArgumentHelp("Milliseconds added to the server's clock, to simulate a skewed venue (--clock-offset=-3000).", valueName: "ms"))
    var clockOffset: Int64 = 0

    @Option(name: .customLong("max-requests"), help: "Stop after answering this many requests.")
    var maxRequests: Int?

    @Option(name: .customLong("for"), help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var seconds: Double?

    @Option(name: .customLong("record"), help: ArgumentHelp("Also write every verified request as a vector into DIR/<venue>/serve.json.", valueName: "dir"))
    var recordDirectory: String?

    @Option(name: .customLong("ready-file"), help: ArgumentHelp("Write {\"venue\": \"url\", …} here once listening (for scripts).", valueName: "file"))
    var readyFile: String?

    @Option(name: .customLong("max-body-bytes"), help: "The largest request body accepted (413 beyond).")
    var maxBodyBytes = 1 << 20

    @Option(name: .customLong("threads"), help: "Event-loop and verification threads.")
    var threads = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .customLong("quiet"), help: "No line per request on standard error.")
    var quiet = false

    @OptionGroup var reports: ReportOptions

    func validate() throws {
        if venueIDs.isEmpty { throw ValidationError("name the venues to serve: --venue binance-spot [--venue okx-v5 …]") }
        if credentialsFile != nil && credentialsEnv != nil { throw ValidationError("give the keys one way: --credentials or --credentials-env") }
        if credentialsFile == nil && credentialsEnv == nil { throw ValidationError("give the clients' keys with --credentials FILE or --credentials-env NAME") }
        guard (0...65535).contains(port) else { throw ValidationError("--port is 0 to 65535") }
        if let maxRequests, maxRequests < 1 { throw ValidationError("--max-requests is at least 1") }
        if let seconds, !(seconds > 0 && seconds <= 86_400 * 7) { throw ValidationError("--for is a number of seconds, above 0 and at most a week") }
        guard maxBodyBytes >= 1024, maxBodyBytes <= 64 << 20 else { throw ValidationError("--max-body-bytes is 1024 to 67108864") }
        guard (1...256).contains(threads) else { throw ValidationError("--threads is 1 to 256") }
        guard abs(clockOffset) <= 86_400_000 * 365 * 50 else { throw ValidationError("--clock-offset is at most 50 years either way") }
    }

    func run() throws {
        let started = Date()
        let (registry, venueErrors) = venueOptions.registry()
        let venues = resolveVenues(registry)
        let keyring = loadKeyring()
        let fixtureBodies = loadFixtures()
        for unknown in Set(keyring.keys.keys).union(fixtureBodies.keys).subtracting(venues.map(\.id)).sorted() {
            warn("keys or fixtures for \(unknown), which is not served, are ignored")
        }
        let backends = standardBackends()
        let runner = CheckRunner(registry: registry, backends: backends)
        var mocks: [MockVenue] = []
        for venue in venues {
            let origin = credentialsEnv.map { "$\($0)" } ?? credentialsFile ?? ""
            guard let keys = keyring.keys[venue.id], !keys.isEmpty else {
                fail([Diagnostic(.missingCredential, file: origin, pointer: "", message: "no keys for \(venue.id)", fix: "add the keys its clients sign with")])
            }
            if venue.hmac != nil, keys.contains(where: { $0.secret == nil }) {
                fail([Diagnostic(.missingCredential, file: origin, pointer: JSONPointer.appending("", venue.id), message: "a key of \(venue.id) has no secret",
                                 fix: "\(venue.id) signs with HMAC: give each key its secret")])
            }
            mocks.append(MockVenue(venue: venue, keys: keys, fixtures: fixtureBodies[venue.id] ?? [:], runner: runner))
        }
        if !Self.isLoopback(host) {
            warn("listening on \(host): other machines can reach this server; use the default 127.0.0.1 unless you need that")
        }

        let stream = ReportStream(directory: reports.folder(standard: "reports"), reporters: reports.selectedReporters,
                                  backends: backends.map(\.id))
        // --record keeps what it will write, and no more: memory stays bounded on a long run.
        let recorded = LockedList(limit: recordDirectory == nil ? 0 : ServeRecorder.maximumPerVenue * venues.count)
        let quiet = self.quiet
        let session = ServeSession(maxRequests: maxRequests, clockOffset: clockOffset) { exchange in
            guard let verdict = exchange.verdict else { return }
            stream.add(verdict)
            recorded.append(exchange)
            // The path is the client's: shown with control characters made visible.
            if !quiet { TerminalText.error(Self.logLine(exchange, verdict: verdict)) }
        }
        let listeners: [ServeServer.Listener] = portPerVenue
            ? mocks.enumerated().map { ServeServer.Listener(venues: [$1], port: port == 0 ? 0 : port + $0) }
            : [ServeServer.Listener(venues: mocks, port: port)]
        var limits = ServeServer.Limits()
        limits.maxBodyBytes = maxBodyBytes
        let server = ServeServer(host: host, listeners: listeners, session: session, limits: limits, threads: threads)
        let endpoints: [ServeServer.Endpoint]
        do { endpoints = try server.start() } catch {
            server.stop()
            fail("cannot listen on \(host):\(port): \(error)")
        }
        for endpoint in endpoints { print("\(endpoint.venue) \(endpoint.url)") }
        print("serving \(endpoints.count) venue(s); stop with Ctrl-C" + (maxRequests.map { ", or after \($0) requests" } ?? "")
              + (seconds.map { ", or after \($0) s" } ?? ""))
        fflush(nil)  // the URLs must reach a reading script now, not when the buffer fills
        if let readyFile {
            let json = JSONWriter.pretty(.object(endpoints.map { ($0.venue, JSONValue.string($0.url)) }))
            do { try ReportWriter.writeAtomically(json, to: readyFile) } catch { warn("cannot write --ready-file \(readyFile): \(error)") }
        }

        StopSignals.install()
        let reason = session.waitForStop(seconds: seconds, signalled: StopSignals.received)
        server.stop()
        print("stopped (\(Self.describe(reason))) after \(session.answeredCount) answered requests")

        var result = RunResult(inputErrors: venueErrors, backends: backends.map(\.id), venues: venues)
        var notes: [String] = []
        if let recordDirectory {
            let outcome = ServeRecorder(directory: recordDirectory, registry: registry, backends: backends).write(recorded.items, venues: venues)
            notes.append("recorded \(outcome.recorded) requests as vectors" + (outcome.files.isEmpty ? "" : " in \(outcome.files.joined(separator: ", "))")
                         + (outcome.recorded > 0 ? " (they hold the serve keys' secrets: use test keys only)" : ""))
            notes += outcome.problems.map { "record: \($0)" }
            if recorded.droppedCount > 0 { notes.append("record: \(recorded.droppedCount) later requests were not kept (at most \(recorded.limit))") }
        }
        let context = ReportContext(started: started, reports: reports, command: "serve")
        if recorded.count == 0 {
            result.inputErrors.append(InputError(file: "serve", message: "no signed request reached the server, so nothing was checked",
                                                 hint: "point the client's base URL at the printed URL"))
        }
        let report = stream.report(result, context: context)
        try finish(report, redactor: stream.redactor, reports: reports, folder: reports.folder(standard: "reports"), notes: notes, stream: stream)
    }

    func resolveVenues(_ registry: VenueRegistry) -> [Venue] {
        var venues: [Venue] = []
        for id in venueIDs {
            guard let venue = registry[id] else {
                fail([Diagnostic(.unknownVenue, file: "--venue \(id)", message: "unknown venue \"\(id)\"",
                                 fix: unknownVenueHint(id, known: registry.sorted.map(\.id)))])
            }
            if !venues.contains(where: { $0.id == id }) { venues.append(venue) }
        }
        return venues
    }

    func loadKeyring() -> ServeKeyring {
        do {
            if let credentialsEnv {
                guard let text = ProcessInfo.processInfo.environment[credentialsEnv] else {
                    fail([Diagnostic(.missingCredential, file: "$\(credentialsEnv)", message: "the environment variable is not set",
                                     fix: "export \(credentialsEnv)=… first")])
                }
                return try ServeKeyring.decode(Array(text.utf8), origin: "$\(credentialsEnv)")
            }
            return try ServeKeyring.decode(try FileReader.read(credentialsFile ?? ""), origin: credentialsFile ?? "")
        } catch {
            fail(error.diagnostics)
        }
    }

    func loadFixtures() -> [String: [String: JSONValue]] {
        guard let fixtures else { return [:] }
        do { return try ServeFixtures.decode(try FileReader.read(fixtures), origin: fixtures) } catch {
            fail(error.diagnostics)
        }
    }

    /// One line per verified request, without a secret: id, venue, method, path, status, classes.
    static func logLine(_ exchange: ServedExchange, verdict: VectorVerdict) -> String {
        let outcome = verdict.status == .passed ? "accepted" : "rejected " + (exchange.response.header(MockVenue.diagnosisHeader) ?? "")
        return "\(verdict.vector.id) \(verdict.vector.venue) \(exchange.request.method) \(exchange.request.path) → \(exchange.response.status) \(outcome)"
    }

    static func describe(_ reason: ServeSession.StopReason) -> String {
        switch reason {
        case .signal(let name): name
        case .maxRequests(let count): "--max-requests \(count)"
        case .timeLimit(let seconds): "--for \(seconds) s"
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }

    func warn(_ message: String) { TerminalText.error("warning: \(message)") }

    func fail(_ message: String) -> Never {
        TerminalText.error("sigconform serve: \(message)")
        Foundation.exit(ExitStatus.unusableInput.rawValue)
    }

    /// Stops on unusable input, printed as every command prints it.
    func fail(_ problems: [Diagnostic]) -> Never {
        TerminalText.problems(problems)
        Foundation.exit(ExitStatus.unusableInput.rawValue)
    }
}

/// SIGINT and SIGTERM are how `serve` is stopped, not a failure: the handler only records the
/// signal (async-signal-safe) and the waiting thread acts on it, stops the server and writes the
/// reports. Installed after the report stream is set up, replacing the handler that removes a
/// failed run's temporary report files (TerminationSignals), which would remove this run's.
enum StopSignals {
    nonisolated(unsafe) static var last: sig_atomic_t = 0

    static func install() {
        // The shared handler is installed at start and on first use: have that done now, so ours win.
        TerminationSignals.install()
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGINT, SIGTERM] {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { StopSignals.last = $0 }
            sigemptyset(&action.sa_mask)
            sigaction(number, &action, nil)
            sigaddset(&unblock, number)
        }
        // A parent may hand the signals down blocked (Foundation's Process does).
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    }

    static func received() -> String? {
        switch last {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: nil
        }
    }
}

/// Counts the verified exchanges, and keeps them for `--record` until the server stops.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [ServedExchange] = []
    private var total = 0
    private var dropped = 0
    let limit: Int
    init(limit: Int) { self.limit = limit }
    func append(_ exchange: ServedExchange) {
        lock.lock()
        total += 1
        if list.count < limit { list.append(exchange) } else if limit > 0 { dropped += 1 }
        lock.unlock()
    }
    var droppedCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return dropped
    }
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
    var items: [ServedExchange] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
