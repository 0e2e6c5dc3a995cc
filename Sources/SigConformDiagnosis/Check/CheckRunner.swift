import Foundation
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

    /// The files a run names as its input: all of `files` when nothing is filtered out (an empty
    /// file is still input), else those with a selected vector (`used`), so `--venue okx-v5` says
    /// how many files its vectors came from, not how many the corpus has.
    public func reportedFiles(_ files: [String], used: Set<String>) -> [String] {
        venues.isEmpty && tags.isEmpty && ids.isEmpty && shard == nil ? files : files.filter(used.contains)
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

    /// Threads that check vectors (and parse JSON Lines) at once; 1 checks on the calling thread.
    public var workers: Int

    public init(registry: VenueRegistry, backends: [any MACBackend], workers: Int = CheckRunner.defaultWorkers) {
        self.registry = registry
        self.workers = max(1, workers)
        self.evaluator = VectorEvaluator(backends: backends)
        self.diagnoser = Diagnoser(backends: backends)
    }

    /// One thread per core the process may use.
    public static var defaultWorkers: Int { ProcessInfo.processInfo.activeProcessorCount }

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
    ///
    /// Lines are parsed, decoded and checked on ``workers`` threads, a batch at a time; `body`,
    /// `progress` and the result see every vector and error in input order, so a run's output
    /// is the same whatever the number of threads.
    public func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: (@Sendable (Int) -> Void)? = nil,
                    each body: (VectorVerdict) -> Void) -> RunResult {
        let loader = CorpusLoader()
        let listing = loader.list(paths)
        var result = RunResult(inputErrors: listing.errors, files: listing.files, backends: evaluator.backends.map(\.id), venues: registry.sorted)
        result.skippedFolders = listing.skipped
        var coverage = FilterCoverage(filter: filter)
        var checked = 0
        var used: Set<String> = []
        var batch = WorkBatch(capacity: workers * Self.itemsPerWorker)
        func flush() {
            // Taken out of the array one by one (moved, not copied: an outcome holds the vector
            // and its whole evaluation), in input order.
            var done = outcomes(of: batch.take(), filter: filter)
            done.reverse()
            while let outcome = done.popLast() {
                switch outcome {
                case .error(let error): result.inputErrors.append(error)
                case .vector(let vector, let file, let verdict):
                    coverage.note(vector)
                    guard let verdict else { continue }
                    // Looked up first: inserting copied the set on every vector (callgrind).
                    if !used.contains(file) { used.insert(file) }
                    body(verdict)
                    checked += 1
                    progress?(checked)
                }
            }
        }
        for file in listing.files {
            do {
                if CorpusLoader.isJSONLines(file) {
                    try loader.forEachLine(of: file, line: { number, bytes in
                        if batch.add(.line(file: file, number: number, bytes: bytes)) { flush() }
                    }, lineError: { error in
                        if batch.add(.error(error)) { flush() }
                    })
                } else {
                    try loader.forEachVector(in: file, body: { vector in
                        if batch.add(.vector(vector, file: file)) { flush() }
                    }, lineError: { error in
                        if batch.add(.error(error)) { flush() }
                    })
                }
            } catch {
                flush()
                result.inputErrors.append(error)
            }
        }
        flush()
        result.files = filter.reportedFiles(listing.files, used: used)
        result.inputErrors += coverage.problems(checked: checked, paths: paths, knownVenues: registry.sorted.map(\.id), othersReported: !result.inputErrors.isEmpty)
        return result
    }

    /// Work handed to the threads: about this many items each per batch (enough to spread the
    /// cost of an occasional diagnosis, few enough that a batch of verdicts stays small).
    static let itemsPerWorker = 64

    /// The outcomes of `items`, in their order, computed on up to ``workers`` threads.
    private func outcomes(of items: [WorkItem], filter: VectorFilter) -> [WorkOutcome] {
        let threads = min(workers, items.count)
        guard threads > 1 else { return items.map { outcome(of: $0, filter: filter) } }
        // Each outcome is moved into its own slot and the slots into the result: an outcome holds
        // the vector and its evaluation, and copying it into a locked array of optionals and out
        // again cost 7 % of a `check --no-reports` run in retains and releases (callgrind).
        let slots = OutcomeSlots(count: items.count)
        // Each thread takes every `threads`-th item: neighbours cost alike, so the threads finish together.
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in stride(from: thread, to: items.count, by: threads) {
                slots.initialize(index, to: outcome(of: items[index], filter: filter))
            }
        }
        return slots.moveAll()
    }

    private func outcome(of item: WorkItem, filter: VectorFilter) -> WorkOutcome {
        let vector: Vector
        let file: String
        switch item {
        case .error(let error): return .error(error)
        case .vector(let given, let from):
            vector = given
            file = from
        case .line(let from, let number, let bytes):
            switch CorpusLoader.decodeLine(bytes, number: number, of: from) {
            case .error(let error): return .error(error)
            case .vector(let decoded): vector = decoded
            }
            file = from
        }
        return .vector(vector, file: file, verdict: filter.includes(vector) ? check(vector) : nil)
    }

    /// The verdict on one vector.
    public func check(_ vector: Vector) -> VectorVerdict {
        guard let venue = registry[vector.venue] else {
            let known = registry.sorted.map(\.id)
            return VectorVerdict(vector: vector, status: .error, evaluation: nil, diagnosis: nil,
                                 problems: ["unknown venue \"\(vector.venue)\" — \(unknownVenueHint(vector.venue, known: known)); add its folder with --venues DIR"])
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

/// One unit of a run's input, in input order.
private enum WorkItem: Sendable {
    case line(file: String, number: Int, bytes: [UInt8])
    case vector(Vector, file: String)
    case error(InputError)
}

/// What a ``WorkItem`` came to: an input error, or a vector with its verdict when the filter selects it.
private enum WorkOutcome: Sendable {
    case vector(Vector, file: String, verdict: VectorVerdict?)
    case error(InputError)
}

/// Uninitialised storage for a batch's outcomes, each slot written once by one thread
/// (``CheckRunner/outcomes(of:filter:)`` gives every index to exactly one thread, and
/// `concurrentPerform` returns after all have finished), then moved out whole.
private struct OutcomeSlots: @unchecked Sendable {
    let count: Int
    private let base: UnsafeMutablePointer<WorkOutcome>

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
    }

    func initialize(_ index: Int, to outcome: consuming WorkOutcome) {
        precondition(index >= 0 && index < count)
        (base + index).initialize(to: outcome)
    }

    /// Every slot, moved into an array; the storage is freed. Call once, after every slot is written.
    func moveAll() -> [WorkOutcome] {
        defer { base.deallocate() }
        return [WorkOutcome](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.moveInitialize(from: base, count: count)
            initialized = count
        }
    }
}

/// Items gathered until there are enough to share between the threads.
private struct WorkBatch {
    let capacity: Int
    private var items: [WorkItem] = []
    init(capacity: Int) { self.capacity = capacity }
    /// Adds `item`; true when the batch is full.
    mutating func add(_ item: WorkItem) -> Bool {
        items.append(item)
        return items.count >= capacity
    }
    mutating func take() -> [WorkItem] {
        defer { items.removeAll(keepingCapacity: true) }
        return items
    }
}
