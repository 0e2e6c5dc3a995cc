import Foundation
import SigConform
@testable import SigConformReports
import Testing

/// A streamed run (``ReportStream``: passed vectors spooled as they finish, failures held)
/// writes the same files, byte for byte, as ``ReportWriter`` writes for the whole report.
@Suite struct ReportStreamTests {
    static func folder(_ name: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-stream-\(name)-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func files(in folder: String) throws -> [String: String] {
        var texts: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            texts[name] = try String(contentsOfFile: "\(folder)/\(name)", encoding: .utf8)
        }
        return texts
    }

    /// The fixture's verdicts, passed ones repeated between the failures so spooled and held
    /// vectors interleave in every venue.
    static let verdicts: [VectorVerdict] = {
        let verdicts = ReportFixture.run.verdicts
        return verdicts + verdicts.filter { $0.status == .passed } + verdicts.reversed()
    }()

    static func streamed(_ verdicts: [VectorVerdict], baseline: Baseline?, into folder: String) throws -> (RunReport, [String]) {
        var run = ReportFixture.run
        let stream = ReportStream(directory: folder, reporters: Reporters.all, backends: run.backends, watching: baseline?.ids ?? [])
        for verdict in verdicts { stream.add(verdict) }
        run.verdicts = []
        var report = stream.report(run, context: ReportFixture.context)
        baseline?.apply(to: &report, file: "baseline.json", passedElsewhere: stream.watchedPassed)
        return (report, try stream.write(report))
    }

    static func batch(_ verdicts: [VectorVerdict], baseline: Baseline?, into folder: String) throws -> RunReport {
        var run = ReportFixture.run
        run.verdicts = verdicts
        var report = RunReport(run, context: ReportFixture.context)
        baseline?.apply(to: &report, file: "baseline.json")
        _ = try ReportWriter(directory: folder).write(report, reporters: Reporters.all, redactor: Redactor(run: run))
        return report
    }

    @Test(arguments: [false, true])
    func aStreamedRunWritesTheFilesTheWholeReportWrites(withBaseline: Bool) throws {
        let streamedFolder = try Self.folder("streamed")
        let batchFolder = try Self.folder("batch")
        defer {
            try? FileManager.default.removeItem(atPath: streamedFolder)
            try? FileManager.default.removeItem(atPath: batchFolder)
        }
        // Lists one failure and one passed vector (fixed since), so marks and `fixed` both show.
        let failing = Self.verdicts.first { $0.status != .passed }!
        let passed = Self.verdicts.first { $0.status == .passed }!
        let baseline = withBaseline ? Baseline(entries: [
            Baseline.Entry(id: failing.id, status: failing.status, classes: failing.diagnosis?.classIDs ?? [failing.status.rawValue]),
            Baseline.Entry(id: passed.id, status: .failed, classes: ["x"]),
        ]) : nil
        let (streamedReport, written) = try Self.streamed(Self.verdicts, baseline: baseline, into: streamedFolder)
        let batchReport = try Self.batch(Self.verdicts, baseline: baseline, into: batchFolder)

        #expect(written.count == Reporters.all.count)
        let streamed = try Self.files(in: streamedFolder)
        let whole = try Self.files(in: batchFolder)
        #expect(streamed.keys.sorted() == whole.keys.sorted(), "the stream left other files: \(streamed.keys.sorted())")
        for (name, text) in whole {
            #expect(streamed[name] == text, "\(name) differs between the streamed and the whole report")
        }
        #expect(streamedReport.summary == batchReport.summary)
        #expect(streamedReport.exitCode == batchReport.exitCode)
        #expect(streamedReport.baseline == batchReport.baseline)
        if withBaseline { #expect(Set(streamedReport.baseline?.fixed ?? []) == [passed.id]) }
        // Only failures and errors are held in full.
        #expect(streamedReport.vectors.allSatisfy { $0.status != .passed })
        #expect(streamedReport.vectors.count == Self.verdicts.count { $0.status != .passed })
    }

    @Test func aRunWithOnlyPassedOrOnlyFailedVectorsStreamsTheSameFiles() throws {
        for verdicts in [Self.verdicts.filter { $0.status == .passed }, Self.verdicts.filter { $0.status != .passed }, []] {
            let streamedFolder = try Self.folder("streamed")
            let batchFolder = try Self.folder("batch")
            defer {
                try? FileManager.default.removeItem(atPath: streamedFolder)
                try? FileManager.default.removeItem(atPath: batchFolder)
            }
            _ = try Self.streamed(verdicts, baseline: nil, into: streamedFolder)
            _ = try Self.batch(verdicts, baseline: nil, into: batchFolder)
            #expect(try Self.files(in: streamedFolder) == Self.files(in: batchFolder), "\(verdicts.count) verdicts")
        }
    }

    @Test func aReportFolderThatCannotBeMadeFailsTheWriteAndTheRunGoesOn() throws {
        let folder = try Self.folder("blocked")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "not a folder\n".write(toFile: folder + "/reports", atomically: false, encoding: .utf8)
        let stream = ReportStream(directory: folder + "/reports", reporters: Reporters.all, backends: ReportFixture.run.backends)
        for verdict in Self.verdicts { stream.add(verdict) }
        var run = ReportFixture.run
        run.verdicts = []
        let report = stream.report(run, context: ReportFixture.context)
        #expect(report.summary.vectors == Self.verdicts.count)
        #expect(throws: (any Error).self) { try stream.write(report) }
        #expect(try String(contentsOfFile: folder + "/reports", encoding: .utf8) == "not a folder\n")
    }

    @Test func aReportFileWrittenInPiecesIsScrubbedAsTheWholeText() throws {
        let credentials = Credentials(apiKey: "KEY-abcdefghijklmnop", secret: "s3cret-value-that-is-long", passphrase: "pass-phrase-1")
        let redactor = Redactor(credentials: [credentials])
        let line = "x s3cret-value-that-is-long KEY-abcdefghijklmnop y pass-phrase-1 \"s3cret-value-that-is-long\" é &amp; "
        let text = String(repeating: line, count: 30_000)
        // Over the 1 MiB the output scrubs at a time, so credentials straddle its blocks.
        #expect(text.utf8.count > 2 << 20)
        let folder = try Self.folder("scrub")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = try RedactedFileOutput(path: folder + "/report.txt", redactor: redactor)
        // Pieces of every length from 1 to 97 characters, cut anywhere (inside credentials too).
        let scalars = Array(text.unicodeScalars)
        var offset = 0
        var length = 1
        while offset < scalars.count {
            let end = min(scalars.count, offset + length)
            var piece = ""
            piece.unicodeScalars.append(contentsOf: scalars[offset..<end])
            output.write(piece)
            offset = end
            length = length % 97 + 1
        }
        try output.finish()
        try RedactedFileOutput.commit([output])
        let written = try String(contentsOfFile: folder + "/report.txt", encoding: .utf8)
        #expect(written == redactor.scrub(text))
        #expect(!written.contains("s3cret-value-that-is-long"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.txt"])
    }
}
