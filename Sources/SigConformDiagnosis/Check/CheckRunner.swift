import SigConformCore
import SigConformMAC

/// Which vectors a run checks.
public struct VectorFilter: Sendable {
    public var venues: Set<String> = []
    public var tags: Set<String> = []
    public var ids: Set<String> = []
    /// `(index, count)` with 1 ≤ index ≤ count: this run checks shard `index` of `count`.
    public var shard: (index: Int, count: Int)?

    public init(venues: Set<String> = [], tags: Set<String> = [], ids: Set<String> = [], shard: (index: Int, count: Int)? = nil) {
        self.venues = venues
        self.tags = tags
        self.ids = ids
        self.shard = shard
    }

    public func includes(_ vector: Vector) -> Bool {
        if !venues.isEmpty && !venues.contains(vector.venue) { return false }
        if !tags.isEmpty && tags.isDisjoint(with: vector.tags) { return false }
        if !ids.isEmpty && !ids.contains(vector.id) && !ids.contains(vector.qualifiedID) { return false }
        if let shard { return Self.shardIndex(of: vector.qualifiedID, count: shard.count) == shard.index }
        return true
    }

    /// The shard (1-based) of a vector id: FNV-1a of `venue/id`, so the split is the same on every machine and run.
    public static func shardIndex(of qualifiedID: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in qualifiedID.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) + 1
    }
}

/// The outcome of a whole run.
public struct RunResult: Sendable {
    /// Every verdict, in run order; empty for a streamed run (``CheckRunner/run(paths:filter:progress:each:)``).
    public var verdicts: [VectorVerdict]
    /// Files or lines that could not be used; each also counts towards the exit code.
    public var inputErrors: [InputError]
    /// Files read (vector files and JSON Lines files).
    public var files: [String]
    public var backends: [String]
    public var venues: [Venue]
    /// Folders the corpus walk left out by its rule (``CorpusLoader``), for the run to say so.
    public var skippedFolders: [String] = []

    public init(verdicts: [VectorVerdict] = [], inputErrors: [InputError] = [], files: [String] = [], backends: [String] = [], venues: [Venue] = []) {
        self.verdicts = verdicts
        self.inputErrors = inputErrors
        self.files = files
        self.backends = backends
        self.venues = venues
    }

    public func count(_ status: VerdictStatus) -> Int { verdicts.reduce(0) { $0 + ($1.status == status ? 1 : 0) } }

    /// 0 when every vector behaved, 1 when any did not, 2 when any input was unusable.
    public var exitCode: Int32 {
        if !inputErrors.isEmpty || count(.error) > 0 { return 2 }
        return count(.failed) > 0 ? 1 : 0
    }
}

/// Checks vectors: evaluates each on every backend, diagnoses rejected requests, and decides
/// whether each vector behaved as its `result` says.
public struct CheckRunner: Sendable {
    public var registry: VenueRegistry
    public let evaluator: VectorEvaluator
    public let diagnoser: Diagnoser

    public init(registry: VenueRegistry, backends: [any MACBackend]) {
        self.registry = registry
        self.evaluator = VectorEvaluator(backends: backends)
        self.diagnoser = Diagnoser(backends: backends)
    }

    /// Loads and checks every vector under `paths` that `filter` selects.
    public func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: (@Sendable (Int) -> Void)? = nil) -> RunResult {
        var verdicts: [VectorVerdict] = []
        var result = run(paths: paths, filter: filter, progress: progress) { verdicts.append($0) }
        result.verdicts = verdicts
        return result
    }

    /// Checks like ``run(paths:filter:progress:)``, but hands each verdict to `body` as it
    /// finishes instead of keeping it, so memory does not grow with the corpus: the result
    /// holds no verdicts (see ``RunResult/verdicts``).
    public func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: (@Sendable (Int) -> Void)? = nil,
                    each body: (VectorVerdict) -> Void) -> RunResult {
        let loader = CorpusLoader()
        let listing = loader.list(paths)
        var result = RunResult(inputErrors: listing.errors, files: listing.files, backends: evaluator.backends.map(\.id), venues: registry.sorted)
        result.skippedFolders = listing.skipped
        var coverage = FilterCoverage(filter: filter)
        var checked = 0
        for file in listing.files {
            do {
                try loader.forEachVector(in: file, body: { vector in
                    coverage.note(vector)
                    guard filter.includes(vector) else { return }
                    body(check(vector))
                    checked += 1
                    progress?(checked)
                }, lineError: { result.inputErrors.append($0) })
            } catch {
                result.inputErrors.append(error)
            }
        }
        result.inputErrors += coverage.problems(checked: checked, paths: paths, knownVenues: registry.sorted.map(\.id), othersReported: !result.inputErrors.isEmpty)
        return result
    }

    /// The verdict on one vector.
    public func check(_ vector: Vector) -> VectorVerdict {
        guard let venue = registry[vector.venue] else {
            let known = registry.sorted.map(\.id)
            let suggestion = nearestName(to: vector.venue, in: known).map { " — did you mean \"\($0)\"?" } ?? " — known venues: \(known.joined(separator: ", "))"
            return VectorVerdict(vector: vector, status: .error, evaluation: nil, diagnosis: nil,
                                 problems: ["unknown venue \"\(vector.venue)\"\(suggestion); add its folder with --venues DIR"])
        }
        return verdict(for: evaluator.evaluate(vector, venue: venue))
    }

    /// Decides the verdict for an evaluation (also used for `--signer` answers).
    public func verdict(for evaluation: VectorEvaluation) -> VectorVerdict {
        let vector = evaluation.vector
        let unsignable = evaluation.findings.filter { $0.kind == .unsignable }
        if !unsignable.isEmpty {
            return VectorVerdict(vector: vector, status: .error, evaluation: evaluation, diagnosis: nil,
                                 problems: unsignable.map { "cannot sign: \($0.message)" })
        }
        let diagnosis = evaluation.requestRejected || evaluation.findings.contains { $0.kind == .backendDivergence }
            ? diagnoser.diagnose(evaluation) : nil
        var problems = evaluation.defects.map { finding in
            finding.message + (finding.expected.map { " (expected \($0), got \(finding.actual ?? "nothing"))" } ?? "")
        }
        switch vector.result {
        case .valid:
            // A valid vector may omit the signature from its request (a prehash-only docs example).
            problems += evaluation.findings.filter { $0.rejectsRequest && $0.kind != .observedSignatureMissing }.map { $0.message }
        case .invalid:
            if !evaluation.requestRejected {
                problems.append("the vector is marked invalid, but the request as sent is correct")
            } else if let expected = vector.expect.diagnosis, let diagnosis {
                let found = Set(diagnosis.classIDs)
                if found != Set(expected) {
                    problems.append("diagnosed \(diagnosis.classIDs.joined(separator: "+")), expected \(expected.sorted().joined(separator: "+"))")
                }
            }
        }
        return VectorVerdict(vector: vector, status: problems.isEmpty ? .passed : .failed, evaluation: evaluation, diagnosis: diagnosis, problems: problems)
    }
}
