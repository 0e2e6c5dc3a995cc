import SigConformCore

extension CheckRunner {
    /// Diagnoses a request captured from a client (curl line, raw HTTP, HAR entry, vector):
    /// `failed` with its diagnosis when the venue would reject it, `passed` when it is correct.
    /// `serverMessage` is the venue's error text, when the user has it (Bybit echoes its prehash).
    public func diagnoseCaptured(_ vector: Vector, venue: Venue, serverMessage: String? = nil) -> VectorVerdict {
        let evaluation = evaluator.evaluate(vector, venue: venue)
        let unsignable = evaluation.findings.filter { $0.kind == .unsignable }
        if !unsignable.isEmpty {
            return VectorVerdict(vector: vector, status: .error, evaluation: evaluation, diagnosis: nil,
                                 problems: unsignable.map { "cannot sign: \($0.message)" })
        }
        let rejecting = evaluation.findings.filter { $0.rejectsRequest || $0.kind == .backendDivergence }
        guard !rejecting.isEmpty else {
            return VectorVerdict(vector: vector, status: .passed, evaluation: evaluation, diagnosis: nil, problems: [])
        }
        var diagnosis = diagnoser.diagnose(evaluation)
        if let serverMessage, let correct = evaluation.reference?.prehash {
            diagnosis.serverEcho = ServerEcho(message: serverMessage, correct: correct, apiKey: vector.credentials.apiKey)
            if let echo = diagnosis.serverEcho { diagnosis.evidence.insert(echo.summary, at: 0) }
        }
        let problems = rejecting.map { finding in
            finding.kind == .observedSignatureMismatch
                ? "\(finding.message): sent \(finding.actual ?? "?"), correct \(finding.expected ?? "?")" : finding.message
        }
        return VectorVerdict(vector: vector, status: .failed, evaluation: evaluation, diagnosis: diagnosis, problems: problems)
    }
}
