import Foundation
import SigConform

/// The report set a folder already holds, read before a run replaces it so the replacement is
/// said out loud: which command wrote it and when (from the first bytes of its report.json).
struct PreviousReportSet {
    var command: String
    var startedAt: String

    init?(folder: String) {
        guard let handle = FileHandle(forReadingAtPath: (folder as NSString).appendingPathComponent(JSONReporter.fileName)) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        guard let command = Self.string(named: "command", in: head) else { return nil }
        self.command = command
        self.startedAt = Self.string(named: "startedAt", in: head) ?? "an unknown time"
    }

    /// The value of the first `"name": "value"` member in `text` (report.json is pretty-printed by us).
    static func string(named name: String, in text: String) -> String? {
        guard let key = text.range(of: "\"\(name)\": \"") else { return nil }
        let rest = text[key.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    var description: String { "replaced the report set of a `\(command)` run started \(startedAt)" }
}
