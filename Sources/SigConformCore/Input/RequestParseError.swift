/// A request given as a curl command line or a raw HTTP message that cannot be read: what is
/// wrong, where (line and column in the text given), and how to fix it.
public struct RequestParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What the text was supposed to be.
    public enum Source: String, Sendable, Hashable {
        case curl = "curl command"
        case http = "HTTP request"
    }

    public var source: Source
    /// Line and column (1-based, columns in characters) where the problem starts.
    public var location: SourceLocation
    public var message: String
    public var hint: String?

    public init(_ source: Source, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.source = source
        self.location = location
        self.message = message
        self.hint = hint
    }

    public var description: String {
        "\(source.rawValue), \(location): \(message)" + (hint.map { " — \($0)" } ?? "")
    }
}

extension RequestParseError: DiagnosticConvertible {
    /// A `request-syntax` diagnostic at the line and column in the text given.
    public func diagnostics(file: String) -> [Diagnostic] {
        [Diagnostic(.requestSyntax, file: file, location: location, message: message, fix: hint)]
    }
}
