import Foundation
import SigConform
@testable import SigConformReports
import Testing

/// A report set is all new or all old: a rename that fails half-way puts the renamed files
/// back; no temporary or backup file is left; a target that is not a regular file (a device, a
/// FIFO, a folder) is refused before anything changes; SIGTERM during the write leaves no
/// temporary file.
@Suite struct ReportSetAtomicityTests {
    static func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-set-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func contents(_ folder: String) throws -> [String: String] {
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            out[name] = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        }
        return out
    }

    @Test func aRenameThatFailsHalfWayPutsTheOldSetBack() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for name in ["a.txt", "c.txt"] { try "old \(name)\n".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8) }
        for name in ["a.txt", "b.txt"] { try "new \(name)\n".write(toFile: folder + "/" + name + ".tmp", atomically: false, encoding: .utf8) }
        // c's temporary does not exist: its rename fails after a and b were renamed.
        let items = ["a.txt", "b.txt", "c.txt"].map { ReportSetCommit.Item(temporary: folder + "/" + $0 + ".tmp", path: folder + "/" + $0) }
        #expect(throws: (any Error).self) { try ReportSetCommit.commit(items) }
        #expect(try Self.contents(folder) == ["a.txt": "old a.txt\n", "c.txt": "old c.txt\n"])
    }

    @Test func aCompleteSetReplacesTheOldOneAndLeavesNoBackup() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "old\n".write(toFile: folder + "/a.txt", atomically: false, encoding: .utf8)
        for name in ["a.txt", "b.txt"] { try "new \(name)\n".write(toFile: folder + "/" + name + ".tmp", atomically: false, encoding: .utf8) }
        try ReportSetCommit.commit(["a.txt", "b.txt"].map { ReportSetCommit.Item(temporary: folder + "/" + $0 + ".tmp", path: folder + "/" + $0) })
        #expect(try Self.contents(folder) == ["a.txt": "new a.txt\n", "b.txt": "new b.txt\n"])
    }

    @Test func aReportPathThatIsNotARegularFileIsRefusedBeforeAnythingChanges() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "previous\n".write(toFile: folder + "/report.txt", atomically: false, encoding: .utf8)
        #expect(mkfifo(folder + "/report.json", 0o600) == 0)
        let run = RunResult(files: [], backends: ["swift"])
        let context = ReportContext(toolVersion: "test", startedAt: "2026-01-01T00:00:00Z", durationSeconds: 0)
        let error = #expect(throws: ReportTargetError.self) {
            try ReportWriter(directory: folder).write(run, reporters: [TerminalReporter(), JSONReporter()], context: context)
        }
        #expect(error?.path == folder + "/report.json")
        #expect(try String(contentsOfFile: folder + "/report.txt", encoding: .utf8) == "previous\n")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == ["report.txt", "report.json"])
        for target in ["/dev/null", folder + "/report.json"] {
            #expect(throws: ReportTargetError.self) { try ReportWriter.writeAtomically("x\n", to: target) }
        }
    }

    @Test func aTemporaryFileIsRegisteredUntilItIsRenamed() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let slot = try #require(TemporaryFiles.register(folder + "/x.tmp"))
        try "partial\n".write(toFile: folder + "/x.tmp", atomically: false, encoding: .utf8)
        TemporaryFiles.removeAll()
        #expect(!FileManager.default.fileExists(atPath: folder + "/x.tmp"))
        TemporaryFiles.forget(slot)
    }
}
