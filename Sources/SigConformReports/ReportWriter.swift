import Foundation
import SigConformCore
import SigConformDiagnosis
import SigConformRun

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
    package func write(_ report: RunReport, reporters: [any Reporter], redactor: Redactor) throws -> [String] {
        let rendered = reporters.map { reporter in
            ((directory as NSString).appendingPathComponent(type(of: reporter).fileName), redactor.scrub(reporter.render(report)))
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // All temporaries first, then the renames as one set: all new reports or all old.
        var items: [ReportSetCommit.Item] = []
        var slots: [Int?] = []
        defer {
            for item in items { unlink(item.temporary) }
            for slot in slots { TerminationSignals.forget(slot) }
        }
        for (path, text) in rendered {
            let temporary = Self.temporaryPath(for: path)
            slots.append(TerminationSignals.register(temporaryFile: temporary))
            items.append(ReportSetCommit.Item(temporary: temporary, path: path))
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        }
        try ReportSetCommit.commit(items)
        return items.map(\.path)
    }

    /// A temporary sibling of `path`, unique per call: two writers of the same report never
    /// share a temporary file.
    static func temporaryPath(for path: String) -> String {
        path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
    }

    /// Writes `text` to a temporary sibling of `path`, then renames it over `path`. On any
    /// failure, and on SIGINT or SIGTERM meanwhile, the temporary file is removed and `path` is
    /// left as it was. Only a regular file (or nothing) is replaced: renaming over a device or
    /// a FIFO would take its name away from whatever uses it.
    public static func writeAtomically(_ text: String, to path: String) throws {
        try ReportSetCommit.checkTargets([path])
        let temporary = temporaryPath(for: path)
        let slot = TerminationSignals.register(temporaryFile: temporary)
        defer {
            unlink(temporary)
            TerminationSignals.forget(slot)
        }
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary), options: .withoutOverwriting)
        try ReportSetCommit.commit([ReportSetCommit.Item(temporary: temporary, path: path)])
    }
}

/// A report or baseline path that names something other than a regular file.
public struct ReportTargetError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var description: String {
        "\(path) is not a regular file (a directory, device, FIFO, socket or link); not replaced — give the path of a file"
    }
}
