import Foundation

/// A whole benchmark run as printed and as `--json`: where it ran and each group's results.
public struct BenchReport: Sendable, Codable {
    public var machine: MachineDescription
    public var groups: [String: BenchResult]
    /// The per-venue diagnoses (`--only venues`), when run.
    public var venues: VenueDiagnosisResult?

    public init(machine: MachineDescription, groups: [String: BenchResult], venues: VenueDiagnosisResult? = nil) {
        self.machine = machine
        self.groups = groups
        self.venues = venues
    }

    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    /// Aligned tables: per case the median rate (range over rounds), then the ratios with their targets.
    public func text() -> String {
        var lines = ["cpu: \(machine.cpu) (\(machine.cores) cores); \(machine.openSSL); \(machine.build) build"]
        for name in groups.keys.sorted() {
            let result = groups[name]!
            lines.append("")
            let clock = result.cases.first?.clock == .wall ? "wall-clock" : "CPU-time"
            lines.append("\(name) — \(result.rounds) interleaved rounds, \(clock) medians")
            let rows = result.cases.map { [$0.workload, $0.implementation, Self.rate($0), Self.range($0)] }
            lines += table(rows, header: ["workload", "implementation", "median", "min … max"])
            guard !result.ratios.isEmpty else { continue }
            lines.append("")
            let ratioRows = result.ratios.map { ratio in
                [ratio.workload, "\(ratio.numerator) / \(ratio.denominator)", String(format: "%.2f×", ratio.median),
                 String(format: "%.2f×", ratio.ofBest),
                 ratio.target.map { String(format: "≥ %.1f×", $0) } ?? "", ratio.met.map { $0 ? "met" : "MISSED" } ?? ""]
            }
            lines += table(ratioRows, header: ["workload", "ratio (same round)", "median", "of best", "target", ""])
        }
        if let venues {
            lines.append("")
            lines += venues.text()
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func rate(_ result: CaseResult) -> String {
        if let megabytes = result.medianMegabytesPerSecond { return String(format: "%.0f MB/s", megabytes) }
        let rate = result.medianOperationsPerSecond
        if rate >= 10_000 { return String(format: "%.3f M/s", rate / 1e6) }
        return String(format: "%.1f ms (cpu %.1f ms)", 1000 / rate, result.medianCPUSecondsPerOperation * 1000)
    }

    static func range(_ result: CaseResult) -> String {
        let rates = result.operationsPerSecond
        guard let low = rates.min(), let high = rates.max() else { return "" }
        if let bytes = result.bytesPerOperation {
            return String(format: "%.0f … %.0f", low * Double(bytes) / 1e6, high * Double(bytes) / 1e6)
        }
        if low >= 10_000 { return String(format: "%.3f … %.3f", low / 1e6, high / 1e6) }
        return String(format: "%.1f … %.1f ms", 1000 / high, 1000 / low)
    }

    private func table(_ rows: [[String]], header: [String]) -> [String] {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        return all.map { row in
            row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}

/// Where a benchmark ran: enough to tell two runs' machines apart.
public struct MachineDescription: Sendable, Codable {
    public var cpu: String
    public var cores: Int
    public var openSSL: String
    public var build: String
    /// `OPENSSL_ia32cap` of the parent process, if set (it applies to `openssl` and `openssl-backend`).
    public var openSSLCapabilities: String?
    public var integerOnlyMask: String

    public static func current(openSSL: String) -> MachineDescription {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" } ?? "unknown"
        #if DEBUG
        let build = "debug (numbers are meaningless: use swift build -c release)"
        #else
        let build = "release"
        #endif
        return MachineDescription(
            cpu: model, cores: ProcessInfo.processInfo.activeProcessorCount, openSSL: openSSL, build: build,
            openSSLCapabilities: ProcessInfo.processInfo.environment["OPENSSL_ia32cap"], integerOnlyMask: MACWorkloads.integerOnlyMask)
    }
}
