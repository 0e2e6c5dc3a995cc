/// Reads a venue's `otherSchemes`: the schemes of the venue that sigconform does not check, each
/// with the signs that show it (``OtherScheme``).
extension RecipeDecoder {
    // vectors/schema/venue.schema.json mirrors these; SchemaTests keep the two in step.
    public static let otherSchemeMembers: Set<String> = ["name", "docs", "requires", "supportedBy", "minimumSupport"]
    public static let schemeSignMembers: Set<String> = ["header", "absent", "equals", "prefix", "dotParts", "plainPassphrase", "host", "pathPrefix", "anyOf", "says"]

    func decodeOtherSchemes(_ value: JSONValue, reader: JSONReader) throws(InputError) -> [OtherScheme] {
        guard case .array(let elements) = value else {
            throw reader.error("/otherSchemes", "expected an array of schemes, found \(value.typeName)")
        }
        // Each scheme on its own: a collecting reader (lint) reports the problems of every scheme.
        var schemes: [OtherScheme] = []
        var failed = false
        for (index, element) in elements.enumerated() {
            let scheme = try reader.recovering { () throws(InputError) in try otherScheme(element, at: "/otherSchemes/\(index)", reader: reader) }
            if let scheme { schemes.append(scheme) } else { failed = true }
        }
        if failed { throw reader.stopped }
        return schemes
    }

    func otherScheme(_ element: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> OtherScheme {
        let members = try reader.members(element, at: pointer, allowed: Self.otherSchemeMembers)
        func member(_ name: String) throws(InputError) -> JSONValue {
            guard let value = members.first(where: { $0.key == name })?.value else {
                throw reader.error(pointer, "missing \"\(name)\"", hint: "a scheme has a name, the docs that describe it and the signs it \"requires\"")
            }
            return value
        }
        let name = try reader.string(try member("name"), at: "\(pointer)/name")
        let docs = try reader.string(try member("docs"), at: "\(pointer)/docs")
        guard docs.hasPrefix("https://") || docs.hasPrefix("http://") else {
            throw reader.error("\(pointer)/docs", "\"docs\" is not a URL", hint: "the venue's page that documents the scheme or its retirement")
        }
        let requires = try signs(try member("requires"), at: "\(pointer)/requires", reader: reader)
        guard !requires.isEmpty else {
            throw reader.error("\(pointer)/requires", "a scheme needs at least one sign it requires", hint: "e.g. {\"header\": \"CB-VERSION\"}")
        }
        let supported = members.first { $0.key == "supportedBy" }?.value
        let supportedBy = try supported.map { (value) throws(InputError) in try signs(value, at: "\(pointer)/supportedBy", reader: reader) } ?? []
        var minimumSupport = supportedBy.isEmpty ? 0 : 1
        if let value = members.first(where: { $0.key == "minimumSupport" })?.value {
            let count = try reader.integer(value, at: "\(pointer)/minimumSupport")
            guard count >= 0, count <= supportedBy.count else {
                throw reader.error("\(pointer)/minimumSupport", "\(count) of \(supportedBy.count) supporting signs can never hold",
                                   hint: "0 to the number of signs in \"supportedBy\"")
            }
            minimumSupport = Int(count)
        }
        // The finding names what shows the scheme: a scheme none of whose signs says anything would never be named.
        guard (requires + supportedBy).contains(where: \.saysSomething) else {
            throw reader.error(pointer, "no sign of this scheme \"says\" what shows it", hint: "add \"says\" to a sign, e.g. \"a CB-VERSION header\"")
        }
        return OtherScheme(name: name, docs: docs, requires: requires, supportedBy: supportedBy, minimumSupport: minimumSupport)
    }

    func signs(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> [OtherScheme.Sign] {
        guard case .array(let elements) = value else { throw reader.error(pointer, "expected an array of signs, found \(value.typeName)") }
        var out: [OtherScheme.Sign] = []
        for (index, element) in elements.enumerated() {
            out.append(try sign(element, at: "\(pointer)/\(index)", reader: reader))
        }
        return out
    }

    /// One sign: exactly one of `header` (with `absent`, or conditions on its value), `host`,
    /// `pathPrefix` or `anyOf`, and optional `says`.
    func sign(_ value: JSONValue, at pointer: String, reader: JSONReader) throws(InputError) -> OtherScheme.Sign {
        let members = try reader.members(value, at: pointer, allowed: Self.schemeSignMembers)
        func member(_ name: String) -> JSONValue? { members.first { $0.key == name }?.value }
        let kinds = ["header", "host", "pathPrefix", "anyOf"].filter { member($0) != nil }
        guard kinds.count == 1, let kind = kinds.first else {
            throw reader.error(pointer, kinds.isEmpty ? "a sign names what it looks at" : "a sign looks at one thing, not \(kinds.joined(separator: " and "))",
                               hint: "one of \"header\", \"host\", \"pathPrefix\", \"anyOf\"")
        }
        let valueMembers = ["absent", "equals", "prefix", "dotParts", "plainPassphrase"].filter { member($0) != nil }
        if kind != "header", let stray = valueMembers.first {
            throw reader.error("\(pointer)/\(stray)", "\"\(stray)\" applies to a header sign only", hint: "remove it, or make this a \"header\" sign")
        }
        let says = try member("says").map { (value) throws(InputError) in try reader.string(value, at: "\(pointer)/says") }
        let test: OtherScheme.Test
        switch kind {
        case "host": test = .host(try reader.string(member("host")!, at: "\(pointer)/host"))
        case "pathPrefix": test = .pathPrefix(try reader.string(member("pathPrefix")!, at: "\(pointer)/pathPrefix"))
        case "anyOf":
            let alternatives = try signs(member("anyOf")!, at: "\(pointer)/anyOf", reader: reader)
            guard alternatives.count >= 2 else { throw reader.error("\(pointer)/anyOf", "\"anyOf\" needs two signs or more", hint: "write a single sign as itself") }
            test = .anyOf(alternatives)
        default:
            let name = try reader.string(member("header")!, at: "\(pointer)/header")
            if let absent = member("absent") {
                guard case .bool(true) = absent else { throw reader.error("\(pointer)/absent", "\"absent\" is true or left out", hint: "a present header is the default") }
                if let other = valueMembers.first(where: { $0 != "absent" }) {
                    throw reader.error("\(pointer)/\(other)", "an absent header has no value to check", hint: "remove \"\(other)\" or \"absent\"")
                }
                test = .headerAbsent(name)
                break
            }
            var condition = OtherScheme.HeaderValue()
            if let equals = member("equals") { condition.equals = try reader.stringArray(equals, at: "\(pointer)/equals") }
            if let prefix = member("prefix") { condition.prefix = try reader.string(prefix, at: "\(pointer)/prefix") }
            if let parts = member("dotParts") {
                let count = try reader.integer(parts, at: "\(pointer)/dotParts")
                guard (1...16).contains(count) else { throw reader.error("\(pointer)/dotParts", "\(count) dot-separated parts", hint: "1 to 16; a JWT has 3") }
                condition.dotParts = Int(count)
            }
            if let plain = member("plainPassphrase") {
                guard case .bool(true) = plain else { throw reader.error("\(pointer)/plainPassphrase", "\"plainPassphrase\" is true or left out") }
                condition.plainPassphrase = true
            }
            test = .header(name, condition)
        }
        return OtherScheme.Sign(test, says: says)
    }
}

extension OtherScheme.Sign {
    /// Whether this sign, or one of its alternatives, has words to show.
    var saysSomething: Bool {
        if says != nil { return true }
        if case .anyOf(let signs) = test { return signs.contains(where: \.saysSomething) }
        return false
    }
}
