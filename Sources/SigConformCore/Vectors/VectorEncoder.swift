import SigConformMAC

/// Writes ``Vector`` values as the JSON of vector files (format `sigconform/vectors@1`), members
/// in the order the bundled files use, so ``VectorDecoder`` reads back the same vector.
package struct VectorEncoder: Sendable {
    package init() {}

    /// Why a vector cannot be written in the vector format.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible, DiagnosticConvertible {
        package var message: String
        package var hint: String
        package var description: String { "\(message) — \(hint)" }
        /// An `unencodable` diagnostic of the vector (`file` names it).
        package func diagnostics(file: String) -> [Diagnostic] { [Diagnostic(.unencodable, file: file, message: message, fix: hint)] }
    }

    /// The vector as a JSON object. Credentials equal to `defaults` (the file's shared ones) are
    /// left out, so the vector inherits them; the vector's `venue` is written only when
    /// `includeVenue` is set (JSON Lines, where no file names it).
    package func encode(_ vector: Vector, defaults: Credentials? = nil, includeVenue: Bool = false) throws(Failure) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("id", .string(vector.id))]
        if includeVenue { members.append(("venue", .string(vector.venue))) }
        if let comment = vector.comment { members.append(("comment", .string(comment))) }
        members.append(("tags", .array(vector.tags.map(JSONValue.string))))
        let credentials = Self.difference(vector.credentials, from: defaults)
        if !credentials.isEmpty { members.append(("credentials", .object(credentials))) }
        members.append(("request", try encode(vector.request)))
        var time: [(key: String, value: JSONValue)] = []
        if let serverTime = vector.time.serverTime { time.append(("serverTime", .number(String(serverTime)))) }
        if let recvWindow = vector.time.recvWindow { time.append(("recvWindow", .number(String(recvWindow)))) }
        if !time.isEmpty { members.append(("time", .object(time))) }
        if !vector.keyChoices.isEmpty {
            members.append(("keyOptions", .object(vector.keyChoices.sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) })))
        }
        members.append(("result", .string(vector.result.rawValue)))
        members.append(("expect", try encode(vector.expect)))
        return .object(members)
    }

    /// A `request` object: method, host (when set), path, query, headers, body.
    package func encode(_ request: HTTPRequest) throws(Failure) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = [("method", .string(request.method))]
        if let host = request.host { members.append(("host", .string(host))) }
        members.append(("path", .string(request.path)))
        members.append(("query", .string(request.query)))
        members.append(("headers", try headers(request.headers.fields, at: "request.headers")))
        members.append(("body", .string(request.body)))
        return .object(members)
    }

    func encode(_ expect: Expectation) throws(Failure) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        if let prehash = expect.prehash { members.append(Self.bytes(prehash, text: "prehash", hex: "prehashHex")) }
        if let signature = expect.signature { members.append(("signature", .string(signature))) }
        if !expect.headers.isEmpty { members.append(("headers", try headers(expect.headers, at: "expect.headers"))) }
        if let diagnosis = expect.diagnosis { members.append(("diagnosis", .array(diagnosis.map(JSONValue.string)))) }
        if let client = expect.clientPrehash { members.append(Self.bytes(client, text: "clientPrehash", hex: "clientPrehashHex")) }
        return .object(members)
    }

    /// Text when the bytes are UTF-8, hex otherwise (a binary prehash such as Kraken's).
    static func bytes(_ bytes: [UInt8], text: String, hex: String) -> (key: String, value: JSONValue) {
        if let string = String(validating: bytes, as: UTF8.self) { return (text, .string(string)) }
        return (hex, .string(Hex.encode(bytes)))
    }

    func headers(_ fields: [HTTPHeaders.Field], at name: String) throws(Failure) -> JSONValue {
        var seen: Set<String> = []
        for field in fields where !seen.insert(field.name.lowercased()).inserted {
            throw Failure(message: "\(name) has \(field.name) more than once",
                          hint: "the vector format keeps one value per header; join the values with \", \" as HTTP allows, or keep one")
        }
        return .object(fields.map { ($0.name, .string($0.value)) })
    }

    /// The credentials not inherited from `defaults`, as JSON members in the documented order.
    package static func difference(_ credentials: Credentials, from defaults: Credentials?) -> [(key: String, value: JSONValue)] {
        let pairs: [(String, String?, String?)] = [
            ("apiKey", credentials.apiKey, defaults?.apiKey),
            ("secret", credentials.secret, defaults?.secret),
            ("passphrase", credentials.passphrase, defaults?.passphrase),
        ]
        let fields = credentials.fields.sorted { $0.key < $1.key }.map { ($0.key, Optional($0.value), defaults?.fields[$0.key]) }
        var members: [(key: String, value: JSONValue)] = (pairs + fields).compactMap { name, own, inherited in
            guard let own, own != inherited else { return nil }
            return (name, .string(own))
        }
        if !credentials.otherSecrets.isEmpty, credentials.otherSecrets != defaults?.otherSecrets {
            members.append(("otherSecrets", .array(credentials.otherSecrets.map { .string($0) })))
        }
        return members
    }
}
