import SigConformCore

extension Mistake {
    /// Signed a different path than sent: without or with its query, with scheme and host, the
    /// full URL with the query line left empty, without the venue's version prefix (and without
    /// the leading slash) or a literal prefix the venue adds (Bitfinex's `/api`), with a doubled
    /// or trailing slash or a stray character; or a path where the venue signs none.
    package static let pathMismatch = Mistake(.pathMismatch, name: "request-path") { attempt, context in
        var out: [SigningAttempt] = []
        let template = attempt.template
        let hasQuery = !context.view.unsignedQuery.isEmpty
        if hasQuery, template.uses(.requestPath) {
            out.append(attempt.with(.pathMismatch, "signed the path without its ?query") {
                $0.template = $0.template.replacing(.requestPath, with: .path)
            })
        }
        if hasQuery, let index = template.parts.firstIndex(where: Self.isQueryAfterQuestionMark) {
            out.append(attempt.with(.pathMismatch, "signed the path without its ?query") {
                $0.template.parts.remove(at: index)
            })
        }
        if hasQuery, template.uses(.path), !template.uses(.requestPath), !template.parts.contains(where: Self.isQueryAfterQuestionMark) {
            out.append(attempt.with(.pathMismatch, "signed the path with its ?query, which the venue signs separately or not at all") {
                $0.template = $0.template.replacing(.path, with: .requestPath)
            })
        }
        for case .pathWithout(let prefix) in Set(template.variables) {
            out.append(attempt.with(.pathMismatch, "signed the path with the prefix \(prefix), which the venue strips before it verifies") {
                $0.template = $0.template.replacing(.pathWithout(prefix), with: .path)
            })
        }
        guard let pathIndex = template.parts.firstIndex(where: Self.isPath) else {
            // The venue signs no path (Binance: query + body): a client that put one in front.
            if let queryIndex = template.parts.firstIndex(where: Self.isQuery) {
                for (label, inserted) in [("the path and '?'", [Template.Part.variable(.path, optional: false), .literal("?")]),
                                          ("the path", [Template.Part.variable(.path, optional: false)])] {
                    out.append(attempt.with(.pathMismatch, "signed \(label) before the parameters, which the venue does not sign") {
                        $0.template.parts.insert(contentsOf: inserted, at: queryIndex)
                    })
                }
            }
            return out
        }
        // A literal right before the path is a prefix the venue adds ("/api" + path).
        var prefixIndex: Int?
        if pathIndex > 0, case .literal(let text) = template.parts[pathIndex - 1], text.hasPrefix("/"), !text.contains("\n") {
            prefixIndex = pathIndex - 1
            out.append(attempt.with(.pathMismatch, "signed the path without the prefix \"\(text)\" the venue adds") {
                $0.template.parts.remove(at: pathIndex - 1)
            })
        }
        if let host = context.sent.effectiveHost ?? context.venue.host {
            // The full URL, query included, as the path, where the venue signs the query on its own
            // line: that line left empty.
            if hasQuery, let queryVariable = template.variables.first(where: { Self.isQuery(.variable($0, optional: false)) }) {
                let url = "https://\(host)\(attempt.request.path)?\(context.view.unsignedQuery)"
                out.append(attempt.with(.pathMismatch, "signed the full URL as the path (\(url)) and left the query line empty") {
                    $0.request.path = url
                    $0.template = $0.template.replacing(queryVariable, withLiteral: "")
                })
            }
            for origin in ["https://\(host)", host] {
                out.append(attempt.with(.pathMismatch, "signed the path with \(origin.hasPrefix("https") ? "scheme and host" : "the host") (\(origin)…)") {
                    $0.template.parts.insert(.literal(origin), at: prefixIndex ?? pathIndex)
                })
                if let prefixIndex {
                    out.append(attempt.with(.pathMismatch, "signed the URL (\(origin)…) instead of the venue's prefixed path") {
                        $0.template.parts[prefixIndex] = .literal(origin)
                    })
                }
            }
        }
        let path = attempt.request.path
        var paths: [(String, String)] = []
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for dropped in 1...2 where segments.count > dropped + 1 {
            let rest = segments.dropFirst(dropped + 1).joined(separator: "/")
            let prefix = segments.prefix(dropped + 1).joined(separator: "/")
            paths.append(("without its prefix \(prefix)", "/" + rest))
            // Relative to a base URL that ends in the prefix and '/'.
            paths.append(("without its prefix \(prefix) and the leading '/'", rest))
        }
        if path.hasPrefix("/") {
            // A base URL ending in '/' joined with a path starting with '/', or a prefix joined the same way.
            paths.append(("with a doubled '/' at the start", "/" + path))
            for (index, segment) in segments.enumerated().dropFirst().prefix(4) where index + 1 < segments.count && !segment.isEmpty {
                let doubled = segments.prefix(index + 1).joined(separator: "/") + "//" + segments.dropFirst(index + 1).joined(separator: "/")
                paths.append(("with a doubled '/' after \(segments.prefix(index + 1).joined(separator: "/"))", doubled))
            }
        }
        paths.append(("with a stray '?' after it", path + "?"))
        paths.append(("with a stray space after it", path + " "))
        if path.hasSuffix("/") && path.count > 1 { paths.append(("without the trailing '/'", String(path.dropLast()))) }
        if !path.hasSuffix("/") { paths.append(("with a trailing '/'", path + "/")) }
        if path.hasPrefix("/") { paths.append(("without the leading '/'", String(path.dropFirst()))) }
        for (label, signed) in paths {
            out.append(attempt.with(.pathMismatch, "signed the path \(label): \(signed)") { $0.request.path = signed })
        }
        return out
    }

    static func isPath(_ part: Template.Part) -> Bool {
        if case .variable(let variable, _) = part { return variable == .path || variable == .requestPath }
        return false
    }

    static func isQuery(_ part: Template.Part) -> Bool {
        if case .variable(let variable, _) = part { return [.query, .decodedQuery, .canonicalQuery].contains(variable) }
        return false
    }

    /// A part that adds `?query` to the path only when there is a query (KuCoin's conditional).
    static func isQueryAfterQuestionMark(_ part: Template.Part) -> Bool {
        guard case .variable(.conditional(_, let then, _), _) = part, case .literal(let text)? = then.parts.first else { return false }
        return text.hasPrefix("?")
    }
}

extension Template {
    /// The template with every use of `variable` replaced by `replacement`.
    func replacing(_ variable: Variable, with replacement: Variable) -> Template {
        Template(parts.map { part in
            switch part {
            case .variable(variable, let optional): .variable(replacement, optional: optional)
            case .digest(let hash, let output, let inner): .digest(hash, output, inner.replacing(variable, with: replacement))
            case .variable(.conditional(let condition, let then, let otherwise), let optional):
                .variable(.conditional(condition, then: then.replacing(variable, with: replacement),
                                       otherwise: otherwise.replacing(variable, with: replacement)), optional: optional)
            default: part
            }
        })
    }
}
