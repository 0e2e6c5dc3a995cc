import SigConformCore
import SigConformDiagnosis
import SigConformRun
import SigConformMAC

/// Checks what a decoded vector means: the harness must reproduce a valid vector and diagnose
/// an invalid one exactly as its `expect` says, the way `check` will.
struct MeaningLint {
    let runner: CheckRunner

    typealias Emit = (Diagnostic.Code, String, String, _ fix: String?) -> Void

    func check(_ vector: Vector, raw: JSONValue, compareDiagnosis: Bool, emit: Emit) {
        let verdict = runner.check(vector)
        guard let evaluation = verdict.evaluation else { return }
        var emitted = 0
        func report(_ rule: Diagnostic.Code, _ pointer: String, _ message: String, fix: String?) {
            emitted += 1
            emit(rule, pointer, message, fix)
        }
        let venue = evaluation.venue
        // Unknown key options are reported by VectorFileLint at /keyOptions.
        let unsignable = evaluation.findings.filter { $0.kind == .unsignable && !$0.message.hasPrefix("keyOptions.") }
        for finding in unsignable {
            let parts = finding.message.components(separatedBy: " — ")
            report(.incompleteRequest, "/request", "the request cannot be signed under \(venue.id): \(parts[0])",
                   fix: parts.count > 1 ? parts[1] : "add what \(venue.id) signs (see its venue.json) to the request or credentials")
        }
        guard unsignable.isEmpty, !evaluation.findings.contains(where: { $0.kind == .unsignable }) else { return }

        // A wrong prehash makes every signature differ too, and a wrong expect.signature is also
        // the request's and the signature header's when they carry it: report the cause once.
        let prehashWrong = evaluation.findings.contains { $0.kind == .prehashMismatch }
        let signatureWrong = evaluation.findings.contains { $0.kind == .signatureMismatch }
        let carriesExpected = evaluation.observedSignature != nil && evaluation.observedSignature == vector.expect.signature
        let signatureHeader: String? = switch venue.hmac?.signature.location {
        case .header(let name, _)?, .headerParameter(let name, _, _)?: name.lowercased()
        default: nil
        }
        for finding in evaluation.findings {
            let consequence = switch finding.kind {
            case .signatureMismatch: prehashWrong
            case .observedSignatureMismatch: prehashWrong || signatureWrong && carriesExpected
            case .expectedHeaderMismatch: (prehashWrong || signatureWrong) && Self.headerName(finding)?.lowercased() == signatureHeader
            default: false
            }
            if consequence { continue }
            switch finding.kind {
            case .prehashMismatch:
                report(.prehashMismatch, raw["expect"]?["prehashHex"] != nil ? "/expect/prehashHex" : "/expect/prehash",
                       "expect.prehash is not what the \(venue.id) recipe builds (\(finding.message.replacingOccurrences(of: "the prehash differs from expect.prehash ", with: ""))): "
                           + "expected \(Self.quote(finding.expected)), built \(Self.quote(finding.actual))"
                           + (evaluation.findings.contains { $0.kind == .signatureMismatch || $0.kind == .observedSignatureMismatch } ? "; the signatures differ as a consequence" : ""),
                       fix: "if expect.prehash comes from the venue's docs, the recipe is wrong (docs/recipes.md); otherwise write the built string")
            case .signatureMismatch:
                // The diagnosis of a request carrying expect.signature says which change of the recipe would give it.
                let variation = carriesExpected ? verdict.diagnosis.flatMap { $0.classes == [.unexplained] ? nil : $0.steps.map(\.detail).joined(separator: "; ") } : nil
                report(.signatureMismatch, "/expect/signature", "expect.signature is not the signature of this request: computed \(finding.actual ?? "nothing")"
                           + (carriesExpected ? " (the request carries expect.signature too)" : ""),
                       fix: variation.map { "sigconform gets expect.signature when it \($0): if the vector comes from the docs, the recipe is what is wrong there" }
                           ?? "when the prehash is right, check credentials.secret, the hash and the signature encoding")
            case .expectedHeaderMismatch:
                let name = Self.headerName(finding)
                report(.expectedHeaderMismatch, name.map { JSONPointer.appending("/expect/headers", $0) } ?? "/expect/headers",
                       "\(finding.message): expected \(Self.quote(finding.expected)), computed \(Self.quote(finding.actual))",
                       fix: "write the value a correct client sends, or remove the header from expect.headers")
            case .backendDivergence:
                report(.backendDivergence, "", "\(finding.message) — a sigconform bug, not a vector problem", fix: "report it with this vector")
            case .observedSignatureMismatch where vector.result == .valid:
                report(.rejectedRequest, signaturePointer(venue, raw: raw), "the vector is valid but the request's signature is wrong: it carries \(finding.actual ?? "?"), the correct one is \(finding.expected ?? "?")",
                       fix: "put the correct signature in the request, or make the vector invalid with the diagnosis of the mistake")
            case .observedHeaderMismatch where vector.result == .valid:
                report(.rejectedRequest, "/request/headers", "the vector is valid but \(finding.message)",
                       fix: finding.expected.map { "the request must carry the header the venue requires, with the value \($0)" } ?? "send the header the venue requires")
            case .clockOutsideWindow where vector.result == .valid:
                report(.rejectedRequest, raw["time"]?["serverTime"] != nil ? "/time/serverTime" : "/time",
                       "the vector is valid but \(finding.message)", fix: "make time.serverTime agree with the request's timestamp, or make the vector invalid (clock_drift)")
            case .otherScheme where vector.result == .valid:
                report(.rejectedRequest, "/request/headers", "the vector is valid but \(finding.message)",
                       fix: "sign the request in the scheme the recipe describes, or make the vector invalid (unsupported_scheme)")
            default:
                break
            }
        }
        if vector.result == .invalid {
            let expected = vector.expect.diagnosis ?? []
            if !evaluation.requestRejected {
                report(.invalidButCorrect, "/result", "the vector is invalid, but its request is correct under \(venue.id)",
                       fix: "put in the request what the faulty client sent (its signature or auth header), or set \"result\": \"valid\" and drop expect.diagnosis")
            } else if compareDiagnosis, let diagnosis = verdict.diagnosis, Set(diagnosis.classIDs) != Set(expected) {
                let details = diagnosis.steps.map(\.detail).joined(separator: "; ")
                report(.diagnosisMismatch, "/expect/diagnosis",
                       "diagnosed as \(diagnosis.classIDs.joined(separator: "+"))\(details.isEmpty ? "" : " (\(details))"), but expect.diagnosis says \(expected.sorted().joined(separator: "+"))",
                       fix: diagnosis.classes == [.unexplained]
                           ? "no known mistake reproduces the request's signature: check it was made with the mistake the vector names"
                           : "if the request really has the named mistake, the diagnoser finds another first; else set expect.diagnosis to \(Self.quote(diagnosis.classIDs.joined(separator: ", ")))")
            } else if let claimed = vector.expect.clientPrehash, let client = verdict.diagnosis?.clientPrehash, client.bytes != claimed {
                report(.clientPrehashMismatch, raw["expect"]?["clientPrehashHex"] != nil ? "/expect/clientPrehashHex" : "/expect/clientPrehash",
                       "expect.clientPrehash is not what the diagnosed mistake signs: \(Self.quote(Self.show(client.bytes)))",
                       fix: "write what the faulty client signed, or drop expect.clientPrehash")
            }
        }
        // An unknown class id is reported already; the verdict's diagnosis comparison would repeat it.
        if verdict.status != .passed && emitted == 0 && compareDiagnosis {
            report(.checkFailure, "", "check fails this vector: \(verdict.problems.joined(separator: "; "))", fix: nil)
        }
    }

    /// Where the request carries the signature, for pointing at it.
    func signaturePointer(_ venue: Venue, raw: JSONValue) -> String {
        guard let location = venue.hmac?.signature.location else { return "/request" }
        switch location {
        case .header(let name, _), .headerParameter(let name, _, _), .encodedHeaderMember(let name, _):
            let written = raw["request"]?["headers"]?.objectMembers?.first { $0.key.lowercased() == name.lowercased() }?.key ?? name
            return JSONPointer.appending("/request/headers", written)
        case .query: return "/request/query"
        case .body: return "/request/body"
        case .parameter(let name):
            let query = raw["request"]?["query"]?.stringValue ?? ""
            return QueryItem.split(query).contains { $0.key == name } ? "/request/query" : "/request/body"
        }
    }

    /// The header an `expect.headers` finding is about ("expect.headers.SIGN differs …").
    static func headerName(_ finding: Finding) -> String? {
        finding.message.hasPrefix("expect.headers.") ? String(finding.message.dropFirst(15).prefix { $0 != " " }) : nil
    }

    static func quote(_ text: String?) -> String { text.map { JSONWriter.compact(.string($0)) } ?? "nothing" }
    static func show(_ bytes: [UInt8]) -> String { String(validating: bytes, as: UTF8.self) ?? "hex:" + Hex.encode(bytes) }
}
