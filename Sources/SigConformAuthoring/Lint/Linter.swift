import Foundation
import SigConformCore
import SigConformDiagnosis
import SigConformRun
import SigConformMAC

/// Checks venue.json files, vector files and JSON Lines corpora for what a vector author can
/// get wrong: the format (as strictly as `check` reads it, but reporting every problem of every
/// file, not the first), and the meaning (duplicate ids, unknown venues, vectors that do not
/// reproduce, expectations that contradict the recipe, diagnoses that do not match).
public struct Linter: Sendable {
    /// The venues vectors are checked against (bundled ones and `--venues` folders); venue.json
    /// files among the linted paths replace them.
    public var registry: VenueRegistry
    /// Venue files of the registry that failed to load: their vectors are reported, not checked.
    public var unloadableVenueFiles: [String]
    /// Sign the vectors and compare them with their expectations (off: structure only, no crypto).
    public var checkMeaning: Bool
    let backends: [any MACBackend]

    public init(registry: VenueRegistry, unloadableVenueFiles: [String] = [], backends: [any MACBackend], checkMeaning: Bool = true) {
        self.registry = registry
        self.unloadableVenueFiles = unloadableVenueFiles
        self.backends = backends
        self.checkMeaning = checkMeaning
    }

    /// Lints every venue.json, `.json` vector file and `.jsonl` corpus under `paths`.
    /// `progress`, when given, is called with the number of vector files done (from any thread).
    public func lint(paths: [String], progress: (@Sendable (Int) -> Void)? = nil) -> LintReport {
        var report = LintReport()
        // The same walk as `check`: lint reads exactly the files a run would, plus venue.json.
        let listing = CorpusLoader().list(paths, includingVenueFiles: true)
        let files = listing.files
        report.diagnostics += listing.errors.flatMap { $0.lintDiagnostics(code: .syntax) }
        report.skipped = listing.skipped
        if files.isEmpty, listing.errors.isEmpty {
            // A lint that read nothing is not a clean bill of health.
            report.diagnostics.append(Diagnostic(.syntax, file: paths.joined(separator: ", "), location: nil, pointer: "",
                                                     message: "holds no vector or venue files: nothing was linted",
                                                     fix: "pass vector files (*.json, *.jsonl), venue.json files or folders holding them"))
        }
        var registry = self.registry
        var unloadable = Set(unloadableVenueFiles.map(Self.folderName))
        // Venue files first: the vectors are checked against what they say.
        for file in files where Self.isVenueFile(file) {
            report.files += 1
            let (venue, diagnostics) = VenueFileLint(file: file).run()
            report.diagnostics += diagnostics
            if let venue {
                registry.add(venue)
                unloadable.remove(venue.id)
            } else {
                unloadable.insert(Self.folderName(file))
            }
        }
        let context = VectorFileLint.Context(registry: registry, unloadableVenues: unloadable,
                                             runner: checkMeaning ? CheckRunner(registry: registry, backends: backends) : nil)
        // Vector files side by side, one core each (signing and diagnosing dominate), each with its
        // own context; ids are then checked across files in file order, as one pass would.
        let vectorFiles = files.filter { !Self.isVenueFile($0) }
        let results = Self.parallelMap(vectorFiles, progress: progress) { file in
            var own = context
            var fileReport = LintReport()
            VectorFileLint(file: file).run(context: &own, report: &fileReport)
            return (fileReport, own.firstOccurrences)
        }
        var seen: [String: String] = [:]
        for (fileReport, occurrences) in results {
            report.files += 1
            report.vectors += fileReport.vectors
            report.diagnostics += fileReport.diagnostics
            report.credentials.formUnion(fileReport.credentials)
            for occurrence in occurrences {
                if let first = seen[occurrence.qualifiedID] {
                    report.diagnostics.append(occurrence.duplicate(of: first))
                } else {
                    seen[occurrence.qualifiedID] = occurrence.here
                }
            }
        }
        report.diagnostics.sort { a, b in
            let order = [a.file, b.file].map { name in files.firstIndex(of: name) ?? files.count }
            if order[0] != order[1] { return order[0] < order[1] }
            let lines = (a.location?.line ?? 0, a.location?.column ?? 0, b.location?.line ?? 0, b.location?.column ?? 0)
            return (lines.0, lines.1) < (lines.2, lines.3)
        }
        return report
    }

    /// `transform` of each item, in order, computed on every core.
    static func parallelMap<Result>(_ items: [String], progress: (@Sendable (Int) -> Void)?,
                                    _ transform: @Sendable (String) -> Result) -> [Result] {
        let box = ResultBox<Result>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            let done = box.set(index, transform(items[index]))
            progress?(done)
        }
        return box.values
    }

    static func isVenueFile(_ path: String) -> Bool { (path as NSString).lastPathComponent == "venue.json" }

    /// The folder a file is in: a venue's id, for vector and venue files laid out as documented.
    static func folderName(_ path: String) -> String { ((path as NSString).deletingLastPathComponent as NSString).lastPathComponent }
}

/// What a lint run found.
public struct LintReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    /// Files read.
    public var files = 0
    /// Vectors that decoded (each checked for meaning unless the run is structure-only).
    public var vectors = 0
    /// The credentials of every vector read, decoded or not: the rendered report is scrubbed
    /// of them (keys masked, secrets as fingerprints), as every other report is.
    public var credentials: Set<Credentials> = []
    /// Folders left out by the corpus rule (``CorpusLoader``), for the summary.
    public var skipped: [String] = []

    public init() {}

    /// Takes the `credentials` member of a vector as written, before (or whether or not) it decodes.
    mutating func noteCredentials(in vector: JSONValue) {
        guard let given = vector["credentials"] else { return }
        credentials.insert(Credentials(apiKey: given["apiKey"]?.stringValue, secret: given["secret"]?.stringValue,
                                       passphrase: given["passphrase"]?.stringValue))
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// Unusable input when there is an error, pass otherwise (warnings do not fail a run).
    package var exitStatus: ExitStatus { errorCount > 0 ? .unusableInput : .pass }
    public var exitCode: Int32 { exitStatus.rawValue }
}

/// Results written from several threads, each into its own slot.
private final class ResultBox<Result>: @unchecked Sendable {
    private var slots: [Result?]
    private var done = 0
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    /// Stores the result at `index`; returns how many are done.
    func set(_ index: Int, _ value: Result) -> Int {
        lock.withLock {
            slots[index] = value
            done += 1
            return done
        }
    }
    var values: [Result] { lock.withLock { slots.map { $0! } } }
}
