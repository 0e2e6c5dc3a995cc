import ArgumentParser
import Foundation
import SigConform

/// `sigconform selftest`: the standard HMAC vectors on every backend.
struct SelfTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selftest",
        abstract: "Runs the standard HMAC vectors (Wycheproof, RFC 2202/4231) on every MAC backend.",
        discussion: """
            Prints one row per vector file and backend with the tests passed, failed and skipped.
            Exit status: 0 when every test behaves as its vector says, 1 when any does not,
            2 when a vector file or folder cannot be read or is malformed.
            """
    )

    @Option(
        name: .customLong("vectors"),
        help: ArgumentHelp(
            "Folder laid out like vectors/standard (default: the standard folder of the bundled vectors, "
                + "$SIGCONFORM_VECTORS/standard when that is set).",
            valueName: "dir"))
    var vectorsDirectory: String?

    @Option(
        name: .customLong("wycheproof"), parsing: .upToNextOption,
        help: ArgumentHelp(
            "Wycheproof MAC test files to run; replaces the default folder unless --vectors is also given.",
            valueName: "file"))
    var wycheproofFiles: [String] = []

    func run() throws {
        var files: [StandardVectorSet.File] = []
        var errors: [SelfTestError] = []
        if vectorsDirectory != nil || wycheproofFiles.isEmpty {
            let directory = vectorsDirectory ?? BundledVectors.standardDirectory
            do {
                files += try StandardVectorSet.files(in: URL(fileURLWithPath: directory), displayedAs: directory)
            } catch {
                errors.append(error)
            }
        }
        files += wycheproofFiles.map {
            StandardVectorSet.File(url: URL(fileURLWithPath: $0), name: $0, format: .wycheproof)
        }
        let report = SelfTestReport.run(files, on: standardBackends(), errors: errors)
        TerminalText.print(report.render())
        // SelfTest sits below Core (it needs only the MAC protocol), so its report counts in numbers.
        if report.exitStatus != .pass { throw report.exitStatus }
    }
}
