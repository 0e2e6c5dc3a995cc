import Foundation
import Testing
@testable import sigconform

/// The `serve` workflow in examples/ci/ is documentation users copy: its `sigconform` commands
/// parse, it starts `serve` in the background with keys from the environment, and it keeps the reports.
@Suite struct ServeExampleTests {
    static let file = "examples/ci/github-actions-serve.yml"

    @Test(.enabled(if: CIExamplesTests.hasPyYAML, "python3 with PyYAML is needed to read the workflow (apt-get install python3-yaml)"))
    func theWorkflowStartsServeWithKeysFromTheEnvironment() throws {
        // A command sent to the background with its output redirected: neither is part of its arguments.
        let scripts = try CIExamplesTests.scripts(in: Self.file).map {
            $0.replacingOccurrences(of: #"\s*>\s*\S+\s+2>&1\s*&\n"#, with: "\n", options: .regularExpression)
        }
        let commands = scripts.flatMap(CIExamplesTests.invocations)
        let serves = try commands.map { try SigConformCommand.parseAsRoot($0) }.compactMap { $0 as? ServeCommand }
        #expect(serves.count == 1)
        let serve = try #require(serves.first)
        #expect(serve.credentialsEnv != nil && serve.credentialsFile == nil, "keys from the environment, not the command line")
        #expect(serve.readyFile != nil && serve.seconds != nil, "the job waits for the server and the server stops by itself")
        #expect(scripts.contains { $0.contains("kill -INT \"$server\"") && $0.contains("wait \"$server\"") }, "the job stops serve and takes its exit status")
        let text = try String(contentsOfFile: Repository.path(Self.file), encoding: .utf8)
        #expect(text.contains("actions/upload-artifact") && text.contains("path: \((serve.reports.reportDirectory ?? "reports"))/"))
    }
}
