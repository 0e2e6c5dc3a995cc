import SigConformCore
import SigConformMAC

/// What every venue's recipe says, one row per venue, written from the venue files themselves
/// so that docs/venues.md cannot drift from the recipes (`sigconform venues --markdown`).
package struct VenueTable: Sendable {
    /// One venue's row, each cell as plain text.
    package struct Row: Sendable, Hashable {
        package var id: String
        package var name: String
        package var prehash: String
        package var hash: String
        package var secret: String
        package var output: String
        package var timestamp: String
        package var window: String
        package var signature: String
        package var errors: String
        package var docs: String
        package var vectors: Int
    }

    package var rows: [Row]

    /// Rows for `venues` in id order; `vectorCounts` maps a venue id to its number of vectors.
    package init(venues: [Venue], vectorCounts: [String: Int]) {
        rows = venues.sorted { $0.id < $1.id }.map { Self.row($0, vectors: vectorCounts[$0.id] ?? 0) }
    }

    /// A Markdown link to a venue's docs when they are a web URL (`<…>` around one with
    /// parentheses), the escaped text otherwise (``WebLink``).
    static func docsLink(_ url: String) -> String {
        guard WebLink.isWeb(url) else { return Escaping.markdown(url) }
        return url.contains("(") || url.contains(")") ? "[docs](<\(url)>)" : "[docs](\(url))"
    }

    static let headers = ["venue", "prehash", "hash", "secret", "output", "timestamp", "window", "signature in", "errors (sig · time · key)", "docs", "vectors"]

    /// A GitHub-flavoured Markdown table; pipes inside cells are escaped, the prehash is code.
    package var markdown: String {
        var lines = ["| " + Self.headers.joined(separator: " | ") + " |", "|" + Self.headers.map { _ in "---" }.joined(separator: "|") + "|"]
        for row in rows {
            let code = [row.id, row.prehash].map { $0 == "—" ? $0 : "`" + Self.escapeCell($0, code: true) + "`" }
            let text = [row.hash, row.secret, row.output, row.timestamp, row.window, row.signature, row.errors].map { Self.escapeCell($0, code: false) }
            lines.append("| " + (code + text + [Self.docsLink(row.docs), String(row.vectors)]).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A listing for a terminal: one block per venue.
    package var listing: String {
        var lines: [String] = []
        for row in rows {
            lines.append("\(row.id) — \(row.name) (\(row.vectors) vectors)")
            let fields = [("prehash", row.prehash), ("mac", "\(row.hash), secret \(row.secret), output \(row.output)"),
                          ("timestamp", row.timestamp), ("window", row.window), ("signature", row.signature),
                          ("errors", row.errors), ("docs", row.docs)]
            for (label, value) in fields { lines.append("  " + label.padding(11) + value) }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    /// A cell's text for a Markdown table: pipes escaped; outside code, `<` and `>` as entities
    /// so that `<api key>` is not read as an HTML tag.
    static func escapeCell(_ text: String, code: Bool) -> String {
        var out = ""
        for character in text {
            switch character {
            case "|": out += "\\|"
            case "\n": out += " "
            case "<" where !code: out += "&lt;"
            case ">" where !code: out += "&gt;"
            default: out.append(character)
            }
        }
        return out
    }

    static func row(_ venue: Venue, vectors: Int) -> Row {
        let errors = [venue.errors.badSignature, venue.errors.badTimestamp, venue.errors.badKey]
            .map { $0.map { $0.code.isEmpty ? "—" : $0.code } ?? "—" }.joined(separator: " · ")
        var row = Row(id: venue.id, name: venue.name, prehash: "—", hash: "—", secret: "—", output: "—", timestamp: "—",
                      window: "—", signature: "—", errors: errors, docs: venue.docs, vectors: vectors)
        switch venue.auth {
        case .bearer(let recipe):
            row.signature = "header \(recipe.header): \(recipe.scheme) <api key>"
        case .hmac(let recipe):
            row.prehash = visible(recipe.prehash.source)
            row.hash = "HMAC-" + recipe.hash.rawValue.uppercased()
            row.secret = recipe.secretEncoding == .utf8 ? "UTF-8" : recipe.secretEncoding.rawValue + "-decoded"
            row.output = recipe.signature.encoding.rawValue + (recipe.signature.caseInsensitive ? " (any case)" : "")
            row.timestamp = timestamp(recipe)
            row.window = window(recipe) + keyOptions(recipe)
            row.signature = recipe.signature.location.description
        }
        return row
    }

    /// Control characters written as escapes, so a template fits on one line.
    static func visible(_ text: String) -> String {
        String(text.flatMap { character -> [Character] in
            switch character {
            case "\n": ["\\", "n"]
            case "\r": ["\\", "r"]
            case "\t": ["\\", "t"]
            default: [character]
            }
        })
    }

    static func timestamp(_ recipe: HMACRecipe) -> String {
        var parts: [String] = []
        if let field = recipe.timestamp { parts.append("\(field.format.rawValue), \(field.location)") }
        if let nonce = recipe.nonce { parts.append("nonce: \(nonce.location)") }
        return parts.isEmpty ? "—" : parts.joined(separator: "; ")
    }

    /// The window under each choice of each key option (Gemini's nonce mode), after the recipe's own.
    static func keyOptions(_ recipe: HMACRecipe) -> String {
        recipe.keyOptions.map { option in
            "; by key option \(option.name): " + option.choices.map { choice in
                let shown = window(recipe.applying(choice))
                return "\(choice.name) \(shown == "—" ? "no clock check" : shown)"
            }.joined(separator: " | ")
        }.joined()
    }

    static func window(_ recipe: HMACRecipe) -> String {
        guard let window = recipe.timestamp?.window else {
            return recipe.nonce == nil ? "—" : "none (increasing nonce)"
        }
        if window.isExpiry { return "until the expiry" }
        let future = "ahead < \(seconds(window.futureMilliseconds))"
        guard let past = window.pastMilliseconds else {
            let recvWindow = recipe.recvWindow.map { "recvWindow (default \(seconds($0.defaultMilliseconds)))" } ?? "recvWindow"
            return "behind ≤ \(recvWindow), \(future)"
        }
        return "behind ≤ \(seconds(past)), \(future)"
    }

    /// Milliseconds as seconds where whole (`30 s`), else as milliseconds.
    static func seconds(_ milliseconds: Int64) -> String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000) s" : "\(milliseconds) ms"
    }
}
