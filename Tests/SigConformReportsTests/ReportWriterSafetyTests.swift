import Foundation
import SigConform
import Testing

/// Reports never lie: a report file is either this run's whole report or the previous one,
/// never a partial file, and a write that fails says so.
@Suite struct ReportWriterSafetyTests {
    static let context = ReportContext(toolVersion: "test", startedAt: "2026-01-01T00:00:00Z", durationSeconds: 0)

    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-reports-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A run with one input error, so the report has something to say.
    static let run = RunResult(inputErrors: [InputError(file: "broken.json", location: SourceLocation(line: 3, column: 7), message: "unexpected end of input")],
                               files: ["broken.json"], backends: ["swift"])

    /// Whether this process can write into a folder whose mode forbids it (root can).
    static let writesIntoReadOnlyFolders: Bool = {
        guard let folder = try? folder() else { return true }
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try? FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        return FileManager.default.createFile(atPath: folder + "/probe", contents: Data())
    }()

    @Test(.enabled(if: !writesIntoReadOnlyFolders, "root writes into read-only folders; the next test covers a failing rename"))
    func writingIntoAReadOnlyFolderFailsAndLeavesNoFile() throws {
        let folder = try Self.folder()
        defer {
            try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder)
            try? FileManager.default.removeItem(atPath: folder)
        }
        try "previous report\n".write(toFile: folder + "/report.txt", atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder)
        #expect(throws: (any Error).self) {
            try ReportWriter(directory: folder).write(Self.run, reporters: [TerminalReporter()], context: Self.context)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.txt"])
        #expect(try String(contentsOfFile: folder + "/report.txt", encoding: .utf8) == "previous report\n")
    }

    @Test func aFailedRenameLeavesNoTemporaryFileAndTheOldReportIntact() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // The report's name is taken by a non-empty folder: rename(2) fails, for root too.
        try FileManager.default.createDirectory(atPath: folder + "/report.txt", withIntermediateDirectories: true)
        try "keep me\n".write(toFile: folder + "/report.txt/inside", atomically: false, encoding: .utf8)
        #expect(throws: (any Error).self) {
            try ReportWriter(directory: folder).write(Self.run, reporters: [TerminalReporter()], context: Self.context)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.txt"])
        #expect(try String(contentsOfFile: folder + "/report.txt/inside", encoding: .utf8) == "keep me\n")
    }

    @Test func aReportFolderThatIsAFileIsAnError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "not a folder\n".write(toFile: folder + "/reports", atomically: false, encoding: .utf8)
        #expect(throws: (any Error).self) {
            try ReportWriter(directory: folder + "/reports").write(Self.run, reporters: [TerminalReporter()], context: Self.context)
        }
        #expect(try String(contentsOfFile: folder + "/reports", encoding: .utf8) == "not a folder\n")
    }

    @Test func aWrittenReportIsTheWholeReportAndReplacesTheOldOne() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try String(repeating: "old line\n", count: 10_000).write(toFile: folder + "/report.txt", atomically: false, encoding: .utf8)
        let paths = try ReportWriter(directory: folder).write(Self.run, reporters: [TerminalReporter()], context: Self.context)
        #expect(paths == [folder + "/report.txt"])
        let expected = TerminalReporter().render(Self.run, context: Self.context)
        #expect(try String(contentsOfFile: folder + "/report.txt", encoding: .utf8) == expected)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.txt"])
    }

    @Test func writersOfTheSameReportAtOnceNeverShareATemporaryFile() async throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let texts = (0..<16).map { "report \($0)\n" + String(repeating: "\($0)", count: 100_000) + "\n" }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for text in texts { group.addTask { try ReportWriter.writeAtomically(text, to: folder + "/report.txt") } }
            try await group.waitForAll()
        }
        // Whichever writer renamed last, the file is one writer's whole text.
        #expect(texts.contains(try String(contentsOfFile: folder + "/report.txt", encoding: .utf8)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.txt"])
    }
}
