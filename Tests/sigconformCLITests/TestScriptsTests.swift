import Foundation
import Testing

/// scripts/test.sh ends `swift test` with the skipped tests and why (scripts/skipped-tests.sh),
/// so a missing test tool is seen, not silent.
@Suite struct TestScriptsTests {
    static func summary(of log: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [CLI.repositoryRoot.appendingPathComponent("scripts/skipped-tests.sh").path]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(log.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func skippedTestsAreCountedWithTheirReasons() throws {
        let log = """
            ◇ Test pageRendersInHeadlessChromium() started.
            ➜ Test pageRendersInHeadlessChromium() skipped: "Chromium is needed to render the page (apt-get install chromium)"
            ✔ Test aPassingOne() passed after 0.001 seconds.
            ➜ Test junitValidates(variant:) skipped: "xmllint is needed to validate against the JUnit XSD (apt-get install libxml2-utils)"
            ✔ Test run with 3 tests in 1 suite passed after 0.002 seconds.
            """
        let result = try Self.summary(of: log)
        #expect(result.status == 0)
        #expect(result.output == """
            skipped: 2 tests
              pageRendersInHeadlessChromium() skipped: "Chromium is needed to render the page (apt-get install chromium)"
              junitValidates(variant:) skipped: "xmllint is needed to validate against the JUnit XSD (apt-get install libxml2-utils)"

            """)
        #expect(try Self.summary(of: "✔ Test run with 1 test in 1 suite passed after 0.1 seconds.\n").output == "skipped: 0 tests\n")
    }
}
