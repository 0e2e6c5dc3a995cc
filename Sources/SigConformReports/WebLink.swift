import SigConformCore

/// Which URLs from input (a recipe's `docs`, a diagnosis' docs page) become links. Only
/// `http:` and `https:` URLs do; anything else (`javascript:`, `data:`, `file:`, a relative
/// path, text with spaces or quotes) is shown as text, so a hostile recipe cannot plant a live
/// link that runs script or opens a local file when a reader clicks it.
enum WebLink {
    /// Whether `url` is an absolute `http(s)` URL made only of printable ASCII that needs no
    /// escaping inside an attribute or a Markdown autolink.
    static func isWeb(_ url: String) -> Bool {
        let lowered = url.lowercased()
        guard let scheme = ["https://", "http://"].first(where: lowered.hasPrefix), url.utf8.count > scheme.utf8.count else { return false }
        return url.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "'") && byte != UInt8(ascii: "<")
                && byte != UInt8(ascii: ">") && byte != UInt8(ascii: "\\") && byte != UInt8(ascii: "`")
        }
    }

    /// An HTML link to `url` showing `text` (already escaped), or the text alone when `url` is not a web link.
    static func html(_ url: String, text: String, title: String? = nil) -> String {
        guard isWeb(url) else { return text }
        let titleAttribute = title.map { " title=\"\(Escaping.html($0))\"" } ?? ""
        return "<a href=\"\(Escaping.html(url))\"\(titleAttribute) rel=\"noopener noreferrer\">\(text)</a>"
    }

    /// `url` in Markdown: an autolink when it is a web link, escaped text otherwise.
    static func markdown(_ url: String) -> String {
        isWeb(url) ? "<\(url)>" : Escaping.markdown(url)
    }
}
