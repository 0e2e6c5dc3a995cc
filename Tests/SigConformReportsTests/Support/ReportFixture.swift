import Foundation
import SigConform
import Testing

/// A small fixed run built from bundled vectors: one of each kind of verdict a report shows
/// (a passing valid vector, a passing invalid one with its diagnosis, failing valid vectors
/// diagnosed as HMAC mistakes and as a bearer mistake, a binary Kraken prehash, a prehash that
/// contains the API key, an unknown venue, an unreadable input) and text that needs escaping.
enum ReportFixture {
    static let vectorsDirectory = BundledVectors.directory
    static let context = ReportContext(toolVersion: "0.0.0-golden", startedAt: "2000-01-01T00:00:00Z", durationSeconds: 12.345, command: "check")

    /// Only the venues the fixture uses, so venues added to the corpus later leave the golden files alone.
    static let registry: VenueRegistry = {
        let all = RunEnvironment.registry(extraRoots: []).0
        return VenueRegistry(["binance-spot", "bybit-v5", "kraken-spot", "openai-compatible"].compactMap { all[$0] })
    }()
    static let runner = CheckRunner(registry: registry, backends: standardBackends())

    /// A bundled vector by venue, file and id.
    static func vector(_ venue: String, _ file: String, _ id: String) -> Vector {
        var found: Vector?
        try? CorpusLoader().forEachVector(in: "\(vectorsDirectory)/\(venue)/\(file).json", body: { if $0.id == id { found = $0 } }, lineError: { _ in })
        guard let found else { fatalError("fixture vector \(venue)/\(file)/\(id) is missing from the bundled corpus") }
        return found
    }

    /// An invalid vector presented as valid: its request is rejected, so it fails with a diagnosis.
    static func failing(_ venue: String, _ file: String, _ id: String) -> Vector {
        var copy = vector(venue, file, id)
        copy.result = .valid
        copy.expect.diagnosis = nil
        copy.expect.clientPrehash = nil
        return copy
    }

    static let vectors: [Vector] = {
        var bearer = vector("openai-compatible", "requests", "get-models")
        bearer.request.headers.set("Authorization", bearer.credentials.apiKey ?? "")
        bearer.comment = "The Bearer scheme left out"
        var unknown = vector("binance-spot", "docs", "docs-hmac-query")
        unknown.venue = "nonexistent-venue"
        unknown.origin = VectorOrigin(file: "\(vectorsDirectory)/nonexistent-venue/requests.json", pointer: "/vectors/0",
                                      location: SourceLocation(line: 5, column: 5))
        unknown.comment = "Escaping: <script>alert(\"x\")</script> & 'quotes' | pipes `ticks` \u{1}control\u{0B} ]]> ✓"
        // In the order a run reads them: files sorted, vectors in file order.
        return [
            vector("binance-spot", "docs", "docs-hmac-query"),
            vector("binance-spot", "mistakes", "unsorted-signed-sorted"),
            failing("binance-spot", "mistakes", "query-encoding-lowercase-hex"),
            failing("bybit-v5", "mistakes", "missing-component-recv-window"),
            vector("bybit-v5", "requests", "get-wallet-balance"),
            vector("kraken-spot", "requests", "balance-nonce-only"),
            unknown,
            bearer,
        ]
    }()

    static let run: RunResult = {
        let files = orderedFiles(vectors.map(\.origin.file))
        let inputError = InputError(file: "\(vectorsDirectory)/broken-venue/requests.json", location: SourceLocation(line: 3, column: 7),
                                    pointer: "/vectors/0/request/method", message: "invalid HTTP method \"\"", hint: "use GET, POST, PUT or DELETE")
        return RunResult(verdicts: vectors.map(runner.check), inputErrors: [inputError], files: files,
                         backends: standardBackends().map(\.id), venues: registry.sorted)
    }()

    static var report: RunReport { RunReport(run, context: context) }

    static func orderedFiles(_ files: [String]) -> [String] {
        var seen: Set<String> = []
        return files.filter { seen.insert($0).inserted }
    }

    /// Volatile values replaced by placeholders, as the golden files hold them.
    static func normalised(_ text: String) -> String {
        // In JSON the duration is a number: its placeholder must be a string to stay JSON.
        var out = text.replacingOccurrences(of: #""durationSeconds": 12\.3[0-9]*"#, with: #""durationSeconds": "{DURATION}""#, options: .regularExpression)
        out = out.replacingOccurrences(of: vectorsDirectory, with: "{VECTORS}")
        out = out.replacingOccurrences(of: "0.0.0-golden", with: "{VERSION}")
        out = out.replacingOccurrences(of: "2000-01-01T00:00:00Z", with: "{DATE}")
        out = out.replacingOccurrences(of: "2000-01-01T00:00:00", with: "{DATE}")
        out = out.replacingOccurrences(of: #"12\.3[0-9]*"#, with: "{DURATION}", options: .regularExpression)
        return out
    }
}

/// Paths inside the repository, found from this file's location.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static func path(_ relative: String) -> String { root + "/" + relative }
}

/// External tools the tests use when the machine has them.
enum Tools {
    /// The first of `names` found on PATH.
    static func find(_ names: String...) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for name in names {
            for folder in path.split(separator: ":") {
                let candidate = "\(folder)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// Runs `arguments[0]` with the rest; returns exit status and output (stdout + stderr).
    @discardableResult
    static func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        if let input {
            let inputPipe = Pipe()
            process.standardInput = inputPipe
            try process.run()
            inputPipe.fileHandleForWriting.write(Data(input.utf8))
            try inputPipe.fileHandleForWriting.close()
        } else {
            try process.run()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var python3: String? { find("python3") }

    /// Whether `python3 -c "import <module>"` works.
    static func pythonHas(_ module: String) -> Bool {
        guard let python3, let result = try? run([python3, "-c", "import \(module)"]) else { return false }
        return result.status == 0
    }

    static let hasJSONSchema = pythonHas("jsonschema")
    static let xmllint = find("xmllint")
    static let chromium = find("chromium", "chromium-browser", "google-chrome")
}

/// A fresh temporary folder.
func temporaryDirectory(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "sigconform-\(name)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
