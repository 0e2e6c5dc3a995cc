/// An error thrown by a parser or a step that does not know the name of the input it read (a
/// JSON text, a curl line, a template string, a request to sign): it says what it is as
/// ``Diagnostic``s (code, location, message, fix) once the caller names the input.
///
/// The error decides its own code and wording, so the place that knows the file converts it
/// with ``InputError/init(_:file:)``, one line, never by copying its fields by hand.
public protocol DiagnosticConvertible: Error {
    /// The problem as diagnostics of `file` (the name the caller knows the input by); never empty.
    func diagnostics(file: String) -> [Diagnostic]
}

extension InputError {
    /// `error`'s diagnostics, in `file`.
    public init(_ error: some DiagnosticConvertible, file: String) {
        self.init(error.diagnostics(file: file))
    }
}

extension InputError: DiagnosticConvertible {
    /// Its own diagnostics: an input error knows its file already.
    public func diagnostics(file: String) -> [Diagnostic] { diagnostics }
}
