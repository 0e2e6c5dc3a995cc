import SigConform

/// An HTTP answer, before it is put on the wire.
package struct ServedResponse: Sendable, Equatable {
    package var status: Int
    /// Extra headers (Content-Type and Content-Length are added by the server).
    package var headers: [HTTPHeaders.Field]
    package var body: String

    package init(status: Int, headers: [HTTPHeaders.Field] = [], body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    package func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}

/// What the server did with one request: the answer, and for a verified request its verdict
/// (what the reports show) and the credentials it was checked with (what `--record` writes).
package struct ServedExchange: Sendable {
    package var response: ServedResponse
    /// `nil` for a public endpoint, which is answered without verification.
    package var verdict: VectorVerdict?
    /// The venue-side reading of the request that was verified.
    package var request: HTTPRequest
    package var credentials: Credentials?
    package var serverTime: Int64
}

/// One venue as `serve` plays it: reads a request as the venue does, verifies it with the
/// same engine as `diagnose` (both MAC backends, the key, the passphrase, the clock), and
/// answers with the venue's own error (status and body from venue.json) or a canned body.
package struct MockVenue: Sendable {
    package let venue: Venue
    /// The keys clients may use; a request names its key (the venue's key header or parameter).
    package let keys: [Credentials]
    /// Bodies per "METHOD /path": venue.json's, overridden by a fixtures file's.
    package let endpoints: [String: JSONValue]
    package let publicEndpoints: Set<String>
    let runner: CheckRunner

    /// Headers every verified answer carries, so a client's test can say why it was refused.
    package static let diagnosisHeader = "X-Sigconform-Diagnosis"
    package static let fixHeader = "X-Sigconform-Fix"
    package static let requestHeader = "X-Sigconform-Request"

    package init(venue: Venue, keys: [Credentials], fixtures: [String: JSONValue] = [:], runner: CheckRunner) {
        self.venue = venue
        self.keys = keys
        self.endpoints = venue.responses.endpoints.merging(fixtures) { _, fixture in fixture }
        self.publicEndpoints = venue.responses.publicEndpoints
        self.runner = runner
    }

    /// Answers `request` (already stripped of any `/venue-id` routing prefix) at `serverTime`
    /// (ms since the epoch, the server's clock); `id` names it in reports and in the answer.
    package func answer(_ request: HTTPRequest, serverTime: Int64, id: String) -> ServedExchange {
        let endpoint = "\(request.method) \(request.path)"
        if publicEndpoints.contains(endpoint), let body = endpoints[endpoint] {
            return ServedExchange(response: ServedResponse(status: 200, body: ResponseBody(serverTime: serverTime).render(body)),
                                  verdict: nil, request: request, credentials: nil, serverTime: serverTime)
        }
        var vector = Vector(id: id, venue: venue.id, credentials: Credentials(), request: request,
                            time: TimeContext(serverTime: serverTime), result: .valid, expect: Expectation(),
                            origin: VectorOrigin(file: "serve", pointer: "", location: nil))
        guard let credentials = credentials(for: request) else {
            let sent = sentKey(request)
            let problem = sent.map { "the API key \(Redaction.maskKey($0)) is not one of the server's keys for \(venue.id)" }
                ?? "the request carries no API key (\(keyLocationDescription))"
            let verdict = VectorVerdict(vector: vector, status: .failed, evaluation: nil, diagnosis: nil, problems: [problem])
            let response = errorResponse(venueError(for: .badKey), serverTime: serverTime, id: id, classes: "unknown_api_key",
                                         fix: "send one of the keys given to sigconform serve (--credentials), in \(keyLocationDescription)")
            return ServedExchange(response: response, verdict: verdict, request: request, credentials: nil, serverTime: serverTime)
        }
        vector.credentials = credentials
        var verdict = Self.maskingPassphrase(runner.diagnoseCaptured(vector, venue: venue), venue: venue)
        if verdict.status == .passed {
            let body = endpoints[endpoint] ?? venue.responses.success ?? .object([])
            var response = ServedResponse(status: 200, body: ResponseBody(serverTime: serverTime).render(body))
            response.headers = [HTTPHeaders.Field(name: Self.requestHeader, value: id), HTTPHeaders.Field(name: Self.diagnosisHeader, value: "accepted")]
            return ServedExchange(response: response, verdict: verdict, request: request, credentials: credentials, serverTime: serverTime)
        }
        // A request the venue cannot even read (no timestamp, …) is the client's finding here, not unusable input.
        if verdict.status == .error { verdict.status = .failed }
        let rejection = rejection(for: verdict)
        var classes = verdict.diagnosis?.classIDs.joined(separator: "+") ?? "unsignable"
        var fix = verdict.diagnosis?.classes.first?.fix ?? verdict.problems.first ?? "see the report"
        let signatureRight = !(verdict.evaluation?.findings.contains { $0.kind == .observedSignatureMismatch || $0.kind == .observedSignatureMissing } ?? true)
        if rejection == .badPassphrase && signatureRight {
            // No signing mistake to reproduce: the passphrase itself is wrong.
            classes = "wrong_passphrase"
            fix = "send the passphrase chosen when the API key was created, exactly, in \(Self.headerName(venue.hmac?.passphrase?.location) ?? "the passphrase header")"
        }
        let error = venueError(for: rejection)
        verdict.diagnosis?.venueError = error  // the report says what this server answered
        let response = errorResponse(error, serverTime: serverTime, id: id, classes: classes, fix: fix)
        return ServedExchange(response: response, verdict: verdict, request: request, credentials: credentials, serverTime: serverTime)
    }

    /// The verdict with the passphrase header of its request masked: a wrong passphrase is not a
    /// key the reports know to redact, and it may be the client's passphrase for another key.
    static func maskingPassphrase(_ verdict: VectorVerdict, venue: Venue) -> VectorVerdict {
        guard let header = headerName(venue.hmac?.passphrase?.location), verdict.vector.request.headers[header] != nil else { return verdict }
        var masked = verdict
        masked.vector.request.headers.set(header, "****")
        masked.evaluation?.vector.request.headers.set(header, "****")
        return masked
    }

    /// Which of the venue's errors a rejected request gets. The window is checked before the
    /// signature, as Binance (-1021 before -1022) and OKX (50102 before 50113) answer a
    /// request that is both late and mis-signed.
    enum Rejection { case badKey, badPassphrase, badTimestamp, badSignature }

    func rejection(for verdict: VectorVerdict) -> Rejection {
        let findings = verdict.evaluation?.findings.filter(\.rejectsRequest) ?? []
        // A key of another scheme (KuCoin's retired v1, Coinbase's v2 keys) is not one this API knows.
        if findings.contains(where: { $0.kind == .otherScheme }) { return .badKey }
        if let passphraseHeader = Self.headerName(venue.hmac?.passphrase?.location),
           findings.contains(where: { $0.kind == .observedHeaderMismatch && $0.message.contains(passphraseHeader) }) {
            return .badPassphrase
        }
        if findings.contains(where: { $0.kind == .clockOutsideWindow }) { return .badTimestamp }
        return .badSignature
    }

    /// The venue's error for a rejection, falling back to the signature error where the file names no other.
    func venueError(for rejection: Rejection) -> VenueError? {
        let errors = venue.errors
        return switch rejection {
        case .badKey: errors.badKey ?? errors.badSignature
        case .badPassphrase: errors.badPassphrase ?? errors.badKey ?? errors.badSignature
        case .badTimestamp: errors.badTimestamp ?? errors.badSignature
        case .badSignature: errors.badSignature
        }
    }

    func errorResponse(_ error: VenueError?, serverTime: Int64, id: String, classes: String, fix: String) -> ServedResponse {
        let code = error?.code ?? "invalid_signature"
        let message = error?.message ?? "Signature for this request is not valid."
        let template = venue.responses.errorBody ?? .object([("code", .string("{code}")), ("msg", .string("{message}"))])
        let body = ResponseBody(code: code, message: message, serverTime: serverTime).render(template)
        return ServedResponse(status: error?.httpStatus ?? 400, headers: [
            HTTPHeaders.Field(name: Self.requestHeader, value: id),
            HTTPHeaders.Field(name: Self.diagnosisHeader, value: Self.headerSafe(classes)),
            HTTPHeaders.Field(name: Self.fixHeader, value: Self.headerSafe(fix)),
        ], body: body)
    }

    /// The server's key whose API key the request names; the only key when the venue's requests do not name one.
    func credentials(for request: HTTPRequest) -> Credentials? {
        guard let sent = sentKey(request) else {
            return keyLocation == nil && keys.count == 1 ? keys.first : nil
        }
        return keys.first { $0.apiKey == sent }
    }

    var keyLocation: FieldLocation? { venue.hmac?.apiKey?.location }

    func sentKey(_ request: HTTPRequest) -> String? {
        switch venue.auth {
        case .hmac(let recipe):
            guard let location = recipe.apiKey?.location else { return nil }
            return RequestView(request, signature: recipe.signature.location).value(at: location)
        case .bearer(let recipe):
            return request.headers[recipe.header].flatMap { $0.split(separator: " ").last.map(String.init) }
        }
    }

    var keyLocationDescription: String {
        switch venue.auth {
        case .hmac(let recipe): recipe.apiKey.map { "\($0.location)" } ?? "the request"
        case .bearer(let recipe): "the \(recipe.header) header"
        }
    }

    static func headerName(_ location: FieldLocation?) -> String? {
        switch location {
        case .header(let name, _)?: name
        case .headerParameter(let header, _, _)?: header
        default: nil
        }
    }

    /// A header value of visible ASCII: no line break can end the header early.
    static func headerSafe(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.isASCII && $0.value >= 0x20 && $0.value != 0x7F ? $0 : "?" }))
    }
}
