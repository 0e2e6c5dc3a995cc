import SigConformCore
import SigConformDiagnosis

/// The one rule that turns an evaluation into a verdict, for every kind of run:
///
/// - a request that cannot be signed (a credential or a component the recipe needs is
///   missing) is an `error`: nothing was checked;
/// - a disagreement between the MAC backends is always diagnosed and fails the vector, never
///   averaged away;
/// - a vector (files, JSON Lines, a `--signer` answer) passes when it behaves as its `result`
///   says, with the diagnosis its `expect` names;
/// - a captured request (`diagnose`, `serve`) passes when the venue would accept it.
///
/// `record` applies the same two findings before writing a vector (``unsignable(_:)``,
/// ``divergence(_:)``).
package struct VerdictPolicy: Sendable {
    package let diagnoser: Diagnoser

    package init(diagnoser: Diagnoser) { self.diagnoser = diagnoser }

    /// The findings that keep the request from being signed at all.
    package static func unsignable(_ evaluation: VectorEvaluation) -> [Finding] {
        evaluation.findings.filter { $0.kind == .unsignable }
    }

    /// The first disagreement between the MAC backends, if any.
    package static func divergence(_ evaluation: VectorEvaluation) -> Finding? {
        evaluation.findings.first { $0.kind == .backendDivergence }
    }

    /// The verdict on a vector whose venue the run does not know.
    package static func unknownVenue(_ vector: Vector, known: [String]) -> VectorVerdict {
        VectorVerdict(vector: vector, status: .error, evaluation: nil, diagnosis: nil,
                      problems: ["unknown venue \"\(vector.venue)\" — \(unknownVenueHint(vector.venue, known: known)); add its folder with --venues DIR"])
    }

    /// The `error` verdict of an evaluation that could not be signed; `nil` when it could.
    static func cannotSign(_ evaluation: VectorEvaluation) -> VectorVerdict? {
        let unsignable = unsignable(evaluation)
        guard !unsignable.isEmpty else { return nil }
        return VectorVerdict(vector: evaluation.vector, status: .error, evaluation: evaluation, diagnosis: nil,
                             problems: unsignable.map { "cannot sign: \($0.message)" })
    }

    /// Whether the vector behaved as its `result` says.
    /// Takes `evaluation` (consuming): the verdict holds it, moved rather than copied (a copy of
    /// an evaluation, its vector, venue and both backends' outcomes, cost about 2 k instructions
    /// a vector of `check`, callgrind).
    package func verdict(for evaluation: consuming VectorEvaluation) -> VectorVerdict {
        // A valid vector without a single finding (nearly every one of a corpus) passes: no
        // finding can make it unsignable, rejected, divergent or defective. Said at once, the
        // verdict is built once instead of through optionals and copies (2 k instructions a
        // vector, callgrind, issue 20).
        if evaluation.findings.isEmpty, evaluation.vector.result == .valid {
            let vector = evaluation.vector
            return VectorVerdict(vector: vector, status: .passed, evaluation: consume evaluation, diagnosis: nil, problems: [])
        }
        if let error = Self.cannotSign(evaluation) { return error }
        let vector = evaluation.vector
        let diagnosis = evaluation.requestRejected || Self.divergence(evaluation) != nil ? diagnoser.diagnose(evaluation) : nil
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
        return VectorVerdict(vector: vector, status: problems.isEmpty ? .passed : .failed, evaluation: consume evaluation, diagnosis: diagnosis, problems: problems)
    }

    /// Whether the venue would accept a captured request: `failed` with its diagnosis when it
    /// would reject it. `serverMessage` is the venue's error text, when the user has it (Bybit
    /// echoes its prehash).
    /// `diagnosis`: what the request's sequence already explains (``CheckRunner/diagnoseCaptured(_:serverMessage:)``),
    /// used instead of the single-request search.
    package func verdict(forCaptured evaluation: VectorEvaluation, serverMessage: String? = nil, diagnosis sequence: Diagnosis? = nil) -> VectorVerdict {
        if let error = Self.cannotSign(evaluation) { return error }
        let vector = evaluation.vector
        let rejecting = evaluation.findings.filter { $0.rejectsRequest || $0.kind == .backendDivergence }
        guard !rejecting.isEmpty else {
            return VectorVerdict(vector: vector, status: .passed, evaluation: evaluation, diagnosis: nil, problems: [])
        }
        var diagnosis = sequence ?? diagnoser.diagnose(evaluation)
        if let serverMessage, let correct = evaluation.reference?.prehash {
            diagnosis.serverEcho = ServerEcho(message: serverMessage, correct: correct, apiKey: vector.credentials.apiKey)
            if let echo = diagnosis.serverEcho { diagnosis.evidence.insert(echo.summary, at: 0) }
        }
        // A finding about how the venue reads the request (reads.*) carries no signature pair to show.
        let problems = rejecting.map { finding in
            if finding.kind == .observedSignatureMismatch, let sent = finding.actual, let correct = finding.expected {
                return "\(finding.message): sent \(sent), correct \(correct)"
            }
            return finding.message
        }
        return VectorVerdict(vector: vector, status: .failed, evaluation: evaluation, diagnosis: diagnosis, problems: problems)
    }
}
