import SigConformCore
import SigConformDiagnosis

/// The check of captured requests (`diagnose`, a ``CapturedRequestSource``): would the venue
/// accept each request as it was sent? A rejected one is diagnosed (the verdict policy's
/// ``VerdictPolicy/verdict(forCaptured:serverMessage:diagnosis:)``).
///
/// Requests are judged in input order as one sequence, across the run loop's batches: a request
/// whose signature is the HMAC of earlier requests' prehashes and its own
/// (``SequenceDiagnosis``, reproduced on every backend) is explained by the sequence, which is
/// conclusive, so the single-request search is not run for it.
package struct CapturedRequestCheck: VectorCheck {
    let runner: CheckRunner
    /// The venue's error text, when the user has it (Bybit echoes its prehash).
    let serverMessage: String?
    /// Every request judged so far: a later one may continue their sequence.
    private var earlier: [VectorEvaluation] = []
    /// A note per request the sequence explained.
    package private(set) var notes: [String] = []

    package init(runner: CheckRunner, serverMessage: String? = nil) {
        self.runner = runner
        self.serverMessage = serverMessage
    }

    package mutating func verdicts(on vectors: [Vector], workers: Int, each body: (VectorVerdict?) -> Void) {
        let runner = runner
        var evaluations: [VectorEvaluation] = []
        // Per vector, in order: the verdict already known (its venue is unknown), or nil for one
        // to judge. Each judged verdict fills the next nil slot, after the known ones before it.
        var slots: [VectorVerdict?] = []
        for vector in vectors {
            if let venue = runner.registry[vector.venue] {
                evaluations.append(runner.evaluator.evaluate(vector, venue: venue))
                slots.append(nil)
            } else {
                slots.append(VerdictPolicy.unknownVenue(vector, known: runner.registry.sorted.map(\.id)))
            }
        }
        var next = slots.makeIterator()
        verdicts(for: evaluations, workers: workers) { verdict in
            while case .some(.some(let known)) = next.next() { body(known) }
            body(verdict)
        }
        while case .some(.some(let known)) = next.next() { body(known) }
    }

    /// The verdicts on `evaluations` (the next requests of the sequence), in order.
    package mutating func verdicts(for evaluations: [VectorEvaluation], workers: Int, each body: (VectorVerdict) -> Void) {
        let first = earlier.count
        earlier += evaluations
        let all = earlier
        let found = runner.diagnoser.backends.map { SequenceDiagnosis.reusedState(in: all, from: first, backend: $0) }
        let explained: [Diagnosis?] = evaluations.indices.map { offset in
            let index = first + offset
            return found.first?[index].flatMap { diagnosis in found.allSatisfy { $0[index] != nil } ? diagnosis : nil }
        }
        for (evaluation, sequence) in zip(evaluations, explained) where sequence != nil {
            notes.append("the sequence: \(evaluation.vector.id) is explained by the requests before it (\(DiagnosisClass.reusedHMACState.rawValue))")
        }
        let policy = runner.policy
        let serverMessage = serverMessage
        let work = Array(zip(evaluations, explained)).map { CapturedJudgement(evaluation: $0, sequence: $1) }
        parallelMap(work, workers: workers, { policy.verdict(forCaptured: $0.evaluation, serverMessage: serverMessage, diagnosis: $0.sequence) }) {
            body($0)
        }
    }
}

/// One request to judge, with what its sequence already explains.
private struct CapturedJudgement: Sendable {
    var evaluation: VectorEvaluation
    var sequence: Diagnosis?
}
