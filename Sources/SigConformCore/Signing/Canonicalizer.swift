import SigConformMAC

/// Builds a venue's prehash from a request, exactly as the venue's server would.
package struct Canonicalizer: Sendable {
    package let venue: Venue
    package let recipe: HMACRecipe

    /// Fails for bearer venues, which sign nothing.
    package init(venue: Venue) throws(SigningError) {
        guard let recipe = venue.hmac else {
            throw SigningError("\(venue.id) authenticates with a bearer token; it has no prehash")
        }
        self.venue = venue
        self.recipe = recipe
    }

    package init(venue: Venue, recipe: HMACRecipe) {
        self.venue = venue
        self.recipe = recipe
    }

    /// The request split as this venue reads it: without a body the venue does not read
    /// (`reads.ignoresBody`), which is then in neither the prehash nor the parameters.
    package func view(_ request: HTTPRequest) -> RequestView {
        RequestView(venue.reads.withoutIgnoredBody(request), signature: recipe.signature.location, parts: partsRead)
    }

    /// What signing under the recipe and checking its clock read of a request: the prehash's
    /// variables and the fields' locations. A view has these ready; anything else a caller
    /// reads of it is still right, only made on each read.
    package var partsRead: RequestView.Parts {
        Self.parts(read: recipe.prehash)
            .union(.reading(recipe.timestamp?.location)).union(.reading(recipe.nonce?.location))
            .union(.reading(recipe.apiKey?.location)).union(.reading(recipe.recvWindow?.location ?? nil))
    }

    static func parts(read template: Template) -> RequestView.Parts {
        template.parts.reduce(into: []) { parts, part in
            switch part {
            case .literal: break
            case .variable(let variable, _): parts.formUnion(Self.parts(read: variable))
            case .digest(_, _, let inner): parts.formUnion(Self.parts(read: inner))
            }
        }
    }

    static func parts(read variable: Variable) -> RequestView.Parts {
        switch variable {
        case .decodedQuery, .canonicalQuery, .queryParameter: .queryItems
        case .bodyField: [.formItems, .jsonBody]
        case .paramString: .jsonBody
        case .conditional(let condition, let then, let otherwise):
            Self.parts(read: condition).union(Self.parts(read: then)).union(Self.parts(read: otherwise))
        // The fields' own locations are added by `partsRead`.
        case .method, .path, .pathWithout, .query, .requestPath, .body, .host, .timestamp, .nonce, .apiKey, .recvWindow, .header, .credential:
            []
        }
    }

    /// The prehash of `request` under the recipe's template (or `template`, when a caller varies it).
    /// Digests inside the template are computed on `backend`, so each backend checks its own.
    package func prehash(
        _ view: RequestView, credentials: Credentials, backend: any MACBackend, template: Template? = nil
    ) throws(SigningError) -> Prehash {
        try draft(view, credentials: credentials, template: template).prehash(on: backend)
    }

    /// The prehash of `request` up to its digests, for every backend to finish with its own
    /// digests (``PrehashDraft``).
    package func draft(_ view: RequestView, credentials: Credentials, template: Template? = nil) throws(SigningError) -> PrehashDraft {
        try draft(template ?? recipe.prehash, view: view, credentials: credentials)
    }

    /// Renders the literals and variables of `template` into one buffer with a span per part (no
    /// array or label per segment); a digest part leaves an empty span and a draft of its input.
    func draft(_ template: Template, view: RequestView, credentials: Credentials) throws(SigningError) -> PrehashDraft {
        var bytes: [UInt8] = []
        // Room for what a prehash usually holds (the path, query and body, and a few short
        // values) at once, instead of growing the buffer as parts are appended (issue 20).
        bytes.reserveCapacity(view.request.path.utf8.count + view.unsignedQuery.utf8.count + view.unsignedBody.utf8.count + 128)
        var spans: [Prehash.Span] = []
        var digests: [PrehashDraft.Digest] = []
        spans.reserveCapacity(template.parts.count)
        for part in template.parts {
            switch part {
            case .literal(let text):
                Self.append(text, to: &bytes)
                spans.append(Prehash.Span(component: .literal, source: .literal, end: bytes.count))
            case .variable(let variable, let optional):
                if let value = try value(of: variable, optional: optional, view: view, credentials: credentials) {
                    Self.append(value, to: &bytes)
                    spans.append(Prehash.Span(component: variable.component, source: .variable(variable), end: bytes.count))
                }
            case .digest(let hash, let output, let inner):
                digests.append(PrehashDraft.Digest(hash: hash, output: output, input: try draft(inner, view: view, credentials: credentials)))
                spans.append(Prehash.Span(component: .digest, source: .digest(hash), end: bytes.count))
            }
        }
        return PrehashDraft(bytes: bytes, spans: spans, digests: digests)
    }

    /// Appends the UTF-8 of `text` from its storage: appending a `String.UTF8View` went through
    /// the generic sequence path, about 400 instructions a segment (callgrind).
    static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// The value of a template variable; `nil` for an optional one the request lacks, an error for a required one.
    func value(of variable: Variable, optional: Bool, view: RequestView, credentials: Credentials) throws(SigningError) -> String? {
        if let value = try resolve(variable, view: view, credentials: credentials) { return value }
        guard optional else {
            if case .credential(let name) = variable {
                throw SigningError("the vector has no credentials.\(name), which \(venue.id) signs (it is never sent)",
                                   hint: "give the \(name) in the vector's credentials")
            }
            throw SigningError("the request has no \(describe(variable)), which \(venue.id) signs",
                               hint: "add it to the request, or mark the variable optional ({\(variable)?}) in the recipe if the venue allows its absence")
        }
        return nil
    }

    /// The value of `variable` for this request, or `nil` when the request lacks it.
    package func resolve(_ variable: Variable, view: RequestView, credentials: Credentials) throws(SigningError) -> String? {
        let request = view.request
        switch variable {
        case .method: return request.method
        case .path: return request.path
        case .pathWithout(let prefix):
            // Whole segments only: "/derivatives" is stripped from "/derivatives/api/…", not from "/derivativesX".
            let path = request.path
            guard path.hasPrefix(prefix), path.count == prefix.count || path.dropFirst(prefix.count).hasPrefix("/") else { return path }
            return String(path.dropFirst(prefix.count))
        case .query: return view.unsignedQuery
        case .decodedQuery:
            return view.queryItems.map { $0.hasEquals ? "\($0.key)=\($0.value)" : $0.key }.joined(separator: "&")
        case .requestPath: return view.unsignedQuery.isEmpty ? request.path : request.path + "?" + view.unsignedQuery
        case .body: return view.unsignedBody
        case .host: return request.effectiveHost ?? venue.host
        case .timestamp: return recipe.timestamp.flatMap { view.value(at: $0.location) }
        case .nonce: return recipe.nonce.flatMap { view.value(at: $0.location) }
        case .apiKey: return recipe.apiKey.flatMap { view.value(at: $0.location) }
        case .recvWindow:
            guard let field = recipe.recvWindow else { return nil }
            return field.location.flatMap { view.value(at: $0) } ?? String(field.defaultMilliseconds)
        case .canonicalQuery: return recipe.canonicalQuery.map { canonicalQuery(view, rule: $0) }
        case .paramString:
            guard let rule = recipe.paramString else { return nil }
            guard let member = view.jsonMember(rule.member) else { return "" }
            return ParamString.render(member, rule: rule)
        case .header(let name): return request.headers[name]
        case .queryParameter(let name): return view.queryItems.last { $0.key == name }?.rawValue
        case .bodyField(let name): return view.bodyMember(name)
        case .credential(let name): return credentials.fields[name]
        case .conditional(let condition, let then, let otherwise):
            let present = !(try resolve(condition, view: view, credentials: credentials) ?? "").isEmpty
            return try text(present ? then : otherwise, view: view, credentials: credentials)
        }
    }

    /// A template of text and variables (a conditional's branch) as one string.
    func text(_ template: Template, view: RequestView, credentials: Credentials) throws(SigningError) -> String {
        var out = ""
        for part in template.parts {
            switch part {
            case .literal(let literal): out += literal
            case .variable(let variable, let optional):
                out += try value(of: variable, optional: optional, view: view, credentials: credentials) ?? ""
            case .digest:
                // The decoder only builds branches from template strings, which cannot hold digests.
                throw SigningError("a conditional branch of \(venue.id)'s recipe holds a digest", hint: "branches hold text and variables only")
            }
        }
        return out
    }

    /// Sent parameters decoded, optionally sorted by key, re-encoded by the rule, joined with `&`;
    /// without empty pairs where the venue drops them (`reads.emptyPairs`).
    package func canonicalQuery(_ view: RequestView, rule: CanonicalQueryRule) -> String {
        let dropsEmpty = venue.reads.dropsEmptyPairs
        var pairs = view.queryItems.filter { !rule.exclude.contains($0.key) && !(dropsEmpty && $0.raw.isEmpty) }.map { ($0.key, $0.value) }
        if rule.sortByKey {
            // Stable sort on the key's bytes, as the venues' reference code (ASCII order) does.
            pairs = pairs.enumerated().sorted { lhs, rhs in
                let (a, b) = (Array(lhs.element.0.utf8), Array(rhs.element.0.utf8))
                return a == b ? lhs.offset < rhs.offset : a.lexicographicallyPrecedes(b)
            }.map(\.element)
        }
        return pairs.map {
            PercentEncoding.encode($0.0, uppercaseHex: rule.uppercaseHex) + "=" + PercentEncoding.encode($0.1, uppercaseHex: rule.uppercaseHex)
        }.joined(separator: "&")
    }

    func describe(_ variable: Variable) -> String {
        switch variable {
        case .timestamp: recipe.timestamp.map { "timestamp (\($0.location))" } ?? "timestamp"
        case .nonce: recipe.nonce.map { "nonce (\($0.location))" } ?? "nonce"
        case .apiKey: recipe.apiKey.map { "API key (\($0.location))" } ?? "API key"
        case .host: "host (request.host or a Host header)"
        case .header(let name): "header \(name)"
        case .queryParameter(let name): "query parameter \(name)"
        case .bodyField(let name): "body member \(name)"
        case .credential(let name): "credential \(name) (credentials.\(name), never sent)"
        default: "{\(variable)}"
        }
    }
}

/// Flattens a JSON parameter object into `key + value` pairs with keys sorted and no delimiters
/// (Crypto.com's parameter string). Nested objects are flattened the same way, arrays element by
/// element, as the docs' JavaScript helper does; `null` parameters give the empty string.
package enum ParamString {
    package static func render(_ value: JSONValue, rule: ParamStringRule) -> String {
        if case .null = value { return "" }
        return render(value, rule: rule, level: 0)
    }

    static func render(_ value: JSONValue, rule: ParamStringRule, level: Int) -> String {
        guard case .object(let members) = value else { return scalar(value, rule: rule) }
        if let maximumDepth = rule.maximumDepth, level >= maximumDepth { return JSONWriter.compact(value) }
        var out = ""
        // UTF-16 code-unit order: JavaScript's sort() and Java's compareTo (the docs' helpers).
        let ordered = rule.sortsKeys ? members.sorted(by: { Array($0.key.utf16).lexicographicallyPrecedes(Array($1.key.utf16)) }) : members
        for member in ordered {
            out += member.key + flattened(member.value, rule: rule, level: level)
        }
        return out
    }

    /// A member's value: objects one level deeper, arrays element by element at the same level.
    static func flattened(_ value: JSONValue, rule: ParamStringRule, level: Int) -> String {
        switch value {
        case .object: render(value, rule: rule, level: level + 1)
        case .array(let elements): elements.map { flattened($0, rule: rule, level: level) }.joined()
        default: scalar(value, rule: rule)
        }
    }

    static func scalar(_ value: JSONValue, rule: ParamStringRule) -> String {
        switch value {
        case .bool(let flag) where rule.booleanStyle == .python: flag ? "True" : "False"
        case .number(let text) where rule.numberStyle == .javascript: JavaScriptNumber.string(text) ?? text
        default: RequestView.text(value)
        }
    }
}
