/// The built-in reporters, looked up by `--format` identifier.
public enum Reporters {
    public static let all: [any Reporter] = [TerminalReporter(), JSONReporter(), JUnitReporter(), MarkdownReporter(), HTMLReporter()]

    public static var identifiers: [String] { all.map { type(of: $0).identifier } }

    public static func reporter(for identifier: String) -> (any Reporter)? {
        all.first { type(of: $0).identifier == identifier }
    }
}
