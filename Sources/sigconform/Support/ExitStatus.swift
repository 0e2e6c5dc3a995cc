import ArgumentParser
import Foundation
import SigConform

/// How the command line ends with the statuses of ``ExitStatus`` (README): 0 pass, 1
/// findings, 2 unusable input. A command line that cannot be parsed is unusable input too:
/// ArgumentParser's usage status (64, EX_USAGE) is turned into 2 here, the one place every
/// status leaves the process.
extension ExitStatus {
    /// ArgumentParser's form of the status.
    var code: ExitCode { ExitCode(rawValue) }

    /// The status for an error thrown while parsing or running `command`.
    static func code<Command: ParsableCommand>(for error: Error, in command: Command.Type) -> ExitCode {
        if let status = error as? ExitStatus { return status.code }
        let code = command.exitCode(for: error)
        return code == .validationFailure ? unusableInput.code : code
    }

    /// ArgumentParser's `main()`, with the statuses above: parse errors print their message and
    /// usage on stderr and exit 2; help and version still exit 0; a thrown ``ExitStatus`` ends
    /// the process with it (the command has said why); a thrown ``InputError`` is printed and
    /// exits 2.
    static func main<Command: ParsableCommand>(_ command: Command.Type) -> Never {
        do {
            var parsed = try command.parseAsRoot()
            try parsed.run()
            Foundation.exit(pass.rawValue)
        } catch let status as ExitStatus {
            Foundation.exit(status.rawValue)
        } catch let problem as InputError {
            // Input a command could not use and left to this place: printed as every command
            // prints input problems, and unusable input's status (ArgumentParser would say 1).
            TerminalText.problems(problem.diagnostics)
            Foundation.exit(unusableInput.rawValue)
        } catch {
            let code = Self.code(for: error, in: command)
            guard code == unusableInput.code, command.exitCode(for: error) == .validationFailure else { command.exit(withError: error) }
            TerminalText.error(command.fullMessage(for: error))
            Foundation.exit(code.rawValue)
        }
    }
}
