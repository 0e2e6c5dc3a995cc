import Dispatch
import SigConformCore
import SigConformMAC

/// Names the mistake behind a wrong signature by reproducing it: known client mistakes are
/// applied to the request, singly and in pairs, each variant is signed, and one that gives
/// exactly the observed signature is the diagnosis.
public struct Diagnoser: Sendable {
    /// Backends a reproduced diagnosis is confirmed on (all of them must agree).
    public let backends: [any MACBackend]
    /// The backend the search runs on (the fastest available; results are confirmed on all).
    public let searchBackend: any MACBackend
    public var mistakes: [Mistake]
    /// Half-width of the millisecond timestamp search (default ±10 minutes).
    public var timestampSearchRadius: Int64
    /// Upper bound on candidates tried in the pair search.
    public var pairBudget: Int

    public init(backends: [any MACBackend], mistakes: [Mistake] = Mistake.catalogue,
                 timestampSearchRadius: Int64 = 600_000, pairBudget: Int = 20_000) {
        precondition(!backends.isEmpty, "at least one MAC backend is needed")
        self.backends = backends
        self.searchBackend = backends.first { $0.id == Self.fastestBackendID } ?? backends[0]
        self.mistakes = mistakes
        self.timestampSearchRadius = timestampSearchRadius
        self.pairBudget = pairBudget
    }

    /// Diagnoses the request of an evaluated vector. Call it for requests the evaluation rejects.
    public func diagnose(_ evaluation: VectorEvaluation) -> Diagnosis {
        let venue = evaluation.venue
        let venueErrorSignature = venue.errors.badSignature
        func result(_ steps: [Diagnosis.Step], client: Prehash? = nil, evidence: [String] = [], error: VenueError? = venueErrorSignature) -> Diagnosis {
            Diagnosis(steps: steps, clientPrehash: client, correctPrehash: evaluation.reference?.prehash, evidence: evidence,
                      venueError: error, docs: venue.docs)
        }
        if case .bearer(let recipe) = venue.auth {
            return BearerDiagnosis.diagnose(evaluation, recipe: recipe)
        }
        if let divergence = evaluation.findings.first(where: { $0.kind == .backendDivergence }) {
            return result([Diagnosis.Step(.backendDivergence, divergence.message)])
        }
        guard let recipe = venue.hmac, let reference = evaluation.reference else {
            return result([], evidence: evaluation.findings.map(\.message))
        }
        let signer = RequestSigner(canonicalizer: Canonicalizer(venue: venue, recipe: recipe))
        guard let observed = evaluation.observedSignature else {
            return result([], evidence: ["the request carries no signature (\(recipe.signature.location))"])
        }
        let vector = evaluation.vector
        if signer.signatureMatches(observed, reference.signature) {
            if let clock = evaluation.clock, !clock.withinWindow {
                if let units = unitsExplanation(clock, recipe: recipe) {
                    return result([Diagnosis.Step(.timestampUnits, units)], error: venue.errors.badTimestamp)
                }
                return result([Diagnosis.Step(.clockDrift, clock.summary)], error: venue.errors.badTimestamp)
            }
            if evaluation.clock == nil, let units = unreadableUnitsExplanation(evaluation, recipe: recipe) {
                return result([Diagnosis.Step(.timestampUnits, units)], error: venue.errors.badTimestamp)
            }
            let other = evaluation.findings.filter(\.rejectsRequest).map(\.message)
            return result([], evidence: ["the signature is correct for this secret"] + other + credentialsAdvice)
        }
        guard let key = try? signer.key(vector.credentials) else {
            return result([], evidence: ["the secret cannot be decoded as \(recipe.secretEncoding.rawValue)"])
        }
        let context = MistakeContext(venue: venue, recipe: recipe, credentials: vector.credentials, sent: vector.request,
                                     view: signer.canonicalizer.view(vector.request))
        let base = SigningAttempt(request: vector.request, template: recipe.prehash, key: key, hash: recipe.hash, encoding: recipe.signature.encoding)
        let search = Search(diagnoser: self, signer: signer, context: context, observed: observed)

        var found = search.firstMatch(singles: mistakes, from: base)
        if found == nil { found = search.timestampSearch(base: base, reference: reference) }
        if found == nil { found = search.firstMatchInPairs(mistakes.filter(\.combinable), from: base, budget: pairBudget) }
        guard let match = found else {
            return result([], evidence: Evidence.collect(observed: observed, evaluation: evaluation, recipe: recipe) + credentialsAdvice)
        }
        // Confirm on every backend: a diagnosis must not rest on one implementation.
        var steps = match.attempt.steps
        for backend in backends where backend.id != searchBackend.id {
            if let other = try? search.signature(of: match.attempt, backend: backend), !signer.signatureMatches(observed, other.signature) {
                steps = [Diagnosis.Step(.backendDivergence, "\(searchBackend.id) reproduces the observed signature but \(backend.id) does not")]
            }
        }
        if let clock = evaluation.clock, !clock.withinWindow {
            steps.append(Diagnosis.Step(.clockDrift, clock.summary))
        }
        return result(steps, client: match.prehash)
    }

    /// The backend that searches fastest in this build: copying a pure-Swift HMAC state costs
    /// nothing in an optimised build, while OpenSSL duplicates a context on the heap; unoptimised
    /// Swift, though, is an order of magnitude slower than libcrypto.
    static var fastestBackendID: String {
        #if DEBUG
        "openssl"
        #else
        "swift"
        #endif
    }

    var credentialsAdvice: [String] {
        ["if your prehash equals the correct one and the venue still rejects the request, suspect the credentials or environment (a key pair that does not belong together, a testnet key on mainnet, an IP whitelist): no offline tool can prove those"]
    }

    /// When the sent timestamp, read in another unit, falls inside the window.
    func unitsExplanation(_ clock: ClockCheck, recipe: HMACRecipe) -> String? {
        // An expiry read in another unit lands far in the future, which says nothing about units.
        guard let field = recipe.timestamp, let window = field.window, !window.isExpiry else { return nil }
        let factors: [(Int64, Bool, String)] = [(1000, true, "seconds"), (1000, false, "microseconds"), (1_000_000, false, "nanoseconds")]
        for (factor, multiply, unit) in factors {
            let reinterpreted = multiply ? clock.timestamp * factor : clock.timestamp / factor
            let check = ClockCheck(timestamp: reinterpreted, serverTime: clock.serverTime, window: window, recvWindow: clock.allowedPast)
            if check.withinWindow {
                return "the timestamp was sent in \(unit) where the venue reads \(field.format.rawValue) (read as \(unit), it is within the window)"
            }
        }
        return nil
    }
}

extension Diagnoser {
    /// A timestamp too large to be read in the venue's unit at all (milliseconds where seconds
    /// are due lands beyond the year 9999) that, read as milliseconds, micro- or nanoseconds,
    /// is within the window: the units are wrong, not the clock (Gemini's time-based nonce
    /// given ccxt's millisecond nonce).
    func unreadableUnitsExplanation(_ evaluation: VectorEvaluation, recipe: HMACRecipe) -> String? {
        guard let field = recipe.timestamp, let window = field.window, !window.isExpiry,
              let serverTime = evaluation.vector.time.serverTime,
              let text = RequestView(evaluation.vector.request, signature: recipe.signature.location).value(at: field.location),
              TimestampCodec.milliseconds(text, format: field.format) == nil,
              !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int64(text) else { return nil }
        for (divisor, unit) in [(Int64(1), "milliseconds"), (1000, "microseconds"), (1_000_000, "nanoseconds")] {
            let check = ClockCheck(timestamp: value / divisor, serverTime: serverTime, window: window,
                                   recvWindow: evaluation.vector.time.recvWindow ?? recipe.recvWindow?.defaultMilliseconds ?? 5000)
            if check.withinWindow {
                return "the timestamp was sent in \(unit) where the venue reads \(field.format.rawValue) (read as \(unit), it is within the window)"
            }
        }
        return nil
    }
}

/// A reproduced hypothesis: the attempt and the prehash it signed.
struct Match {
    var attempt: SigningAttempt
    var prehash: Prehash
}

/// One diagnosis search over one request.
struct Search {
    let diagnoser: Diagnoser
    let signer: RequestSigner
    let context: MistakeContext
    let observed: String
    /// The observed signature's bytes under each output encoding it is a faithful encoding in
    /// (by the venue's comparison rule), so that a candidate is judged by its MAC bytes
    /// without encoding each one: a MAC matches exactly when its encoding would.
    let observedTags: [ByteEncoding: [UInt8]]

    init(diagnoser: Diagnoser, signer: RequestSigner, context: MistakeContext, observed: String) {
        self.diagnoser = diagnoser
        self.signer = signer
        self.context = context
        self.observed = observed
        var tags: [ByteEncoding: [UInt8]] = [:]
        for encoding in ByteEncoding.allCases {
            if let bytes = encoding.decode(observed), signer.signatureMatches(observed, encoding.encode(bytes)) {
                tags[encoding] = bytes
            }
        }
        observedTags = tags
    }

    /// The prehash the attempt's request and template give.
    func prehash(of attempt: SigningAttempt, backend: any MACBackend) throws(SigningError) -> Prehash {
        let view = RequestView(attempt.request, signature: context.recipe.signature.location)
        return try signer.canonicalizer.prehash(view, credentials: context.credentials, backend: backend, template: attempt.template)
    }

    func signature(of attempt: SigningAttempt, backend: any MACBackend) throws(SigningError) -> (prehash: Prehash, signature: String) {
        let prehash = try prehash(of: attempt, backend: backend)
        let mac = try signer.mac(prehash.bytes, key: attempt.key, hash: attempt.hash, backend: backend)
        return (prehash, attempt.encoding.encode(mac))
    }

    func matches(_ attempt: SigningAttempt) -> Match? {
        guard observedTags[attempt.encoding] != nil, let prehash = try? prehash(of: attempt, backend: diagnoser.searchBackend) else { return nil }
        return macMatches(attempt, prehash: prehash.bytes) ? Match(attempt: attempt, prehash: prehash) : nil
    }

    func firstMatch(singles mistakes: [Mistake], from base: SigningAttempt) -> Match? {
        for mistake in mistakes {
            for variant in mistake.apply(to: base, in: context) {
                if let match = matches(variant) { return match }
            }
        }
        return nil
    }

    /// Pairs of mistakes. A mistake in the key, hash or encoding is tried on each prehash another
    /// mistake produced without rebuilding it; two prehash mistakes are combined within `budget`.
    func firstMatchInPairs(_ mistakes: [Mistake], from base: SigningAttempt, budget: Int) -> Match? {
        let macMistakes = mistakes.filter { !$0.changesPrehash }
        let prehashMistakes = mistakes.filter(\.changesPrehash)
        let backend = diagnoser.searchBackend
        // A prehash mistake, then a MAC mistake on the same prehash.
        for first in prehashMistakes {
            for intermediate in first.apply(to: base, in: context) {
                guard let prehash = try? self.prehash(of: intermediate, backend: backend) else { continue }
                for second in macMistakes where second.diagnosisClass != first.diagnosisClass {
                    for variant in second.apply(to: intermediate, in: context) where macMatches(variant, prehash: prehash.bytes) {
                        return Match(attempt: variant, prehash: prehash)
                    }
                }
            }
        }
        // Two MAC mistakes (e.g. another hash and another encoding).
        if let prehash = try? self.prehash(of: base, backend: backend) {
            for (i, first) in macMistakes.enumerated() {
                for second in macMistakes[(i + 1)...] where second.diagnosisClass != first.diagnosisClass {
                    for intermediate in first.apply(to: base, in: context) {
                        for variant in second.apply(to: intermediate, in: context) where macMatches(variant, prehash: prehash.bytes) {
                            return Match(attempt: variant, prehash: prehash)
                        }
                    }
                }
            }
        }
        // Two prehash mistakes, bounded.
        var tried = 0
        for (i, first) in prehashMistakes.enumerated() {
            for second in prehashMistakes[(i + 1)...] where second.diagnosisClass != first.diagnosisClass {
                for intermediate in first.apply(to: base, in: context) {
                    for variant in second.apply(to: intermediate, in: context) {
                        tried += 1
                        if tried > budget { return nil }
                        if let match = matches(variant) { return match }
                    }
                }
            }
        }
        return nil
    }

    /// Whether the attempt's key, hash and encoding turn `prehash` into the observed signature.
    func macMatches(_ attempt: SigningAttempt, prehash: [UInt8]) -> Bool {
        guard let target = observedTags[attempt.encoding],
              let mac = try? signer.mac(prehash, key: attempt.key, hash: attempt.hash, backend: diagnoser.searchBackend) else { return false }
        return mac == target
    }

    /// Searches timestamps (and clock-derived nonces) within ±radius ms of the one sent.
    ///
    /// Fast path: when the sent value appears exactly once in the prehash, the HMAC state of the
    /// bytes before it is computed once, and each candidate costs one short update and a
    /// finalisation, with the range split across cores. Otherwise (a value hidden inside a
    /// digest, or re-encoded by a canonical query) each candidate is re-canonicalised, over a
    /// narrower range.
    func timestampSearch(base: SigningAttempt, reference: SigningOutcome) -> Match? {
        guard let target = observedTags[base.encoding], target.count == base.hash.digestByteCount else { return nil }
        for field in TimeField.all(in: context) {
            let found: Int64?
            if let split = Self.uniqueSplit(reference.prehash.bytes, around: Array(field.sent.utf8)) {
                found = fastSearch(field: field, base: base, prefix: split.prefix, suffix: split.suffix, target: target)
            } else {
                found = slowSearch(field: field, base: base, radius: min(diagnoser.timestampSearchRadius, 5_000))
            }
            guard let offset = found else { continue }
            let signedText = field.text(offsetBy: offset)
            guard let request = field.setting(signedText, in: base) else { continue }
            let attempt = base.with(.timestampMismatch,
                                    "signed \(field.name) \(signedText) but sent \(field.sent) (\(offset > 0 ? "+" : "")\(offset) ms): the clock was read twice") {
                $0.request = request
            }
            if let match = matches(attempt) { return match }
        }
        return nil
    }

    /// The bytes before and after the only occurrence of `needle` in `haystack`.
    static func uniqueSplit(_ haystack: [UInt8], around needle: [UInt8]) -> (prefix: [UInt8], suffix: [UInt8])? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var found: Int?
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] && Array(haystack[start..<(start + needle.count)]) == needle {
            if found != nil { return nil }
            found = start
        }
        guard let start = found else { return nil }
        return (Array(haystack[..<start]), Array(haystack[(start + needle.count)...]))
    }

    /// Returns the offset (ms) of the timestamp that reproduces `target`, searching outwards from
    /// the one sent. Each worker keys the prefix state once and tags its candidates in batches
    /// (`CandidateBatch`: four per SIMD pass for pure-Swift HMAC-SHA256, else one at a time), each
    /// candidate's digits and the suffix laid out in a reused buffer: a candidate costs the
    /// hashing of the bytes from the last whole block of the prefix on, and no state copy or
    /// allocation.
    func fastSearch(field: TimeField, base: SigningAttempt, prefix: [UInt8], suffix: [UInt8], target: [UInt8]) -> Int64? {
        let backend = diagnoser.searchBackend
        let hash = base.hash
        let key = base.key
        let step = field.stepMilliseconds
        let radius = diagnoser.timestampSearchRadius / step
        let workers = 2
        let found = LockedBox<Int64?>(nil)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Each worker keys its own context; contexts are not shared between threads.
            guard var batch = CandidateBatch(backend: backend, hash: hash, key: key, prefix: prefix, suffix: suffix) else { return }
            var distance = Int64(worker) + 1
            while distance <= radius {
                if distance % 4096 < 2, found.value != nil { return }
                for sign in stride(from: -1 as Int64, through: 1, by: 2) {
                    batch.add(field, offsetBy: sign * distance * step)
                    if batch.isFull, let offset = batch.firstMatch(of: target) {
                        found.set(offset)
                        return
                    }
                }
                distance += Int64(workers)
            }
            if let offset = batch.firstMatch(of: target) { found.set(offset) }
        }
        return found.value
    }

    func slowSearch(field: TimeField, base: SigningAttempt, radius: Int64) -> Int64? {
        let step = field.stepMilliseconds
        var distance: Int64 = 1
        while distance * step <= radius {
            for sign: Int64 in [-1, 1] {
                let offset = sign * distance * step
                guard let request = field.setting(field.text(offsetBy: offset), in: base) else { return nil }
                var attempt = base
                attempt.request = request
                if matches(attempt) != nil { return offset }
            }
            distance += 1
        }
        return nil
    }
}

/// A value shared between search workers.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private var stored: Value
    private let lock = DispatchQueue(label: "sigconform.diagnosis.search")
    init(_ value: Value) { stored = value }
    var value: Value { lock.sync { stored } }
    func set(_ value: Value) { lock.sync { stored = value } }
}
