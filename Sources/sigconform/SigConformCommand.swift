import ArgumentParser
import SigConform

@main
struct SigConformCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sigconform",
        abstract: "Proves crypto-exchange request signing right, and says exactly what is wrong when it is not.",
        version: "0.1.0",
        subcommands: [
            CheckCommand.self, DiagnoseCommand.self, SelfTestCommand.self, MacCommand.self, LintCommand.self, RecordCommand.self,
            VenueCommand.self, VenuesCommand.self, ReportCommand.self, BenchCommand.self, ServeCommand.self,
        ],
        defaultSubcommand: CheckCommand.self
    )

    /// Through ``ExitStatus``: a usage error exits 2, like every other unusable input.
    /// SIGINT, SIGTERM and SIGHUP kill the signer's process group before this process ends by
    /// the same signal (``TerminationSignals``, SECURITY.md).
    static func main() {
        TerminationSignals.install()
        ExitStatus.main(Self.self)
    }
}
