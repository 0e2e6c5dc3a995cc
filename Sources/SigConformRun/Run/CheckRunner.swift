import Foundation
import SigConformCore
import SigConformDiagnosis
import SigConformMAC

/// Checks vectors: evaluates each on every backend and applies the run's one verdict policy
/// (``VerdictPolicy``). As a ``VectorCheck`` it is the reference check (the vector's own
/// request, judged by its `result`); ``run(_:filter:check:progress:each:)`` is the one run
/// loop every check uses, `--signer` included.
public struct CheckRunner: Sendable {
    public var registry: VenueRegistry
    public let evaluator: VectorEvaluator
    package let policy: VerdictPolicy
    public var diagnoser: Diagnoser { policy.diagnoser }

    /// Threads that check vectors (and parse JSON Lines) at once; 1 checks on the calling thread.
    public var workers: Int

    public init(registry: VenueRegistry, backends: [any MACBackend], workers: Int = CheckRunner.defaultWorkers) {
        self.registry = registry
        self.workers = max(1, workers)
        self.evaluator = VectorEvaluator(backends: backends)
        self.policy = VerdictPolicy(diagnoser: Diagnoser(backends: backends))
    }

    /// One thread per core the process may use.
    public static var defaultWorkers: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Loads and checks every vector under `paths` that `filter` selects.
    public func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: ((Int) -> Void)? = nil) -> RunResult {
        var verdicts: [VectorVerdict] = []
        var result = run(paths: paths, filter: filter, progress: progress) { verdicts.append($0) }
        result.verdicts = verdicts
        return result
    }

    /// Checks like ``run(paths:filter:progress:)``, but hands each verdict to `body` as it
    /// finishes instead of keeping it, so memory does not grow with the corpus: the result
    /// holds no verdicts (see ``RunResult/verdicts``).
    public func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: ((Int) -> Void)? = nil,
                    each body: (VectorVerdict) -> Void) -> RunResult {
        var reference = self
        return run(CorpusSource(paths: paths), filter: filter, check: &reference, progress: progress, each: body).result
    }

    /// The verdict on one vector.
    public func check(_ vector: Vector) -> VectorVerdict {
        guard let venue = registry[vector.venue] else { return VerdictPolicy.unknownVenue(vector, known: registry.sorted.map(\.id)) }
        return policy.verdict(for: evaluator.evaluate(vector, venue: venue))
    }

    /// Decides the verdict for an evaluation (also used for `--signer` answers).
    public func verdict(for evaluation: VectorEvaluation) -> VectorVerdict { policy.verdict(for: evaluation) }

    /// Diagnoses a request captured from a client (curl line, raw HTTP, HAR entry, vector):
    /// `failed` with its diagnosis when the venue would reject it, `passed` when it is correct.
    /// `serverMessage` is the venue's error text, when the user has it (Bybit echoes its prehash).
    public func diagnoseCaptured(_ vector: Vector, venue: Venue, serverMessage: String? = nil) -> VectorVerdict {
        policy.verdict(forCaptured: evaluator.evaluate(vector, venue: venue), serverMessage: serverMessage)
    }

    /// Diagnoses several captured requests in order (a HAR, a file of several requests) as one
    /// sequence, as ``CapturedRequestCheck`` does in a run: a request explained by the requests
    /// before it (``SequenceDiagnosis``) is not searched on its own. Returns the verdicts in
    /// input order, and a note per request the sequence explained.
    public func diagnoseCaptured(_ requests: [(vector: Vector, venue: Venue)], serverMessage: String? = nil) -> (verdicts: [VectorVerdict], notes: [String]) {
        var check = CapturedRequestCheck(runner: self, serverMessage: serverMessage)
        var verdicts: [VectorVerdict] = []
        check.verdicts(for: requests.map { evaluator.evaluate($0.vector, venue: $0.venue) }, workers: workers) { verdicts.append($0) }
        return (verdicts, check.notes)
    }
}

extension CheckRunner: VectorCheck {
    /// The reference check: each vector evaluated on up to `workers` threads at once.
    package mutating func verdicts(on vectors: [Vector], workers: Int, each body: (VectorVerdict?) -> Void) {
        let runner = self
        parallelMap(vectors, workers: workers, { runner.check($0) }) { verdict in body(verdict) }
    }

    /// Each vector is checked on its own: the run checks a line where it decodes it.
    package var independentVerdict: (@Sendable (Vector) -> VectorVerdict)? {
        let runner = self
        return { runner.check($0) }
    }
}
