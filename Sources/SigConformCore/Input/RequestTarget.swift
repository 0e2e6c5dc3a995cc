/// A URL or HTTP request-target checked strictly before ``URLParts`` splits it: the checks say
/// where and why a target cannot be what a client sent.
enum RequestTarget {
    /// Checks and splits an absolute URL (`https://host:port/path?query#fragment`); without a
    /// scheme, `http://` is assumed as curl does. Returns the scheme and the parts.
    static func parseURL(_ url: String, at location: SourceLocation, source: RequestParseError.Source) throws(RequestParseError) -> (scheme: String, parts: URLParts) {
        func fail(_ message: String, _ hint: String) -> RequestParseError { RequestParseError(source, at: location, message, hint: hint) }
        if let bad = url.first(where: { $0 == " " || $0 == "\t" || $0.isNewline }) {
            throw fail("the URL \"\(url)\" contains \(bad == " " ? "a space" : "white space")", "percent-encode it (%20) as the client sent it")
        }
        var scheme = "http"
        var absolute = url
        if let separator = url.range(of: "://") {
            scheme = url[..<separator.lowerBound].lowercased()
            guard scheme == "http" || scheme == "https" else { throw fail("unsupported URL scheme \"\(scheme)\"", "use an http:// or https:// URL") }
        } else {
            absolute = "http://" + url
        }
        guard let parts = URLParts(absolute), let host = parts.host, !host.isEmpty else {
            throw fail("the URL \"\(url)\" has no host", "write it as https://host/path")
        }
        guard !host.contains("@") else {
            throw fail("the URL carries user credentials", "remove user:password@ from the URL (use -u if the request really sends Basic auth)")
        }
        return (scheme, parts)
    }

    /// Checks and splits an origin-form target (`/path?query`).
    static func origin(_ text: String, at location: SourceLocation, source: RequestParseError.Source) throws(RequestParseError) -> URLParts {
        guard text.hasPrefix("/"), let parts = URLParts(text) else {
            throw RequestParseError(source, at: location, "the target \"\(text)\" does not start with '/'", hint: "write the request target as /path?query")
        }
        return parts
    }
}
