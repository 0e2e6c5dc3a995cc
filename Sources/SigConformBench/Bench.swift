#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One measured workload on one implementation, e.g. HMAC-SHA256 of 32 bytes on the pure-Swift backend.
///
/// `measure(n)` performs the operation `n` times and returns the elapsed seconds; cases that run
/// in another process (OpenSSL with other CPU capabilities) time themselves there.
public struct BenchCase: Sendable {
    /// What is computed, e.g. `hmac-sha256-32`; cases with the same workload are compared.
    public let workload: String
    /// Who computes it, e.g. `swift`, `openssl`, `openssl-int`, `swift-crypto`.
    public let implementation: String
    /// Bytes processed per operation, for MB/s; nil for workloads measured in operations per second.
    public let bytesPerOperation: Int?
    /// Runs the operation `n` times and returns wall-clock seconds and process CPU seconds.
    public let measure: @Sendable (_ n: Int) -> BenchSample

    public init(workload: String, implementation: String, bytesPerOperation: Int?, measure: @escaping @Sendable (Int) -> BenchSample) {
        self.workload = workload
        self.implementation = implementation
        self.bytesPerOperation = bytesPerOperation
        self.measure = measure
    }

    /// A case timed in this process: `operation` runs once per iteration and returns a value
    /// that is folded into a checksum, so the optimiser cannot drop the work.
    public static func local(
        _ workload: String, _ implementation: String, bytesPerOperation: Int?, operation: @escaping @Sendable () -> UInt64
    ) -> BenchCase {
        BenchCase(workload: workload, implementation: implementation, bytesPerOperation: bytesPerOperation) { n in
            BenchSample.timing {
                var checksum: UInt64 = 0
                for _ in 0..<n { checksum &+= operation() }
                return checksum
            }
        }
    }

    public var id: String { "\(workload)/\(implementation)" }
}

/// The time one batch of operations took.
public struct BenchSample: Sendable {
    public var seconds: Double
    public var cpuSeconds: Double
    /// Folded results of the batch; printed nowhere, it only keeps the work observable.
    public var checksum: UInt64

    public init(seconds: Double, cpuSeconds: Double, checksum: UInt64) {
        self.seconds = seconds
        self.cpuSeconds = cpuSeconds
        self.checksum = checksum
    }

    public func seconds(on clock: BenchClock) -> Double {
        switch clock {
        case .cpu: cpuSeconds
        case .wall: seconds
        }
    }

    /// Times `body` on the monotonic clock and the process CPU clock.
    public static func timing(_ body: () -> UInt64) -> BenchSample {
        let (wall0, cpu0) = (Clocks.monotonic(), Clocks.processCPU())
        let checksum = body()
        let (wall1, cpu1) = (Clocks.monotonic(), Clocks.processCPU())
        blackHole(checksum)
        return BenchSample(seconds: wall1 - wall0, cpuSeconds: cpu1 - cpu0, checksum: checksum)
    }
}

/// A within-run ratio to report, `numerator / denominator` of two implementations' rates on one workload.
public struct BenchComparison: Sendable {
    public let workload: String
    public let numerator: String
    public let denominator: String
    /// The ratio the project aims for (issue 7), if this comparison is a target.
    public let target: Double?

    public init(_ workload: String, _ numerator: String, over denominator: String, target: Double? = nil) {
        self.workload = workload
        self.numerator = numerator
        self.denominator = denominator
        self.target = target
    }
}

/// Which clock rates are computed from.
public enum BenchClock: String, Sendable, Codable {
    /// Process CPU time: on a machine shared with other work, time the process was not running
    /// is left out, so single-threaded cases measure what they cost rather than what they waited.
    case cpu
    /// Wall-clock time, for cases that spread over several threads.
    case wall
}

/// Runs cases interleaved: every round measures each case once, so slow drifts in machine load
/// hit all implementations alike, and ratios are taken round by round before the median.
public struct BenchRunner: Sendable {
    public var rounds: Int
    /// Time one batch of a case aims at, on `clock`.
    public var batchSeconds: Double
    public var clock: BenchClock

    public init(rounds: Int, batchSeconds: Double, clock: BenchClock) {
        self.rounds = rounds
        self.batchSeconds = batchSeconds
        self.clock = clock
    }

    /// Measures `cases` and computes `comparisons`; `progress` is told each finished round.
    public func run(_ cases: [BenchCase], comparisons: [BenchComparison], progress: (Int) -> Void = { _ in }) -> BenchResult {
        let batches = cases.map(calibrate)
        var samples = [[BenchSample]](repeating: [], count: cases.count)
        for round in 0..<rounds {
            // Alternate the order so that no case always runs right after the same neighbour.
            let order = round.isMultiple(of: 2) ? Array(cases.indices) : cases.indices.reversed()
            for index in order { samples[index].append(cases[index].measure(batches[index])) }
            progress(round + 1)
        }
        let results = cases.indices.map { index in
            CaseResult(benchCase: cases[index], operationsPerBatch: batches[index], samples: samples[index], clock: clock)
        }
        let ratios = comparisons.compactMap { comparison -> RatioResult? in
            guard let top = results.first(where: { $0.workload == comparison.workload && $0.implementation == comparison.numerator }),
                  let bottom = results.first(where: { $0.workload == comparison.workload && $0.implementation == comparison.denominator })
            else { return nil }
            let perRound = zip(top.operationsPerSecond, bottom.operationsPerSecond).map { $0 / $1 }
            return RatioResult(workload: comparison.workload, numerator: comparison.numerator, denominator: comparison.denominator,
                               median: median(perRound), ofBest: top.bestOperationsPerSecond / bottom.bestOperationsPerSecond,
                               target: comparison.target)
        }
        return BenchResult(rounds: rounds, cases: results, ratios: ratios)
    }

    /// The batch size that takes about `batchSeconds`, doubling from one operation.
    private func calibrate(_ benchCase: BenchCase) -> Int {
        var n = 1
        while true {
            let seconds = benchCase.measure(n).seconds(on: clock)
            if seconds >= batchSeconds / 4 || n >= 1 << 30 {
                let scaled = Double(n) * batchSeconds / max(seconds, 1e-9)
                return max(1, Int(scaled.rounded()))
            }
            n *= 2
        }
    }
}

/// The measurements of one case.
public struct CaseResult: Sendable, Codable {
    public let workload: String
    public let implementation: String
    public let bytesPerOperation: Int?
    public let operationsPerBatch: Int
    /// The clock `operationsPerSecond` is measured on.
    public let clock: BenchClock
    /// Operations per second, one value per round.
    public let operationsPerSecond: [Double]
    /// Process CPU seconds per operation, one value per round (above wall time when work runs on several threads).
    public let cpuSecondsPerOperation: [Double]

    init(benchCase: BenchCase, operationsPerBatch: Int, samples: [BenchSample], clock: BenchClock) {
        workload = benchCase.workload
        implementation = benchCase.implementation
        bytesPerOperation = benchCase.bytesPerOperation
        self.operationsPerBatch = operationsPerBatch
        self.clock = clock
        operationsPerSecond = samples.map { Double(operationsPerBatch) / max($0.seconds(on: clock), 1e-9) }
        cpuSecondsPerOperation = samples.map { $0.cpuSeconds / Double(operationsPerBatch) }
    }

    public var medianOperationsPerSecond: Double { median(operationsPerSecond) }

    /// The best round: on a loaded machine, the closest to the undisturbed speed.
    public var bestOperationsPerSecond: Double { operationsPerSecond.max() ?? 0 }

    /// Median throughput in MB/s (10^6 bytes), for byte workloads.
    public var medianMegabytesPerSecond: Double? {
        bytesPerOperation.map { Double($0) * medianOperationsPerSecond / 1e6 }
    }

    public var medianCPUSecondsPerOperation: Double { median(cpuSecondsPerOperation) }
}

/// A within-run ratio: the median over rounds of (numerator rate / denominator rate).
public struct RatioResult: Sendable, Codable {
    public let workload: String
    public let numerator: String
    public let denominator: String
    public let median: Double
    /// The ratio of the two cases' best rounds, a check on the median when the machine is loaded.
    public let ofBest: Double
    public let target: Double?
    public var met: Bool? { target.map { median >= $0 } }
}

/// Everything one run measured.
public struct BenchResult: Sendable, Codable {
    public var rounds: Int
    public var cases: [CaseResult]
    public var ratios: [RatioResult]
}

/// The median of `values` (the mean of the middle two for an even count); 0 when empty.
public func median(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return 0 }
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
}

/// Keeps `value` alive as far as the optimiser can tell.
@inline(never)
public func blackHole<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

enum Clocks {
    static func monotonic() -> Double { read(CLOCK_MONOTONIC) }
    static func processCPU() -> Double { read(CLOCK_PROCESS_CPUTIME_ID) }

    private static func read(_ clock: clockid_t) -> Double {
        var time = timespec()
        clock_gettime(clock, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
