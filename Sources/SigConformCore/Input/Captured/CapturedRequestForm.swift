/// One form a captured request comes in (a curl line, a raw HTTP request, a HAR file, …): the
/// sniffer asks each form in turn whether it recognises the input, and the first that does reads
/// it. A new input form is one type conforming to this, listed in ``CapturedRequestReader/forms``.
public protocol CapturedRequestForm: Sendable {
    /// What the form is called in messages ("curl line", "HAR file").
    var name: String { get }
    /// Whether `input` is in this form. Asked in the order of ``CapturedRequestReader/forms``, so
    /// a form may be a catch-all for what the forms before it left (any JSON, any text).
    func recognizes(_ input: CapturedInput) -> Bool
    /// Every request `input` holds. Errors name the place in the input.
    func read(_ input: CapturedInput) throws(InputError) -> [CapturedRequest]
}

/// An input as the sniffer sees it: its name in messages, its text and, when it is JSON, the
/// parsed document (parsed once, whichever form reads it).
public struct CapturedInput: Sendable {
    /// The file, `<stdin>`, or the option that held it (`--curl`).
    public var name: String
    public var bytes: [UInt8]
    public var text: String
    /// The parsed document, when the input starts with `{` or `[`.
    package var json: JSONReader?

    /// Reads `text`; input that looks like JSON and is not is an error here, not a guess at another form.
    public init(name: String, bytes: [UInt8]) throws(InputError) {
        self.name = name
        self.bytes = bytes
        text = String(decoding: bytes, as: UTF8.self)
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.hasPrefix("{") || trimmed.hasPrefix("[") {
            do { json = JSONReader(file: name, document: try JSONParser().parse(bytes)) } catch {
                throw InputError(error, file: name)
            }
        }
    }

    /// `text` as the user gave it on the command line, for a form named by the option (`--curl`): not sniffed.
    public init(name: String, text: String) {
        self.name = name
        self.text = text
        bytes = Array(text.utf8)
    }

    /// The text without its leading white space, for forms told apart by how they start.
    public var start: Substring { text.drop { $0.isWhitespace } }
}

/// Reads captured requests from a file, standard input or a command-line string, telling the
/// forms apart by their content, so every command that takes a captured request takes all forms.
public struct CapturedRequestReader: Sendable {
    /// The forms, in the order they are asked; the first that recognises an input reads it.
    public static let forms: [any CapturedRequestForm] = [HARForm(), VectorFileForm(), CaseForm(), CurlForm(), HTTPMessageForm()]

    /// Whether a request parser's errors are prefixed with what the input was read as
    /// ("cannot read the curl line: …"), for commands that sniffed the form rather than were told it.
    public var namesTheForm: Bool

    public init(namesTheForm: Bool = true) { self.namesTheForm = namesTheForm }

    /// The requests in the file at `path` (`-` is standard input), in whichever form it is or
    /// in `form`. `name` is what messages call it (default: the path, `<stdin>`); `limit` bounds a
    /// file's size (standard input is always bounded by a captured request's).
    public func read(path: String, name: String? = nil, limit: Int? = nil, as form: (any CapturedRequestForm)? = nil) throws(InputError) -> [CapturedRequest] {
        let bytes: [UInt8]
        if path == "-" { bytes = try FileReader.readStandardInput() } else if let limit { bytes = try FileReader.read(path, limit: limit) } else { bytes = try FileReader.read(path) }
        return try read(CapturedInput(name: name ?? (path == "-" ? "<stdin>" : path), bytes: bytes), as: form)
    }

    /// The requests in `input`, read by the first form that recognises it, or by `form` when the user named it.
    public func read(_ input: CapturedInput, as form: (any CapturedRequestForm)? = nil) throws(InputError) -> [CapturedRequest] {
        guard let form = form ?? Self.forms.first(where: { $0.recognizes(input) }) else {
            throw InputError(file: input.name, message: "is not a curl line, a raw HTTP request, a HAR file, a case or a vector file")
        }
        do { return try form.read(input) } catch {
            guard namesTheForm, form is any RequestParsingForm else { throw error }
            var named = error
            named.message = "cannot read the \(form.name): \(error.message)"
            throw named
        }
    }
}

/// A form read by one of the request parsers (curl, HTTP), whose errors say what is wrong but
/// not what the input was taken for.
protocol RequestParsingForm {}
