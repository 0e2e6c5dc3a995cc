import SigConformCore

/// A right signature the venue does not read because it is not the last parameter
/// (`reads.signatureLast`, Binance): no signing mistake explains the rejection, the signature's
/// place does. Binance answers `-1022` "Signature for this request is not valid."
/// (binance-official-api-docs PR #44; binance-connector-rust PR #42, a signature sorted before
/// `timestamp`).
enum SignatureNotLast {
    /// The step for a request that carries the right signature before other parameters, or
    /// `nil` when the venue does not care where it sits or it is last.
    static func step(_ evaluation: VectorEvaluation, recipe: HMACRecipe) -> Diagnosis.Step? {
        let name: String
        switch recipe.signature.location {
        case .query(let parameter), .body(let parameter), .parameter(let parameter): name = parameter
        default: return nil
        }
        guard let misplaced = evaluation.venue.reads.misplacedSignature(name, in: evaluation.vector.request) else { return nil }
        return Diagnosis.Step(.signatureNotLast, misplaced)
    }
}
