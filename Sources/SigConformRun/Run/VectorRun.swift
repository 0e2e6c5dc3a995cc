import Dispatch
import SigConformCore

/// What a run does with each vector its filter selects: evaluate the vector's own request
/// (``CheckRunner``), or ask a client for the request and judge its answer (``SignerCheck``).
package protocol VectorCheck {
    /// Checks `vectors` (in input order) and hands each verdict to `body` in that order as soon
    /// as it is known; `nil` for a vector this check leaves out (counted as skipped). `workers`
    /// is how many threads the check may use.
    mutating func verdicts(on vectors: [Vector], workers: Int, each body: (VectorVerdict?) -> Void)

    /// The verdict on one vector, when this check judges each vector on its own with nothing
    /// shared between them (the reference check): the run then checks a JSON Lines line on the
    /// thread that decoded it, in the same pass. `nil` (the default): vectors go through
    /// ``verdicts(on:workers:each:)`` a batch at a time.
    var independentVerdict: (@Sendable (Vector) -> VectorVerdict)? { get }
}

extension VectorCheck {
    package var independentVerdict: (@Sendable (Vector) -> VectorVerdict)? { nil }
}

/// What ``CheckRunner/run(_:filter:check:progress:each:)`` produced: the run, and how many
/// selected vectors the check left out.
package struct RunTally: Sendable {
    package var result: RunResult
    package var skipped: Int
}

extension CheckRunner {
    /// The run loop, the same for every source and check: reads `source` in order, selects by
    /// `filter` (counting what each filter matched, ``FilterCoverage``), has `check` judge the
    /// selected vectors and hands each verdict to `body` as it comes, so memory does not grow
    /// with the corpus (the result holds no verdicts).
    ///
    /// Input is taken a batch at a time; JSON Lines are parsed on ``workers`` threads, and
    /// `body`, `progress` and the result see every vector and error in input order, so a run's
    /// output is the same whatever the number of threads.
    package func run<Check: VectorCheck>(_ source: some VectorSource, filter: VectorFilter, check: inout Check,
                                        progress: ((Int) -> Void)? = nil, each body: (VectorVerdict) -> Void) -> RunTally {
        let listing = source.listing
        let reportsRunErrors = filter.reportsRunErrors
        var result = RunResult(inputErrors: reportsRunErrors ? listing.errors : [], files: listing.files,
                               backends: evaluator.backends.map(\.id), venues: registry.sorted)
        result.skippedFolders = listing.skipped
        // Whether the run met input errors, whichever shard reports them: they say why a run read
        // nothing, so no shard also calls it empty.
        var metRunErrors = !listing.errors.isEmpty
        var coverage = FilterCoverage(filter: filter)
        var checked = 0
        var skipped = 0
        var used: Set<String> = []
        var batch = WorkBatch(capacity: workers * Self.itemsPerWorker)
        let workers = workers
        let shard = filter.shard
        let independentVerdict = check.independentVerdict
        func flush() {
            var selected: [Vector] = []
            let items = batch.take()
            // Only lines cost anything to decode: a batch of decoded vectors is not handed to threads.
            let hasLines = items.contains { if case .line = $0 { true } else { false } }
            /// Notes `item` for the run; the vector, when the filter selects it (`selected`: what
            /// the filter said of it already, on a worker thread).
            func take(_ item: consuming RunItem, selected: Bool? = nil) -> Vector? {
                switch item {
                case .error(let error, let owner):
                    if owner.map({ $0 == shard?.index }) ?? reportsRunErrors { result.inputErrors.append(error) }
                    metRunErrors = true
                    return nil
                case .elsewhere(let identity):
                    coverage.note(venue: identity.venue, id: identity.id, tags: identity.tags)
                    return nil
                case .vector(let vector, let file):
                    coverage.note(vector)
                    guard selected ?? filter.includes(vector) else { return nil }
                    // Looked up first: inserting copied the set on every vector (callgrind).
                    if !used.contains(file) { used.insert(file) }
                    return vector
                }
            }
            func hand(_ verdict: consuming VectorVerdict?) {
                guard let verdict else {
                    skipped += 1
                    return
                }
                body(verdict)
                checked += 1
                progress?(checked)
            }
            if hasLines, let judge = independentVerdict {
                // Decoded and checked on the same thread in one pass: one hand-over per batch
                // instead of two, and the vector is checked while it is still in that core's cache.
                parallelMap(items, workers: workers, { item in
                    let prepared = Self.prepared(item, shard: shard)
                    guard case .vector(let vector, _) = prepared, filter.includes(vector) else { return (prepared, nil) }
                    return (prepared, judge(vector))
                }) { (output: consuming (item: RunItem, verdict: VectorVerdict?)) in
                    let (item, verdict) = output
                    // A vector is judged exactly when the filter selected it.
                    _ = take(item, selected: verdict != nil)
                    if verdict != nil { hand(verdict) }
                }
                return
            }
            if hasLines {
                parallelMap(items, workers: workers, { Self.prepared($0, shard: shard) }) { item in
                    if let vector = take(item) { selected.append(vector) }
                }
            } else {
                for item in items {
                    if let vector = take(RunItem(item)) { selected.append(vector) }
                }
            }
            guard !selected.isEmpty else { return }
            check.verdicts(on: selected, workers: workers) { hand($0) }
        }
        source.read { item in
            if batch.add(item) { flush() }
        }
        flush()
        result.files = filter.reportedFiles(listing.files, used: used)
        if reportsRunErrors {
            result.inputErrors += coverage.problems(checked: checked + skipped, paths: source.names, knownVenues: registry.sorted.map(\.id),
                                                    othersReported: metRunErrors || !result.inputErrors.isEmpty, nothingRead: source.nothingRead)
        }
        return RunTally(result: result, skipped: skipped)
    }

    /// Work handed to the threads: about this many items each per batch (enough to spread the
    /// cost of an occasional diagnosis, few enough that a batch of verdicts stays small).
    static let itemsPerWorker = 64

    /// `item` ready to select: a JSON Lines line parsed into a vector or an error, unless a
    /// sharded run can tell from its bytes that it is another shard's (``LineIdentity``): that
    /// line is not decoded, and an error in it is that shard's to report.
    @Sendable static func prepared(_ item: SourceItem, shard: (index: Int, count: Int)?) -> RunItem {
        guard case .line(let file, let number, let bytes) = item else { return RunItem(item) }
        let identity = shard == nil ? nil : LineIdentity.scan(bytes)
        if let shard, let identity {
            let owner = VectorFilter.shardIndex(of: identity.qualifiedID, count: shard.count)
            guard owner == shard.index else { return .elsewhere(identity) }
        }
        switch CorpusLoader.decodeLine(bytes, number: number, of: file) {
        case .vector(let vector): return .vector(vector, file: file)
        case .error(let error): return .error(error, owner: identity == nil ? nil : shard?.index)
        }
    }
}

/// A source item as the run loop selects it.
enum RunItem: Sendable {
    case vector(Vector, file: String)
    /// Input that could not be used; `owner` is the shard whose vector it is, when the shard
    /// scan could tell, else nil (reported once, by ``VectorFilter/reportsRunErrors``).
    case error(InputError, owner: Int?)
    /// A line of another shard, known only by its identity.
    case elsewhere(LineIdentity)

    init(_ item: SourceItem) {
        switch item {
        case .vector(let vector, let file): self = .vector(vector, file: file)
        case .error(let error): self = .error(error, owner: nil)
        case .line: preconditionFailure("lines are prepared by CheckRunner.prepared(_:shard:)")
        }
    }
}

/// Calls `body` with `transform` of each of `items`, in their order, computed on up to
/// `workers` threads (`body` runs on the calling thread, after all are computed).
///
/// Each output is moved into a slot of its own and from there into `body`, never copied: an
/// output holds a vector (a verdict, its whole evaluation), and copying outputs into a locked
/// array of optionals, out into the result and again into the loop that used them cost 10 % of
/// a `check --no-reports` run in retains and releases (callgrind).
func parallelMap<Item: Sendable, Output: Sendable>(_ items: [Item], workers: Int, _ transform: @Sendable (Item) -> Output,
                                                   each body: (consuming Output) -> Void) {
    let slots = OutputSlots<Output>(count: items.count)
    let threads = min(workers, items.count)
    if threads > 1 {
        // Each thread takes every `threads`-th item: neighbours cost alike, so the threads finish together.
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            for index in stride(from: thread, to: items.count, by: threads) {
                slots.initialize(index, to: transform(items[index]))
            }
        }
    } else {
        for index in items.indices { slots.initialize(index, to: transform(items[index])) }
    }
    slots.drain(body)
}

/// Uninitialised storage for ``parallelMap(_:workers:_:each:)``'s outputs, each slot written
/// once by one thread (every index goes to exactly one thread, and `concurrentPerform` returns
/// after all have finished), then moved out in order.
private struct OutputSlots<Output>: @unchecked Sendable {
    let count: Int
    private let base: UnsafeMutablePointer<Output>

    init(count: Int) {
        self.count = count
        base = .allocate(capacity: count)
    }

    func initialize(_ index: Int, to output: consuming Output) {
        precondition(index >= 0 && index < count)
        (base + index).initialize(to: output)
    }

    /// Moves every slot, in order, into `body`, and frees the storage. Call once, after every
    /// slot is written.
    func drain(_ body: (consuming Output) -> Void) {
        for index in 0..<count { body((base + index).move()) }
        base.deallocate()
    }
}

/// Items gathered until there are enough to share between the threads.
struct WorkBatch {
    let capacity: Int
    private var items: [SourceItem] = []
    init(capacity: Int) { self.capacity = capacity }
    /// Adds `item`; true when the batch is full.
    mutating func add(_ item: SourceItem) -> Bool {
        items.append(item)
        return items.count >= capacity
    }
    mutating func take() -> [SourceItem] {
        defer { items.removeAll(keepingCapacity: true) }
        return items
    }
}
