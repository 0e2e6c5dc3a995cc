import Foundation
import SigConformDiagnosis

/// Writes reports so that a reader never sees a half-written one: each goes to a temporary
/// file in the same folder and is renamed into place (rename is atomic on POSIX file systems),
/// so a killed run leaves the previous report or none, never a truncated JUnit file that a CI
/// server would read as fewer tests.
public struct ReportWriter: Sendable {
    public var directory: String
    public init(directory: String) { self.directory = directory }

    /// Renders and writes each reporter's file; returns the paths written.
    public func write(_ run: RunResult, reporters: [any Reporter], context: ReportContext) throws -> [String] {
        try write(RunReport(run, context: context), reporters: reporters, redactor: Redactor(run: run))
    }

    /// Writes `report` in each format, every text scrubbed by `redactor`; returns the paths written.
    public func write(_ report: RunReport, reporters: [any Reporter], redactor: Redactor) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for reporter in reporters {
            let text = redactor.scrub(reporter.render(report))
            let path = (directory as NSString).appendingPathComponent(type(of: reporter).fileName)
            try Self.writeAtomically(text, to: path)
            written.append(path)
        }
        return written
    }

    /// Writes `text` to a temporary sibling of `path`, then renames it over `path`.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary])
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
