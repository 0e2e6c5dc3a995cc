import Foundation
import SigConformCore
import SigConformDiagnosis

/// Writes reports so that a reader never sees a half-written one: each goes to a temporary
/// file in the same folder and is renamed into place (rename is atomic on POSIX file systems),
/// so a killed run leaves the previous report or none, never a truncated JUnit file that a CI
/// server would read as fewer tests.
public struct ReportWriter: Sendable {
    public var directory: String
    public init(directory: String) { self.directory = directory }

    /// Renders and writes each reporter's file; returns the paths written.
    ///
    /// Every report is rendered before the first is written, so a run that stops while
    /// rendering leaves all existing reports as they were, not a mix of this run's and the last.
    public func write(_ run: RunResult, reporters: [any Reporter], context: ReportContext) throws -> [String] {
        try write(RunReport(run, context: context), reporters: reporters, redactor: Redactor(run: run))
    }

    /// Writes `report` in each format, every text scrubbed by `redactor`; returns the paths written.
    /// Every report is rendered before the first is written (see above).
    public func write(_ report: RunReport, reporters: [any Reporter], redactor: Redactor) throws -> [String] {
        let rendered = reporters.map { reporter in
            ((directory as NSString).appendingPathComponent(type(of: reporter).fileName), redactor.scrub(reporter.render(report)))
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for (path, text) in rendered {
            try Self.writeAtomically(text, to: path)
            written.append(path)
        }
        return written
    }

    /// A temporary sibling of `path`, unique per call: two writers of the same report never
    /// share a temporary file.
    static func temporaryPath(for path: String) -> String {
        path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    }

    /// Writes `text` to a temporary sibling of `path`, then renames it over `path`. On any
    /// failure the temporary file is removed and `path` is left as it was.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let temporary = temporaryPath(for: path)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            try? FileManager.default.removeItem(atPath: temporary)
            throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
        }
    }
}
