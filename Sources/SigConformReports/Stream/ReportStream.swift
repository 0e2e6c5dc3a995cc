import Foundation
import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// Writes the reports of a run while it runs, so memory stays flat however large the corpus:
/// each verdict is turned into its ``VectorReport`` as it finishes; a passed vector's part of
/// the JSON, JUnit and HTML reports goes to a spool file and the vector is dropped; failures
/// and errors are held in full (the terminal and Markdown reports list them, baselines mark
/// them). ``report(_:context:)`` gives the held vectors with the counts of all, and
/// ``write(_:)`` assembles each report file from it and the spools, through the ``Redactor``,
/// into a temporary file renamed into place: the files are the same, byte for byte, as
/// ``ReportWriter`` writes for the whole ``RunReport``.
///
/// Reporters that are not ``StreamingReporter``s render the report the stream holds: the
/// failures, errors and counts.
package final class ReportStream {
    package let backends: [String]
    private let directory: String?
    private let reporters: [any Reporter]
    /// Why the report folder or a spool could not be used; ``write(_:)`` throws it.
    private var setupError: (any Error)?
    private var held: [VectorReport] = []
    private var tally = VectorTally()
    private var venues: Set<String> = []
    private var credentials: [Credentials] = []
    /// Each distinct credential and its place in `credentials`.
    private var knownCredentials: [Credentials: Int] = [:]
    private var masks = CredentialMask.Cache()
    /// The streaming reporters' spools; empty when no report file is written (or none can be).
    private var streams: [Stream] = []

    /// One streaming reporter, its place in `reporters` and its spools (by ``StreamingReporter/channel(of:)``).
    private struct Stream {
        let reporter: any StreamingReporter
        let index: Int
        var channels: [String: Spooled]
    }
    private let watched: Set<String>
    /// Ids of passed vectors that were in `watching` (a baseline's ids: its fixed failures).
    package private(set) var watchedPassed: [String] = []

    /// - Parameters:
    ///   - directory: the report folder, or `nil` when no report files are written.
    ///   - watching: ids whose passing ``watchedPassed`` lists (those of a baseline).
    package init(directory: String?, reporters: [any Reporter], backends: [String], watching: Set<String> = []) {
        self.directory = directory
        self.reporters = reporters
        self.backends = backends
        self.watched = watching
        guard let directory else { return }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            for (index, reporter) in reporters.enumerated() {
                guard let streaming = reporter as? any StreamingReporter else { continue }
                // One spool for the whole file is opened now, so a folder that cannot take it fails
                // before the run; per-venue spools open with their venue's first passed vector.
                let channels = type(of: streaming).spoolsByVenue ? [:] : ["": Spooled(spool: try Self.spool(in: directory))]
                streams.append(Stream(reporter: streaming, index: index, channels: channels))
            }
        } catch {
            setupError = error
            streams = []
        }
    }

    /// A spool file, unlinked as soon as it is open: a killed run leaves nothing behind.
    private static func spool(in directory: String) throws(ReportStreamError) -> SpoolFile {
        let spool = try SpoolFile(path: path(directory, ".sigconform-spool-\(UUID().uuidString)"))
        unlink(spool.path)
        return spool
    }

    /// Takes one vector's verdict, in run order.
    package func add(_ verdict: VectorVerdict) {
        note(verdict.vector.credentials)
        if verdict.status == .passed, streams.isEmpty {
            // Nothing to write for it: counted without building its report (a passed vector's
            // backends all pass, see ``BackendResult/status(_:backend:)``).
            if !watched.isEmpty, watched.contains(verdict.id) { watchedPassed.append(verdict.id) }
            venues.insert(verdict.vector.venue)
            tally.add(venue: verdict.vector.venue, result: verdict.vector.result, status: .passed, passedBackends: backends,
                      classes: verdict.diagnosis?.classIDs ?? [], baseline: nil)
            return
        }
        if verdict.status == .passed {
            // Its report file entries are short (``VectorReport/init(passed:backends:)``): nothing
            // more is built for it.
            add(VectorReport(passed: verdict, backends: backends))
        } else {
            add(VectorReport(verdict, backends: backends, mask: masks.mask(for: verdict.vector.credentials)))
        }
    }

    /// Keeps `credential` for the ``redactor`` if it is new. A corpus repeats a few credential
    /// sets over and over: one seen lately is found by a cheap slot and compared, instead of
    /// hashing every secret for the set (SipHash over each field was 2.4 k instructions a vector,
    /// callgrind).
    private func note(_ credential: Credentials) {
        let slot = Self.recentSlot(credential)
        let recent = recentCredentials[slot]
        if recent >= 0, credentials[recent] == credential { return }
        if let index = knownCredentials[credential] {
            recentCredentials[slot] = index
        } else {
            knownCredentials[credential] = credentials.count
            recentCredentials[slot] = credentials.count
            credentials.append(credential)
        }
    }

    /// Indexes into `credentials` by ``recentSlot(_:)``, -1 for none.
    private var recentCredentials = [Int](repeating: -1, count: 256)

    /// A slot from the lengths and end bytes of the key and secret: read in constant time, and
    /// spread well enough for a cache.
    private static func recentSlot(_ credential: Credentials) -> Int {
        func mix(_ hash: Int, _ value: String?) -> Int {
            guard let utf8 = value?.utf8 else { return hash }
            return (hash &* 31 &+ utf8.count) &* 31 &+ Int(utf8.first ?? 0) &* 7 &+ Int(utf8.last ?? 0)
        }
        let hash = mix(mix(0, credential.secret), credential.apiKey)
        return (hash ^ hash >> 8) & 255
    }

    /// Takes one vector's report, in run order (`report merge`, whose vectors come from the
    /// reports of earlier runs: their credentials were scrubbed when those were written).
    package func add(_ vector: VectorReport) {
        venues.insert(vector.venue)
        guard vector.status == .passed else {
            for index in streams.indices {
                let channel = streams[index].reporter.channel(of: vector)
                var spooled = streams[index].channels[channel] ?? Spooled()
                spooled.offsets.append(spooled.size)
                streams[index].channels[channel] = spooled
            }
            held.append(vector)
            return
        }
        if !watched.isEmpty, watched.contains(vector.id) { watchedPassed.append(vector.id) }
        tally.add(vector)
        guard setupError == nil else { return }
        do {
            try spool(vector)
        } catch {
            // The reports cannot be written (``write(_:)`` says why); the run goes on.
            setupError = error
            streams = []
        }
    }

    /// The bytes of one fragment, reused for every fragment of the run.
    private var scratch = ReportBytes()

    private func spool(_ vector: VectorReport) throws {
        guard let directory else { return }
        for index in streams.indices {
            let reporter = streams[index].reporter
            let channel = reporter.channel(of: vector)
            var spooled = streams[index].channels[channel] ?? Spooled()
            if spooled.spool == nil { spooled.spool = try Self.spool(in: directory) }
            scratch.clear()
            reporter.fragment(vector, into: &scratch)
            try spooled.spool?.append(scratch.bytes)
            spooled.count += reporter.entries(in: vector)
            streams[index].channels[channel] = spooled
        }
    }

    /// The report of the run: the vectors held (failures and errors) and the counts of all.
    package func report(_ run: RunResult, context: ReportContext) -> RunReport {
        var report = RunReport(run, context: context, vectors: held)
        report.venues = run.venues.filter { venues.contains($0.id) }.map(VenueInfo.init)
        report.streamed = tally
        return report
    }

    /// The report of a merge: `header` (the merged runs' members, from ``ReportMerger``) with
    /// the vectors held and the counts of all.
    package func report(merging header: RunReport) -> RunReport {
        var report = header
        report.vectors = held
        report.streamed = tally
        return report
    }

    /// Removes every credential the run's vectors carried (each distinct one escaped once).
    package var redactor: Redactor { Redactor(credentials: credentials) }

    /// Writes every report file for `report` (from ``report(_:context:)``, baseline marks
    /// applied); returns the paths written. Every file is complete before the first is renamed
    /// into place, as ``ReportWriter`` does.
    package func write(_ report: RunReport) throws -> [String] {
        if let setupError { throw setupError }
        guard let directory else { return [] }
        let redactor = self.redactor
        var outputs: [RedactedFileOutput] = []
        for (index, reporter) in reporters.enumerated() {
            let output = try RedactedFileOutput(path: path(directory, type(of: reporter).fileName), redactor: redactor)
            outputs.append(output)
            var out = output
            if let stream = streams.first(where: { $0.index == index }) {
                try stream.reporter.write(report, spooled: stream.channels, to: &out)
            } else {
                out.write(reporter.render(report))
            }
            try output.finish()
        }
        try RedactedFileOutput.commit(outputs)
        return outputs.map(\.path)
    }
}

/// `name` inside `directory` (the report folder as given, so written paths read as `ReportWriter`'s do).
private func path(_ directory: String, _ name: String) -> String {
    directory.hasSuffix("/") ? directory + name : directory + "/" + name
}
