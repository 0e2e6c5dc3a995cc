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
            "Folder laid out like vectors/standard "
                + "(default: ./vectors/standard, else the one in this executable's checkout).",
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
            let (directory, name) =
                vectorsDirectory.map { (URL(fileURLWithPath: $0), $0) } ?? Self.defaultVectorsDirectory()
            do {
                files += try StandardVectorSet.files(in: directory, displayedAs: name)
            } catch {
                errors.append(error)
            }
        }
        files += wycheproofFiles.map {
            StandardVectorSet.File(url: URL(fileURLWithPath: $0), name: $0, format: .wycheproof)
        }
        let report = SelfTestReport.run(files, on: standardBackends(), errors: errors)
        print(report.render())
        if report.exitStatus != 0 { throw ExitCode(report.exitStatus) }
    }

    /// `vectors/standard` under the current directory, else under the nearest ancestor of the
    /// executable that has one (a binary in `.build/debug` of a checkout finds that checkout's vectors).
    static func defaultVectorsDirectory() -> (URL, String) {
        let relative = "vectors/standard"
        let here = URL(fileURLWithPath: relative)
        if FileManager.default.fileExists(atPath: here.path) { return (here, relative) }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            while folder.pathComponents.count > 1 {
                let candidate = folder.appendingPathComponent(relative, isDirectory: true)
                if FileManager.default.fileExists(atPath: candidate.path) { return (candidate, candidate.path) }
                folder.deleteLastPathComponent()
            }
        }
        return (here, relative)
    }
}
