import SigConformMAC

/// Reads `venue.json` (format `sigconform/venue@1`) into a ``Venue``, strictly: unknown members,
/// unknown hashes or encodings and malformed templates are errors that point into the file.
public struct RecipeDecoder: Sendable {
    public static let format = "sigconform/venue@1"

    // vectors/schema/venue.schema.json mirrors these; SchemaTests keep the two in step.
    public static let venueMembers: Set<String> = ["format", "id", "name", "docs", "host", "sources", "notes", "auth", "hmac", "bearer", "errors", "responses", "reads", "otherSchemes"]
    public static let errorKinds: Set<String> = ["badSignature", "badTimestamp", "badKey", "badPassphrase"]
    public static let errorMembers: Set<String> = ["code", "message", "httpStatus"]
    public static let responsesMembers: Set<String> = ["public", "errorBody", "success", "endpoints"]
    public static let hmacMembers: Set<String> = [
        "hash", "secret", "prehash", "signature", "apiKey", "timestamp", "nonce", "recvWindow", "passphrase",
        "canonicalQuery", "paramString", "keyOptions", "credentialFields", "clientFields",
    ]
    /// The recipe members a key choice may replace.
    public static let keyChoiceMembers: Set<String> = ["description", "prehash", "timestamp", "nonce", "recvWindow", "passphrase"]
    public static let locationMembers: Set<String> = ["header", "query", "body", "param", "prefix", "scheme", "parameter", "decode", "member"]

    public init() {}

    /// Decodes a venue file; `expectedID` is the folder name the file was found in, if any.
    public func decode(_ reader: JSONReader, expectedID: String? = nil) throws(InputError) -> Venue {
        let members = try reader.members(reader.document.root, at: "", allowed: Self.venueMembers)
        func member(_ name: String) -> JSONValue? { members.first { $0.key == name }?.value }
        // Each member is read on its own: a collecting reader logs a problem and reads the next
        // member; a required one with a problem stops the venue once the others are read.
        var complete = true
        func required(_ name: String, hint: String, _ read: (JSONValue) throws(InputError) -> String) throws(InputError) -> String? {
            guard let value = member(name) else {
                try reader.report(reader.error("", "missing \"\(name)\"", hint: hint))
                complete = false
                return nil
            }
            let text = try reader.recovering { () throws(InputError) in try read(value) }
            if text == nil { complete = false }
            return text
        }
        func optional<Value>(_ read: () throws(InputError) -> Value) throws(InputError) -> Value? {
            let value = try reader.recovering(read)
            if value == nil { complete = false }
            return value
        }

        _ = try required("format", hint: "add \"format\": \"\(Self.format)\"") { (value) throws(InputError) in
            let format = try reader.string(value, at: "/format")
            guard format == Self.format else {
                throw reader.error("/format", "unsupported venue format \"\(format)\"", hint: "this sigconform reads \"\(Self.format)\"")
            }
            return format
        }
        let id = try required("id", hint: "the venue id, same as its folder name") { (value) throws(InputError) in
            let id = try reader.string(value, at: "/id")
            guard Self.isVenueID(id) else {
                throw reader.error("/id", "invalid venue id \"\(id)\"", hint: "lower-case letters, digits and '-', e.g. \"binance-spot\"")
            }
            if let expectedID, expectedID != id {
                throw reader.error("/id", "venue id \"\(id)\" does not match its folder \"\(expectedID)\"", hint: "rename one of them")
            }
            return id
        }
        let name = try required("name", hint: "a display name") { (value) throws(InputError) in try reader.string(value, at: "/name") }
        let docs = try required("docs", hint: "the URL of the venue's signing documentation") { (value) throws(InputError) in try reader.string(value, at: "/docs") }
        let host = try optional { () throws(InputError) in try member("host").map { (v) throws(InputError) in try reader.string(v, at: "/host") } } ?? nil
        let sources = try optional { () throws(InputError) in try member("sources").map { (v) throws(InputError) in try reader.stringArray(v, at: "/sources") } ?? [] } ?? []
        let notes = try optional { () throws(InputError) in try member("notes").map { (v) throws(InputError) in try reader.stringArray(v, at: "/notes") } ?? [] } ?? []
        let authKind = try required("auth", hint: "\"hmac\" or \"bearer\"") { (value) throws(InputError) in try reader.string(value, at: "/auth") }
        let auth = try optional { () throws(InputError) -> AuthScheme? in
            guard let authKind else { return nil }
            return try decodeAuth(authKind, member, reader: reader)
        } ?? nil
        let errors = try optional { () throws(InputError) in try decodeErrors(member("errors"), reader: reader) } ?? VenueErrors()
        let responses = try optional { () throws(InputError) in try decodeResponses(member("responses"), reader: reader) } ?? VenueResponses()
        let reads = try optional { () throws(InputError) in try member("reads").map { (v) throws(InputError) in try decodeReading(v, reader: reader) } ?? RequestReading() } ?? RequestReading()
        let otherSchemes = try optional { () throws(InputError) in
            try member("otherSchemes").map { (v) throws(InputError) in try decodeOtherSchemes(v, reader: reader) } ?? []
        } ?? []
        guard complete, let id, let name, let docs, let auth else { throw reader.stopped }
        return Venue(id: id, name: name, docs: docs, host: host, sources: sources, notes: notes, auth: auth, errors: errors,
                     responses: responses, reads: reads, otherSchemes: otherSchemes, file: reader.file)
    }

    func decodeAuth(_ authKind: String, _ member: (String) -> JSONValue?, reader: JSONReader) throws(InputError) -> AuthScheme {

        // The recipe of the other scheme would be read by nobody: say so instead of ignoring it.
        for (other, kind) in [("bearer", "hmac"), ("hmac", "bearer")] where authKind == kind && member(other) != nil {
            throw reader.error("/\(other)", "auth is \"\(kind)\", so a \"\(other)\" recipe would be ignored",
                               hint: "remove \"\(other)\", or set \"auth\": \"\(other)\"")
        }
        let auth: AuthScheme
        switch authKind {
        case "hmac":
            guard let value = member("hmac") else { throw reader.error("", "auth is \"hmac\" but there is no \"hmac\" recipe") }
            auth = .hmac(try decodeHMAC(value, reader: reader))
        case "bearer":
            var recipe = BearerRecipe()
            if let value = member("bearer") {
                for item in try reader.members(value, at: "/bearer", allowed: ["header", "scheme"]) {
                    let text = try reader.string(item.value, at: "/bearer/\(item.key)")
                    if item.key == "header" { recipe.header = text } else { recipe.scheme = text }
                }
            }
            auth = .bearer(recipe)
        default:
            throw reader.error("/auth", "unknown auth \"\(authKind)\"", hint: "use \"hmac\" or \"bearer\"")
        }
        return auth
    }

    func decodeErrors(_ value: JSONValue?, reader: JSONReader) throws(InputError) -> VenueErrors {
        var errors = VenueErrors()
        if let value {
            for item in try reader.members(value, at: "/errors", allowed: Self.errorKinds) {
                let pointer = "/errors/\(item.key)"
                var error = VenueError(code: "", message: "")
                for field in try reader.members(item.value, at: pointer, allowed: Self.errorMembers) {
                    if field.key == "httpStatus" {
                        let status = try reader.integer(field.value, at: "\(pointer)/httpStatus")
                        guard (100...599).contains(status) else {
                            throw reader.error("\(pointer)/httpStatus", "\(status) is not an HTTP status", hint: "100 to 599, e.g. 400 or 401")
                        }
                        error.httpStatus = Int(status)
                        continue
                    }
                    let text = try reader.string(field.value, at: "\(pointer)/\(field.key)")
                    if field.key == "code" { error.code = text } else { error.message = text }
                }
                switch item.key {
                case "badSignature": errors.badSignature = error
                case "badTimestamp": errors.badTimestamp = error
                case "badPassphrase": errors.badPassphrase = error
                default: errors.badKey = error
                }
            }
        }
        return errors
    }

    func decodeResponses(_ value: JSONValue?, reader: JSONReader) throws(InputError) -> VenueResponses {
        var responses = VenueResponses()
        if let value {
            for item in try reader.members(value, at: "/responses", allowed: Self.responsesMembers) {
                switch item.key {
                case "public":
                    let keys = try reader.stringArray(item.value, at: "/responses/public")
                    if let bad = keys.first(where: { !Self.isEndpointKey($0) }) {
                        throw reader.error("/responses/public", "\"\(bad)\" is not \"METHOD /path\"", hint: "e.g. \"GET /api/v3/time\"")
                    }
                    responses.publicEndpoints = Set(keys)
                case "errorBody": responses.errorBody = item.value
                case "success": responses.success = item.value
                default:
                    guard let endpoints = item.value.objectMembers else {
                        throw reader.error("/responses/endpoints", "expected an object, found \(item.value.typeName)")
                    }
                    for endpoint in endpoints where !endpoint.key.hasPrefix("$") {
                        guard Self.isEndpointKey(endpoint.key) else {
                            throw reader.error("/responses/endpoints", "\"\(endpoint.key)\" is not \"METHOD /path\"", hint: "e.g. \"GET /api/v3/time\"")
                        }
                        responses.endpoints[endpoint.key] = endpoint.value
                    }
                }
            }
        }
        return responses
    }

    /// Whether `key` is an endpoint key of "responses": an upper-case method, one space, a path.
    public static func isEndpointKey(_ key: String) -> Bool {
        let parts = key.split(separator: " ", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[0].allSatisfy { $0.isASCII && $0.isUppercase } && parts[1].hasPrefix("/")
            && !parts[1].contains("?")
    }

    /// Whether `id` is a valid venue id: 1–64 lower-case letters, digits and `-`.
    public static func isVenueID(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    func decodeHMAC(_ value: JSONValue, reader: JSONReader) throws(InputError) -> HMACRecipe {
        let base = "/hmac"
        let members = try reader.members(value, at: base, allowed: Self.hmacMembers)
        func member(_ name: String) -> JSONValue? { members.first { $0.key == name }?.value }
        func path(_ name: String) -> String { "\(base)/\(name)" }

        // Each member is read on its own: a collecting reader logs a problem and reads the next
        // member; a required one with a problem stops the recipe once the others are read.
        let hash = try reader.required(member("hash"), missing: reader.error(base, "missing \"hash\"", hint: "e.g. \"sha256\"")) {
            (hashValue) throws(InputError) in try decodeHash(hashValue, at: path("hash"), reader: reader)
        }
        var secretEncoding: SecretEncoding? = .utf8
        if let value = member("secret") {
            secretEncoding = try reader.recovering { () throws(InputError) -> SecretEncoding in
                let text = try reader.string(value, at: path("secret"))
                guard let encoding = SecretEncoding(rawValue: text) else {
                    throw reader.error(path("secret"), "unknown secret encoding \"\(text)\"", hint: "utf8, base64 or hex")
                }
                return encoding
            }
        }
        let missingPrehash = reader.error(base, "missing \"prehash\"", hint: "the template of the string the HMAC covers, e.g. \"{timestamp}{method}{requestPath}{body}\"")
        let prehash = try reader.required(member("prehash"), missing: missingPrehash) { (prehashValue) throws(InputError) -> Template in
            let prehash = try decodeTemplate(prehashValue, at: path("prehash"), reader: reader, depth: 0)
            // Each string is bounded by the parser; the whole prehash, arrays and digests included, is bounded here.
            let (parts, characters) = prehash.size
            guard parts <= TemplateParser.maximumParts, characters <= TemplateParser.maximumCharacters else {
                throw reader.error(path("prehash"), "the prehash has \(parts) parts and \(characters) characters in all, over the limits of \(TemplateParser.maximumParts) and \(TemplateParser.maximumCharacters)",
                                   hint: "a venue's prehash is a few parts; split nothing, repeat nothing")
            }
            return prehash
        }
        let signature = try reader.required(member("signature"), missing: reader.error(base, "missing \"signature\"", hint: "say where the signature goes")) {
            (signatureValue) throws(InputError) in try decodeSignature(signatureValue, at: path("signature"), reader: reader)
        }
        // The optional members are read into a recipe with stand-ins for the required ones that
        // failed; such a recipe is never returned.
        var recipe = HMACRecipe(hash: hash ?? .sha256, secretEncoding: secretEncoding ?? .utf8, prehash: prehash ?? Template([]),
                                signature: signature ?? SignatureField(location: .header("", prefix: ""), encoding: .hex))
        var complete = hash != nil && secretEncoding != nil && prehash != nil && signature != nil
        func read(_ decode: () throws(InputError) -> Void) throws(InputError) {
            if try reader.recovering(decode) == nil { complete = false }
        }
        try read { () throws(InputError) in try decodeOptionalMembers(member, into: &recipe, base: base, reader: reader) }
        // Only a recipe read whole is checked for variables: a member left out for its problem
        // would be reported again as missing.
        if complete { try read { () throws(InputError) in try validateVariables(recipe, reader: reader) } }
        if let value = member("keyOptions"), complete {
            recipe.keyOptions = try decodeKeyOptions(value, at: path("keyOptions"), base: recipe, reader: reader)
        }
        guard complete else { throw reader.stopped }
        return recipe
    }

    func decodeSignature(_ signatureValue: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> SignatureField {
        func path(_ name: String) -> String { "\(pointer)/\(name)" }
        let signatureMembers = try reader.members(signatureValue, at: pointer, allowed: ["in", "encoding", "caseInsensitive"])
        guard let signatureIn = signatureMembers.first(where: { $0.key == "in" })?.value else {
            throw reader.error(pointer, "missing \"in\"", hint: "e.g. {\"header\": \"X-SIGN\"}")
        }
        var signature = SignatureField(location: try decodeLocation(signatureIn, at: path("in"), reader: reader), encoding: .hex)
        for item in signatureMembers {
            switch item.key {
            case "encoding":
                let text = try reader.string(item.value, at: path("encoding"))
                guard let encoding = ByteEncoding(rawValue: text) else {
                    throw reader.error(path("encoding"), "unknown encoding \"\(text)\"", hint: "hex, hex-upper, base64 or base64url")
                }
                signature.encoding = encoding
            case "caseInsensitive":
                guard case .bool(let flag) = item.value else { throw reader.error(path("caseInsensitive"), "expected true or false") }
                signature.caseInsensitive = flag
            default: break
            }
        }
        return signature
    }

    /// The members of an hmac recipe after hash, secret, prehash and signature, each read on its own.
    func decodeOptionalMembers(_ member: (String) -> JSONValue?, into recipe: inout HMACRecipe, base: String, reader: JSONReader) throws(InputError) {
        func path(_ name: String) -> String { "\(base)/\(name)" }
        var stopped = false
        func read(_ decode: () throws(InputError) -> Void) throws(InputError) {
            if try reader.recovering(decode) == nil { stopped = true }
        }
        try read { () throws(InputError) in
        if let value = member("credentialFields") {
            let names = try reader.stringArray(value, at: path("credentialFields"))
            for (index, name) in names.enumerated() where !Credentials.isFieldName(name) {
                throw reader.error("\(path("credentialFields"))/\(index)", "\"\(name)\" cannot be a credential field",
                                   hint: "a letter, then letters and digits (at most 64); apiKey, secret and passphrase are built in")
            }
            guard names.count <= 8, Set(names).count == names.count else {
                throw reader.error(path("credentialFields"), "credentialFields holds at most 8 distinct names")
            }
            recipe.credentialFields = names
        }
        if let value = member("clientFields") {
            let names = try reader.stringArray(value, at: path("clientFields"))
            guard names.count <= 8, Set(names).count == names.count, names.allSatisfy({ !$0.isEmpty && $0.count <= 64 }) else {
                throw reader.error(path("clientFields"), "clientFields holds at most 8 distinct, non-empty names")
            }
            recipe.clientFields = names
        }
        }
        try read { () throws(InputError) in if let value = member("apiKey") { recipe.apiKey = Field(try decodeIn(value, at: path("apiKey"), reader: reader)) } }
        try read { () throws(InputError) in if let value = member("nonce") { recipe.nonce = Field(try decodeIn(value, at: path("nonce"), reader: reader)) } }
        try read { () throws(InputError) in if let value = member("timestamp") { recipe.timestamp = try decodeTimestamp(value, at: path("timestamp"), reader: reader) } }
        try read { () throws(InputError) in if let value = member("recvWindow") { recipe.recvWindow = try decodeRecvWindow(value, at: path("recvWindow"), reader: reader) } }
        try read { () throws(InputError) in if let value = member("passphrase") { recipe.passphrase = try decodePassphrase(value, at: path("passphrase"), reader: reader) } }
        try read { () throws(InputError) in
        if let value = member("canonicalQuery") {
            let pointer = path("canonicalQuery")
            var rule = CanonicalQueryRule(sortByKey: false, uppercaseHex: true, exclude: [])
            for item in try reader.members(value, at: pointer, allowed: ["sort", "hexCase", "exclude"]) {
                switch item.key {
                case "sort":
                    guard case .bool(let flag) = item.value else { throw reader.error("\(pointer)/sort", "expected true or false") }
                    rule.sortByKey = flag
                case "hexCase":
                    let text = try reader.string(item.value, at: "\(pointer)/hexCase")
                    guard text == "upper" || text == "lower" else { throw reader.error("\(pointer)/hexCase", "expected \"upper\" or \"lower\"") }
                    rule.uppercaseHex = text == "upper"
                default: rule.exclude = try reader.stringArray(item.value, at: "\(pointer)/exclude")
                }
            }
            recipe.canonicalQuery = rule
        }
        }
        try read { () throws(InputError) in
        if let value = member("paramString") {
            let pointer = path("paramString")
            var rule = ParamStringRule(member: "params", maximumDepth: 3, booleanStyle: .json)
            for item in try reader.members(value, at: pointer, allowed: ["member", "maxDepth", "booleans", "numbers"]) {
                let itemPointer = "\(pointer)/\(item.key)"
                switch item.key {
                case "member": rule.member = try reader.string(item.value, at: itemPointer)
                case "maxDepth":
                    if case .string("none") = item.value {
                        rule.maximumDepth = nil
                        continue
                    }
                    let depth = try reader.integer(item.value, at: itemPointer)
                    guard (1...16).contains(depth) else { throw reader.error(itemPointer, "depth must be 1…16, or \"none\" for no limit") }
                    rule.maximumDepth = Int(depth)
                case "booleans":
                    let text = try reader.string(item.value, at: itemPointer)
                    guard let style = ParamStringRule.BooleanStyle(rawValue: text) else {
                        throw reader.error(itemPointer, "unknown boolean style \"\(text)\"", hint: "json or python")
                    }
                    rule.booleanStyle = style
                default:
                    let text = try reader.string(item.value, at: itemPointer)
                    guard let style = ParamStringRule.NumberStyle(rawValue: text) else {
                        throw reader.error(itemPointer, "unknown number style \"\(text)\"", hint: "as-sent or javascript")
                    }
                    rule.numberStyle = style
                }
            }
            recipe.paramString = rule
        }
        }
        if stopped { throw reader.stopped }
    }

    /// An object whose member names are the author's (options, choices), annotations left out.
    func namedMembers(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> [(key: String, value: JSONValue)] {
        guard let members = value.objectMembers else { throw reader.error(pointer, "expected an object, found \(value.typeName)") }
        return members.filter { !$0.key.hasPrefix("$") }
    }

    func decodeRecvWindow(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> RecvWindowField {
        var field = RecvWindowField(location: nil, defaultMilliseconds: 0)
        var hasDefault = false
        for item in try reader.members(value, at: pointer, allowed: ["in", "defaultMs"]) {
            if item.key == "in" {
                field.location = try decodeLocation(item.value, at: "\(pointer)/in", reader: reader)
            } else {
                field.defaultMilliseconds = try reader.integer(item.value, at: "\(pointer)/defaultMs")
                hasDefault = true
            }
        }
        guard hasDefault else { throw reader.error(pointer, "missing \"defaultMs\"", hint: "the window the venue applies when none is sent, e.g. 5000") }
        return field
    }

    /// `"keyOptions": {"<option>": {"description": "…", "choices": {"<choice>": {<members it replaces>}}}}`.
    func decodeKeyOptions(_ value: JSONValue, at pointer: String, base: HMACRecipe, reader: JSONReader) throws(InputError) -> [KeyOption] {
        var options: [KeyOption] = []
        let items = try namedMembers(value, at: pointer, reader: reader)
        guard !items.isEmpty, items.count <= 8 else {
            throw reader.error(pointer, "keyOptions needs 1 to 8 options", hint: "remove \"keyOptions\" when the key has no setting that changes signing")
        }
        for item in items {
            let optionPointer = JSONPointer.appending(pointer, item.key)
            guard Self.isVenueID(item.key) else { throw reader.error(optionPointer, "an option name is lower-case letters, digits and '-'") }
            let members = try reader.members(item.value, at: optionPointer, allowed: ["description", "choices"])
            guard let descriptionValue = members.first(where: { $0.key == "description" })?.value else {
                throw reader.error(optionPointer, "missing \"description\"", hint: "say which setting of the key this is and where the docs describe it")
            }
            let description = try reader.string(descriptionValue, at: "\(optionPointer)/description")
            guard let choicesValue = members.first(where: { $0.key == "choices" })?.value else {
                throw reader.error(optionPointer, "missing \"choices\"", hint: "e.g. {\"time-based\": {}, \"increasing\": {\"timestamp\": …}}")
            }
            let choiceItems = try namedMembers(choicesValue, at: "\(optionPointer)/choices", reader: reader)
            guard (2...8).contains(choiceItems.count) else {
                throw reader.error("\(optionPointer)/choices", "an option needs 2 to 8 choices", hint: "one choice is no option: put its members in the recipe")
            }
            var choices: [KeyChoice] = []
            for choiceItem in choiceItems {
                let choicePointer = JSONPointer.appending("\(optionPointer)/choices", choiceItem.key)
                guard Self.isVenueID(choiceItem.key) else { throw reader.error(choicePointer, "a choice name is lower-case letters, digits and '-'") }
                var choice = KeyChoice(name: choiceItem.key)
                for member in try reader.members(choiceItem.value, at: choicePointer, allowed: Self.keyChoiceMembers) {
                    let memberPointer = "\(choicePointer)/\(member.key)"
                    switch member.key {
                    case "description": choice.description = try reader.string(member.value, at: memberPointer)
                    case "prehash": choice.prehash = try decodeTemplate(member.value, at: memberPointer, reader: reader, depth: 0)
                    case "timestamp": choice.timestamp = try decodeTimestamp(member.value, at: memberPointer, reader: reader)
                    case "nonce": choice.nonce = Field(try decodeIn(member.value, at: memberPointer, reader: reader))
                    case "recvWindow": choice.recvWindow = try decodeRecvWindow(member.value, at: memberPointer, reader: reader)
                    default: choice.passphrase = try decodePassphrase(member.value, at: memberPointer, reader: reader)
                    }
                }
                try validateVariables(base.applying(choice), reader: reader)
                choices.append(choice)
            }
            options.append(KeyOption(name: item.key, description: description, choices: choices))
        }
        return options
    }

    /// A template that reads a variable the recipe never says where to find is a recipe bug: say so at load time.
    func validateVariables(_ recipe: HMACRecipe, reader: JSONReader) throws(InputError) {
        for variable in recipe.prehash.variables.flatMap(\.referenced) {
            let missing: String? = switch variable {
            case .timestamp where recipe.timestamp == nil: "timestamp"
            case .nonce where recipe.nonce == nil: "nonce"
            case .apiKey where recipe.apiKey == nil: "apiKey"
            case .recvWindow where recipe.recvWindow == nil: "recvWindow"
            case .canonicalQuery where recipe.canonicalQuery == nil: "canonicalQuery"
            case .paramString where recipe.paramString == nil: "paramString"
            case .credential(let name) where !recipe.credentialFields.contains(name): "credentialFields entry \"\(name)\""
            default: nil
            }
            if let missing {
                throw reader.error("/hmac/prehash", "the template uses {\(variable)} but the recipe has no \"\(missing)\"",
                                   hint: "add \"\(missing)\" to the hmac recipe")
            }
        }
    }

    func decodeHash(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> HashAlgorithm {
        let text = try reader.string(value, at: pointer)
        guard let hash = HashAlgorithm(rawValue: text) ?? HashAlgorithm(name: text) else {
            throw reader.error(pointer, "unknown hash \"\(text)\"", hint: "one of \(HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return hash
    }

    func decodeTemplate(_ value: JSONValue, at pointer: String, reader: JSONReader, depth: Int) throws(InputError) -> Template {
        guard depth <= TemplateParser.maximumDigestNesting else {
            throw reader.error(pointer, "digests nested deeper than \(TemplateParser.maximumDigestNesting)")
        }
        switch value {
        case .string(let text):
            do { return try TemplateParser().parse(text) } catch { throw reader.error(error, at: pointer) }
        case .array(let elements):
            guard elements.count <= 64 else { throw reader.error(pointer, "a prehash has at most 64 parts") }
            var parts: [Template.Part] = []
            for (index, element) in elements.enumerated() {
                let elementPointer = JSONPointer.appending(pointer, index)
                if case .object(let members) = element, members.contains(where: { ["if", "then", "else"].contains($0.key) }) {
                    parts.append(.variable(try decodeConditional(element, at: elementPointer, reader: reader), optional: false))
                } else if case .object = element {
                    let members = try reader.members(element, at: elementPointer, allowed: ["digest", "output", "of"])
                    guard let hashValue = members.first(where: { $0.key == "digest" })?.value,
                          let ofValue = members.first(where: { $0.key == "of" })?.value else {
                        throw reader.error(elementPointer, "a digest part needs \"digest\" and \"of\"",
                                           hint: "e.g. {\"digest\": \"sha512\", \"output\": \"hex\", \"of\": \"{body}\"}")
                    }
                    let hash = try decodeHash(hashValue, at: "\(elementPointer)/digest", reader: reader)
                    var output = DigestOutput.hex
                    if let outputValue = members.first(where: { $0.key == "output" })?.value {
                        let text = try reader.string(outputValue, at: "\(elementPointer)/output")
                        guard let parsed = DigestOutput(rawValue: text) else {
                            throw reader.error("\(elementPointer)/output", "unknown digest output \"\(text)\"", hint: "raw, hex, hex-upper or base64")
                        }
                        output = parsed
                    }
                    let inner = try decodeTemplate(ofValue, at: "\(elementPointer)/of", reader: reader, depth: depth + 1)
                    parts.append(.digest(hash, output, inner))
                } else {
                    parts += try decodeTemplate(element, at: elementPointer, reader: reader, depth: depth).parts
                }
            }
            return Template(parts)
        default:
            throw reader.error(pointer, "expected a template string or an array of parts, found \(value.typeName)")
        }
    }

    /// `{"if": "body", "then": "{header:Content-Type}", "else": ""}`: the branches are template
    /// strings (text and variables, no digests), the condition a variable name without braces.
    func decodeConditional(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> Variable {
        let members = try reader.members(value, at: pointer, allowed: ["if", "then", "else"])
        func branch(_ name: String) throws(InputError) -> Template {
            guard let branchValue = members.first(where: { $0.key == name })?.value else { return Template([]) }
            let text = try reader.string(branchValue, at: "\(pointer)/\(name)")
            do { return try TemplateParser().parse(text) } catch { throw reader.error(error, at: "\(pointer)/\(name)") }
        }
        guard let conditionValue = members.first(where: { $0.key == "if" })?.value else {
            throw reader.error(pointer, "a conditional part needs \"if\"", hint: "e.g. {\"if\": \"body\", \"then\": \"{header:Content-Type}\"}")
        }
        let conditionText = try reader.string(conditionValue, at: "\(pointer)/if")
        let condition: Variable
        do { condition = try TemplateParser().parseVariable(conditionText) } catch {
            let problem = error.problems[0]
            throw reader.error("\(pointer)/if", "bad condition: \(problem.message)", hint: problem.hint, code: .template)
        }
        guard members.contains(where: { $0.key == "then" }) else {
            throw reader.error(pointer, "a conditional part needs \"then\"", hint: "the template rendered when \(conditionText) is non-empty")
        }
        return .conditional(condition, then: try branch("then"), otherwise: try branch("else"))
    }

    func decodeIn(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> FieldLocation {
        let members = try reader.members(value, at: pointer, allowed: ["in"])
        guard let location = members.first?.value else { throw reader.error(pointer, "missing \"in\"", hint: "e.g. {\"in\": {\"header\": \"X-KEY\"}}") }
        return try decodeLocation(location, at: "\(pointer)/in", reader: reader)
    }

    func decodeTimestamp(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> TimestampField {
        let members = try reader.members(value, at: pointer, allowed: ["in", "format", "window"])
        guard let inValue = members.first(where: { $0.key == "in" })?.value else { throw reader.error(pointer, "missing \"in\"") }
        guard let formatValue = members.first(where: { $0.key == "format" })?.value else {
            throw reader.error(pointer, "missing \"format\"", hint: TimestampFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let formatText = try reader.string(formatValue, at: "\(pointer)/format")
        guard let format = TimestampFormat(rawValue: formatText) else {
            throw reader.error("\(pointer)/format", "unknown timestamp format \"\(formatText)\"",
                               hint: TimestampFormat.allCases.map(\.rawValue).joined(separator: ", "))
        }
        var window: TimeWindow?
        if let windowValue = members.first(where: { $0.key == "window" })?.value {
            let windowPointer = "\(pointer)/window"
            var parsed = TimeWindow(pastMilliseconds: nil, futureMilliseconds: 0)
            var sawPast = false
            for item in try reader.members(windowValue, at: windowPointer, allowed: ["pastMs", "futureMs", "expires"]) {
                switch item.key {
                case "pastMs":
                    sawPast = true
                    if case .string("recvWindow") = item.value { parsed.pastMilliseconds = nil } else {
                        parsed.pastMilliseconds = try reader.integer(item.value, at: "\(windowPointer)/pastMs")
                    }
                case "futureMs": parsed.futureMilliseconds = try reader.integer(item.value, at: "\(windowPointer)/futureMs")
                default:
                    guard case .bool(let flag) = item.value else { throw reader.error("\(windowPointer)/expires", "expected true or false") }
                    parsed.isExpiry = flag
                }
            }
            if !sawPast && !parsed.isExpiry {
                throw reader.error(windowPointer, "missing \"pastMs\"", hint: "milliseconds, or \"recvWindow\" to use the receive window")
            }
            window = parsed
        }
        return TimestampField(location: try decodeLocation(inValue, at: "\(pointer)/in", reader: reader), format: format, window: window)
    }

    func decodePassphrase(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> PassphraseField {
        let members = try reader.members(value, at: pointer, allowed: ["in", "signed"])
        guard let inValue = members.first(where: { $0.key == "in" })?.value else { throw reader.error(pointer, "missing \"in\"") }
        var signing: PassphraseSigning?
        if let signedValue = members.first(where: { $0.key == "signed" })?.value {
            let signedPointer = "\(pointer)/signed"
            var parsed = PassphraseSigning(hash: .sha256, encoding: .base64, whenHeader: nil, whenValues: [])
            for item in try reader.members(signedValue, at: signedPointer, allowed: ["hash", "encoding", "whenHeader", "values"]) {
                let itemPointer = "\(signedPointer)/\(item.key)"
                switch item.key {
                case "hash": parsed.hash = try decodeHash(item.value, at: itemPointer, reader: reader)
                case "encoding":
                    let text = try reader.string(item.value, at: itemPointer)
                    guard let encoding = ByteEncoding(rawValue: text) else { throw reader.error(itemPointer, "unknown encoding \"\(text)\"") }
                    parsed.encoding = encoding
                case "whenHeader": parsed.whenHeader = try reader.string(item.value, at: itemPointer)
                default: parsed.whenValues = try reader.stringArray(item.value, at: itemPointer)
                }
            }
            signing = parsed
        }
        return PassphraseField(location: try decodeLocation(inValue, at: "\(pointer)/in", reader: reader), signing: signing)
    }

    func decodeLocation(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> FieldLocation {
        let members = try reader.members(value, at: pointer, allowed: Self.locationMembers)
        var fields: [String: String] = [:]
        for item in members { fields[item.key] = try reader.string(item.value, at: "\(pointer)/\(item.key)") }
        let kinds = ["header", "query", "body", "param"].filter { fields[$0] != nil }
        guard kinds.count == 1, let kind = kinds.first, let name = fields[kind], !name.isEmpty else {
            throw reader.error(pointer, "a location names exactly one of header, query, body, param",
                               hint: "e.g. {\"header\": \"X-SIGN\"} or {\"param\": \"signature\"}")
        }
        // Modifiers refine a header location; anywhere else they would be silently ignored.
        let shape: (kind: String, modifiers: Set<String>) = switch kind {
        case "header" where fields["parameter"] != nil: ("a header parameter", ["parameter", "scheme"])
        case "header" where fields["decode"] != nil: ("a base64-JSON header", ["decode", "member"])
        case "header": ("a header", ["prefix"])
        default: ("a \(kind) location", [])
        }
        for item in members where item.key != kind && !shape.modifiers.contains(item.key) {
            let takes = shape.modifiers.isEmpty ? "takes no modifiers" : "takes only " + shape.modifiers.sorted().map { "\"\($0)\"" }.joined(separator: " and ")
            throw reader.error("\(pointer)/\(item.key)", "\"\(item.key)\" does not apply to \(shape.kind)",
                               hint: "\(shape.kind) \(takes); see the location kinds in docs/recipes.md")
        }
        switch kind {
        case "header":
            if let parameter = fields["parameter"] {
                return .headerParameter(header: name, scheme: fields["scheme"] ?? "", parameter: parameter)
            }
            if let decode = fields["decode"] {
                guard decode == "base64-json", let member = fields["member"] else {
                    throw reader.error(pointer, "\"decode\" supports \"base64-json\" with a \"member\"")
                }
                return .encodedHeaderMember(header: name, member: member)
            }
            return .header(name, prefix: fields["prefix"] ?? "")
        case "query": return .query(name)
        case "body": return .body(name)
        default: return .parameter(name)
        }
    }
}

extension Template {
    /// Parts and literal characters in the whole template, digests' templates and conditional
    /// branches included.
    var size: (parts: Int, characters: Int) {
        parts.reduce((0, 0)) { total, part in
            let inner: [Template] = switch part {
            case .literal: []
            case .variable(.conditional(_, let then, let otherwise), _): [then, otherwise]
            case .variable: []
            case .digest(_, _, let template): [template]
            }
            let literal = if case .literal(let text) = part { text.count } else { 0 }
            return inner.reduce((total.0 + 1, total.1 + literal)) { ($0.0 + $1.size.parts, $0.1 + $1.size.characters) }
        }
    }
}
