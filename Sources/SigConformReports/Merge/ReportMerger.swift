import SigConformCore
import SigConformDiagnosis

/// Combines the JSON reports of `--shard K/N` jobs into one report, as if one job had run.
///
/// A gate that merges must not turn a missing shard into a green build: when the reports say
/// they are shards, every shard 1…N must be present exactly once, and a vector reported twice
/// is an input error too (both make the merged exit status 2).
public enum ReportMerger {
    /// `reports` with the file name each was read from, in command-line order.
    public static func merge(_ reports: [(name: String, report: RunReport)]) -> RunReport {
        let parts = reports.map { Part(name: $0.name, report: $0.report, keys: $0.report.vectors.enumerated().map { Key($1, entry: $0) }) }
        var (merged, order) = plan(parts)
        merged.vectors = order.map { reports[$0.part].report.vectors[$0.entry] }
        return merged
    }

    /// One report to merge, without its vectors: the merge needs only their ids and places.
    struct Part {
        var name: String
        /// The report's own members; its ``RunReport/vectors`` are not used.
        var report: RunReport
        var keys: [Key]
    }

    /// A vector's id and where it came from, which orders the merged report.
    struct Key {
        var id: String
        var file: String
        var line: Int
        var column: Int
        var index: Int
        /// The vector's position in its report.
        var entry: Int

        init(_ vector: VectorReport, entry: Int) {
            id = vector.id
            file = vector.source.file
            line = vector.source.line ?? 0
            column = vector.source.column ?? 0
            index = vector.source.pointer.split(separator: "/").last.flatMap { Int($0) } ?? 0
            self.entry = entry
        }

        /// The order one unsharded run would have: files in order, vectors in file order (by
        /// position, which also orders the vectors of a one-line file).
        static func < (a: Key, b: Key) -> Bool { (a.file, a.line, a.column, a.index, a.id) < (b.file, b.line, b.column, b.index, b.id) }
    }

    /// The merged report without its vectors, and which vector of which part goes where.
    static func plan(_ parts: [Part]) -> (report: RunReport, order: [(part: Int, entry: Int)]) {
        var problems: [InputErrorReport] = []
        var kept: [(part: Int, entry: Int)] = []
        var firstSeen: [String: Int] = [:]
        let (shardProblems, repeatedShards) = shardProblems(parts)
        for (number, part) in parts.enumerated() {
            // Vectors seen before, by the file they were first seen in: one problem per pair of
            // files, not one per vector (a shard given twice is one mistake, said once).
            var repeated: [(previous: Int, ids: [String])] = []
            for key in part.keys {
                if let previous = firstSeen[key.id] {
                    if let index = repeated.firstIndex(where: { $0.previous == previous }) { repeated[index].ids.append(key.id) }
                    else { repeated.append((previous, [key.id])) }
                    continue
                }
                firstSeen[key.id] = number
                kept.append((number, key.entry))
            }
            // A repeated shard's problem already says it all.
            guard !repeatedShards.contains(part.name) else { continue }
            for (previous, ids) in repeated {
                let shown = ids.prefix(3).joined(separator: ", ") + (ids.count > 3 ? ", …" : "")
                problems.append(InputErrorReport(file: part.name, message: "\(counted(ids.count, "vector")) (\(shown)) \(ids.count == 1 ? "is" : "are") also in \(parts[previous].name); kept the first",
                                                 hint: "merge the reports of one sharded run, each once"))
            }
        }
        problems += shardProblems
        kept.sort { parts[$0.part].keys[$0.entry] < parts[$1.part].keys[$1.entry] }

        let all = parts.map(\.report)
        let first = all.first
        var venues: [VenueInfo] = []
        for venue in all.flatMap(\.venues) where !venues.contains(where: { $0.id == venue.id }) { venues.append(venue) }
        var baseline: BaselineInfo?
        let baselines = all.compactMap(\.baseline)
        if let file = baselines.first?.file {
            baseline = BaselineInfo(file: file, fixed: Array(Set(baselines.flatMap(\.fixed))).sorted())
        }
        let report = RunReport(
            tool: first?.tool ?? ToolInfo(version: "unknown"),
            context: RunInfo(command: first?.context.command ?? "check",
                             startedAt: all.map(\.context.startedAt).min() ?? "",
                             // Shards run side by side: the merged run took as long as the slowest.
                             durationSeconds: all.map(\.context.durationSeconds).max() ?? 0,
                             signer: all.compactMap(\.context.signer).first, mergedReports: parts.count),
            backends: orderedUnique(all.flatMap(\.backends)),
            files: orderedUnique(all.flatMap(\.files)).sorted(),
            venues: venues.sorted { $0.id < $1.id },
            vectors: [],
            // A repeated shard's own input errors are already there, from its first copy.
            inputErrors: parts.filter { !repeatedShards.contains($0.name) }.flatMap(\.report.inputErrors) + problems,
            baseline: baseline)
        return (report, kept)
    }

    /// Missing shards named one by one before the rest are counted.
    static let missingShardsListed = 20

    /// What is wrong with the set of shards, and the names of the reports that repeat a shard.
    static func shardProblems(_ reports: [Part]) -> (problems: [InputErrorReport], repeated: Set<String>) {
        let shards = reports.compactMap { item in item.report.context.shard.map { (item.name, $0) } }
        guard !shards.isEmpty else { return ([], []) }
        var repeated: Set<String> = []
        var problems: [InputErrorReport] = []
        if shards.count < reports.count {
            let unsharded = reports.filter { $0.report.context.shard == nil }.map(\.name)
            problems.append(InputErrorReport(file: unsharded[0], message: "mixes a report without --shard with shard reports",
                                             hint: "merge the reports of one sharded run"))
        }
        let counts = Set(shards.map(\.1.count))
        if counts.count > 1 {
            problems.append(InputErrorReport(file: shards[0].0, message: "the reports come from runs split differently (\(counts.sorted().map { "/\($0)" }.joined(separator: ", ")))",
                                             hint: "merge the reports of one sharded run"))
            return (problems, repeated)
        }
        let count = shards[0].1.count
        // The decoder refuses these already; a report built in code gets the same answer, not a trap.
        let invalid = shards.filter { !(1...InputLimits.shardCount).contains(count) || !(1...count).contains($0.1.index) }
        for (name, shard) in invalid {
            problems.append(InputErrorReport(file: name, message: "shard \(shard.index)/\(shard.count) is not K/N with 1 ≤ K ≤ N ≤ \(InputLimits.shardCount)",
                                             hint: "merge the report.json files that `check --shard K/N` wrote, unchanged"))
        }
        guard invalid.isEmpty else { return (problems, repeated) }
        var seen: [Int: String] = [:]
        for (name, shard) in shards {
            if let previous = seen[shard.index] {
                let vectors = reports.first { $0.name == name }?.keys.count ?? 0
                problems.append(InputErrorReport(file: name, message: "shard \(shard.index)/\(count) again (also \(previous)): its \(counted(vectors, "vector")) were counted once",
                                                 hint: "give each shard's report once"))
                repeated.insert(name)
            }
            seen[shard.index] = name
        }
        // One problem per missing shard, up to a few; the rest in one line (N may be thousands).
        let missing = (1...count).lazy.filter { seen[$0] == nil }
        for index in missing.prefix(Self.missingShardsListed) {
            problems.append(InputErrorReport(file: "shard \(index)/\(count)", message: "is missing: the merged report would cover only part of the vectors",
                                             hint: "pass every shard's report.json (did a shard job fail before uploading?)"))
        }
        let unlisted = missing.count - Self.missingShardsListed
        if unlisted > 0 {
            problems.append(InputErrorReport(file: "shards of /\(count)", message: "\(unlisted) more shards are missing",
                                             hint: "pass every shard's report.json (did a shard job fail before uploading?)"))
        }
        return (problems, repeated)
    }
}
