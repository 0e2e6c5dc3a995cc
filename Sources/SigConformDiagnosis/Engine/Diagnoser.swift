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
    package var mistakes: [Mistake]
    /// Half-width of the millisecond timestamp search (default ±10 minutes).
    public var timestampSearchRadius: Int64
    /// What one diagnosis may spend: bytes hashed in all, candidates of the pair search.
    public var budget: SearchBudget

    package init(backends: [any MACBackend], mistakes: [Mistake] = Mistake.catalogue,
                 timestampSearchRadius: Int64 = 600_000, budget: SearchBudget = .standard) {
        precondition(!backends.isEmpty, "at least one MAC backend is needed")
        self.backends = backends
        self.searchBackend = Self.fastest(of: backends)
        self.mistakes = mistakes
        self.timestampSearchRadius = timestampSearchRadius
        self.budget = budget
    }

    /// Diagnoses the request of an evaluated vector. Call it for requests the evaluation rejects.
    public func diagnose(_ evaluation: VectorEvaluation) -> Diagnosis {
        let venue = evaluation.venue
        let venueErrorSignature = venue.errors.badSignature
        func result(_ steps: [Diagnosis.Step], client: Prehash? = nil, evidence: [String] = [], error: VenueError? = venueErrorSignature,
                    summary: SearchSummary? = nil) -> Diagnosis {
            var diagnosis = Diagnosis(steps: steps, clientPrehash: client, correctPrehash: evaluation.reference?.prehash, evidence: evidence,
                                      venueError: error, docs: venue.docs)
            diagnosis.searchSummary = summary
            return diagnosis
        }
        // Another scheme of the venue: naming it is the diagnosis; searching this recipe's
        // mistakes would name a misleading one (Coinbase's v2 keys look like two mistakes at once).
        if let other = evaluation.findings.first(where: { $0.kind == .otherScheme }) {
            return result([Diagnosis.Step(.unsupportedScheme, other.message)], error: venue.errors.badKey ?? venueErrorSignature)
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
            if evaluation.clock.map({ !$0.withinWindow }) ?? true, let units = unitsExplanation(evaluation, recipe: recipe) {
                return result([Diagnosis.Step(.timestampUnits, units)], error: venue.errors.badTimestamp)
            }
            if let clock = evaluation.clock, !clock.withinWindow {
                return result([Diagnosis.Step(.clockDrift, clock.summary)], error: venue.errors.badTimestamp)
            }
            if let key = try? signer.key(vector.credentials),
               let step = PassphraseDiagnosis.step(request: vector.request, recipe: recipe, credentials: vector.credentials, key: key,
                                                   signer: signer, backend: searchBackend) {
                return result([step], error: venue.errors.badPassphrase ?? venueErrorSignature)
            }
            if let misplaced = SignatureNotLast.step(evaluation, recipe: recipe) { return result([misplaced]) }
            if let key = try? signer.key(vector.credentials),
               let unread = BodyNotRead.diagnosis(evaluation, observed: observed, signer: signer, key: key, backend: searchBackend) { return result([unread.step]) }
            let other = evaluation.findings.filter(\.rejectsRequest).map(\.message)
            return result([], evidence: ["the signature is correct for this secret"] + other + credentialsAdvice)
        }
        guard let key = try? signer.key(vector.credentials) else {
            return result([], evidence: ["the secret cannot be decoded as \(recipe.secretEncoding.rawValue)"])
        }
        if let unread = BodyNotRead.diagnosis(evaluation, observed: observed, signer: signer, key: key, backend: searchBackend) {
            return result([unread.step], client: unread.clientPrehash)
        }
        let context = MistakeContext(venue: venue, recipe: recipe, credentials: vector.credentials, sent: vector.request,
                                     view: signer.canonicalizer.view(vector.request))
        let base = SigningAttempt(request: vector.request, template: recipe.prehash, key: key, hash: recipe.hash, encoding: recipe.signature.encoding)
        let ledger = SearchLedger(budget: budget)
        let search = Search(diagnoser: self, signer: signer, context: context, observed: observed, ledger: ledger)

        var found = search.firstMatch(singles: mistakes, from: base)
        if found == nil { found = search.timestampSearch(base: base, reference: reference) }
        if found == nil { found = search.firstMatchInPairs(mistakes.filter(\.combinable), from: base) }
        // Three at once only after every pair failed: a pair that explains the signature is the
        // simpler story.
        if found == nil, ledger.pairsComplete { found = search.firstMatchInTriples(mistakes.filter(\.combinable), from: base) }
        guard let match = found else {
            let summary = ledger.summary
            return result([], evidence: Evidence.collect(observed: observed, evaluation: evaluation, recipe: recipe)
                            + ["searched: \(summary.text)"] + credentialsAdvice, summary: summary)
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
        return result(steps, client: match.prehash, summary: ledger.summary)
    }

    /// The backend that searches fastest in this build, by what each says of itself
    /// (``MACBackend/searchSpeed``); the first of equals.
    static func fastest(of backends: [any MACBackend]) -> any MACBackend {
        backends.reduce(backends[0]) { best, backend in backend.searchSpeed > best.searchSpeed ? backend : best }
    }

    var credentialsAdvice: [String] {
        ["if your prehash equals the correct one and the venue still rejects the request, suspect the credentials or environment (a key pair that does not belong together, a testnet key on mainnet, an IP whitelist): only a secret you name (--other-secret-env NAME: a testnet or old key's) can be proven offline"]
    }
}

extension Diagnoser {
    /// A timestamp sent and signed alike in the wrong unit (milliseconds where seconds are due,
    /// or the reverse): outside the window in the venue's unit, or unreadable in it (milliseconds
    /// read as seconds land beyond the year 9999), but within the window read in another unit.
    /// The units are wrong, not the clock (Gemini's time-based nonce given ccxt's millisecond
    /// nonce). The explanation names both units and the server time it was compared with.
    func unitsExplanation(_ evaluation: VectorEvaluation, recipe: HMACRecipe) -> String? {
        // An expiry read in another unit lands far in the future, which says nothing about units.
        guard let field = recipe.timestamp, let window = field.window, !window.isExpiry,
              let venueUnit = TimeUnit(field.format), let serverTime = evaluation.vector.time.serverTime,
              let text = RequestView(evaluation.vector.request, signature: recipe.signature.location).value(at: field.location),
              !text.isEmpty, text.utf8.count <= 19, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int64(text) else { return nil }
        let recvWindow = evaluation.clock?.allowedPast
            ?? evaluation.vector.time.recvWindow ?? recipe.recvWindow?.defaultMilliseconds ?? 5000
        for unit in TimeUnit.allCases where unit != venueUnit {
            guard let milliseconds = unit.milliseconds(value) else { continue }
            let check = ClockCheck(timestamp: milliseconds, serverTime: serverTime, window: window, recvWindow: recvWindow)
            guard check.withinWindow else { continue }
            let offset = check.lag >= 0 ? "\(check.lag) ms behind" : "\(-check.lag) ms ahead of"
            return "the timestamp \(text) was sent (and signed) in \(unit.rawValue) where the venue reads \(venueUnit.rawValue) (\(field.format.rawValue)): "
                + "read as \(unit.rawValue) it is \(offset) the server time \(serverTime) (\(TimestampCodec.format(serverTime, as: .iso8601Milliseconds))), inside the window"
        }
        return nil
    }
}

/// The units a client may write a Unix timestamp in.
enum TimeUnit: String, CaseIterable {
    case seconds, milliseconds, microseconds, nanoseconds

    init?(_ format: TimestampFormat) {
        switch format {
        case .unixSeconds, .unixSecondsDecimal: self = .seconds
        case .unixMilliseconds: self = .milliseconds
        case .unixMicroseconds: self = .microseconds
        default: return nil
        }
    }

    /// `value` of this unit in milliseconds, `nil` when it overflows.
    func milliseconds(_ value: Int64) -> Int64? {
        switch self {
        case .seconds:
            let (product, overflow) = value.multipliedReportingOverflow(by: 1000)
            return overflow ? nil : product
        case .milliseconds: return value
        case .microseconds: return value / 1000
        case .nanoseconds: return value / 1_000_000
        }
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
    /// The observed signature's bytes under each way of writing a MAC as text it is a faithful
    /// encoding in (by the venue's comparison rule: one encoding, or one encoding of another's
    /// text), so that a candidate is judged by its MAC bytes without encoding each one: a MAC
    /// matches exactly when its encoding would.
    let observedTags: [MACText: [UInt8]]
    /// What the search has spent and tried; it stops a part when the budget says so.
    let ledger: SearchLedger

    init(diagnoser: Diagnoser, signer: RequestSigner, context: MistakeContext, observed: String, ledger: SearchLedger) {
        self.diagnoser = diagnoser
        self.ledger = ledger
        self.signer = signer
        self.context = context
        self.observed = observed
        var tags: [MACText: [UInt8]] = [:]
        for encoding in ByteEncoding.allCases {
            if let bytes = encoding.decode(observed), signer.signatureMatches(observed, encoding.encode(bytes)) {
                tags[MACText(encoding: encoding, reEncoding: nil)] = bytes
            }
            // The observed text may itself encode a MAC's text (base64 of the hex digest).
            guard let outer = encoding.decode(observed), let text = String(validating: outer, as: UTF8.self) else { continue }
            for inner in ByteEncoding.allCases where inner.writesHex != encoding.writesHex {
                let form = MACText(encoding: inner, reEncoding: encoding)
                if let mac = inner.decode(text), signer.signatureMatches(observed, form.encode(mac)) { tags[form] = mac }
            }
        }
        observedTags = tags
    }

    /// The prehash the attempt's request and template give.
    func prehash(of attempt: SigningAttempt, backend: any MACBackend) throws(SigningError) -> Prehash {
        let view = ledger.view(of: attempt.request) { RequestView($0, signature: context.recipe.signature.location) }
        return try signer.canonicalizer.prehash(view, credentials: context.credentials, backend: backend, template: attempt.template)
    }

    func signature(of attempt: SigningAttempt, backend: any MACBackend) throws(SigningError) -> (prehash: Prehash, signature: String) {
        let prehash = try prehash(of: attempt, backend: backend)
        let mac = try signer.mac(prehash.bytes, key: attempt.key, hash: attempt.hash, backend: backend)
        return (prehash, attempt.macText.encode(mac))
    }

    func matches(_ attempt: SigningAttempt) -> Match? {
        guard !ledger.partExhausted, observedTags[attempt.macText] != nil,
              let prehash = try? prehash(of: attempt, backend: diagnoser.searchBackend) else { return nil }
        // A body the prehash only digests (Gate, Kraken) was still hashed and canonicalised.
        let digested = max(0, attempt.request.body.utf8.count - prehash.bytes.count)
        guard digested == 0 || ledger.spend(messageLength: digested, hash: attempt.hash, counting: false) else { return nil }
        return macMatches(attempt, prehash: prehash.bytes) ? Match(attempt: attempt, prehash: prehash) : nil
    }

    func firstMatch(singles mistakes: [Mistake], from base: SigningAttempt) -> Match? {
        ledger.begin("single mistakes", allowance: diagnoser.budget.singlesShare)
        for mistake in mistakes {
            if ledger.partExhausted { return nil }
            ledger.singleMistakes += 1
            let variants = mistake.apply(to: base, in: context)
            ledger.chargeWriting(variants, from: base)
            for variant in variants {
                if let match = matches(variant) { return match }
            }
        }
        return nil
    }

    /// Pairs of mistakes. A mistake in the key, hash or encoding is tried on each prehash another
    /// mistake produced without rebuilding it; two prehash mistakes are combined within `budget`.
    func firstMatchInPairs(_ mistakes: [Mistake], from base: SigningAttempt) -> Match? {
        let macMistakes = mistakes.filter { !$0.changesPrehash }
        let prehashMistakes = mistakes.filter(\.changesPrehash)
        let backend = diagnoser.searchBackend
        let budget = diagnoser.budget.pairCandidates
        ledger.begin("pairs", allowance: ledger.remaining)
        ledger.pairedMistakes = mistakes.count
        let before = ledger.candidates
        defer {
            ledger.pairCandidates = ledger.candidates - before
            if ledger.partExhausted { ledger.pairsComplete = false }
        }
        // A prehash mistake, then a MAC mistake on the same prehash.
        for first in prehashMistakes {
            let intermediates = first.apply(to: base, in: context)
            ledger.chargeWriting(intermediates, from: base)
            for intermediate in intermediates {
                if ledger.partExhausted { return nil }
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
            // The first mistake's variants are the same for every second one: built once (a
            // large request made rebuilding them most of a diagnosis), charged as before.
            var firstVariants: [SigningAttempt]?
            for second in prehashMistakes[(i + 1)...] where second.diagnosisClass != first.diagnosisClass {
                let intermediates = firstVariants ?? first.apply(to: base, in: context)
                firstVariants = intermediates
                ledger.chargeWriting(intermediates, from: base)
                for intermediate in intermediates {
                    if ledger.partExhausted { return nil }
                    let variants = second.apply(to: intermediate, in: context)
                    ledger.chargeWriting(variants, from: intermediate)
                    for variant in variants {
                        tried += 1
                        if tried > budget {
                            ledger.pairsComplete = false
                            return nil
                        }
                        if ledger.partExhausted { return nil }
                        if let match = matches(variant) { return match }
                    }
                }
            }
        }
        return nil
    }

    /// Whether the attempt's key, hash and encoding turn `prehash` into the observed signature.
    func macMatches(_ attempt: SigningAttempt, prehash: [UInt8]) -> Bool {
        guard let target = observedTags[attempt.macText],
              let mac = ledger.mac(prehash, key: attempt.key, hash: attempt.hash, compute: {
                  try? signer.mac(prehash, key: attempt.key, hash: attempt.hash, backend: diagnoser.searchBackend)
              }) else { return false }
        return mac == target
    }

    /// Searches timestamps (and clock-derived nonces) within ±radius ms of the one sent.
    ///
    /// Fast path: when the sent value appears exactly once in the prehash, the HMAC state of the
    /// bytes before it is computed once, and each candidate costs one short update and a
    /// finalisation, with the range split across cores. A value inside a digest or a base64
    /// payload moves one window of the prehash (``TransformedTimeLayout``): only the window is
    /// rebuilt per candidate. Otherwise each candidate is re-canonicalised, over ±5 s. Either way the range is what the budget pays for: a candidate costs the
    /// bytes after the timestamp (all of a large body when the timestamp comes first), so a large
    /// request is searched over fewer milliseconds, nearest first, and the summary says so.
    func timestampSearch(base: SigningAttempt, reference: SigningOutcome) -> Match? {
        let requested = diagnoser.timestampSearchRadius
        guard requested > 0, let target = observedTags[base.macText], target.count == base.hash.digestByteCount else { return nil }
        let fields = TimeField.all(in: context)
        ledger.begin("timestamp search", allowance: ledger.remaining - diagnoser.budget.pairsReserve)
        for (index, field) in fields.enumerated() {
            let step = field.stepMilliseconds
            // Finding the layouts rebuilds the request twice, which the budget charges first.
            let layouts = TimeFieldLayout.layouts(of: field, base: base, reference: reference.prehash) {
                try? self.prehash(of: $0, backend: diagnoser.searchBackend).bytes
            }
            // Each field gets an equal share of what is left.
            let share = ledger.allowanceLeft / (fields.count - index)
            if layouts.isEmpty {
                // A value inside a digest or a base64 payload: only a window of the prehash moves.
                let transformed = transformedTimestampSearch(field: field, base: base, reference: reference, target: target, share: share)
                if let match = transformed.match { return match }
                if transformed.searched { continue }
                let cap = min(requested, 5_000)
                let (offset, searched) = slowSearch(field: field, base: base, radius: cap)
                ledger.timeRanges.append(SearchSummary.TimeRange(
                    field: field.name, searchedMilliseconds: searched, requestedMilliseconds: requested,
                    narrowedBecause: searched < requested
                        ? (searched < cap ? "the budget ran out" : "a moved value changes more of the prehash than its own bytes (a digest or an encoded payload), so each candidate is rebuilt") : nil))
                if let offset, let request = field.setting(field.text(offsetBy: offset), in: base),
                   let match = confirmed(timestampAttempt(base, field: field, offset: offset, request: request, layout: nil)) {
                    return match
                }
                continue
            }
            for layout in layouts {
                let block = base.hash.blockByteCount
                let hashedAfterPrefix = layout.hashedAfterPrefix(textLength: field.sent.utf8.count, block: block)
                let cost = SearchLedger.cost(messageLength: hashedAfterPrefix, hash: base.hash, fourLanes: CandidateBatch.hasFourLanes(base.hash))
                let steps = min(requested / step, Int64(share / layouts.count / cost / 2))
                let found = fastSearch(field: field, base: base, layout: layout, target: target, steps: steps)
                let tried = found.map { 2 * abs($0) / step } ?? 2 * steps
                ledger.charge(candidates: Int(tried), costEach: cost)
                let name = layout.mode == .everyOccurrence ? "\(field.name) in every place it appears" : field.name
                ledger.timeRanges.append(SearchSummary.TimeRange(
                    field: name, searchedMilliseconds: steps * step, requestedMilliseconds: requested,
                    narrowedBecause: steps * step < requested
                        ? "each candidate hashes the \(Self.byteCount(hashedAfterPrefix)) after the \(field.name)'s block" : nil))
                if let offset = found, let request = layout.request(field.text(offsetBy: offset), field: field, in: base),
                   let match = confirmed(timestampAttempt(base, field: field, offset: offset, request: request, layout: layout)) {
                    return match
                }
            }
        }
        return nil
    }

    /// The timestamp-mismatch attempt of a found offset, saying which occurrences of the sent
    /// value the client signed differently.
    func timestampAttempt(_ base: SigningAttempt, field: TimeField, offset: Int64, request: HTTPRequest, layout: TimeFieldLayout?) -> SigningAttempt {
        let signedText = field.text(offsetBy: offset)
        let shift = "(\(offset > 0 ? "+" : "")\(offset) ms)"
        var detail = "signed \(field.name) \(signedText) but sent \(field.sent) \(shift): the clock was read twice"
        if let layout, layout.mode == .everyOccurrence {
            detail = "signed \(field.name) \(signedText) but sent \(field.sent) \(shift) in every place the value appears (\(layout.moved.joined(separator: ", "))): "
                + "the signed text was built from another clock reading than the request"
        } else if let layout, !layout.kept.isEmpty {
            detail += "; \(layout.kept.joined(separator: ", ")), which carried the same value, was signed as sent"
        }
        return base.with(.timestampMismatch, detail) { $0.request = request }
    }

    /// The attempt's match outside the budget: the check of a candidate a search already found.
    func confirmed(_ attempt: SigningAttempt) -> Match? {
        let backend = diagnoser.searchBackend
        guard let target = observedTags[attempt.macText], let prehash = try? prehash(of: attempt, backend: backend),
              let mac = try? signer.mac(prehash.bytes, key: attempt.key, hash: attempt.hash, backend: backend), mac == target else { return nil }
        return Match(attempt: attempt, prehash: prehash)
    }

    static func byteCount(_ count: Int) -> String {
        count >= 10_240 ? "\(count >> 10) KiB" : "\(count) bytes"
    }

    /// Returns the offset (ms) of the timestamp nearest the one sent that reproduces `target`
    /// (``NearestOffsetSearch``). Each worker keys the prefix state once and tags its candidates
    /// in batches (`CandidateBatch`: four per SIMD pass for pure-Swift HMAC-SHA256, else one at a
    /// time), each candidate's digits and the suffix laid out in a reused buffer: a candidate
    /// costs the hashing of the bytes from the last whole block of the prefix on, and no state
    /// copy or allocation.
    func fastSearch(field: TimeField, base: SigningAttempt, layout: TimeFieldLayout, target: [UInt8], steps radius: Int64) -> Int64? {
        let backend = diagnoser.searchBackend
        let (hash, key, prefix, tails) = (base.hash, base.key, layout.prefix, layout.tails)
        let percentEncoded = layout.percentEncoded ? layout.uppercaseHex : nil
        return NearestOffsetSearch.nearest(field: field, target: target, steps: radius) { _ in
            CandidateBatch(backend: backend, hash: hash, key: key, prefix: prefix, tails: tails, percentEncoded: percentEncoded)
        }
    }

    /// The offset that reproduces the signature, if found, and the half-width searched (less
    /// than `radius` when the budget ran out).
    func slowSearch(field: TimeField, base: SigningAttempt, radius: Int64) -> (offset: Int64?, searched: Int64) {
        let step = field.stepMilliseconds
        var distance: Int64 = 1
        while distance * step <= radius {
            for sign: Int64 in [-1, 1] {
                let offset = sign * distance * step
                guard let request = field.setting(field.text(offsetBy: offset), in: base) else { return (nil, (distance - 1) * step) }
                var attempt = base
                attempt.request = request
                if matches(attempt) != nil { return (offset, distance * step) }
                if ledger.partExhausted { return (nil, (distance - 1) * step) }
            }
            distance += 1
        }
        return (nil, (distance - 1) * step)
    }
}
