import Foundation
import SigConform

/// A request read from one of the forms developers have at hand, as a vector to diagnose.
struct CapturedInput {
    var vector: Vector
    /// Where it came from, for messages ("file.har entry 3").
    var origin: String
    /// One request of a HAR file, which also records the page's other traffic: an entry that
    /// fits no venue is counted and said, not an error.
    var isHAREntry = false

    static func load(path: String?, curl: String?) throws(InputError) -> [CapturedInput] {
        if let curl { return [try fromCurl(curl, origin: "--curl")] }
        guard let path else { return [] }
        // A HAR file may hold many requests; standard input holds one.
        let bytes = path == "-" ? try FileReader.readStandardInput() : try FileReader.read(path)
        let name = path == "-" ? "<stdin>" : path
        let text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            let document: JSONDocument
            do { document = try JSONParser().parse(bytes) } catch {
                throw InputError(file: name, location: error.location, message: error.message, hint: error.hint)
            }
            return try fromJSON(JSONReader(file: name, document: document))
        }
        if trimmed.hasPrefix("curl ") || trimmed.hasPrefix("curl\t") { return [try fromCurl(text, origin: name)] }
        return [try fromHTTP(text, origin: name)]
    }

    /// The members of a case file (docs/diagnosis.md).
    static let caseMembers: Set<String> = ["venue", "credentials", "request", "time"]

    static func fromJSON(_ reader: JSONReader) throws(InputError) -> [CapturedInput] {
        let root = reader.document.root
        if root["log"] != nil {
            return try HARParser.parse(reader).map { entry in
                CapturedInput(vector: vector(entry.request, origin: VectorOrigin(file: reader.file, pointer: "/log/entries/\(entry.index)", location: reader.document.location(of: "/log/entries/\(entry.index)")), id: "har-entry-\(entry.index + 1)"),
                              origin: "\(reader.file) entry \(entry.index + 1)", isHAREntry: true)
            }
        }
        if root["format"] != nil {
            return try VectorDecoder().decodeFile(reader).map { CapturedInput(vector: $0, origin: $0.origin.description) }
        }
        // A single case: {"venue"?, "credentials"?, "request", "time"?}. Strict like a vector:
        // a misspelt member ("serverTme") is an error naming the member it most likely means.
        let members = try reader.members(root, at: "", allowed: Self.caseMembers)
        func member(_ name: String) -> JSONValue? { members.first { $0.key == name }?.value }
        guard let requestValue = member("request") else {
            throw reader.error("", "not a vector file, a case or a HAR file", hint: "a case is {\"venue\": …, \"request\": {…}}")
        }
        var request = try VectorDecoder().decodeRequest(requestValue, at: "/request", reader: reader)
        request.host = request.host ?? request.headers["Host"]
        var captured = vector(request, origin: VectorOrigin(file: reader.file, pointer: "", location: nil), id: "case")
        captured.venue = try member("venue").map { value throws(InputError) in try reader.string(value, at: "/venue") } ?? ""
        if let credentials = member("credentials") {
            var given = Credentials()
            for item in try reader.members(credentials, at: "/credentials", allowed: VectorDecoder.credentialMembers) {
                let text = try reader.string(item.value, at: "/credentials/\(item.key)")
                switch item.key {
                case "apiKey": given.apiKey = text
                case "secret": given.secret = text
                default: given.passphrase = text
                }
            }
            captured.credentials = given
        }
        if let time = member("time") {
            for item in try reader.members(time, at: "/time", allowed: VectorDecoder.timeMembers) {
                let value = try reader.integer(item.value, at: "/time/\(item.key)")
                if item.key == "serverTime" { captured.time.serverTime = value } else { captured.time.recvWindow = value }
            }
        }
        return [CapturedInput(vector: captured, origin: reader.file)]
    }

    static func fromCurl(_ line: String, origin: String) throws(InputError) -> CapturedInput {
        let request: HTTPRequest
        do { request = try CurlParser().parse(line).request } catch {
            throw InputError(file: origin, location: error.location, message: "cannot read the curl line: \(error.message)", hint: error.hint)
        }
        return CapturedInput(vector: vector(request, origin: VectorOrigin(file: origin, pointer: "", location: nil), id: "curl"), origin: origin)
    }

    static func fromHTTP(_ text: String, origin: String) throws(InputError) -> CapturedInput {
        let request: HTTPRequest
        do { request = try HTTPMessageParser().parse(text) } catch {
            throw InputError(file: origin, location: error.location, message: "cannot read the raw HTTP request: \(error.message)", hint: error.hint)
        }
        return CapturedInput(vector: vector(request, origin: VectorOrigin(file: origin, pointer: "", location: nil), id: "http"), origin: origin)
    }

    static func vector(_ request: HTTPRequest, origin: VectorOrigin, id: String) -> Vector {
        Vector(id: id, venue: "", credentials: Credentials(), request: request, result: .invalid, expect: Expectation(), origin: origin)
    }
}
