import SigConformCore

/// One thing the judge says about a signer's answer beyond its signature.
struct AnswerRemark: Sendable, Hashable {
    enum Weight: Sendable, Hashable {
        /// A difference the venue does not mind (another parameter order, an added `recvWindow`).
        case note
        /// A difference that changes what the request asks for, or that the venue refuses.
        case failure
    }

    var weight: Weight
    var message: String

    static func note(_ message: String) -> AnswerRemark { AnswerRemark(weight: .note, message: message) }
    static func failure(_ message: String) -> AnswerRemark { AnswerRemark(weight: .failure, message: message) }
}

/// Judges a `--signer` answer on its own merits, as the venue would, instead of demanding the
/// vector's bytes back:
///
/// - the signature must be right for the bytes the client sends, read the way the venue reads
///   them (the recipe applied to the answer's own query, body and headers), on every backend;
///   a backend disagreement stays fatal, a wrong signature is diagnosed on the answer's bytes;
/// - the answer must carry the vector's intent (``AnswerIntent``): method, path and every
///   parameter with the same value after decoding; parameters the client adds are notes;
/// - its time fields must be within the venue's window of the vector's clock and agree where
///   they appear twice (``AnswerClock``);
/// - the headers the venue requires must be there with the given credentials;
/// - every other difference from the vector's request is a note.
///
/// An answer with the vector's bytes (a signer that only adds the signature) is checked exactly
/// as before: its `expect` still holds, so it must also match `expect.prehash` and `expect.signature`.
struct AnswerJudge {
    let runner: CheckRunner

    func verdict(for vector: Vector, venue: Venue, answered: HTTPRequest) -> VectorVerdict {
        let sent = vector.request.removingSignature(for: venue)
        let answeredUnsigned = answered.removingSignature(for: venue)
        var observed = vector
        observed.request = answered
        let sameBytes = answeredUnsigned == sent
        if !sameBytes {
            // The vector's expectations are for its own bytes; the answer is judged on its own.
            observed.expect.prehash = nil
            observed.expect.signature = nil
            observed.expect.headers = []
            observed.time.serverTime = observed.time.serverTime ?? AnswerClock.vectorClock(vector, venue: venue)
        }
        let evaluation = runner.evaluator.evaluate(observed, venue: venue)
        var verdict = runner.verdict(for: evaluation)
        // verdict(for:) lets a valid vector omit its signature (a prehash-only docs example); a signer must sign.
        if let missing = evaluation.findings.first(where: { $0.kind == .observedSignatureMissing }) {
            verdict.problems.insert("the signer's request carries no signature: \(missing.message)", at: 0)
        }
        if !sameBytes {
            let chosen = venue.choosing(evaluation.keyChoices)
            var remarks = AnswerIntent(sent: sent, answered: answeredUnsigned, venue: chosen).remarks
            remarks += AnswerClock(vector: vector, sent: sent, answered: answeredUnsigned, venue: chosen, evaluation: evaluation).remarks
            remarks += Self.credentialRemarks(answeredUnsigned, credentials: vector.credentials, venue: chosen)
            let failures = remarks.filter { $0.weight == .failure }.map(\.message)
            verdict.problems = failures + verdict.problems
            verdict.notes = remarks.filter { $0.weight == .note }.map(\.message)
        }
        // An answer that lacks what the venue signs cannot be signed: the client's fault, not
        // a vector the run could not check (the vector's own bytes can be signed).
        if !sameBytes, verdict.status == .error { verdict.status = .failed }
        if !verdict.problems.isEmpty, verdict.status == .passed { verdict.status = .failed }
        return verdict
    }

    /// The API key where the venue reads it outside a plain header (a query parameter, a body
    /// member, an item of an `Authorization` header): the evaluator already compares the
    /// headers a correct client sends.
    static func credentialRemarks(_ request: HTTPRequest, credentials: Credentials, venue: Venue) -> [AnswerRemark] {
        guard let recipe = venue.hmac, let location = recipe.apiKey?.location, let apiKey = credentials.apiKey else { return [] }
        if case .header = location { return [] }
        let view = RequestView(request, signature: recipe.signature.location)
        guard let value = view.value(at: location) else { return [.failure("the request has no API key (\(location))")] }
        return value == apiKey ? [] : [.failure("the API key in \(location) is not the one given (\(Redaction.maskKey(value)))")]
    }
}

/// Shortens a value quoted in a remark.
func quoted(_ text: String, limit: Int = 60) -> String {
    "\"" + (text.count > limit ? String(text.prefix(limit)) + "…" : text) + "\""
}
