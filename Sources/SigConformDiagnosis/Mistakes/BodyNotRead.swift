import SigConformCore
import SigConformMAC

/// A body sent with a method whose body the venue does not read (`reads.ignoresBody`: a GET at
/// OKX, Bybit, Binance, KuCoin): the venue verifies the request without it. A client that also
/// signed the body signed text the venue never rebuilds; one that signed without it is
/// accepted, but the parameters in the body never arrive. Either way the request does not say
/// what the client meant.
enum BodyNotRead {
    /// The step (and what the client signed, when it signed the body too) for a request with a
    /// body its venue does not read; `nil` when the venue reads the request as sent, or when the
    /// signature is right for neither reading (another mistake: the search goes on).
    static func diagnosis(_ evaluation: VectorEvaluation, observed: String, signer: RequestSigner, key: [UInt8],
                          backend: any MACBackend) -> (step: Diagnosis.Step, clientPrehash: Prehash?)? {
        let request = evaluation.vector.request
        let venue = evaluation.venue
        guard let unread = venue.reads.ignoredBody(in: request) else { return nil }
        if let reference = evaluation.reference, signer.signatureMatches(observed, reference.signature) {
            return (Diagnosis.Step(.bodyNotRead, unread), nil)
        }
        let asSent = RequestView(request, signature: signer.recipe.signature.location)
        guard let prehash = try? signer.canonicalizer.prehash(asSent, credentials: evaluation.vector.credentials, backend: backend),
              let mac = try? signer.mac(prehash.bytes, key: key, hash: signer.recipe.hash, backend: backend),
              signer.signatureMatches(observed, signer.recipe.signature.encoding.encode(mac)) else { return nil }
        let method = request.method.uppercased()
        return (Diagnosis.Step(.bodyNotRead, "signed the \(request.body.utf8.count)-byte body of a \(method), which \(venue.id) does not read: "
                                   + "it verifies the request without the body, so the signature over it does not match"), prehash)
    }
}
