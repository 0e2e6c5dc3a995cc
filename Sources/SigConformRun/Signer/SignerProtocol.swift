import SigConformCore

/// The JSON Lines exchanged with a `--signer` (docs/signer.md and the vector format doc):
/// the harness writes `{"id", "venue", "credentials", "request", "time"}` with the signature removed;
/// the signer answers `{"id", "request"}` with the request as its client would send it, or
/// `{"id", "error": "…"}` when it cannot sign that request (for instance an unsupported venue).
public enum SignerProtocol {
    /// What a line from the signer says.
    public enum Answer: Sendable, Equatable {
        /// The signed request.
        case request(HTTPRequest)
        /// The signer says it cannot sign this one.
        case declined(String)
        /// A well-formed answer to another request (a late answer after a timeout).
        case otherID(String)
        /// Not an answer: the reason, located in the line.
        case malformed(String)
    }

    static let answerMembers: Set<String> = ["id", "request", "error"]

    /// The line that asks the signer to sign `vector`'s request.
    public static func requestLine(for vector: Vector, venue: Venue) -> String {
        let request = vector.request.removingSignature(for: venue)
        var credentials: [(key: String, value: JSONValue)] = []
        if let apiKey = vector.credentials.apiKey { credentials.append(("apiKey", .string(apiKey))) }
        if let secret = vector.credentials.secret { credentials.append(("secret", .string(secret))) }
        if let passphrase = vector.credentials.passphrase { credentials.append(("passphrase", .string(passphrase))) }
        for (name, value) in vector.credentials.fields.sorted(by: { $0.key < $1.key }) { credentials.append((name, .string(value))) }
        var requestMembers: [(key: String, value: JSONValue)] = [("method", .string(request.method))]
        if let host = request.host { requestMembers.append(("host", .string(host))) }
        requestMembers += [
            ("path", .string(request.path)), ("query", .string(request.query)),
            ("headers", .object(request.headers.fields.map { ($0.name, .string($0.value)) })), ("body", .string(request.body)),
        ]
        var members: [(key: String, value: JSONValue)] = [
            ("id", .string(vector.qualifiedID)), ("venue", .string(venue.id)),
            ("credentials", .object(credentials)), ("request", .object(requestMembers)),
        ]
        // The venue's clock when the request arrives, for a client that reads its own clock
        // (an expiry, a nonce of its own): its time fields must be within the venue's window of it.
        var time: [(key: String, value: JSONValue)] = []
        if let serverTime = vector.time.serverTime { time.append(("serverTime", .number(String(serverTime)))) }
        if let recvWindow = vector.time.recvWindow { time.append(("recvWindow", .number(String(recvWindow)))) }
        if !time.isEmpty { members.append(("time", .object(time))) }
        return JSONWriter.compact(.object(members))
    }

    /// Reads one line of the signer's output as the answer for `id`. Text quoted from the line
    /// in a reason is scrubbed by `redactor` (the credentials the signer was given) before it
    /// is shortened, so a cut cannot leave part of a secret unscrubbed.
    public static func parseAnswer(_ line: String, expectedID id: String, redactor: Redactor = Redactor(credentials: [])) -> Answer {
        func preview(_ line: String) -> String { "\"\(redactor.preview(line, limit: previewLimit))\"" }
        let document: JSONDocument
        do {
            document = try JSONParser(limits: .init(maximumDepth: 16, maximumBytes: 4 << 20)).parse(line)
        } catch {
            return .malformed("not a JSON line (\(error.description)): \(preview(line))")
        }
        let reader = JSONReader(file: "signer answer", document: document)
        do {
            let members = try reader.members(document.root, at: "", allowed: answerMembers)
            guard let idValue = members.first(where: { $0.key == "id" })?.value else {
                return .malformed("the answer has no \"id\": \(preview(line))")
            }
            let answered = try reader.string(idValue, at: "/id")
            guard answered == id else { return .otherID(answered) }
            if let error = members.first(where: { $0.key == "error" })?.value {
                return .declined(redactor.preview(try reader.string(error, at: "/error"), limit: declineLimit))
            }
            guard let request = members.first(where: { $0.key == "request" })?.value else {
                return .malformed("the answer has neither \"request\" nor \"error\"")
            }
            return .request(try VectorDecoder().decodeRequest(request, at: "/request", reader: reader))
        } catch {
            return .malformed(redactor.preview(error.description, limit: declineLimit))
        }
    }

    /// How much of a line that is not an answer a message quotes, in characters.
    static let previewLimit = 120
    /// How much of a signer's own reason (or of an error about its answer) a message quotes.
    static let declineLimit = 500
}
