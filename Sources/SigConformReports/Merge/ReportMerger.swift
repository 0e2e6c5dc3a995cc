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
        var problems: [InputErrorReport] = []
        var vectors: [VectorReport] = []
        var firstSeen: [String: String] = [:]
        for (name, report) in reports {
            for vector in report.vectors {
                if let previous = firstSeen[vector.id] {
                    problems.append(InputErrorReport(file: name, message: "vector \(vector.id) is also in \(previous); kept the first",
                                                     hint: "merge the reports of one sharded run, each once"))
                    continue
                }
                firstSeen[vector.id] = name
                vectors.append(vector)
            }
        }
        problems += shardProblems(reports)
        // The order one unsharded run would have: files in order, vectors in file order (by
        // position, which also orders the vectors of a one-line file).
        vectors.sort { order($0) < order($1) }

        let all = reports.map(\.report)
        let first = all.first
        var venues: [VenueInfo] = []
        for venue in all.flatMap(\.venues) where !venues.contains(where: { $0.id == venue.id }) { venues.append(venue) }
        var baseline: BaselineInfo?
        let baselines = all.compactMap(\.baseline)
        if let file = baselines.first?.file {
            baseline = BaselineInfo(file: file, fixed: Array(Set(baselines.flatMap(\.fixed))).sorted())
        }
        return RunReport(
            tool: first?.tool ?? ToolInfo(version: "unknown"),
            context: RunInfo(command: first?.context.command ?? "check",
                             startedAt: all.map(\.context.startedAt).min() ?? "",
                             // Shards run side by side: the merged run took as long as the slowest.
                             durationSeconds: all.map(\.context.durationSeconds).max() ?? 0,
                             signer: all.compactMap(\.context.signer).first, mergedReports: reports.count),
            backends: orderedUnique(all.flatMap(\.backends)),
            files: orderedUnique(all.flatMap(\.files)).sorted(),
            venues: venues.sorted { $0.id < $1.id },
            vectors: vectors,
            inputErrors: all.flatMap(\.inputErrors) + problems,
            baseline: baseline)
    }

    /// Missing shards named one by one before the rest are counted.
    static let missingShardsListed = 20

    static func order(_ vector: VectorReport) -> (String, Int, Int, Int, String) {
        let index = vector.source.pointer.split(separator: "/").last.flatMap { Int($0) } ?? 0
        return (vector.source.file, vector.source.line ?? 0, vector.source.column ?? 0, index, vector.id)
    }

    static func shardProblems(_ reports: [(name: String, report: RunReport)]) -> [InputErrorReport] {
        let shards = reports.compactMap { item in item.report.context.shard.map { (item.name, $0) } }
        guard !shards.isEmpty else { return [] }
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
            return problems
        }
        let count = shards[0].1.count
        // The decoder refuses these already; a report built in code gets the same answer, not a trap.
        let invalid = shards.filter { !(1...InputLimits.shardCount).contains(count) || !(1...count).contains($0.1.index) }
        for (name, shard) in invalid {
            problems.append(InputErrorReport(file: name, message: "shard \(shard.index)/\(shard.count) is not K/N with 1 ≤ K ≤ N ≤ \(InputLimits.shardCount)",
                                             hint: "merge the report.json files that `check --shard K/N` wrote, unchanged"))
        }
        guard invalid.isEmpty else { return problems }
        var seen: [Int: String] = [:]
        for (name, shard) in shards {
            if let previous = seen[shard.index] {
                problems.append(InputErrorReport(file: name, message: "shard \(shard.index)/\(count) again (also \(previous))",
                                                 hint: "give each shard's report once"))
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
        return problems
    }
}
