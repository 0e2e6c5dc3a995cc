import SigConformCore

extension Mistake {
    /// Signed a different path than sent: without or with its query, with scheme and host,
    /// without the venue's version prefix, with a trailing slash changed.
    public static let pathMismatch = Mistake(.pathMismatch, name: "request-path") { attempt, context in
        var out: [SigningAttempt] = []
        let usesRequestPath = attempt.template.variables.contains(.requestPath)
        let usesPath = attempt.template.variables.contains(.path)
        if usesRequestPath, !context.view.unsignedQuery.isEmpty {
            out.append(attempt.with(.pathMismatch, "signed the path without its ?query") {
                $0.template = $0.template.replacing(.requestPath, with: .path)
            })
        }
        if usesPath, !context.view.unsignedQuery.isEmpty {
            out.append(attempt.with(.pathMismatch, "signed the path with its ?query, which the venue signs separately or not at all") {
                $0.template = $0.template.replacing(.path, with: .requestPath)
            })
        }
        guard usesPath || usesRequestPath else { return out }
        let path = attempt.request.path
        var paths: [(String, String)] = []
        if let host = context.sent.effectiveHost ?? context.venue.host {
            paths.append(("with scheme and host (https://\(host)…)", "https://\(host)\(path)"))
            paths.append(("with the host (\(host)…)", "\(host)\(path)"))
        }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        for dropped in 1...2 where segments.count > dropped + 1 {
            let shorter = "/" + segments.dropFirst(dropped + 1).joined(separator: "/")
            paths.append(("without its prefix \(segments.prefix(dropped + 1).joined(separator: "/"))", shorter))
        }
        if path.hasSuffix("/") && path.count > 1 { paths.append(("without the trailing '/'", String(path.dropLast()))) }
        if !path.hasSuffix("/") { paths.append(("with a trailing '/'", path + "/")) }
        if path.hasPrefix("/") { paths.append(("without the leading '/'", String(path.dropFirst()))) }
        for (label, signed) in paths {
            out.append(attempt.with(.pathMismatch, "signed the path \(label): \(signed)") { $0.request.path = signed })
        }
        return out
    }
}

extension Template {
    /// The template with every use of `variable` replaced by `replacement`.
    func replacing(_ variable: Variable, with replacement: Variable) -> Template {
        Template(parts.map { part in
            switch part {
            case .variable(variable, let optional): .variable(replacement, optional: optional)
            case .digest(let hash, let output, let inner): .digest(hash, output, inner.replacing(variable, with: replacement))
            default: part
            }
        })
    }
}
