import Foundation
import SigConformMAC

/// Everything the harness computed for one vector on every backend, and how it compares with
/// what the vector expects. Diagnosis and reports build on this.
public struct VectorEvaluation: Sendable {
    public var vector: Vector
    public var venue: Venue
    /// Per backend: what it computed, in the order the backends were given.
    public var outcomes: [BackendOutcome]
    /// The signature the request carries, if any (HMAC venues).
    public var observedSignature: String?
    /// Clock position, when the vector has a server time and the venue a window.
    public var clock: ClockCheck?
    public var findings: [Finding]
    /// The key settings the verdict is for (option name to choice name), when the venue has
    /// key options: the vector's own, and for options it leaves open the first choice under
    /// which the request is right (or the first choice, when it is right under none).
    public var keyChoices: [String: String] = [:]

    /// The first backend's outcome, when it signed.
    public var reference: SigningOutcome? { outcomes.first?.signed }

    /// Whether the request as sent would be rejected by the venue.
    public var requestRejected: Bool { findings.contains { $0.rejectsRequest } }

    /// Findings that say the harness or the vector is wrong, whatever the vector's result.
    public var defects: [Finding] { findings.filter { !$0.rejectsRequest } }
}

/// Runs vectors through a venue's recipe on every backend and compares with their expectations.
public struct VectorEvaluator: Sendable {
    public let backends: [any MACBackend]

    public init(backends: [any MACBackend]) {
        precondition(!backends.isEmpty, "at least one MAC backend is needed")
        self.backends = backends
    }

    public func evaluate(_ vector: Vector, venue: Venue) -> VectorEvaluation {
        var evaluation = switch venue.auth {
        case .hmac(let recipe) where !recipe.keyOptions.isEmpty || !vector.keyChoices.isEmpty:
            evaluateUnderKeyChoices(vector, venue: venue, recipe: recipe)
        case .hmac(let recipe): evaluateHMAC(vector, venue: venue, recipe: recipe)
        case .bearer(let recipe): evaluateBearer(vector, venue: venue, recipe: recipe)
        }
        // Another scheme of the venue is not judged by this recipe: the request is not correct
        // for it, whatever its signature.
        if let other = OtherScheme.recognised(in: vector.request, credentials: vector.credentials, venue: venue) {
            evaluation.findings.append(Finding(kind: .otherScheme, message: other.scheme.sentence(shownBy: other.shownBy)))
        }
        return evaluation
    }

    /// A venue whose keys have settings that change verification (Gemini's nonce mode): the
    /// request is checked under the vector's choices and, for options it leaves open, under
    /// each choice in recipe order. The first choice with no finding gives the verdict, so a
    /// request right for a setting the user may have is not called wrong; when none is
    /// clean, the first whose request the venue would accept, else the first.
    func evaluateUnderKeyChoices(_ vector: Vector, venue: Venue, recipe: HMACRecipe) -> VectorEvaluation {
        let unknown = recipe.unknownKeyChoices(vector.keyChoices)
        var evaluations: [VectorEvaluation] = []
        for choices in recipe.keyChoiceCombinations(keeping: vector.keyChoices) {
            let chosen = venue.choosing(choices)
            var evaluation = evaluateHMAC(vector, venue: chosen, recipe: recipe.choosing(choices))
            evaluation.keyChoices = choices
            evaluation.findings += unknown.map { Finding(kind: .unsignable, message: $0, expected: nil, actual: nil) }
            if evaluation.findings.isEmpty { return evaluation }
            evaluations.append(evaluation)
        }
        return evaluations.first { !$0.requestRejected } ?? evaluations[0]
    }

    func evaluateBearer(_ vector: Vector, venue: Venue, recipe: BearerRecipe) -> VectorEvaluation {
        var findings: [Finding] = []
        let sent = vector.request.headers[recipe.header]
        if let apiKey = vector.credentials.apiKey {
            let correct = recipe.headerValue(apiKey: apiKey)
            for expected in vector.expect.headers where expected.name.equalsIgnoringCase(recipe.header) && expected.value != correct {
                findings.append(Finding(kind: .expectedHeaderMismatch, message: "expect.headers.\(expected.name) is not \"\(recipe.scheme) <apiKey>\"",
                                        expected: Redaction.maskKey(correct), actual: Redaction.maskKey(expected.value)))
            }
            if sent.map({ !constantTimeEquals(Array($0.utf8), Array(correct.utf8)) }) ?? true {
                findings.append(Finding(kind: .observedHeaderMismatch,
                                        message: sent == nil ? "the request has no \(recipe.header) header" : "\(recipe.header) is not exactly \"\(recipe.scheme) <apiKey>\"",
                                        expected: "\(recipe.scheme) \(Redaction.maskKey(apiKey))", actual: sent.map(maskedBearer)))
            }
        } else {
            findings.append(Finding(kind: .unsignable, message: "the vector has no credentials.apiKey", expected: nil, actual: nil))
        }
        return VectorEvaluation(vector: vector, venue: venue, outcomes: [], observedSignature: nil, clock: nil, findings: findings)
    }

    /// The name of a signature that travels as a query or body parameter.
    func signatureParameter(of location: FieldLocation) -> String? {
        switch location {
        case .query(let name), .body(let name), .parameter(let name): name
        default: nil
        }
    }

    /// A header value with any key-looking word masked.
    func maskedBearer(_ value: String) -> String {
        value.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.count > 12 ? Redaction.maskKey(String(word)) : String(word)
        }.joined(separator: " ")
    }

    func evaluateHMAC(_ vector: Vector, venue: Venue, recipe: HMACRecipe) -> VectorEvaluation {
        let signer = RequestSigner(canonicalizer: Canonicalizer(venue: venue, recipe: recipe))
        let view = signer.canonicalizer.view(vector.request)
        let outcomes = signer.signEach(view, credentials: vector.credentials, backends: backends)
        var findings: [Finding] = []
        // A credential the recipe does not declare is read by nothing: a typo or the wrong venue.
        if !vector.credentials.fields.isEmpty {
            findings += vector.credentials.fields.keys.sorted().filter { !recipe.credentialFields.contains($0) }.map { name in
                Finding(kind: .unsignable, message: "credentials.\(name) is not a credential \(venue.id) signs"
                            + (recipe.credentialFields.isEmpty ? "" : " (its recipe declares \(recipe.credentialFields.joined(separator: ", ")))")
                            + " — remove it, or declare it in the recipe's credentialFields")
            }
        }
        var evaluation = VectorEvaluation(vector: vector, venue: venue, outcomes: outcomes,
                                          observedSignature: view.observedSignature, clock: nil, findings: [])
        var referenceIndex: Int?
        for index in outcomes.indices {
            switch outcomes[index].outcome {
            case .success: if referenceIndex == nil { referenceIndex = index }
            case .failure(let error):
                let kind: Finding.Kind = error.backendFailure == nil ? .unsignable : .backendDivergence
                findings.append(Finding(kind: kind, message: error.description, backend: outcomes[index].backend))
            }
        }
        guard let referenceIndex, let reference = outcomes[referenceIndex].signed else {
            evaluation.findings = uniqueUnsignable(findings)
            return evaluation
        }
        for index in outcomes.indices where index > referenceIndex {
            guard let other = outcomes[index].signed else { continue }
            let samePrehash = Self.sameBytes(other.prehash.bytes, reference.prehash.bytes)
            if !samePrehash || !Self.sameBytes(other.mac, reference.mac) {
                findings.append(Finding(kind: .backendDivergence,
                                        message: "\(reference.backend) and \(other.backend) disagree on the \(samePrehash ? "MAC" : "prehash")",
                                        expected: reference.signature, actual: other.signature, backend: other.backend))
            }
        }

        // What the vector expects of a correct client.
        if let expected = vector.expect.prehash, !Self.sameBytes(expected, reference.prehash.bytes) {
            findings.append(Finding(kind: .prehashMismatch, message: "the prehash differs from expect.prehash" + firstDifference(expected, reference.prehash),
                                    expected: Self.show(expected), actual: Self.show(reference.prehash.bytes)))
        }
        if let expected = vector.expect.signature, !signer.signatureMatches(expected, reference.signature) {
            findings.append(Finding(kind: .signatureMismatch, message: "the signature differs from expect.signature",
                                    expected: expected, actual: reference.signature))
        }
        for expected in vector.expect.headers {
            if let computed = reference.expectedHeaders.first(where: { $0.name.equalsIgnoringCase(expected.name) }) {
                let matches: Bool
                if case .headerParameter(let header, let scheme, let parameter) = recipe.signature.location,
                   header.equalsIgnoringCase(expected.name) {
                    matches = Self.sameHeaderParameters(expected.value, computed.value, scheme: scheme, signature: parameter, signer: signer)
                } else if headerName(of: recipe.signature.location).map(expected.name.equalsIgnoringCase) ?? false {
                    matches = signer.signatureMatches(expected.value, computed.value)
                } else {
                    matches = constantTimeEquals(expected.value, computed.value, foldingCase: false)
                }
                if !matches {
                    findings.append(Finding(kind: .expectedHeaderMismatch, message: "expect.headers.\(expected.name) differs from the computed value",
                                            expected: expected.value, actual: computed.value))
                }
            }
        }

        // What the request as sent says.
        let observedMatches = view.observedSignature.map { signer.signatureMatches($0, reference.signature) }
        if let observed = view.observedSignature {
            if observedMatches == false {
                findings.append(Finding(kind: .observedSignatureMismatch, message: "the request's signature is not the correct one",
                                        expected: reference.signature, actual: observed))
            }
        } else {
            findings.append(Finding(kind: .observedSignatureMissing, message: "the request carries no signature (\(recipe.signature.location))"))
        }
        // Where the venue reads the signature (reads.signatureLast): a right signature in the wrong place is not verified.
        if view.observedSignature != nil, let name = signatureParameter(of: recipe.signature.location),
           let misplaced = venue.reads.misplacedSignature(name, in: vector.request) {
            findings.append(Finding(kind: .observedSignatureMismatch, message: misplaced))
        }
        // Empty query pairs the venue drops (reads.emptyPairs): say why a signature over them fails.
        if observedMatches == false, let dropped = venue.reads.droppedEmptyPairs(in: vector.request.query) {
            findings.append(Finding(kind: .observedSignatureMismatch, message: dropped))
        }
        // A body the venue does not read (reads.ignoresBody): it verifies the request without it.
        if let ignored = venue.reads.ignoredBody(in: vector.request) {
            findings.append(Finding(kind: .observedSignatureMismatch, message: ignored))
        }
        let signatureHeader = headerName(of: recipe.signature.location)
        for header in reference.expectedHeaders where !(signatureHeader.map(header.name.equalsIgnoringCase) ?? false) {
            let sent = vector.request.headers[header.name]
            // Auth headers can carry a signed passphrase: compared in constant time like signatures.
            if !(sent.map { constantTimeEquals($0, header.value, foldingCase: false) } ?? false) {
                let secretLike = headerName(of: recipe.passphrase?.location).map(header.name.equalsIgnoringCase) ?? false
                findings.append(Finding(kind: .observedHeaderMismatch,
                                        message: sent == nil ? "the request has no \(header.name) header" : "the request's \(header.name) is not the correct value",
                                        expected: secretLike ? "(signed passphrase)" : header.value,
                                        actual: secretLike ? sent.map { _ in "(other value)" } : sent))
            }
        }
        if let field = recipe.timestamp, let window = field.window, let serverTime = vector.time.serverTime,
           let text = view.value(at: field.location) {
            let recvWindow = vector.time.recvWindow
                ?? recipe.recvWindow.flatMap { r in r.location.flatMap { view.value(at: $0) }.flatMap(Self.wholeMilliseconds) ?? r.defaultMilliseconds }
                ?? 5000
            if let milliseconds = TimestampCodec.milliseconds(text, format: field.format) {
                let clock = ClockCheck(timestamp: milliseconds, serverTime: serverTime, window: window, recvWindow: recvWindow)
                evaluation.clock = clock
                if !clock.withinWindow {
                    findings.append(Finding(kind: .clockOutsideWindow, message: clock.summary))
                }
            } else {
                findings.append(Finding(kind: .clockOutsideWindow, message: "the timestamp \"\(text)\" is not in the venue's format \(field.format.rawValue)"))
            }
        }
        evaluation.findings = findings
        return evaluation
    }

    /// Whether two `<scheme> k=v,…` headers carry the same items, as the venue parses them:
    /// the same names with the same values, in any order, with `,` or `, ` between them; the
    /// signature item compared by the venue's signature rule.
    static func sameHeaderParameters(_ expected: String, _ computed: String, scheme: String, signature: String, signer: RequestSigner) -> Bool {
        guard let a = RequestView.headerParameters(expected, scheme: scheme),
              let b = RequestView.headerParameters(computed, scheme: scheme), a.count == b.count else { return false }
        let byName = Dictionary(b.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        guard byName.count == b.count else { return false }
        return a.allSatisfy { item in
            guard let other = byName[item.name] else { return false }
            return item.name == signature ? signer.signatureMatches(item.value, other)
                : constantTimeEquals(Array(item.value.utf8), Array(other.utf8))
        }
    }

    func uniqueUnsignable(_ findings: [Finding]) -> [Finding] {
        var seen: Set<String> = []
        return findings.filter { seen.insert($0.kind.rawValue + $0.message).inserted }
    }

    func headerName(of location: FieldLocation?) -> String? {
        switch location {
        case .header(let name, _)?: name
        case .headerParameter(let header, _, _)?: header
        default: nil
        }
    }

    func firstDifference(_ expected: [UInt8], _ actual: Prehash) -> String {
        let common = zip(expected, actual.bytes).prefix { $0 == $1 }.count
        let component = actual.component(at: common).map { " in \($0.rawValue)" } ?? ""
        return " at byte \(common)\(component)"
    }

    /// A receive window's whole milliseconds: the text before any `.`, as an integer.
    static func wholeMilliseconds(_ text: String) -> Int64? {
        // Without a point byte there is no point character: the whole text, without a Character walk.
        text.utf8.contains(UInt8(ascii: ".")) ? Int64(text.prefix { $0 != "." }) : Int64(text)
    }

    /// Whether two byte strings are equal, compared as memory (`==` on arrays goes element by
    /// element: 850 instructions for a prehash, issue 20). Not constant time: prehashes are public.
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        a.count == b.count && a.withUnsafeBytes { a in b.withUnsafeBytes { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
    }

    /// Bytes as UTF-8 text, or hex when they are not text.
    static func show(_ bytes: [UInt8]) -> String { String(validating: bytes, as: UTF8.self) ?? "hex:" + Hex.encode(bytes) }
}
