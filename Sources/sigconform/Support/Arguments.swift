import ArgumentParser
import SigConform

// Typed values of the command line: each parses and checks its text once, where it is read,
// so a command's `run()` gets a value it can use, never a string to check again.

/// `--backend`: which MAC backends a run uses.
enum BackendChoice: String, ExpressibleByArgument, CaseIterable, Sendable {
    case all, swift, openssl

    /// The backends chosen, from ``standardBackends()``, in report order.
    var backends: [any MACBackend] {
        standardBackends().filter { self == .all || $0.id == rawValue }
    }
}

/// `--shard K/N`: this run checks shard K of N (``VectorFilter/shard``).
struct ShardArgument: ExpressibleByArgument, Sendable {
    let index: Int
    let count: Int

    /// Reads `K/N` with 1 ≤ K ≤ N ≤ ``InputLimits/shardCount``; the error says how to write it.
    init(parsing text: String) throws(ValidationError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]),
              (1...InputLimits.shardCount).contains(count), (1...count).contains(index) else {
            throw ValidationError("--shard takes K/N with 1 ≤ K ≤ N ≤ \(InputLimits.shardCount), e.g. 2/4")
        }
        self.index = index
        self.count = count
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    /// The option's transform: keeps the message above instead of ArgumentParser's generic one.
    static func parse(_ text: String) throws -> ShardArgument { try ShardArgument(parsing: text) }

    var filterValue: (index: Int, count: Int) { (index, count) }
    var runInfo: RunInfo.Shard { RunInfo.Shard(index: index, count: count) }
}

/// `--format` of the report commands: one report format (``Reporters``), or all of them.
enum ReportFormat: ExpressibleByArgument, Equatable, Sendable {
    case all
    case one(String)

    init(parsing text: String) throws(ValidationError) {
        if text == "all" {
            self = .all
        } else if Reporters.reporter(for: text) != nil {
            self = .one(text)
        } else {
            throw ValidationError("unknown format '\(text)'; use \(Reporters.identifiers.joined(separator: ", ")) or all")
        }
    }

    init?(argument: String) { try? self.init(parsing: argument) }

    /// The option's transform: keeps the message above instead of ArgumentParser's generic one.
    static func parse(_ text: String) throws -> ReportFormat { try ReportFormat(parsing: text) }

    static var allValueStrings: [String] { Reporters.identifiers + ["all"] }
    var defaultValueDescription: String {
        switch self {
        case .all: "all"
        case .one(let identifier): identifier
        }
    }

    /// The reporters `formats` select.
    static func reporters(_ formats: [ReportFormat]) -> [any Reporter] {
        if formats.contains(.all) { return Reporters.all }
        return formats.compactMap { format in
            guard case .one(let identifier) = format else { return nil }
            return Reporters.reporter(for: identifier)
        }
    }
}

/// `lint --format`.
enum LintFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case text, json
}
