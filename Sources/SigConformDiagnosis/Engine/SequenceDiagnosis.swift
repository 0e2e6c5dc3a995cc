import SigConformCore
import SigConformMAC

/// Mistakes that only a sequence of requests shows: an HMAC object kept across requests and
/// never reset. Go's `hash.Hash.Sum` and Python's `hmac.digest()` return the tag of everything
/// written so far without resetting it, so a client that keeps one keyed object and writes each
/// request's prehash into it signs request N with HMAC(key, prehash₁ ‖ … ‖ prehashₙ): the first
/// request is accepted and every later one rejected, which no single-request mistake explains.
package enum SequenceDiagnosis {
    /// The diagnoses of the requests, by index in `evaluations`, whose observed signature is the
    /// HMAC of their own correct prehash appended to those of earlier requests to the same venue
    /// under the same key. Requests whose signature is correct are left out. Only the requests
    /// from index `first` on are diagnosed (a run that judges requests a batch at a time has
    /// diagnosed the earlier ones); each is judged against every request before it.
    package static func reusedState(in evaluations: [VectorEvaluation], from first: Int = 1, backend: any MACBackend) -> [Int: Diagnosis] {
        var out: [Int: Diagnosis] = [:]
        for (index, evaluation) in evaluations.enumerated() where index > 0 && index >= first {
            guard let recipe = evaluation.venue.hmac, let reference = evaluation.reference,
                  let observed = evaluation.observedSignature else { continue }
            let signer = RequestSigner(canonicalizer: Canonicalizer(venue: evaluation.venue, recipe: recipe))
            guard !signer.signatureMatches(observed, reference.signature), let key = try? signer.key(evaluation.vector.credentials) else { continue }
            // The earlier requests one object could have signed: same venue, same key.
            let earlier = evaluations[..<index].indices.filter { other in
                evaluations[other].venue.id == evaluation.venue.id && evaluations[other].reference != nil
                    && (try? signer.key(evaluations[other].vector.credentials)) == key
            }
            // The object was made before the first of them, or before a later one (a client that
            // makes one per session, or per batch): the longest run first, the usual case.
            for first in earlier {
                let run = earlier.filter { $0 >= first } + [index]
                let message = run.flatMap { evaluations[$0].reference?.prehash.bytes ?? [] }
                guard let mac = try? signer.mac(message, key: key, hash: recipe.hash, backend: backend),
                      signer.signatureMatches(observed, recipe.signature.encoding.encode(mac)) else { continue }
                let labels = run.map { evaluations[$0].vector.id }
                let detail = "signed with one HMAC object kept across requests and never reset: this signature is HMAC over the "
                    + "prehashes of \(labels.joined(separator: ", ")) one after the other (\(run.count) requests, \(message.count) bytes), "
                    + "not over this request's prehash alone"
                var diagnosis = Diagnosis(steps: [Diagnosis.Step(.reusedHMACState, detail)], clientPrehash: nil,
                                          correctPrehash: reference.prehash, evidence: [], venueError: evaluation.venue.errors.badSignature,
                                          docs: evaluation.venue.docs)
                if let head = evaluations[run[0]].observedSignature, let correct = evaluations[run[0]].reference?.signature,
                   signer.signatureMatches(head, correct) {
                    diagnosis.evidence = ["\(labels[0]), the first request that object signed, carries a correct signature: only the later ones fail"]
                }
                out[index] = diagnosis
                break
            }
        }
        return out
    }
}
