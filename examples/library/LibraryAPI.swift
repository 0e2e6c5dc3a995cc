// What a user of the `SigConform` library product may rely on (docs/architecture.md, "The library's
// public API"), written as such a user would: `import SigConform` only. scripts/check-public-api.sh
// type-checks it against the built modules the way a client outside this package sees them (no
// `package` access), so narrowing a declaration used here breaks CI instead of a user's build.
import SigConform

/// Signs a request the way the README shows, checks vector files, diagnoses a captured curl line,
/// writes the reports and lints; returns the check's exit code.
func useTheLibrary(vectorFolder: String, reportFolder: String) throws -> Int32 {
    // Venues: the bundled ones plus a folder of the user's own (a later folder overrides).
    let (registry, venueErrors) = RunEnvironment.registry(extraRoots: [vectorFolder])
    for error in venueErrors { print(error.description) }
    guard let venue = registry["bybit-v5"] else { return 2 }
    print(registry.sorted.map(\.id), venue.name, venue.docs, VenueRegistry.load(root: vectorFolder).venues.count)

    // Signing: what a client must sign, and the signature it must send, on both MAC backends.
    let request = HTTPRequest(method: "GET", path: "/v5/order/realtime", query: "category=linear&symbol=BTCUSDT",
                              headers: HTTPHeaders([("X-BAPI-API-KEY", "my-test-key"), ("X-BAPI-TIMESTAMP", "1700000000000"),
                                                    ("X-BAPI-RECV-WINDOW", "5000")]))
    let credentials = Credentials(apiKey: "my-test-key", secret: "my-test-secret")
    let signer = try RequestSigner(venue: venue)
    for backend in standardBackends() + [PureSwiftBackend(), OpenSSLBackend()] {
        let signed = try signer.sign(request, credentials: credentials, backend: backend)
        print(backend.id, backend.displayName, signed.prehash.text ?? "", signed.signature, signed.expectedHeaders.map(\.name))
        _ = try backend.hmac(.sha256, key: Array("key".utf8), message: Array("message".utf8))
    }

    // Checking vector files: verdicts, their diagnoses and the exit code CI would see.
    let runner = CheckRunner(registry: registry, backends: standardBackends())
    let result = runner.run(paths: [vectorFolder], filter: VectorFilter(venues: [venue.id]))
    print(result.count(.passed), result.count(.failed), result.inputErrors.map(\.description))
    for verdict in result.verdicts where verdict.status != .passed {
        print(verdict.id, verdict.vector.venue, verdict.problems, runner.check(verdict.vector).status.rawValue)
        if let evaluation = verdict.evaluation {
            print(evaluation.requestRejected, evaluation.findings.map(\.message), runner.diagnoser.diagnose(evaluation).classIDs)
        }
        if let diagnosis = verdict.diagnosis {
            print(diagnosis.classIDs, diagnosis.steps.map(\.fix), diagnosis.evidence, diagnosis.correctPrehash?.text ?? "",
                  diagnosis.firstDifference?.offset ?? 0)
        }
    }

    // Diagnosing a request captured from a client (here a curl line) against the venue.
    let curl = "curl 'https://api.bybit.com/v5/order/realtime?category=linear&symbol=BTCUSDT' -H 'X-BAPI-SIGN: 00'"
    for captured in try CapturedRequestReader().read(CapturedInput(name: "--curl", text: curl)) {
        let verdict = runner.diagnoseCaptured(captured.vector(venue: venue.id, credentials: credentials), venue: venue)
        print(captured.id, verdict.status.rawValue, verdict.diagnosis?.classes.map(\.rawValue) ?? [])
    }

    // Reports: every format, written into one folder.
    let context = ReportContext(toolVersion: "library", startedAt: "2026-01-01T00:00:00Z", durationSeconds: 1)
    let written = try ReportWriter(directory: reportFolder).write(result, reporters: Reporters.all, context: context)
    print(written, Reporters.identifiers, Reporters.reporter(for: "junit").map { type(of: $0).fileName } ?? "")

    // Linting vector files.
    let lint = Linter(registry: registry, backends: standardBackends()).lint(paths: [vectorFolder])
    for diagnostic in lint.diagnostics { print(diagnostic.severity.rawValue, diagnostic.file, diagnostic.message) }
    print(lint.errorCount, lint.warningCount, lint.exitCode)
    return result.exitCode
}
