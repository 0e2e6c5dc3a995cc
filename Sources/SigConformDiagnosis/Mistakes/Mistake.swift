import SigConformCore
import SigConformMAC

/// What a client might have fed its HMAC: one hypothesis of the diagnosis search.
package struct SigningAttempt: Sendable {
    /// The request the client canonicalised (may differ from the one it sent).
    package var request: HTTPRequest
    package var template: Template
    package var key: [UInt8]
    package var hash: HashAlgorithm
    package var encoding: ByteEncoding
    /// A second encoding the client applied to the MAC's text (base64 of the hex digest), or nil.
    package var reEncoding: ByteEncoding?
    /// The mistakes applied so far.
    package var steps: [Diagnosis.Step]

    package init(request: HTTPRequest, template: Template, key: [UInt8], hash: HashAlgorithm, encoding: ByteEncoding,
                reEncoding: ByteEncoding? = nil, steps: [Diagnosis.Step] = []) {
        self.request = request
        self.template = template
        self.key = key
        self.hash = hash
        self.encoding = encoding
        self.reEncoding = reEncoding
        self.steps = steps
    }

    /// How the attempt writes its MAC as text.
    package var macText: MACText { MACText(encoding: encoding, reEncoding: reEncoding) }

    /// A copy with one more mistake applied.
    package func with(_ diagnosisClass: DiagnosisClass, _ detail: String, fix: String? = nil,
                     _ change: (inout SigningAttempt) -> Void) -> SigningAttempt {
        var copy = self
        change(&copy)
        copy.steps.append(Diagnosis.Step(diagnosisClass, detail, fix: fix))
        return copy
    }
}

/// How a MAC is written as text: in an encoding, and possibly that text encoded once more.
package struct MACText: Sendable, Hashable {
    package var encoding: ByteEncoding
    package var reEncoding: ByteEncoding?

    package init(encoding: ByteEncoding, reEncoding: ByteEncoding?) {
        self.encoding = encoding
        self.reEncoding = reEncoding
    }

    /// The MAC's text: `encoding` of its bytes, then `reEncoding` of that text's UTF-8 bytes.
    package func encode(_ mac: [UInt8]) -> String {
        let text = encoding.encode(mac)
        return reEncoding.map { $0.encode(Array(text.utf8)) } ?? text
    }
}

/// What a mistake may look at besides the attempt it varies.
package struct MistakeContext: Sendable {
    package let venue: Venue
    package let recipe: HMACRecipe
    package let credentials: Credentials
    /// The request as sent.
    package let sent: HTTPRequest
    /// The sent request as the venue reads it.
    package let view: RequestView

    /// The query, form or body parameter that carries the signature, if the venue puts it in
    /// one: it is not part of what was signed, so parameter mistakes leave it out.
    package var signatureParameter: String? {
        switch recipe.signature.location {
        case .query(let name), .parameter(let name), .body(let name): name
        default: nil
        }
    }
}

/// A known client mistake: a small named value that turns a signing attempt into the variants a
/// client making that mistake would produce. Adding a mistake means adding one such value (one
/// file in this folder) and listing it in ``Mistake/catalogue``.
package struct Mistake: Sendable {
    package let diagnosisClass: DiagnosisClass
    /// Short stable name of this mistake (several may share a class).
    package let name: String
    /// Whether this mistake may be combined with another in the pair search (cheap ones only).
    package let combinable: Bool
    /// Whether the mistake changes the prehash; `false` for mistakes in the key, hash or output
    /// encoding, which the search can try on an already built prehash.
    package let changesPrehash: Bool
    let variants: @Sendable (SigningAttempt, MistakeContext) -> [SigningAttempt]

    package init(_ diagnosisClass: DiagnosisClass, name: String, combinable: Bool = true, changesPrehash: Bool = true,
                variants: @escaping @Sendable (SigningAttempt, MistakeContext) -> [SigningAttempt]) {
        self.diagnosisClass = diagnosisClass
        self.name = name
        self.combinable = combinable
        self.changesPrehash = changesPrehash
        self.variants = variants
    }

    /// The variants of `attempt` this mistake produces.
    package func apply(to attempt: SigningAttempt, in context: MistakeContext) -> [SigningAttempt] { variants(attempt, context) }

    /// Every known HMAC mistake, cheapest and most common first. The timestamp search and the
    /// clock check are run by ``Diagnoser`` itself.
    package static let catalogue: [Mistake] = [
        .unsortedParams, .bodyEncoding, .queryEncoding, .timestampUnits, .timestampMillisecondsUnsent, .secretWhitespace, .credentialsSwapped,
        .wrongSecretEncoding,
        .wrongHash, .wrongOutputEncoding, .digestText, .innerDigestText, .methodCase, .methodMismatch, .pathMismatch, .hostMismatch, .missingComponent, .timestampHourOffset,
        .payloadOnly, .sortedQueryAndBody, .signedValueMismatch, .parametersAddedAfterSigning,
    ]
}
