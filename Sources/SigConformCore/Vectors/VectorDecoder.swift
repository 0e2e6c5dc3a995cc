import SigConformMAC

/// Turns the JSON of vector files (format `sigconform/vectors@1`) into ``Vector`` values.
///
/// Strict by design: unknown members, wrong types, undecodable hex and impossible combinations
/// are errors with a location, because a silently ignored member can turn a vector into one
/// that checks nothing.
public struct VectorDecoder: Sendable {
    /// The vector file format this decoder reads.
    public static let format = "sigconform/vectors@1"

    // The members each object may have (members starting with `$`, such as `$schema`, are always allowed).
    // vectors/schema/vectors.schema.json mirrors these; SchemaTests keep the two in step.
    public static let fileMembers: Set<String> = ["format", "venue", "description", "sources", "generator", "defaults", "vectors", "notes"]
    public static let vectorMembers: Set<String> = ["id", "venue", "comment", "tags", "credentials", "request", "time", "result", "expect", "keyOptions"]
    public static let requestMembers: Set<String> = ["method", "host", "path", "query", "headers", "body"]
    public static let credentialMembers: Set<String> = ["apiKey", "secret", "passphrase", "otherSecrets"]
    public static let timeMembers: Set<String> = ["serverTime", "recvWindow"]
    public static let expectMembers: Set<String> = ["prehash", "prehashHex", "signature", "headers", "diagnosis", "clientPrehash", "clientPrehashHex"]

    public init() {}

    /// A vector file's header: its venue, the defaults merged under each vector, and the vectors
    /// as written. With a collecting reader, a header with problems still gives what it could read.
    public struct Header: Sendable {
        public var venue: String?
        public var defaults: JSONValue
        public var vectors: [JSONValue]?
    }

    /// Decodes a whole vector file.
    public func decodeFile(_ reader: JSONReader) throws(InputError) -> [Vector] {
        let header = try decodeHeader(reader)
        guard let venue = header.venue, let elements = header.vectors else { throw reader.stopped }
        var vectors: [Vector] = []
        var seen: [String: String] = [:]
        for (index, element) in elements.enumerated() {
            let pointer = JSONPointer.appending("/vectors", index)
            let merged = Self.merge(defaults: header.defaults, into: element)
            guard let vector = try reader.recovering({ try decodeVector(merged, at: pointer, reader: reader, fileVenue: venue) }) else { continue }
            if let previous = seen[vector.id] {
                try reader.report(reader.error(JSONPointer.appending(pointer, "id"), "duplicate vector id \"\(vector.id)\" (first at \(previous))",
                                               hint: "ids are unique per venue; reports and baselines refer to them"))
                continue
            }
            seen[vector.id] = pointer
            vectors.append(vector)
        }
        return vectors
    }

    /// Decodes the members of a vector file other than the vectors themselves.
    public func decodeHeader(_ reader: JSONReader) throws(InputError) -> Header {
        let root = reader.document.root
        let members = try reader.members(root, at: "", allowed: Self.fileMembers)
        func member(_ name: String) -> JSONValue? { members.first { $0.key == name }?.value }
        if let formatValue = member("format") {
            _ = try reader.recovering { () throws(InputError) in
                let format = try reader.string(formatValue, at: "/format")
                guard format == Self.format else {
                    throw reader.error("/format", "unsupported format \"\(format)\"", hint: "this sigconform reads \"\(Self.format)\"")
                }
            }
        } else {
            try reader.report(reader.error("", "missing \"format\"", hint: "add \"format\": \"\(Self.format)\""))
        }
        var venue: String?
        if let venueValue = member("venue") {
            venue = try reader.recovering { try venueID(venueValue, at: "/venue", reader: reader) }
        } else {
            try reader.report(reader.error("", "missing \"venue\"", hint: "name the venue folder the vectors belong to, e.g. \"binance-spot\""))
        }
        // Descriptive members are not used by a run, but a wrong type there is still a mistake.
        if let value = member("description") { _ = try reader.recovering { try reader.string(value, at: "/description") } }
        if let value = member("generator") { _ = try reader.recovering { try reader.string(value, at: "/generator") } }
        if let value = member("sources") { _ = try reader.recovering { try reader.stringArray(value, at: "/sources") } }
        if let value = member("notes") { _ = try reader.recovering { try reader.stringArray(value, at: "/notes") } }
        var vectors: [JSONValue]?
        if let vectorsValue = member("vectors") {
            if case .array(let elements) = vectorsValue {
                vectors = elements
            } else {
                try reader.report(reader.error("/vectors", "expected an array of vectors, found \(vectorsValue.typeName)"))
            }
        } else {
            try reader.report(reader.error("", "missing \"vectors\"", hint: "add \"vectors\": [ … ]"))
        }
        var defaults = member("defaults") ?? .object([])
        // Checked here, not only after merging, so a misspelt default is reported once and where it is written.
        if let known = try reader.recovering({ try reader.members(defaults, at: "/defaults", allowed: Self.vectorMembers) }) {
            defaults = .object(known)
        } else {
            defaults = .object([])
        }
        return Header(venue: venue, defaults: defaults, vectors: vectors)
    }

    /// Decodes one vector (after ``merge(defaults:into:)``); `fileVenue` is the file's venue (nil for JSON Lines, where each vector names its own).
    public func decodeVector(_ value: JSONValue, at pointer: String, reader: JSONReader, fileVenue: String?) throws(InputError) -> Vector {
        let members = try reader.members(value, at: pointer, allowed: Self.vectorMembers)
        func member(_ name: String) -> JSONValue? { members.first { $0.key == name }?.value }
        func path(_ name: String) -> String { JSONPointer.appending(pointer, name) }
        // Each member is read on its own: with a collecting reader, a problem in one is logged and
        // the others are still read; a required member with a problem stops the vector at the end.
        var complete = true

        var id: String?
        if let idValue = member("id") {
            id = try reader.recovering { () throws(InputError) -> String in
                let id = try reader.string(idValue, at: path("id"))
                guard !id.isEmpty, id.utf8.count <= 200, id.utf8.allSatisfy(Self.isIDByte) else {
                    throw reader.error(path("id"), "invalid vector id \"\(id)\"", hint: "use 1–200 characters of a-z, A-Z, 0-9, '-', '_', '.'")
                }
                return id
            }
            if id == nil { complete = false }
        } else {
            try reader.report(reader.error(pointer, "vector has no \"id\"", hint: "give it a short unique id like \"get-query-space\""))
            complete = false
        }
        var venue = fileVenue
        if let venueValue = member("venue") {
            let own = try reader.recovering { () throws(InputError) -> String in
                let own = try venueID(venueValue, at: path("venue"), reader: reader)
                if let fileVenue, fileVenue != own {
                    throw reader.error(path("venue"), "vector names venue \"\(own)\" inside a file for \"\(fileVenue)\"",
                                       hint: "move it to a file of its venue or drop its \"venue\"")
                }
                return own
            }
            if let own { venue = own } else { complete = false }
        } else if venue == nil {
            try reader.report(reader.error(pointer, "vector has no \"venue\"", hint: "JSON Lines vectors name their venue"))
            complete = false
        }

        var credentials = Credentials()
        if let value = member("credentials") {
            if let items = value.objectMembers {
                for item in items where !item.key.hasPrefix("$") {
                    func itemPath() -> String { JSONPointer.appending(path("credentials"), item.key) }
                    // A near-miss of a built-in name is a typo, not a field: a field nobody reads would check nothing.
                    if !Self.credentialMembers.contains(item.key), !Credentials.isFieldName(item.key) || Self.credentialMembers.contains(where: { $0.lowercased() == item.key.lowercased() }) {
                        let suggestion = nearestName(to: item.key, in: Self.credentialMembers)
                        try reader.report(reader.error(itemPath(), "unknown credential \"\(item.key)\"",
                                                       hint: suggestion.map { "did you mean \"\($0)\"?" } ?? "apiKey, secret, passphrase, otherSecrets, or a field the venue's recipe declares in credentialFields (letters and digits)"))
                        continue
                    }
                    if item.key == "otherSecrets" {
                        credentials.otherSecrets = try reader.recovering { try reader.stringArray(item.value, at: itemPath()) } ?? []
                        if credentials.otherSecrets.count > Credentials.maximumOtherSecrets {
                            try reader.report(reader.error(itemPath(), "\(credentials.otherSecrets.count) other secrets, more than \(Credentials.maximumOtherSecrets)",
                                                           hint: "name only the secrets the client may have signed with"))
                        }
                        continue
                    }
                    guard let text = try reader.recovering({ try reader.string(item.value, at: itemPath()) }) else { continue }
                    switch item.key {
                    case "apiKey": credentials.apiKey = text
                    case "secret": credentials.secret = text
                    case "passphrase": credentials.passphrase = text
                    default: credentials.fields[item.key] = text
                    }
                }
            } else {
                try reader.report(reader.error(path("credentials"), "expected an object, found \(value.typeName)"))
            }
        }

        let request = try reader.required(member("request"), missing: reader.error(pointer, "vector has no \"request\"")) {
            (requestValue) throws(InputError) in try decodeRequest(requestValue, at: path("request"), reader: reader)
        }

        var time = TimeContext()
        if let value = member("time"), let items = try reader.recovering({ try reader.members(value, at: path("time"), allowed: Self.timeMembers) }) {
            for item in items {
                func itemPath() -> String { JSONPointer.appending(path("time"), item.key) }
                _ = try reader.recovering { () throws(InputError) in
                    let number = try reader.integer(item.value, at: itemPath())
                    if item.key == "serverTime" {
                        guard TimestampCodec.validMilliseconds.contains(number) else {
                            throw reader.error(itemPath(), "serverTime \(number) is not a time in the years 0001–9999",
                                               hint: "milliseconds since 1970-01-01, e.g. 1700000000000")
                        }
                        time.serverTime = number
                    } else {
                        guard number >= 0 else { throw reader.error(itemPath(), "recvWindow \(number) is negative", hint: "a window in milliseconds, e.g. 5000") }
                        time.recvWindow = number
                    }
                }
            }
        }

        let result = try reader.required(member("result"), missing: reader.error(pointer, "vector has no \"result\"", hint: "\"valid\" or \"invalid\"")) {
            (resultValue) throws(InputError) -> ExpectedResult in
            let resultText = try reader.string(resultValue, at: path("result"))
            guard let result = ExpectedResult(rawValue: resultText) else {
                throw reader.error(path("result"), "unknown result \"\(resultText)\"", hint: "use \"valid\" or \"invalid\"")
            }
            return result
        }
        let expect = try reader.required(member("expect"), missing: reader.error(pointer, "vector has no \"expect\"")) {
            (expectValue) throws(InputError) in try decodeExpectation(expectValue, at: path("expect"), reader: reader)
        }
        if let result, let expect {
            if result == .invalid, expect.diagnosis == nil {
                try reader.report(reader.error(path("expect"), "an invalid vector needs \"diagnosis\"",
                                               hint: "list the class ids that explain it, or [\"unexplained\"]"))
                complete = false
            }
            if result == .valid, expect.diagnosis != nil {
                try reader.report(reader.error(JSONPointer.appending(path("expect"), "diagnosis"), "a valid vector cannot have a diagnosis",
                                               hint: "remove it or set \"result\": \"invalid\""))
                complete = false
            }
            if result == .valid, expect.prehash == nil, expect.signature == nil, expect.headers.isEmpty {
                try reader.report(reader.error(path("expect"), "the vector expects nothing", hint: "give at least one of prehash, signature, headers"))
                complete = false
            }
        }

        var tags: [String] = []
        if let value = member("tags") { tags = try reader.recovering { try reader.stringArray(value, at: path("tags")) } ?? [] }
        var comment: String?
        if let value = member("comment") { comment = try reader.recovering { try reader.string(value, at: path("comment")) } }

        var keyChoices: [String: String] = [:]
        if let value = member("keyOptions") {
            if let items = value.objectMembers {
                for item in items where !item.key.hasPrefix("$") {
                    keyChoices[item.key] = try reader.recovering { try reader.string(item.value, at: JSONPointer.appending(path("keyOptions"), item.key)) }
                }
            } else {
                try reader.report(reader.error(path("keyOptions"), "expected an object, found \(value.typeName)"))
            }
        }
        guard complete, let id, let venue, let request, let result, let expect else { throw reader.stopped }
        var decoded = Vector(id: id, venue: venue, comment: comment, tags: tags, credentials: credentials, request: request,
                             time: time, result: result, expect: expect,
                             origin: VectorOrigin(file: reader.file, pointer: pointer, location: reader.document.location(of: pointer)))
        decoded.keyChoices = keyChoices
        return decoded
    }

    /// Decodes a `request` object (`method`, `host`, `path`, `query`, `headers`, `body`) found at `pointer`.
    public func decodeRequest(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> HTTPRequest {
        let members = try reader.members(value, at: pointer, allowed: Self.requestMembers)
        func member(_ name: String) -> JSONValue? { members.first { $0.key == name }?.value }
        func path(_ name: String) -> String { JSONPointer.appending(pointer, name) }
        var method: String?
        if let methodValue = member("method") {
            method = try reader.recovering { () throws(InputError) -> String in
                let method = try reader.string(methodValue, at: path("method"))
                // ASCII letters: the scalars that are both alphabetic and ASCII, checked as bytes.
                guard !method.isEmpty, method.utf8.allSatisfy({ ($0 | 0x20) >= UInt8(ascii: "a") && ($0 | 0x20) <= UInt8(ascii: "z") }) else {
                    throw reader.error(path("method"), "invalid HTTP method \"\(method)\"")
                }
                return method
            }
        } else {
            try reader.report(reader.error(pointer, "request has no \"method\""))
        }
        var requestPath: String?
        if let pathValue = member("path") {
            requestPath = try reader.recovering { () throws(InputError) -> String in
                let requestPath = try reader.string(pathValue, at: path("path"))
                // The byte, as a server splits the target (and without a Foundation search per vector).
                if requestPath.utf8.contains(UInt8(ascii: "?")) {
                    throw reader.error(path("path"), "the path contains '?'", hint: "put the query string, without '?', in \"query\"")
                }
                return requestPath
            }
        } else {
            try reader.report(reader.error(pointer, "request has no \"path\""))
        }
        var request = HTTPRequest(method: method ?? "GET", path: requestPath ?? "/")
        var complete = method != nil && requestPath != nil
        if let value = member("host") {
            if let host = try reader.recovering({ try reader.string(value, at: path("host")) }) { request.host = host } else { complete = false }
        }
        if let value = member("query") {
            let query = try reader.recovering { () throws(InputError) -> String in
                let query = try reader.string(value, at: path("query"))
                if query.hasPrefix("?") {
                    throw reader.error(path("query"), "the query starts with '?'", hint: "write the query string without the leading '?'")
                }
                return query
            }
            if let query { request.query = query } else { complete = false }
        }
        if let value = member("body") {
            if let body = try reader.recovering({ try reader.string(value, at: path("body")) }) { request.body = body } else { complete = false }
        }
        if let value = member("headers") {
            let headers = try reader.recovering { () throws(InputError) -> HTTPHeaders in
                let headers = HTTPHeaders(try reader.stringPairs(value, at: path("headers")))
                if let pair = headers.repeatedName() {
                    throw reader.error(JSONPointer.appending(path("headers"), pair.repeated.name), HTTPHeaders.repeatMessage(pair), hint: "keep one")
                }
                return headers
            }
            if let headers { request.headers = headers } else { complete = false }
        }
        // A request with a member left out would be signed as another request: it is not made.
        guard complete else { throw reader.stopped }
        if let problem = InputLimits.oversizedRequest(request) { throw reader.error(pointer, problem, hint: "an exchange request is kilobytes") }
        return request
    }

    func decodeExpectation(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> Expectation {
        let members = try reader.members(value, at: pointer, allowed: Self.expectMembers)
        func path(_ name: String) -> String { JSONPointer.appending(pointer, name) }
        var expect = Expectation()
        var complete = true
        for item in members {
            let read: Void? = try reader.recovering { () throws(InputError) in
                switch item.key {
                case "prehash", "clientPrehash":
                    let bytes = Array(try reader.string(item.value, at: path(item.key)).utf8)
                    if item.key == "prehash" { expect.prehash = bytes } else { expect.clientPrehash = bytes }
                case "prehashHex", "clientPrehashHex":
                    let text = try reader.string(item.value, at: path(item.key))
                    guard let bytes = Hex.decode(text) else {
                        throw reader.error(path(item.key), "not valid hex", hint: "an even number of 0-9a-f digits, no spaces or 0x")
                    }
                    if item.key == "prehashHex" { expect.prehash = bytes } else { expect.clientPrehash = bytes }
                case "signature": expect.signature = try reader.string(item.value, at: path("signature"))
                case "headers":
                    let headers = HTTPHeaders(try reader.stringPairs(item.value, at: path("headers")))
                    if let pair = headers.repeatedName() {
                        throw reader.error(JSONPointer.appending(path("headers"), pair.repeated.name), HTTPHeaders.repeatMessage(pair), hint: "keep one")
                    }
                    expect.headers = headers.fields
                default:
                    let ids = try reader.stringArray(item.value, at: path("diagnosis"))
                    guard !ids.isEmpty else { throw reader.error(path("diagnosis"), "empty diagnosis", hint: "name at least one class id") }
                    expect.diagnosis = ids
                }
            }
            if read == nil { complete = false }
        }
        for (text, hex) in [("prehash", "prehashHex"), ("clientPrehash", "clientPrehashHex")]
        where members.contains(where: { $0.key == text }) && members.contains(where: { $0.key == hex }) {
            try reader.report(reader.error(path(hex), "both \(text) and \(hex) given", hint: "keep one"))
            complete = false
        }
        // An expectation with a member left out would check less than the author wrote.
        guard complete else { throw reader.stopped }
        return expect
    }

    /// A venue id as venue folders are named; anything else can name no venue.
    func venueID(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> String {
        let id = try reader.string(value, at: pointer)
        guard RecipeDecoder.isVenueID(id) else {
            throw reader.error(pointer, "invalid venue id \"\(id)\"", hint: "lower-case letters, digits and '-', e.g. \"binance-spot\"")
        }
        return id
    }

    /// An ASCII letter or digit, '-', '_' or '.' (bytes, not scalars: no Unicode property lookups per id).
    static func isIDByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."): true
        default: false
        }
    }

    /// `defaults` merged under `vector`: the vector's members win, objects merge member by member.
    /// Linear in the number of members (a hostile vector can have a million).
    public static func merge(defaults: JSONValue, into vector: JSONValue) -> JSONValue {
        guard case .object(let base) = defaults, case .object(let own) = vector else { return vector }
        // Keys are unique within an object (the parser refuses duplicates).
        var baseIndex: [String: Int] = [:]
        for (index, member) in base.enumerated() { baseIndex[member.key] = index }
        var ownKeys: Set<String> = []
        // The vector's own order first so locations and pointers read naturally, then the defaults it lacks.
        var ordered: [(key: String, value: JSONValue)] = []
        ordered.reserveCapacity(own.count + base.count)
        for member in own {
            ownKeys.insert(member.key)
            let value = baseIndex[member.key].map { merge(defaults: base[$0].value, into: member.value) } ?? member.value
            ordered.append((member.key, value))
        }
        for member in base where !ownKeys.contains(member.key) { ordered.append(member) }
        return .object(ordered)
    }
}
