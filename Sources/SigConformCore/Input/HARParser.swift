import Foundation

/// Reads the requests of a HAR file (HTTP Archive 1.2, as saved by browser dev tools and proxies).
public enum HARParser {
    /// One request of a HAR file, with where it was in the file.
    public struct Entry: Sendable {
        public var index: Int
        public var host: String?
        public var request: HTTPRequest
    }

    /// Every entry's request. The URL is split into host, path and raw query; `postData.text` is the body.
    public static func parse(_ reader: JSONReader) throws(InputError) -> [Entry] {
        let root = reader.document.root
        guard let log = root["log"], let entries = log["entries"]?.arrayValue else {
            throw reader.error("", "not a HAR file: no log.entries", hint: "save the requests from the browser's network panel as HAR")
        }
        guard entries.count <= InputLimits.harEntries else {
            throw reader.error("/log/entries", "\(entries.count) entries, over the limit of \(InputLimits.harEntries) requests in one HAR file",
                               hint: "save only the exchange's requests (filter the network panel by its host)")
        }
        var out: [Entry] = []
        for (index, entry) in entries.enumerated() {
            let pointer = "/log/entries/\(index)/request"
            guard let request = entry["request"] else { throw reader.error("/log/entries/\(index)", "entry has no request") }
            guard let method = request["method"]?.stringValue, let url = request["url"]?.stringValue else {
                throw reader.error(pointer, "request needs method and url")
            }
            // A method is an RFC 9110 token: CR, LF or a space would forge another request line.
            guard !method.isEmpty, method.unicodeScalars.allSatisfy(HTTPMessageParser.isTokenCharacter) else {
                throw reader.error("\(pointer)/method", "\"\(method)\" is not an HTTP method", hint: "a method is letters such as GET or POST")
            }
            guard let parts = URLParts(url) else {
                throw reader.error("\(pointer)/url", "cannot parse the URL \"\(url)\"", hint: "a HAR url is absolute, e.g. https://api.example.com/path?x=1")
            }
            var headers = HTTPHeaders()
            for (headerIndex, header) in (request["headers"]?.arrayValue ?? []).enumerated() {
                guard let name = header["name"]?.stringValue, let value = header["value"]?.stringValue else {
                    throw reader.error("\(pointer)/headers/\(headerIndex)", "a header needs name and value")
                }
                // HTTP/2 pseudo-headers (:authority, :path) are not request headers of the signed request.
                if !name.hasPrefix(":") { headers = Self.appending(headers, name, value) }
            }
            if let pair = headers.repeatedName(differentValuesOnly: true) {
                throw reader.error("\(pointer)/headers", HTTPHeaders.repeatMessage(pair), hint: "keep one")
            }
            let body = request["postData"]?["text"]?.stringValue ?? ""
            let captured = HTTPRequest(method: method, host: parts.host, path: parts.path, query: parts.query, headers: headers, body: body)
            if let problem = InputLimits.oversizedRequest(captured) { throw reader.error(pointer, problem, hint: "an exchange request is kilobytes") }
            out.append(Entry(index: index, host: parts.host, request: captured))
        }
        return out
    }

    static func appending(_ headers: HTTPHeaders, _ name: String, _ value: String) -> HTTPHeaders {
        HTTPHeaders(headers.fields.map { ($0.name, $0.value) } + [(name, value)])
    }
}

/// An absolute or origin-form URL split the way signing needs it: host, path, raw query.
public struct URLParts: Sendable, Hashable {
    public var host: String?
    public var path: String
    /// The raw query without `?`, exactly as written.
    public var query: String

    /// Splits `text` without normalising or decoding anything; `nil` when it has no path.
    public init?(_ text: String) {
        var rest = Substring(text)
        if let fragment = rest.firstIndex(of: "#") { rest = rest[..<fragment] }
        host = nil
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            let end = rest.firstIndex { $0 == "/" || $0 == "?" } ?? rest.endIndex
            host = String(rest[..<end])
            rest = rest[end...]
        }
        if let question = rest.firstIndex(of: "?") {
            path = String(rest[..<question])
            query = String(rest[rest.index(after: question)...])
        } else {
            path = String(rest)
            query = ""
        }
        if path.isEmpty { path = "/" }
        guard path.hasPrefix("/") else { return nil }
    }
}
