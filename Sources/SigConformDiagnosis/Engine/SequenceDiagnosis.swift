import SigConformCore
import SigConformMAC

/// Mistakes that only a sequence of requests shows: an HMAC object kept across requests and
/// never reset. Go's `hash.Hash.Sum` and Python's `hmac.digest()` return the tag of everything
/// written so far without resetting it, so a client that keeps one keyed object and writes each
/// request's prehash into it signs request N with HMAC(key, prehash₁ ‖ … ‖ prehashₙ): the first
/// request is accepted and every later one rejected, which no single-request mistake explains.
/// The same holds for a plain digest object kept for a digest inside the prehash (Kraken's
/// SHA-256 of nonce + POST data, Gate's body hash): the HMAC is fresh, but request N's inner
/// digest covers the inputs of requests 1…N. Both are one class, `reused_hmac_state`; the inner
/// digest is its named variant.
package enum SequenceDiagnosis {
    /// The diagnoses of the requests, by index in `evaluations`, whose observed signature is the
    /// HMAC of their own correct prehash appended to those of earlier requests to the same venue
    /// under the same key, or the HMAC of a prehash whose inner digest covers the earlier
    /// requests' inputs to it too. Requests whose signature is correct are left out.
    package static func reusedState(in evaluations: [VectorEvaluation], backend: any MACBackend) -> [Int: Diagnosis] {
        var out: [Int: Diagnosis] = [:]
        for (index, evaluation) in evaluations.enumerated() where index > 0 {
            guard let recipe = evaluation.venue.hmac, let reference = evaluation.reference,
                  let observed = evaluation.observedSignature else { continue }
            let signer = RequestSigner(canonicalizer: Canonicalizer(venue: evaluation.venue, recipe: recipe))
            guard !signer.signatureMatches(observed, reference.signature), let key = try? signer.key(evaluation.vector.credentials) else { continue }
            // The earlier requests one client could have signed: same venue, same key.
            let earlier = evaluations[..<index].indices.filter { other in
                evaluations[other].venue.id == evaluation.venue.id && evaluations[other].reference != nil
                    && (try? signer.key(evaluations[other].vector.credentials)) == key
            }
            let search = Search(evaluations: evaluations, index: index, signer: signer, key: key, observed: observed, backend: backend)
            // The object was made before the first of them, or before a later one (a client that
            // makes one per session, or per batch): the longest run first, the usual case.
            for first in earlier {
                let run = earlier.filter { $0 >= first } + [index]
                guard let step = search.reusedHMAC(run) ?? search.reusedInnerDigest(run) else { continue }
                var diagnosis = Diagnosis(steps: [step.step], clientPrehash: step.clientPrehash,
                                          correctPrehash: reference.prehash, evidence: [], venueError: evaluation.venue.errors.badSignature,
                                          docs: evaluation.venue.docs)
                if let head = evaluations[run[0]].observedSignature, let correct = evaluations[run[0]].reference?.signature,
                   signer.signatureMatches(head, correct) {
                    diagnosis.evidence = ["\(evaluations[run[0]].vector.id), the first request that object signed, carries a correct signature: only the later ones fail"]
                }
                out[index] = diagnosis
                break
            }
        }
        return out
    }

    /// One rejected request and what it is compared with.
    struct Search {
        let evaluations: [VectorEvaluation]
        let index: Int
        let signer: RequestSigner
        let key: [UInt8]
        let observed: String
        let backend: any MACBackend

        var recipe: HMACRecipe { signer.recipe }

        /// Whether `message`, signed with a fresh HMAC under the request's key, gives the observed signature.
        func signs(_ message: [UInt8]) -> Bool {
            guard let mac = try? signer.mac(message, key: key, hash: recipe.hash, backend: backend) else { return false }
            return signer.signatureMatches(observed, recipe.signature.encoding.encode(mac))
        }

        /// The HMAC object itself kept: the signature is HMAC over the run's prehashes one after the other.
        func reusedHMAC(_ run: [Int]) -> (step: Diagnosis.Step, clientPrehash: Prehash?)? {
            let message = run.flatMap { evaluations[$0].reference?.prehash.bytes ?? [] }
            guard signs(message) else { return nil }
            let detail = "signed with one HMAC object kept across requests and never reset: this signature is HMAC over the "
                + "prehashes of \(labels(run)) one after the other (\(run.count) requests, \(message.count) bytes), "
                + "not over this request's prehash alone"
            return (Diagnosis.Step(.reusedHMACState, detail), nil)
        }

        /// A digest object inside the prehash kept (the named variant): for each digest of the
        /// recipe's template, the prehash whose digest covers the run's inputs to it one after the
        /// other. The inputs are rendered from text variables, so their bytes are UTF-8 and join
        /// into the one literal the digest is recomputed over.
        func reusedInnerDigest(_ run: [Int]) -> (step: Diagnosis.Step, clientPrehash: Prehash?)? {
            let canonicalizer = signer.canonicalizer
            for (position, part) in recipe.prehash.parts.enumerated() {
                guard case .digest(let hash, let output, let inner) = part else { continue }
                var input: [UInt8] = []
                for other in run {
                    let evaluation = evaluations[other]
                    let view = canonicalizer.view(evaluation.vector.request)
                    guard let bytes = try? canonicalizer.prehash(view, credentials: evaluation.vector.credentials, backend: backend, template: inner).bytes
                    else { return nil }
                    input += bytes
                }
                var template = recipe.prehash
                template.parts[position] = .digest(hash, output, Template([.literal(String(decoding: input, as: UTF8.self))]))
                let request = evaluations[index].vector
                guard let prehash = try? canonicalizer.prehash(canonicalizer.view(request.request), credentials: request.credentials,
                                                                backend: backend, template: template),
                      signs(prehash.bytes) else { continue }
                let digest = "\(hash.rawValue)(\(inner.source))"
                let detail = "computed the prehash's inner \(digest) with one \(hash.rawValue) object kept across requests and never reset: "
                    + "its digest covers \(inner.source) of \(labels(run)) one after the other (\(run.count) requests, \(input.count) bytes), "
                    + "not this request's alone; the HMAC itself is fresh"
                let python = String(hash.rawValue.map { $0 == "-" ? "_" : $0 })
                let fix = "make a new \(hash.rawValue) object for every request's \(digest) (a fresh hashlib.\(python)() in Python, "
                    + "Reset() or a one-shot Sum in Go), or use a one-shot digest call"
                return (Diagnosis.Step(.reusedHMACState, detail, fix: fix), prehash)
            }
            return nil
        }

        func labels(_ run: [Int]) -> String { run.map { evaluations[$0].vector.id }.joined(separator: ", ") }
    }
}
