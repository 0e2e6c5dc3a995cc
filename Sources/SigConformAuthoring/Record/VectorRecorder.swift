import SigConformCore
import SigConformDiagnosis
import SigConformMAC
import SigConformRun

/// Why a request cannot be recorded as a vector (or a venue scaffolded): what kind of problem
/// (a ``Diagnostic/Code``), what is wrong and how to fix it.
package struct RecordError: Error, Sendable, Equatable, CustomStringConvertible, DiagnosticConvertible {
    package var code: Diagnostic.Code
    package var message: String
    package var hint: String?
    package init(_ code: Diagnostic.Code, _ message: String, hint: String? = nil) {
        self.code = code
        self.message = message
        self.hint = hint
    }
    package var description: String { message + (hint.map { " — \($0)" } ?? "") }
    /// `file` is the request or venue being recorded (the caller names it as the user gave it).
    package func diagnostics(file: String) -> [Diagnostic] { [Diagnostic(code, file: file, message: message, fix: hint)] }
}

extension Diagnostic.Code {
    /// A vector or venue id that is not in the id alphabet (`record --id`, `venue new`).
    public static let invalidID = Self(rawValue: "invalid-id")
    /// A file `record` or `venue new` must write cannot be written.
    public static let cannotWrite = Self(rawValue: "cannot-write")
}

/// Turns a request as a client sent it into a vector of its venue: computes the prehash,
/// signature and auth headers a correct client sends on every backend (refusing when they
/// disagree), and decides the result: `valid` when the request is correct (or carries no
/// signature), `invalid` with the diagnosis of its mistake when the venue would reject it.
package struct VectorRecorder: Sendable {
    let runner: CheckRunner

    package init(registry: VenueRegistry, backends: [any MACBackend]) {
        runner = CheckRunner(registry: registry, backends: backends)
    }

    /// What to record.
    package struct Capture: Sendable {
        package var venue: Venue
        package var request: HTTPRequest
        package var credentials: Credentials
        /// The vector id; a fresh one is made from the request when nil.
        package var id: String?
        package var comment: String?
        package var tags: [String]
        /// The venue's clock when the request arrived (ms), for clock checks.
        package var serverTime: Int64?

        package init(venue: Venue, request: HTTPRequest, credentials: Credentials, id: String? = nil, comment: String? = nil,
                    tags: [String] = [], serverTime: Int64? = nil) {
            self.venue = venue
            self.request = request
            self.credentials = credentials
            self.id = id
            self.comment = comment
            self.tags = tags
            self.serverTime = serverTime
        }
    }

    /// The recorded vector and what was found out on the way.
    package struct Recording: Sendable {
        package var vector: Vector
        /// The diagnosis of an invalid request.
        package var diagnosis: Diagnosis?
        /// The backends that computed the same prehash and signature.
        package var backends: [String]
        /// Things the author should know (no signature in the request, …).
        package var notes: [String]
    }

    /// Records `capture`; `takenIDs` are the venue's ids already in use.
    package func record(_ capture: Capture, takenIDs: Set<String>) throws(RecordError) -> Recording {
        let venue = capture.venue
        var vector = Vector(id: "recording", venue: venue.id, comment: capture.comment, tags: capture.tags, credentials: capture.credentials,
                            request: capture.request, time: TimeContext(serverTime: capture.serverTime), result: .valid,
                            expect: Expectation(), origin: VectorOrigin(file: "", pointer: "", location: nil))
        let evaluation = runner.evaluator.evaluate(vector, venue: venue)
        if let divergence = VerdictPolicy.divergence(evaluation) {
            throw RecordError(.backendDivergence, "the MAC backends disagree: \(divergence.message)", hint: "this is a sigconform bug; nothing was recorded — please report the request")
        }
        if let unsignable = VerdictPolicy.unsignable(evaluation).first {
            let parts = unsignable.message.components(separatedBy: " — ")
            throw RecordError(.cannotSign, "the request cannot be signed under \(venue.id): \(parts[0])", hint: parts.count > 1 ? parts[1] : nil)
        }
        var notes: [String] = []
        var expect = Expectation()
        switch venue.auth {
        case .hmac:
            guard let reference = evaluation.reference else { throw RecordError(.cannotSign, "no backend signed the request") }
            expect.prehash = reference.prehash.bytes
            expect.signature = reference.signature
            expect.headers = reference.expectedHeaders
            if evaluation.observedSignature == nil {
                notes.append("the request carries no signature, so it is recorded as valid with the correct one in expect.signature")
            }
        case .bearer(let recipe):
            guard let apiKey = capture.credentials.apiKey else { throw RecordError(.missingCredential, "no API key for the bearer token", hint: "give it with --api-key-env or --secret-env") }
            expect.headers = [HTTPHeaders.Field(name: recipe.header, value: recipe.headerValue(apiKey: apiKey))]
        }
        let rejecting = evaluation.findings.filter { $0.rejectsRequest && $0.kind != .observedSignatureMissing }
        var diagnosis: Diagnosis?
        if !rejecting.isEmpty {
            let found = runner.diagnoser.diagnose(evaluation)
            diagnosis = found
            vector.result = .invalid
            expect.diagnosis = found.classIDs
            if let client = found.clientPrehash?.bytes, client != expect.prehash { expect.clientPrehash = client }
            if found.classes == [.unexplained] {
                notes.append("no known mistake reproduces the request's signature: recorded with diagnosis [\"unexplained\"]")
            }
        }
        vector.expect = expect
        if vector.comment == nil {
            let details = diagnosis?.steps.map(\.detail).joined(separator: "; ") ?? ""
            vector.comment = "Recorded with sigconform record" + (details.isEmpty ? "." : ": \(details).")
        }
        vector.id = try capture.id.map { (id) throws(RecordError) in try Self.checked(id, takenIDs: takenIDs) }
            ?? Self.freshID(for: capture.request, diagnosis: diagnosis, takenIDs: takenIDs)
        return Recording(vector: vector, diagnosis: diagnosis, backends: evaluation.outcomes.map(\.backend), notes: notes)
    }

    static func checked(_ id: String, takenIDs: Set<String>) throws(RecordError) -> String {
        guard !id.isEmpty, id.count <= 200, id.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }) else {
            throw RecordError(.invalidID, "invalid vector id \"\(id)\"", hint: "use 1–200 characters of a-z, A-Z, 0-9, '-', '_', '.'")
        }
        guard !takenIDs.contains(id) else { throw RecordError(.duplicateID, "the venue already has a vector \"\(id)\"", hint: "choose another --id, or leave it out for a fresh one") }
        return id
    }

    /// `<method>-<last path words>[-<diagnosis>]`, numbered when taken: `post-order`, `get-account-balance-2`.
    static func freshID(for request: HTTPRequest, diagnosis: Diagnosis?, takenIDs: Set<String>) -> String {
        func slug(_ text: String) -> String {
            let mapped = text.lowercased().unicodeScalars.map { scalar -> Character in
                scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) ? Character(scalar) : "-"
            }
            return String(mapped).split(separator: "-").joined(separator: "-")
        }
        let words = request.path.split(separator: "/").map(String.init).filter { segment in
            let lowered = segment.lowercased()
            return lowered != "api" && !(lowered.first == "v" && lowered.dropFirst().allSatisfy(\.isNumber) && lowered.count > 1) && !lowered.allSatisfy(\.isNumber)
        }
        var parts = [slug(request.method)] + words.suffix(2).map(slug).filter { !$0.isEmpty }
        if let diagnosis { parts.append(slug(diagnosis.classIDs.joined(separator: "-"))) }
        let base = String(parts.joined(separator: "-").prefix(180))
        guard takenIDs.contains(base) else { return base }
        var number = 2
        while takenIDs.contains("\(base)-\(number)") { number += 1 }
        return "\(base)-\(number)"
    }
}
