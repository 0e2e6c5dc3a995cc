import ArgumentParser
import Foundation

/// The exit statuses sigconform documents (README): 0 pass, 1 findings, 2 unusable input. A
/// command line that cannot be parsed is unusable input too: ArgumentParser's usage status
/// (64, EX_USAGE) is turned into 2 here, the one place every status comes from.
enum ExitStatus {
    static let pass = ExitCode(0)
    static let findings = ExitCode(1)
    static let unusableInput = ExitCode(2)

    /// The status for an error thrown while parsing or running `command`.
    static func code<Command: ParsableCommand>(for error: Error, in command: Command.Type) -> ExitCode {
        let code = command.exitCode(for: error)
        return code == .validationFailure ? unusableInput : code
    }

    /// ArgumentParser's `main()`, with the statuses above: parse errors print their message and
    /// usage on stderr and exit 2; help and version still exit 0.
    static func main<Command: ParsableCommand>(_ command: Command.Type) -> Never {
        do {
            var parsed = try command.parseAsRoot()
            try parsed.run()
            Foundation.exit(0)
        } catch {
            let code = Self.code(for: error, in: command)
            guard code == unusableInput, command.exitCode(for: error) == .validationFailure else { command.exit(withError: error) }
            TerminalText.error(command.fullMessage(for: error))
            Foundation.exit(code.rawValue)
        }
    }
}
