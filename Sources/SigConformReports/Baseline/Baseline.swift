import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// Known failures, by stable id (`venue/id`) and failure classes, so a CI gate can fail only on
/// new ones (the way SwiftLint's baseline does). A failure is known when the baseline lists its
/// id with the same status and the same classes: a known failure that starts failing for
/// another reason is new again.
///
/// File format `sigconform/baseline@1` (docs/report-format.md, vectors/schema/baseline.schema.json).
package struct Baseline: Sendable, Hashable {
    package static let format = "sigconform/baseline@1"

    package struct Entry: Sendable, Hashable {
        package var id: String
        /// `failed` or `error`.
        package var status: VerdictStatus
        /// ``VectorReport/failureClasses``, sorted.
        package var classes: [String]
        package init(id: String, status: VerdictStatus, classes: [String]) {
            self.id = id
            self.status = status
            self.classes = classes.sorted()
        }
    }

    package var entries: [Entry]

    package init(entries: [Entry]) { self.entries = entries.sorted { $0.id < $1.id } }

    /// Every failure and error of `report`.
    package init(report: RunReport) {
        self.init(entries: report.vectors.filter { $0.status != .passed }.map {
            Entry(id: $0.id, status: $0.status, classes: $0.failureClasses)
        })
    }

    /// Reads a baseline file; errors name the file, line and member.
    package static func read(file path: String) throws(InputError) -> Baseline {
        let reader = try FileReader.readJSON(path)
        let root = try Node(reader, reader.document.root, "")
        let format = try root.string("format")
        guard format == Self.format else {
            throw reader.error("/format", "unsupported baseline format \"\(format)\"", hint: "this sigconform reads \"\(Self.format)\"; write one with --write-baseline")
        }
        var entries: [Entry] = []
        for node in try root.objects("known") {
            let status: VerdictStatus = try node.enumeration("status")
            guard status != .passed else { throw node.error("a baseline lists failures and errors, not passed vectors") }
            entries.append(Entry(id: try node.string("id"), status: status, classes: try node.strings("classes")))
        }
        return Baseline(entries: entries)
    }

    /// The file's text.
    package var text: String {
        let known = entries.map { entry in
            JSONValue.object([("id", .string(entry.id)), ("status", .string(entry.status.rawValue)),
                              ("classes", .array(entry.classes.map(JSONValue.string)))])
        }
        return JSONWriter.pretty(.object([("format", .string(Self.format)), ("known", .array(known))]), layout: .report)
    }

    /// The ids the baseline lists.
    package var ids: Set<String> { Set(entries.map(\.id)) }

    /// Marks every failing vector of `report` known or new, and lists the baseline's ids that
    /// this run checked and found passing. Ids the run did not check (another shard, a filter)
    /// are left alone. `passedElsewhere`: ids of passed vectors the report does not hold (a
    /// streamed run's, see ``ReportStream/watchedPassed``).
    package func apply(to report: inout RunReport, file: String, passedElsewhere: [String] = []) {
        let byID = Dictionary(grouping: entries, by: \.id)
        var fixed = passedElsewhere.filter { byID[$0] != nil }
        for index in report.vectors.indices {
            let vector = report.vectors[index]
            let listed = byID[vector.id] ?? []
            if vector.status == .passed {
                if !listed.isEmpty { fixed.append(vector.id) }
                report.vectors[index].baseline = nil
                continue
            }
            let classes = vector.failureClasses.sorted()
            let known = listed.contains { $0.status == vector.status && $0.classes == classes }
            report.vectors[index].baseline = known ? .known : .new
        }
        report.baseline = BaselineInfo(file: file, fixed: fixed.sorted())
    }
}
