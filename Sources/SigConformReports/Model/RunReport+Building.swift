import SigConformCore
import SigConformDiagnosis
import SigConformRun

extension RunReport {
    /// The report of a run: every verdict turned into plain data, credentials reduced to
    /// fingerprints and masked keys.
    package init(_ run: RunResult, context: ReportContext) {
        var masks = CredentialMask.Cache()
        let vectors = run.verdicts.map { VectorReport($0, backends: run.backends, mask: masks.mask(for: $0.vector.credentials)) }
        self.init(run, context: context, vectors: vectors)
    }

    /// The report of a run whose vectors are already reports (a streamed run's).
    init(_ run: RunResult, context: ReportContext, vectors: [VectorReport]) {
        let usedVenues = Set(vectors.map(\.venue))
        self.init(
            tool: ToolInfo(version: context.toolVersion),
            context: RunInfo(command: context.command, startedAt: context.startedAt, durationSeconds: context.durationSeconds,
                             shard: context.shard, signer: context.signer),
            backends: run.backends,
            files: run.files,
            venues: run.venues.filter { usedVenues.contains($0.id) }.map(VenueInfo.init),
            vectors: vectors,
            inputErrors: run.inputErrors.map(InputErrorReport.init))
    }
}

extension VenueInfo {
    package init(_ venue: Venue) {
        let auth = switch venue.auth {
        case .hmac: "hmac"
        case .bearer: "bearer"
        }
        self.init(id: venue.id, name: venue.name, docs: venue.docs, auth: auth)
    }
}

extension VectorReport {
    /// The report of one verdict; `backends` are the run's backends, in order.
    package init(_ verdict: VectorVerdict, backends: [String]) {
        self.init(verdict, backends: backends, mask: CredentialMask(verdict.vector.credentials))
    }

    init(_ verdict: VectorVerdict, backends: [String], mask: CredentialMask) {
        let vector = verdict.vector
        let evaluation = verdict.evaluation
        self.init(
            id: vector.qualifiedID, venue: vector.venue, vectorID: vector.id, result: vector.result, status: verdict.status,
            comment: vector.comment, tags: vector.tags,
            source: SourceReport(file: vector.origin.file, line: vector.origin.location?.line, column: vector.origin.location?.column,
                                 pointer: vector.origin.pointer),
            credentials: CredentialsReport(vector.credentials),
            request: RequestReport(vector.request, mask: mask),
            expected: ExpectedReport(
                prehash: vector.expect.prehash.map { mask.prehash(bytes: $0) }, signature: vector.expect.signature,
                headers: vector.expect.headers.map { mask.field($0) }, diagnosis: vector.expect.diagnosis),
            observedSignature: evaluation?.observedSignature,
            backends: backends.map { BackendResult(verdict, backend: $0, mask: mask) },
            clock: evaluation?.clock.map(ClockReport.init),
            findings: evaluation?.findings.map { FindingReport($0, mask: mask) } ?? [],
            problems: verdict.problems.map(mask.text),
            diagnosis: verdict.diagnosis.map { DiagnosisReport($0, mask: mask) })
        notes = verdict.notes.map(mask.text)
        assumedKeyChoices = (evaluation?.keyChoices ?? [:]).filter { vector.keyChoices[$0.key] == nil }
    }
}

extension VectorReport {
    /// What a report keeps of a passed vector (report.json's short entry, format `@2`): who it
    /// is, where it is defined, and the classes its diagnosis named (a passed invalid vector's,
    /// which the summary counts). It passed on every backend of the run. Nothing else is built:
    /// passed vectors are nearly all of a run, and their request, prehashes and signatures were
    /// most of the cost of its reports.
    package init(passed verdict: VectorVerdict, backends: [String]) {
        let vector = verdict.vector
        self.init(brief: vector.qualifiedID, venue: vector.venue, vectorID: vector.id, result: vector.result,
                  source: SourceReport(file: vector.origin.file, line: vector.origin.location?.line, column: vector.origin.location?.column,
                                       pointer: vector.origin.pointer),
                  backends: backends, classes: verdict.diagnosis?.classIDs ?? [])
    }

    /// A passed vector as its short entry holds it (``init(passed:backends:)``, or read back from
    /// one): no request, no prehashes, no findings; `backends` all passed; a diagnosis that holds
    /// only its `classes`.
    package init(brief id: String, venue: String, vectorID: String, result: ExpectedResult, source: SourceReport, backends: [String], classes: [String]) {
        self.init(id: id, venue: venue, vectorID: vectorID, result: result, status: .passed, source: source,
                  request: RequestReport(method: "", path: ""),
                  backends: backends.map { BackendResult(backend: $0, status: .passed) },
                  diagnosis: classes.isEmpty ? nil : DiagnosisReport(classes: classes, steps: [], docs: ""))
    }

    /// This vector as its report.json entry keeps it: the short entry for a passed vector,
    /// all of it otherwise (what reading a `@2` report gives back).
    package var asReported: VectorReport {
        guard status == .passed else { return self }
        return VectorReport(brief: id, venue: venue, vectorID: vectorID, result: result, source: source,
                            backends: backends.map(\.backend), classes: diagnosis?.classes ?? [])
    }
}

extension CredentialsReport {
    package init(_ credentials: Credentials) {
        self.init(apiKey: credentials.apiKey.map(Redaction.maskKey), secretFingerprint: credentials.secret.map(Redaction.fingerprint),
                  passphraseFingerprint: credentials.passphrase.map(Redaction.fingerprint))
    }
}

extension RequestReport {
    init(_ request: HTTPRequest, mask: CredentialMask) {
        self.init(method: request.method, host: request.host, path: request.path, query: mask.text(request.query),
                  headers: request.headers.fields.map { mask.field($0) }, body: mask.text(request.body))
    }
}

extension BackendResult {
    /// What `backend` computed for the vector and whether that alone met the expectation.
    init(_ verdict: VectorVerdict, backend: String, mask: CredentialMask) {
        let outcome = verdict.evaluation?.outcomes.first { $0.backend == backend }?.outcome
        var result = BackendResult(backend: backend, status: Self.status(verdict, backend: backend))
        switch outcome {
        case .success(let signed)?:
            result.signature = signed.signature
            result.prehash = mask.prehash(signed.prehash)
        case .failure(let error)?:
            result.error = error.description
        case nil:
            break
        }
        self = result
    }

    /// A backend passes when the vector passed, or when every finding against the vector names
    /// another backend (a divergence is charged to the backend that departed).
    static func status(_ verdict: VectorVerdict, backend: String) -> VerdictStatus {
        guard verdict.status == .failed, let evaluation = verdict.evaluation else { return verdict.status }
        if case .failure? = evaluation.outcomes.first(where: { $0.backend == backend })?.outcome { return .failed }
        let specific = evaluation.findings.filter { $0.backend != nil }
        let generalFailure = specific.count < evaluation.findings.count || specific.isEmpty
        if generalFailure || specific.contains(where: { $0.backend == backend }) { return .failed }
        return .passed
    }
}

extension ClockReport {
    package init(_ clock: ClockCheck) {
        self.init(timestamp: clock.timestamp, serverTime: clock.serverTime, lagMilliseconds: clock.lag,
                  withinWindow: clock.withinWindow, summary: clock.summary)
    }
}

extension FindingReport {
    init(_ finding: Finding, mask: CredentialMask) {
        self.init(kind: finding.kind.rawValue, message: mask.text(finding.message), expected: finding.expected.map(mask.text),
                  actual: finding.actual.map(mask.text), backend: finding.backend)
    }
}

extension DiagnosisReport {
    init(_ diagnosis: Diagnosis, mask: CredentialMask) {
        self.init(
            classes: diagnosis.classIDs,
            steps: diagnosis.steps.map { Step(diagnosisClass: $0.diagnosisClass.rawValue, detail: mask.text($0.detail), fix: mask.text($0.fix)) },
            clientPrehash: diagnosis.clientPrehash.map(mask.prehash),
            correctPrehash: diagnosis.correctPrehash.map(mask.prehash),
            firstDifference: diagnosis.firstDifference.map {
                Difference(offset: $0.offset, correctComponent: $0.correctComponent?.rawValue, clientComponent: $0.clientComponent?.rawValue)
            },
            evidence: diagnosis.evidence.map(mask.text),
            venueError: diagnosis.venueError.map { VenueErrorReport(code: $0.code, message: $0.message) },
            docs: diagnosis.docs,
            serverEcho: diagnosis.serverEcho.map {
                ServerEcho(serverPrehash: String(decoding: mask.maskOccurrences(Array($0.serverPrehash.utf8)), as: UTF8.self),
                           matchesCorrectPrehash: $0.matchesCorrectPrehash, summary: mask.text($0.summary))
            })
    }
}

/// Masks one vector's credentials wherever the request, a prehash or a message repeats them.
/// Unlike the ``Redactor`` (which scrubs whole reports and skips short values), a header whose
/// whole value is a credential is masked whatever its length (OKX sends the passphrase as a
/// header), and so is a prehash segment that is one (Bybit signs the API key).
///
/// Prehashes are masked byte for byte (`abcd************wxyz`), never shortened, so offsets, the
/// first difference and segment ranges stay true to the bytes that were signed.
struct CredentialMask {
    let credentials: Credentials
    let redactor: Redactor

    init(_ credentials: Credentials) {
        self.credentials = credentials
        self.redactor = Redactor(credentials: [credentials])
    }

    /// The masks of a run's credentials, each made once: a corpus repeats the same few.
    struct Cache {
        private var masks: [Credentials: CredentialMask] = [:]

        mutating func mask(for credentials: Credentials) -> CredentialMask {
            if let mask = masks[credentials] { return mask }
            let mask = CredentialMask(credentials)
            // A corpus with a new key in every vector must not grow this without bound.
            if masks.count >= 4096 { masks.removeAll(keepingCapacity: true) }
            masks[credentials] = mask
            return mask
        }
    }

    func text(_ value: String) -> String { redactor.scrub(value) }

    func field(_ field: HTTPHeaders.Field) -> HTTPHeaders.Field {
        var masked = field
        if let secret = credentials.secret, field.value == secret {
            masked.value = "[secret \(Redaction.fingerprint(secret))]"
        } else if let passphrase = credentials.passphrase, field.value == passphrase {
            masked.value = "[passphrase \(Redaction.fingerprint(passphrase))]"
        } else if let (name, value) = credentials.fields.first(where: { $0.value == field.value }) {
            masked.value = "[\(name) \(Redaction.fingerprint(value))]"
        } else if let key = credentials.apiKey, !key.isEmpty, field.value.hasSuffix(key) {
            masked.value = String(field.value.dropLast(key.count)) + Redaction.maskKey(key)
        } else {
            masked.value = text(field.value)
        }
        return masked
    }

    /// A prehash with credential segments masked whole and longer credentials masked wherever they occur.
    func prehash(_ prehash: Prehash) -> PrehashReport {
        var masked = prehash
        for index in masked.segments.indices {
            switch masked.segments[index].component {
            case .key: masked.segments[index].bytes = Self.sameLengthMask(masked.segments[index].bytes, keepEnds: true)
            case .passphrase: masked.segments[index].bytes = Self.sameLengthMask(masked.segments[index].bytes, keepEnds: false)
            default: break
            }
        }
        let report = PrehashReport(masked)
        return PrehashReport(bytes: maskOccurrences(report.bytes), segments: report.segments)
    }

    /// A prehash given as bytes (from a vector file), credentials masked wherever they occur.
    func prehash(bytes: [UInt8]) -> PrehashReport { PrehashReport(bytes: maskOccurrences(bytes)) }

    func maskOccurrences(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        let values = [(credentials.secret, 6, false), (credentials.passphrase, 6, false), (credentials.apiKey, 8, true)]
            + credentials.fields.values.sorted().map { (Optional($0), 6, false) }
        for case let (value?, minimum, keepEnds) in values where value.count >= minimum {
            let needle = Array(value.utf8)
            var position = 0
            while position + needle.count <= out.count {
                if out[position..<position + needle.count].elementsEqual(needle) {
                    out.replaceSubrange(position..<position + needle.count, with: Self.sameLengthMask(needle, keepEnds: keepEnds))
                    position += needle.count
                } else {
                    position += 1
                }
            }
        }
        return out
    }

    /// `*` for every byte; with `keepEnds` (API keys) the first and last 4 bytes of an ASCII
    /// value longer than 12 bytes stay, as ``Redaction/maskKey(_:)`` keeps them.
    static func sameLengthMask(_ bytes: [UInt8], keepEnds: Bool) -> [UInt8] {
        let star = UInt8(ascii: "*")
        guard keepEnds, bytes.count > 12, bytes.allSatisfy({ $0 < 0x80 }) else { return Array(repeating: star, count: bytes.count) }
        return Array(bytes.prefix(4)) + Array(repeating: star, count: bytes.count - 8) + Array(bytes.suffix(4))
    }
}
