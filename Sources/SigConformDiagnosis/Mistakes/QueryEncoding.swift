import SigConformCore

extension Mistake {
    /// Signed a differently percent-encoded query than sent: `+` vs `%20`, hex case, raw
    /// (decoded) values, reserved characters encoded or not, double encoding.
    package static let queryEncoding = Mistake(.queryEncoding, name: "query-percent-encoding") { attempt, context in
        var out: [SigningAttempt] = []
        if attempt.template.uses(.canonicalQuery) {
            for (label, text) in ComputedVariables.canonicalQueries(context, attempt.request).encodings {
                out.append(attempt.with(.queryEncoding, "built the canonical query \(label): \(text)") {
                    $0.template = $0.template.replacing(.canonicalQuery, withLiteral: text)
                })
            }
        }
        if attempt.template.uses(.decodedQuery) {
            // The venue signs the decoded query (Gate, Bitget); the client signed its own
            // percent-encoding of values it sent raw, or as sent where the venue decodes.
            let items = QueryItem.split(context.view.unsignedQuery)
            let decodedForms: [(String, String)] = [
                ("percent-encoded (RFC 3986) while the venue signs it decoded", QueryItem.join(items.map {
                    QueryItem(raw: PercentEncoding.encode($0.key) + "=" + PercentEncoding.encode($0.value)) })),
                ("percent-encoded form-style ('+' for space) while the venue signs it decoded", QueryItem.join(items.map {
                    QueryItem(raw: PercentEncoding.encode($0.key, spaceAsPlus: true) + "=" + PercentEncoding.encode($0.value, spaceAsPlus: true)) })),
            ]
            var seen: Set<String> = [items.map { $0.key + "=" + $0.value }.joined(separator: "&")]
            for (label, text) in decodedForms where !items.isEmpty && seen.insert(text).inserted {
                out.append(attempt.with(.queryEncoding, "signed the query \(label): \(text)") {
                    $0.template = $0.template.replacing(.decodedQuery, withLiteral: text)
                })
            }
        }
        for part in [RequestPart.query, .formBody] {
            let items = part.items(of: attempt.request)
            guard !items.isEmpty else { continue }
            let original = QueryItem.join(items)
            var seen: Set<String> = [original]
            for (label, encode) in encodings {
                let rewritten = items.map { item -> QueryItem in
                    QueryItem(raw: item.hasEquals ? encode(item.rawKey) + "=" + encode(item.rawValue) : encode(item.rawKey))
                }
                let joined = QueryItem.join(rewritten)
                guard seen.insert(joined).inserted else { continue }
                out.append(attempt.with(.queryEncoding, "signed the \(part.name) \(label)") {
                    $0.request = part.replacing(rewritten, in: $0.request)
                })
            }
        }
        return out
    }

    /// Re-encodings of one raw (still encoded) key or value.
    static let encodings: [(String, @Sendable (String) -> String)] = [
        ("with values decoded (raw characters, not percent-encoded)", { PercentEncoding.decode($0, plusIsSpace: true) }),
        ("with '%XX' decoded but '+' kept", { PercentEncoding.decode($0, plusIsSpace: false) }),
        ("with spaces as '+' instead of '%20'", { $0.replacingAll("%20", with: "+") }),
        ("with spaces as '%20' instead of '+'", { $0.replacingAll("+", with: "%20") }),
        ("with lower-case hex escapes", { lowerHexEscapes($0) }),
        ("with upper-case hex escapes", { upperHexEscapes($0) }),
        ("re-encoded strictly (RFC 3986, every reserved character escaped)", { PercentEncoding.encode(PercentEncoding.decode($0)) }),
        ("re-encoded form-style (spaces as '+')", { PercentEncoding.encode(PercentEncoding.decode($0), spaceAsPlus: true) }),
        ("double-encoded ('%' encoded again as '%25')", { $0.replacingAll("%", with: "%25") }),
        ("encoded once more (escapes the already-encoded text)", { PercentEncoding.encode($0) }),
    ]

    /// `text` with the hex digits of its `%XX` escapes lower-cased.
    package static func lowerHexEscapes(_ text: String) -> String { mapEscapes(text) { $0.lowercased() } }
    static func upperHexEscapes(_ text: String) -> String { mapEscapes(text) { $0.uppercased() } }

    static func mapEscapes(_ text: String, _ transform: (String) -> String) -> String {
        // Most values have no escape, and a large one (a padded 1 MB query) made this walk of
        // Characters a third of its diagnosis.
        guard text.utf8.contains(UInt8(ascii: "%")) else { return text }
        var out = ""
        var characters = Array(text)[...]
        while let first = characters.first {
            if first == "%", characters.count >= 3 {
                let escape = String(characters.prefix(3))
                out += transform(escape)
                characters = characters.dropFirst(3)
            } else {
                out.append(first)
                characters = characters.dropFirst()
            }
        }
        return out
    }
}

extension String {
    func replacingAll(_ target: String, with replacement: String) -> String {
        // Searching the bytes first: a Character match is also a byte match, so a text without
        // the target's bytes is returned as it is, without the slow generic substring search.
        let needle = Array(target.utf8)
        let found = utf8.withContiguousStorageIfAvailable { Self.containsBytes($0, needle) } ?? true
        guard found else { return self }
        return split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }

    private static func containsBytes(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        var index = 0
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first, needle.indices.allSatisfy({ haystack[index + $0] == needle[$0] }) { return true }
            index += 1
        }
        return false
    }
}
