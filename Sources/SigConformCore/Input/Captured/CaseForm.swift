/// A case file (docs/diagnosis.md): `{"venue"?, "credentials"?, "request", "time"?}`, one request
/// with what is known about it. The catch-all for JSON that is neither a HAR nor a vector file.
/// Strict like a vector: a misspelt member ("serverTme") is an error naming the member it most
/// likely means.
struct CaseForm: CapturedRequestForm {
    /// The members of a case file.
    package static let members: Set<String> = ["venue", "credentials", "request", "time"]

    package init() {}
    package var name: String { "case" }
    package func recognizes(_ input: CapturedInput) -> Bool { input.json != nil }

    package func read(_ input: CapturedInput) throws(InputError) -> [CapturedRequest] {
        guard let reader = input.json else { throw InputError(file: input.name, message: "a case is JSON") }
        let members = try reader.members(reader.document.root, at: "", allowed: Self.members)
        func member(_ name: String) -> JSONValue? { members.first { $0.key == name }?.value }
        guard let requestValue = member("request") else {
            throw reader.error("", "not a vector file, a case or a HAR file", hint: "a case is {\"venue\": …, \"request\": {…}}")
        }
        var request = try VectorDecoder().decodeRequest(requestValue, at: "/request", reader: reader)
        request.host = request.host ?? request.headers["Host"]
        var captured = CapturedRequest(id: "case", request: request, origin: VectorOrigin(file: reader.file, pointer: "", location: nil), label: reader.file)
        captured.venue = try member("venue").map { value throws(InputError) in try reader.string(value, at: "/venue") }
        if let credentials = member("credentials") {
            for item in try reader.members(credentials, at: "/credentials", allowed: VectorDecoder.credentialMembers) {
                guard item.key != "otherSecrets" else {
                    captured.credentials.otherSecrets = try reader.stringArray(item.value, at: "/credentials/otherSecrets")
                    guard captured.credentials.otherSecrets.count <= Credentials.maximumOtherSecrets else {
                        throw reader.error("/credentials/otherSecrets", "more than \(Credentials.maximumOtherSecrets) other secrets",
                                           hint: "name only the secrets the client may have signed with")
                    }
                    continue
                }
                let text = try reader.string(item.value, at: "/credentials/\(item.key)")
                switch item.key {
                case "apiKey": captured.credentials.apiKey = text
                case "secret": captured.credentials.secret = text
                default: captured.credentials.passphrase = text
                }
            }
        }
        if let time = member("time") {
            for item in try reader.members(time, at: "/time", allowed: VectorDecoder.timeMembers) {
                let value = try reader.integer(item.value, at: "/time/\(item.key)")
                if item.key == "serverTime" { captured.time.serverTime = value } else { captured.time.recvWindow = value }
            }
        }
        return [captured]
    }
}
