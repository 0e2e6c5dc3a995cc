import ArgumentParser
import Foundation
import SigConform
import SigConformBench

/// `sigconform bench`: pure Swift against OpenSSL, interleaved in one run.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the MAC backends against OpenSSL, and the cost of a worst-case diagnosis.",
        discussion: """
            Every round measures each case once, in alternating order, and ratios are taken within a round \
            before the median, so load from other processes affects both sides of a ratio alike. MAC rates \
            are per second of process CPU time (time spent waiting for a core is left out); diagnoses are \
            timed on the wall clock, with their CPU time beside. \
            OpenSSL's integer-only path runs in a worker process started with \
            OPENSSL_ia32cap=\(MACWorkloads.integerOnlyMask). Build with `swift build -c release` first: \
            debug numbers mean nothing. See docs/performance.md.
            """
    )

    @Option(help: "Which groups to run: all, mac, diagnose or venues (every venue's diagnoses, one at a time; not part of all).")
    var only = BenchGroup.all

    @Option(help: "Interleaved rounds of the mac group.")
    var rounds = 15

    @Option(name: .customLong("batch-ms"), help: "Target wall time of one batch of the mac group, in milliseconds.")
    var batchMilliseconds = 20.0

    @Option(name: .customLong("diagnose-rounds"), help: "Rounds of the diagnose group (each diagnosis takes up to a second).")
    var diagnoseRounds = 5

    @Option(name: .customLong("venue"), help: "With --only venues: diagnose only this venue's requests (repeatable).")
    var venues: [String] = []

    @Option(name: .customLong("venue-case"), help: "With --only venues: diagnose only the requests of this name (a vector id, drift, body-1m, …; repeatable).")
    var venueCases: [String] = []

    @Option(name: .customLong("venue-rounds"), help: "Rounds of the venues group (each round diagnoses every request once).")
    var venueRounds = 3

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Option(name: .customLong("worker-mask"), help: ArgumentHelp(
        "OPENSSL_ia32cap of the openssl-int worker; an empty mask checks that the worker process measures like this one.",
        valueName: "mask"))
    var workerMask = MACWorkloads.integerOnlyMask

    @Option(help: ArgumentHelp(
        "Run only this case (workload/implementation, e.g. hmac-sha256-32/swift) for --operations operations, for a profiler.",
        valueName: "case"))
    var profile: String?

    @Option(help: "Operations of the --profile case.")
    var operations = 1_000_000

    @Flag(help: .hidden)
    var opensslWorker = false

    func validate() throws {
        guard rounds >= 1, diagnoseRounds >= 1, venueRounds >= 1, batchMilliseconds > 0 else { throw ValidationError("rounds and --batch-ms must be positive") }
    }

    /// The bundled venues, through the one registry loader; the workloads measure them as shipped.
    static func venues() throws -> VenueRegistry {
        let (registry, errors) = VenueOptions.registry(roots: [])
        if let error = errors.first { throw error }
        return registry
    }

    func run() throws {
        if opensslWorker {
            OpenSSLWorker.serve()
            return
        }
        BuildNotice.warnIfDebug("bench")
        if let profile {
            let cases = MACWorkloads.localCases() + (profile.hasPrefix("diagnose") ? try DiagnoseWorkloads.cases(only: profile, registry: try Self.venues()) : [])
            guard let chosen = cases.first(where: { $0.id == profile }) else {
                throw ValidationError("no case \(profile); cases: \(cases.map(\.id).joined(separator: ", "))")
            }
            let sample = chosen.measure(operations)
            print("\(profile): \(operations) operations in \(sample.cpuSeconds) s CPU, \(sample.seconds) s wall")
            return
        }
        var groups: [String: BenchResult] = [:]
        if only == .venues {
            let result = try VenueDiagnoseWorkloads.run(rounds: venueRounds, registry: try Self.venues(), venues: Set(venues), caseNames: Set(venueCases)) { report("venues", $0, of: venueRounds) }
            let benchReport = BenchReport(machine: .current(openSSL: OpenSSLBackend().displayName), groups: [:], venues: result)
            print(json ? try benchReport.json() : benchReport.text(), terminator: json ? "\n" : "")
            return
        }
        if only != .diagnose {
            let executable = Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
            let worker = try OpenSSLWorker.Client(executable: executable, arguments: ["bench", "--openssl-worker"], mask: workerMask)
            let cases = MACWorkloads.localCases() + OpenSSLWorker.remoteCases(worker, implementation: "openssl-int")
            let runner = BenchRunner(rounds: rounds, batchSeconds: batchMilliseconds / 1000, clock: .cpu)
            groups["mac"] = runner.run(sortedByWorkload(cases), comparisons: MACWorkloads.comparisons) { report("mac", $0, of: rounds) }
        }
        if only != .mac {
            let runner = BenchRunner(rounds: diagnoseRounds, batchSeconds: 0.5, clock: .wall)
            groups["diagnose"] = runner.run(try DiagnoseWorkloads.cases(registry: try Self.venues()), comparisons: []) { report("diagnose", $0, of: diagnoseRounds) }
        }
        let benchReport = BenchReport(machine: .current(openSSL: OpenSSLBackend().displayName), groups: groups)
        print(json ? try benchReport.json() : benchReport.text(), terminator: json ? "\n" : "")
    }

    /// Cases of one workload next to each other, so a round compares them within milliseconds.
    private func sortedByWorkload(_ cases: [BenchCase]) -> [BenchCase] {
        let order = Dictionary(cases.map(\.workload).enumerated().map { ($1, $0) }, uniquingKeysWith: min)
        return cases.enumerated().sorted { (order[$0.element.workload]!, $0.offset) < (order[$1.element.workload]!, $1.offset) }.map(\.element)
    }

    private func report(_ group: String, _ round: Int, of total: Int) {
        FileHandle.standardError.write(Data("\(group): round \(round)/\(total)\n".utf8))
    }
}

/// `bench --only`: which groups of workloads run.
enum BenchGroup: String, ExpressibleByArgument, CaseIterable, Sendable {
    case all, mac, diagnose, venues
}
