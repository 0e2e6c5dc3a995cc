import SigConformMAC

/// Parses prehash templates, bounding their size so a stranger's venue.json stays cheap to run.
public struct TemplateParser: Sendable {
    /// Limits on a template.
    public static let maximumCharacters = 4096
    public static let maximumParts = 256
    public static let maximumDigestNesting = 4

    public init() {}

    /// Parses one template string: literal text with `{variable}`, `{variable?}`, `{header:Name}`,
    /// `{query:name}`, `{body:name}`; `{{` and `}}` stand for literal braces.
    ///
    /// Reads the whole template before it throws, so the error lists every problem in it (an
    /// unknown variable, a lone `}`, …) in one pass; only a `{` that is never closed ends the
    /// reading, as nothing after it can be told apart.
    public func parse(_ text: String) throws(TemplateError) -> Template {
        guard text.count <= Self.maximumCharacters else {
            throw TemplateError(offset: 0, message: "template is \(text.count) characters, over the limit of \(Self.maximumCharacters)")
        }
        var parts: [Template.Part] = []
        var problems: [TemplateError.Problem] = []
        var literal = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "{" {
                if index + 1 < characters.count, characters[index + 1] == "{" {
                    literal.append("{")
                    index += 2
                    continue
                }
                guard let close = characters[index...].firstIndex(of: "}") else {
                    problems.append(.init(offset: index, message: "'{' without a closing '}'", hint: "write {{ for a literal brace"))
                    break
                }
                let name = String(characters[(index + 1)..<close])
                if !literal.isEmpty {
                    parts.append(.literal(literal))
                    literal = ""
                }
                do { parts.append(try variable(name, offset: index)) } catch { problems += error.problems }
                index = close + 1
            } else if character == "}" {
                guard index + 1 < characters.count, characters[index + 1] == "}" else {
                    problems.append(.init(offset: index, message: "'}' without an opening '{'", hint: "write }} for a literal brace"))
                    index += 1
                    continue
                }
                literal.append("}")
                index += 2
            } else {
                literal.append(character)
                index += 1
            }
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        if parts.count > Self.maximumParts {
            problems.append(.init(offset: 0, message: "template has \(parts.count) parts, over the limit of \(Self.maximumParts)"))
        }
        guard problems.isEmpty else { throw TemplateError(problems) }
        return Template(parts)
    }

    /// Parses one variable name as written between braces, without the braces (`body`,
    /// `header:Content-Type`): the condition of a conditional part.
    public func parseVariable(_ spec: String) throws(TemplateError) -> Variable {
        guard !spec.trimmingSpaces().hasSuffix("?"), case .variable(let variable, _) = try variable(spec, offset: 0) else {
            throw TemplateError(offset: 0, message: "\"\(spec)\" is not a variable name", hint: "write a variable without braces or '?', e.g. \"body\"")
        }
        return variable
    }

    private func variable(_ spec: String, offset: Int) throws(TemplateError) -> Template.Part {
        var name = spec.trimmingSpaces()
        var optional = false
        if name.hasSuffix("?") {
            optional = true
            name.removeLast()
        }
        if let colon = name.firstIndex(of: ":") {
            let kind = String(name[..<colon])
            let argument = String(name[name.index(after: colon)...])
            guard !argument.isEmpty, argument.count <= 128 else {
                throw TemplateError(offset: offset, message: "{\(spec)} needs a name of 1–128 characters after ':'")
            }
            guard !argument.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == "{" }) else {
                throw TemplateError(offset: offset, message: "{\(kind):…} names contain no control characters or '{'")
            }
            switch kind {
            case "header":
                // RFC 9110 §5.1: a field name is a token.
                guard argument.unicodeScalars.allSatisfy(Self.isTokenCharacter) else {
                    throw TemplateError(offset: offset, message: "\"\(argument)\" is not an HTTP header name",
                                        hint: "header names are letters, digits and !#$%&'*+-.^_`|~")
                }
                return .variable(.header(argument), optional: optional)
            case "query": return .variable(.queryParameter(argument), optional: optional)
            case "body": return .variable(.bodyField(argument), optional: optional)
            case "credential":
                guard Credentials.isFieldName(argument) else {
                    throw TemplateError(offset: offset, message: "{credential:\(argument)}: a credential field is a name of letters and digits other than apiKey, secret and passphrase",
                                        hint: "the secret only keys the HMAC and the passphrase goes where passphrase.in says; {apiKey} reads the key")
                }
                return .variable(.credential(argument), optional: optional)
            case "pathWithout":
                guard argument.hasPrefix("/"), !argument.hasSuffix("/"), !argument.contains("?") else {
                    throw TemplateError(offset: offset, message: "{pathWithout:\(argument)}: the prefix is whole path segments: it starts with '/' and ends without one",
                                        hint: "for example {pathWithout:/derivatives}")
                }
                return .variable(.pathWithout(argument), optional: optional)
            default:
                throw TemplateError(offset: offset, message: "unknown variable kind \"\(kind):\"", hint: "use header:, query:, body:, credential: or pathWithout:")
            }
        }
        if let variable = Variable.simpleNames[name] { return .variable(variable, optional: optional) }
        if ["secret", "key", "secretKey", "apiSecret"].contains(name) {
            throw TemplateError(offset: offset, message: "{\(name)}: the secret is never available to a template",
                                hint: "the secret only ever keys the HMAC; use {apiKey} for the public key")
        }
        if name == "passphrase" {
            // A prehash is shown in reports; the passphrase only goes into its own field.
            throw TemplateError(offset: offset, message: "{passphrase}: the passphrase is never available to a template",
                                hint: "say where it is sent with \"passphrase\": {\"in\": …}, and \"signed\" when the venue HMACs it")
        }
        let suggestion = nearestName(to: name, in: Variable.simpleNames.keys)
        throw TemplateError(offset: offset, message: "unknown variable {\(name)}",
                            hint: suggestion.map { "did you mean {\($0)}?" } ?? "see docs/recipes.md for the variables")
    }
}

extension TemplateParser {
    /// RFC 9110 `tchar`.
    static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || "!#$%&'*+-.^_`|~".unicodeScalars.contains(scalar))
    }
}

/// A template that cannot be parsed: every problem found in it, in the order of the text.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible, DiagnosticConvertible {
    /// One problem, at a character of the template.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// Character offset in the template string.
        public var offset: Int
        public var message: String
        public var hint: String?
        public init(offset: Int, message: String, hint: String? = nil) {
            self.offset = offset
            self.message = message
            self.hint = hint
        }
        public var description: String { "at character \(offset + 1): \(message)" + (hint.map { " — \($0)" } ?? "") }
    }

    /// Never empty.
    public private(set) var problems: [Problem]

    /// One problem.
    public init(offset: Int, message: String, hint: String? = nil) {
        problems = [Problem(offset: offset, message: message, hint: hint)]
    }

    /// `problems` must not be empty.
    public init(_ problems: [Problem]) {
        precondition(!problems.isEmpty, "a template error says what is wrong")
        self.problems = problems
    }

    public var description: String { problems.map(\.description).joined(separator: "; ") }

    /// A `template` diagnostic per problem; the template is one string, so the place is the
    /// character, in the message (the caller that knows the JSON value adds its pointer).
    public func diagnostics(file: String) -> [Diagnostic] {
        problems.map { Diagnostic(.template, file: file, message: "bad template: \($0.message) (character \($0.offset + 1))", fix: $0.hint) }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while scalars.first == " " { scalars.removeFirst() }
        while scalars.last == " " { scalars.removeLast() }
        return String(scalars)
    }
}
