/// The parts of a URL or HTTP request-target that a signature can cover, kept byte for byte.
struct RequestTarget {
    var scheme: String
    /// `host[:port]`, or nil for an origin-form target (`/path?query`).
    var host: String?
    var path: String
    var query: String

    /// Splits an absolute URL (`https://host:port/path?query#fragment`); without a scheme,
    /// `http://` is assumed as curl does. The fragment is dropped: it is never sent.
    static func parseURL(_ url: String, at location: SourceLocation, source: RequestParseError.Source) throws(RequestParseError) -> RequestTarget {
        func fail(_ message: String, _ hint: String) -> RequestParseError { RequestParseError(source, at: location, message, hint: hint) }
        if let bad = url.first(where: { $0 == " " || $0 == "\t" || $0.isNewline }) {
            throw fail("the URL \"\(url)\" contains \(bad == " " ? "a space" : "white space")", "percent-encode it (%20) as the client sent it")
        }
        var rest = Substring(url)
        var scheme = "http"
        if let separator = rest.range(of: "://") {
            scheme = rest[..<separator.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { throw fail("unsupported URL scheme \"\(scheme)\"", "use an http:// or https:// URL") }
            rest = rest[separator.upperBound...]
        }
        if let hash = rest.firstIndex(of: "#") { rest = rest[..<hash] }
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        guard !authority.isEmpty else { throw fail("the URL \"\(url)\" has no host", "write it as https://host/path") }
        guard !authority.contains("@") else {
            throw fail("the URL carries user credentials", "remove user:password@ from the URL (use -u if the request really sends Basic auth)")
        }
        var target = try origin(String(rest[authorityEnd...]), at: location, source: source)
        target.scheme = scheme
        target.host = String(authority)
        return target
    }

    /// Splits an origin-form target (`/path?query`); an empty path is `/`.
    static func origin(_ text: String, at location: SourceLocation, source: RequestParseError.Source) throws(RequestParseError) -> RequestTarget {
        var path = text
        var query = ""
        if let question = text.firstIndex(of: "?") {
            path = String(text[..<question])
            query = String(text[text.index(after: question)...])
        }
        if path.isEmpty { path = "/" }
        guard path.hasPrefix("/") else {
            throw RequestParseError(source, at: location, "the path \"\(path)\" does not start with '/'", hint: "write the request target as /path?query")
        }
        return RequestTarget(scheme: "http", host: nil, path: path, query: query)
    }
}
