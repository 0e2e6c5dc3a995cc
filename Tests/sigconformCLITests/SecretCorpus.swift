import Foundation
import SigConform

/// A small corpus whose credentials are made to be found: every bundled venue's first valid
/// vectors re-signed with distinctive credentials (quotes, markup and non-ASCII included, so
/// every escaped form is exercised), plus one captured-bug vector per HMAC venue and comments
/// that quote the secrets.
enum SecretCorpus {
    static let apiKey = "AKEY-d1st1nct\"<&>'-K3Y-0042-✓"
    static let secret = "SECRET-d1st1nct\"<&>'/\\-S3CR3T-7f3e9a1b-é"
    static let passphrase = "PASS-d1st1nct\"<&>'-PHR4SE"
    /// A credential field that is signed but never sent (BitMart's memo).
    static let memo = "MEMO-d1st1nct\"<&>'-M3M0-#9"
    /// Kraken and Coinbase decode the secret from base64: the base64 of a distinctive text.
    static let base64Secret = Base64.encode(Array("SECRET-kraken-d1st1nct-0001".utf8))

    /// The values no byte written may contain.
    static var values: [String] { [apiKey, secret, passphrase, base64Secret, memo] }

    /// Writes the corpus into `directory` (one file per venue) and returns the folder.
    static func write(to directory: String) throws -> String {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let venues = ["binance-spot", "bybit-v5", "okx-v5", "kraken-spot", "gateio-v4", "openai-compatible", "bitmart"]
        for venueID in venues {
            guard let venue = registry[venueID] else { continue }
            var vectors: [Vector] = []
            try CorpusLoader().forEachVector(in: "\(BundledVectors.directory)/\(venueID)/requests.json", body: { vector in
                if vectors.count < 2, vector.result == .valid { vectors.append(vector) }
            }, lineError: { _ in })
            var out: [JSONValue] = []
            for vector in vectors {
                out.append(try encode(resigned(vector, venue: venue)))
            }
            if venue.hmac?.secretEncoding == .utf8, let first = vectors.first {
                out.append(try encode(capturedBug(first, venue: venue)))
            }
            let file = JSONValue.object([("format", .string(VectorDecoder.format)), ("venue", .string(venueID)), ("vectors", .array(out))])
            try FileManager.default.createDirectory(atPath: "\(directory)/\(venueID)", withIntermediateDirectories: true)
            try JSONWriter.compact(file).write(toFile: "\(directory)/\(venueID)/secrets.json", atomically: true, encoding: .utf8)
        }
        return directory
    }

    static func credentials(for venue: Venue) -> Credentials {
        Credentials(apiKey: apiKey, secret: venue.hmac?.secretEncoding == .base64 ? base64Secret : secret, passphrase: passphrase,
                    fields: Dictionary(uniqueKeysWithValues: (venue.hmac?.credentialFields ?? []).map { ($0, memo) }))
    }

    /// `vector` with the distinctive credentials in its headers and a correct signature for them.
    static func resigned(_ vector: Vector, venue: Venue, signingSecret: String? = nil) throws -> Vector {
        var copy = vector
        copy.credentials = credentials(for: venue)
        copy.comment = "quotes the secret \(copy.credentials.secret!) and the passphrase \(passphrase) and the key \(apiKey) and the memo \(memo)"
        switch venue.auth {
        case .bearer(let recipe):
            copy.request.headers.set(recipe.header, recipe.headerValue(apiKey: apiKey))
            copy.expect = Expectation(headers: [HTTPHeaders.Field(name: recipe.header, value: recipe.headerValue(apiKey: apiKey))])
            return copy
        case .hmac(let recipe):
            if case .header(let name, let prefix)? = recipe.apiKey?.location { copy.request.headers.set(name, prefix + apiKey) }
            if case .header(let name, let prefix)? = recipe.passphrase?.location { copy.request.headers.set(name, prefix + passphrase) }
            let signer = RequestSigner(canonicalizer: Canonicalizer(venue: venue, recipe: recipe))
            let correct = try signer.sign(copy.request, credentials: copy.credentials, backend: PureSwiftBackend())
            var signing = copy.credentials
            if let signingSecret { signing.secret = signingSecret }
            let sent = try signer.sign(copy.request, credentials: signing, backend: PureSwiftBackend())
            copy.request = try place(sent.signature, in: copy.request, location: recipe.signature.location)
            copy.expect = Expectation(prehash: correct.prehash.bytes, signature: correct.signature)
            return copy
        }
    }

    /// A request signed with the secret plus a trailing newline: the venue rejects it.
    static func capturedBug(_ vector: Vector, venue: Venue) throws -> Vector {
        var copy = try resigned(vector, venue: venue, signingSecret: credentials(for: venue).secret! + "\n")
        copy.id += "-secret-newline"
        copy.result = .invalid
        copy.expect.diagnosis = ["secret_whitespace"]
        return copy
    }

    static func place(_ signature: String, in request: HTTPRequest, location: FieldLocation) throws -> HTTPRequest {
        if let replaced = request.replacing(location, with: signature) { return replaced }
        var copy = request
        switch location {
        case .header(let name, let prefix): copy.headers.set(name, prefix + signature)
        case .query(let name), .parameter(let name): copy.query += (copy.query.isEmpty ? "" : "&") + "\(name)=\(signature)"
        default: throw CocoaError(.featureUnsupported)
        }
        return copy
    }

    static func encode(_ vector: Vector) throws -> JSONValue {
        var credentials: [(key: String, value: JSONValue)] = []
        if let key = vector.credentials.apiKey { credentials.append(("apiKey", .string(key))) }
        if let secret = vector.credentials.secret { credentials.append(("secret", .string(secret))) }
        if let passphrase = vector.credentials.passphrase { credentials.append(("passphrase", .string(passphrase))) }
        for (name, value) in vector.credentials.fields.sorted(by: { $0.key < $1.key }) { credentials.append((name, .string(value))) }
        var request: [(key: String, value: JSONValue)] = [("method", .string(vector.request.method))]
        if let host = vector.request.host { request.append(("host", .string(host))) }
        request += [("path", .string(vector.request.path)), ("query", .string(vector.request.query)),
                    ("headers", .object(vector.request.headers.fields.map { ($0.name, .string($0.value)) })), ("body", .string(vector.request.body))]
        var expect: [(key: String, value: JSONValue)] = []
        if let prehash = vector.expect.prehash {
            if let text = String(validating: prehash, as: UTF8.self) { expect.append(("prehash", .string(text))) } else { expect.append(("prehashHex", .string(Hex.encode(prehash)))) }
        }
        if let signature = vector.expect.signature { expect.append(("signature", .string(signature))) }
        if !vector.expect.headers.isEmpty { expect.append(("headers", .object(vector.expect.headers.map { ($0.name, .string($0.value)) }))) }
        if let diagnosis = vector.expect.diagnosis { expect.append(("diagnosis", .array(diagnosis.map(JSONValue.string)))) }
        var time: [(key: String, value: JSONValue)] = []
        if let serverTime = vector.time.serverTime { time.append(("serverTime", .number(String(serverTime)))) }
        if let recvWindow = vector.time.recvWindow { time.append(("recvWindow", .number(String(recvWindow)))) }
        return .object([
            ("id", .string(vector.id)), ("comment", .string(vector.comment ?? "")), ("credentials", .object(credentials)),
            ("request", .object(request)), ("time", .object(time)), ("result", .string(vector.result.rawValue)), ("expect", .object(expect)),
        ])
    }
}
