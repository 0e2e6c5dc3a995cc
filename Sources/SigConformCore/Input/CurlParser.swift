import SigConformMAC

/// A curl command line read as the request curl would send.
public struct CurlCommand: Sendable, Hashable {
    /// The request as curl puts it on the wire: method, path and query exactly as in the URL,
    /// the headers given with `-H` plus the `Content-Type` curl adds for `-d`/`--json`, the body.
    /// `host` is the URL's host (with its port, when one is given).
    public var request: HTTPRequest
    /// The URL as given.
    public var url: String
    /// `http` or `https`.
    public var scheme: String
    /// Options that do not change the request (`-s`, `--compressed`, `-o FILE`, …), as written.
    public var ignoredOptions: [String]
}

/// Reads a curl command line (as copied from a browser's network panel, an API's docs or a
/// shell history) into the request it sends. Strict: an option it does not know, a shell
/// expansion, a file reference (`-d @file`) or a URL curl would glob is an error with its
/// position, never a guess, because a vector must hold the bytes that were actually signed.
///
/// Understood: `-X/--request`, `-H/--header`, `-d/--data/--data-ascii`, `--data-raw`,
/// `--data-binary`, `--data-urlencode`, `--json`, `--url`, `-G/--get`, `-I/--head`,
/// `-A/--user-agent`, `-e/--referer`, `-b/--cookie` (a cookie string), `-u/--user`, and options
/// that do not change the request. Quoting: '…', "…", $'…', backslashes, line continuations.
public struct CurlParser: Sendable {
    public init() {}

    /// Parses one curl command line.
    public func parse(_ command: String) throws(RequestParseError) -> CurlCommand {
        let words = try ShellWords.split(command)
        guard let first = words.first else {
            throw RequestParseError(.curl, at: SourceLocation(line: 1, column: 1), "the command is empty", hint: "paste a command that starts with curl")
        }
        guard first.text == "curl" || first.text.hasSuffix("/curl") || first.text == "curl.exe" else {
            throw RequestParseError(.curl, at: first.location, "the command starts with \"\(first.text)\", not curl", hint: "paste the whole curl command")
        }
        var state = State()
        var index = 1
        while index < words.count {
            let word = words[index]
            index += 1
            if word.text.hasPrefix("--") && word.text.count > 2 {
                let name = String(word.text.dropFirst(2))
                guard let option = Self.longOptions[name] else {
                    throw unknownOption(word.text, at: word.location)
                }
                let argument = option.takesArgument ? try nextArgument(words, &index, for: word) : nil
                try state.apply(option, argument: argument, written: word)
            } else if word.text.hasPrefix("-") && word.text.count > 1 {
                // A cluster of short options (-sSL), the last of which may take the rest of the word or the next word (-XPOST, -X POST).
                var letters = Array(word.text.dropFirst())
                while !letters.isEmpty {
                    let letter = letters.removeFirst()
                    guard let option = Self.shortOptions[letter] else { throw unknownOption("-\(letter)", at: word.location) }
                    var argument: ShellWords.Word?
                    if option.takesArgument {
                        argument = letters.isEmpty ? try nextArgument(words, &index, for: word) : ShellWords.Word(text: String(letters), location: word.location)
                        letters = []
                    }
                    try state.apply(option, argument: argument, written: ShellWords.Word(text: "-\(letter)", location: word.location))
                }
            } else {
                try state.setURL(word)
            }
        }
        return try state.finish(start: first.location)
    }

    func nextArgument(_ words: [ShellWords.Word], _ index: inout Int, for option: ShellWords.Word) throws(RequestParseError) -> ShellWords.Word {
        guard index < words.count else {
            throw RequestParseError(.curl, at: option.location, "\(option.text) needs a value", hint: "write the value after it")
        }
        index += 1
        return words[index - 1]
    }

    func unknownOption(_ text: String, at location: SourceLocation) -> RequestParseError {
        if let equals = text.firstIndex(of: "="), text.hasPrefix("--") {
            let name = String(text[..<equals])
            return RequestParseError(.curl, at: location, "curl does not read \"\(text)\"",
                                     hint: "curl takes \(name) VALUE with a space, not \(name)=VALUE")
        }
        let known = Self.longOptions.keys.map { "--" + $0 }
        return RequestParseError(.curl, at: location, "unknown or unsupported option \(text)",
                                 hint: nearestName(to: text, in: known).map { "did you mean \($0)?" }
                                     ?? "sigconform reads -X, -H, -d, --data-raw, --data-binary, --data-urlencode, --json, --url, -G, -I, -A, -e, -b, -u; remove options that do not change the request")
    }

    // MARK: - Options

    enum Action: Sendable {
        case method, header, data(DataKind), url, get, head, userAgent, referer, cookie, user, ignore
        case unsupported(String)
    }

    enum DataKind: Sendable {
        /// -d/--data/--data-ascii and --data-binary: `@file` reads a file.
        case plain
        /// --data-raw: taken literally.
        case raw
        case urlencode
        case json
    }

    struct Option: Sendable {
        var action: Action
        var takesArgument: Bool
    }

    static let table: [(short: Character?, long: [String], Option)] = [
        ("X", ["request"], Option(action: .method, takesArgument: true)),
        ("H", ["header"], Option(action: .header, takesArgument: true)),
        ("d", ["data", "data-ascii", "data-binary"], Option(action: .data(.plain), takesArgument: true)),
        (nil, ["data-raw"], Option(action: .data(.raw), takesArgument: true)),
        (nil, ["data-urlencode"], Option(action: .data(.urlencode), takesArgument: true)),
        (nil, ["json"], Option(action: .data(.json), takesArgument: true)),
        (nil, ["url"], Option(action: .url, takesArgument: true)),
        ("G", ["get"], Option(action: .get, takesArgument: false)),
        ("I", ["head"], Option(action: .head, takesArgument: false)),
        ("A", ["user-agent"], Option(action: .userAgent, takesArgument: true)),
        ("e", ["referer"], Option(action: .referer, takesArgument: true)),
        ("b", ["cookie"], Option(action: .cookie, takesArgument: true)),
        ("u", ["user"], Option(action: .user, takesArgument: true)),
        ("F", ["form", "form-string"], Option(action: .unsupported("multipart form bodies are not supported; sign and record the raw body with --data-binary"), takesArgument: true)),
        ("T", ["upload-file"], Option(action: .unsupported("uploads from a file are not supported; put the body in --data-binary"), takesArgument: true)),
        ("K", ["config"], Option(action: .unsupported("a config file can add options sigconform cannot see; paste them on the command line"), takesArgument: true)),
        // Options that change how curl talks, not what it sends.
        ("o", ["output"], Option(action: .ignore, takesArgument: true)),
        ("m", ["max-time"], Option(action: .ignore, takesArgument: true)),
        ("w", ["write-out"], Option(action: .ignore, takesArgument: true)),
        ("x", ["proxy"], Option(action: .ignore, takesArgument: true)),
        ("E", ["cert"], Option(action: .ignore, takesArgument: true)),
        (nil, ["connect-timeout", "retry", "retry-delay", "retry-max-time", "cacert", "capath", "key", "resolve", "connect-to",
               "interface", "limit-rate", "max-redirs", "trace", "trace-ascii", "stderr", "dump-header"],
         Option(action: .ignore, takesArgument: true)),
        ("s", ["silent"], Option(action: .ignore, takesArgument: false)),
        ("S", ["show-error"], Option(action: .ignore, takesArgument: false)),
        ("v", ["verbose"], Option(action: .ignore, takesArgument: false)),
        ("i", ["include"], Option(action: .ignore, takesArgument: false)),
        ("k", ["insecure"], Option(action: .ignore, takesArgument: false)),
        ("L", ["location"], Option(action: .ignore, takesArgument: false)),
        ("f", ["fail"], Option(action: .ignore, takesArgument: false)),
        ("g", ["globoff"], Option(action: .ignore, takesArgument: false)),
        ("N", ["no-buffer"], Option(action: .ignore, takesArgument: false)),
        ("#", ["progress-bar"], Option(action: .ignore, takesArgument: false)),
        (nil, ["compressed", "fail-with-body", "path-as-is", "http1.1", "http2", "http2-prior-knowledge", "no-progress-meter",
               "no-keepalive", "tcp-nodelay", "ssl-reqd", "tlsv1.2", "tlsv1.3"],
         Option(action: .ignore, takesArgument: false)),
    ]

    static let shortOptions: [Character: Option] = Dictionary(uniqueKeysWithValues: table.compactMap { entry in entry.short.map { ($0, entry.2) } })
    static let longOptions: [String: Option] = Dictionary(uniqueKeysWithValues: table.flatMap { entry in entry.long.map { ($0, entry.2) } })

    // MARK: - Building the request

    struct State {
        var method: String?
        var headers: [(String, String)] = []
        var removedHeaders: Set<String> = []
        var data: [String] = []
        var json: String?
        var url: ShellWords.Word?
        var get = false
        var head = false
        var globOff = false
        var ignored: [String] = []

        mutating func apply(_ option: Option, argument: ShellWords.Word?, written: ShellWords.Word) throws(RequestParseError) {
            let value = argument?.text ?? ""
            let at = argument?.location ?? written.location
            switch option.action {
            case .method:
                guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.isAlphabetic }) else {
                    throw RequestParseError(.curl, at: at, "\"\(value)\" is not an HTTP method", hint: "e.g. -X POST")
                }
                method = value
            case .header: try addHeader(value, at: at)
            case .data(let kind): try addData(value, kind: kind, at: at)
            case .url: try setURL(ShellWords.Word(text: value, location: at))
            case .get: get = true
            case .head: head = true
            case .userAgent: headers.append(("User-Agent", value))
            case .referer: headers.append(("Referer", value))
            case .cookie:
                guard value.contains("=") else {
                    throw RequestParseError(.curl, at: at, "-b \"\(value)\" names a cookie file", hint: "give the cookies as \"name=value; name2=value2\"")
                }
                headers.append(("Cookie", value))
            case .user:
                headers.append(("Authorization", "Basic " + Base64.encode(Array(value.utf8))))
            case .ignore:
                if written.text == "-g" || written.text == "--globoff" { globOff = true }
                ignored.append(argument.map { "\(written.text) \($0.text)" } ?? written.text)
            case .unsupported(let reason):
                throw RequestParseError(.curl, at: written.location, "\(written.text): \(reason)")
            }
        }

        mutating func addHeader(_ line: String, at location: SourceLocation) throws(RequestParseError) {
            if line.hasPrefix("@") {
                throw RequestParseError(.curl, at: location, "-H \(line) reads headers from a file", hint: "give each header with its own -H")
            }
            if let colon = line.firstIndex(of: ":") {
                let name = String(line[..<colon])
                let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: [" ", "\t"])
                try checkName(name, at: location)
                // curl sends no header for "Name:" (it is how curl removes one of its own).
                if value.isEmpty { removedHeaders.insert(name.lowercased()) } else { headers.append((name, value)) }
            } else if line.hasSuffix(";") {
                let name = String(line.dropLast())
                try checkName(name, at: location)
                headers.append((name, ""))
            } else {
                throw RequestParseError(.curl, at: location, "-H \"\(line)\" has no ':'", hint: "write -H 'Name: value'")
            }
        }

        func checkName(_ name: String, at location: SourceLocation) throws(RequestParseError) {
            guard !name.isEmpty, name.unicodeScalars.allSatisfy(HTTPMessageParser.isTokenCharacter) else {
                throw RequestParseError(.curl, at: location, "\"\(name)\" is not a valid header name", hint: "no spaces before the ':'")
            }
        }

        mutating func addData(_ value: String, kind: DataKind, at location: SourceLocation) throws(RequestParseError) {
            switch kind {
            case .plain where value.hasPrefix("@"):
                throw RequestParseError(.curl, at: location, "\"\(value)\" makes curl read the body from a file",
                                        hint: "paste the body itself (with --data-raw), or record from a raw HTTP request with --http")
            case .plain, .raw:
                data.append(value)
            case .urlencode:
                data.append(try urlencoded(value, at: location))
            case .json:
                if value.hasPrefix("@") {
                    throw RequestParseError(.curl, at: location, "\"\(value)\" makes curl read the body from a file", hint: "paste the JSON itself")
                }
                json = (json ?? "") + value
            }
        }

        /// curl's --data-urlencode forms: `content`, `=content`, `name=content`; the first '=' or '@'
        /// decides, and '@' (`@file`, `name@file`) reads a file, which is refused. The content is
        /// encoded as curl's tool does: all but `A-Z a-z 0-9 - . _ ~` as upper-case `%XX`, then
        /// `%20` as `+` (src/tool_getparam.c, replace_url_encoded_space_by_plus, after RFC 1866).
        func urlencoded(_ value: String, at location: SourceLocation) throws(RequestParseError) -> String {
            func encode(_ text: String) -> String { PercentEncoding.encode(text, spaceAsPlus: true) }
            guard let split = value.firstIndex(where: { $0 == "=" || $0 == "@" }) else { return encode(value) }
            guard value[split] == "=" else {
                throw RequestParseError(.curl, at: location, "--data-urlencode \"\(value)\" reads a file", hint: "paste the content: name=content")
            }
            let name = String(value[..<split])
            return (name.isEmpty ? "" : name + "=") + encode(String(value[value.index(after: split)...]))
        }

        mutating func setURL(_ word: ShellWords.Word) throws(RequestParseError) {
            if let url {
                throw RequestParseError(.curl, at: word.location, "a second URL \"\(word.text)\" (the first is \"\(url.text)\")",
                                        hint: "record one request at a time; quote arguments that contain spaces")
            }
            url = word
        }

        func finish(start: SourceLocation) throws(RequestParseError) -> CurlCommand {
            guard let url else { throw RequestParseError(.curl, at: start, "the command has no URL", hint: "add the URL, e.g. 'https://api.example.com/path?x=1'") }
            if !globOff, let glob = url.text.firstIndex(where: { "[]{}".contains($0) }) {
                throw RequestParseError(.curl, at: url.location, "curl treats '\(url.text[glob])' in a URL as a glob pattern",
                                        hint: "add -g (--globoff), as the sent request must have had, or percent-encode it")
            }
            var (scheme, target) = try RequestTarget.parseURL(url.text, at: url.location, source: .curl)
            var body = ""
            var headers = HTTPHeaders(self.headers.filter { !removedHeaders.contains($0.0.lowercased()) })
            if let pair = headers.repeatedName(differentValuesOnly: true) {
                throw RequestParseError(.curl, at: start, HTTPHeaders.repeatMessage(pair), hint: "keep one -H")
            }
            if let json {
                guard data.isEmpty else { throw RequestParseError(.curl, at: url.location, "--json and -d/--data are both given", hint: "give the body once") }
                body = json
                if headers["Content-Type"] == nil && !removedHeaders.contains("content-type") { headers.set("Content-Type", "application/json") }
                if headers["Accept"] == nil && !removedHeaders.contains("accept") { headers.set("Accept", "application/json") }
            } else if !data.isEmpty {
                let joined = data.joined(separator: "&")
                if get {
                    target.query = target.query.isEmpty ? joined : target.query + "&" + joined
                } else {
                    body = joined
                    if headers["Content-Type"] == nil && !removedHeaders.contains("content-type") {
                        headers.set("Content-Type", "application/x-www-form-urlencoded")
                    }
                }
            }
            let defaultMethod = head ? "HEAD" : (get || (data.isEmpty && json == nil)) ? "GET" : "POST"
            let request = HTTPRequest(method: method ?? defaultMethod, host: target.host, path: target.path, query: target.query, headers: headers, body: body)
            if let problem = InputLimits.oversizedRequest(request) { throw RequestParseError(.curl, at: start, problem, hint: "an exchange request is kilobytes") }
            return CurlCommand(request: request, url: url.text, scheme: scheme, ignoredOptions: ignored)
        }
    }
}
