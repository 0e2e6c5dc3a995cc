import Foundation
import SigConform
import Testing

/// The real `check` path over a folder that mixes one good vector file with every kind of bad
/// input a stranger can hand over (Fixtures/malformed, plus files too big or too odd to commit,
/// made in a temporary copy). Each bad file must give an error that names it, says where and
/// why; the good vectors must still be checked; nothing may be skipped silently.
@Suite(.serialized) struct MalformedInputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/malformed").path

    /// A private copy of the fixtures with the generated cases added.
    static func makeCorpus() throws -> String {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-malformed-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: fixtures, toPath: root)
        // 100 MB: over the 64 MiB file limit; must be refused before it is read.
        try writeLarge(at: root + "/big-string.json", prefix: #"{"format": "sigconform/vectors@1", "venue": "binance-spot", "description": ""#,
                       fill: 100 << 20, suffix: #"", "vectors": []}"#)
        // A JSON Lines corpus with a 100 MB line between two good ones: the line is an error, its neighbours are checked.
        let good = try String(contentsOfFile: root + "/mixed-lines.jsonl", encoding: .utf8).split(separator: "\n")
        try writeLarge(at: root + "/big-line.jsonl", prefix: good[0] + "\n" + #"{"id": ""#, fill: 100 << 20,
                       suffix: "\"}\n" + good[2].replacingOccurrences(of: #""id": ""#, with: #""id": "after-big-line-"#) + "\n")
        // A link back to the corpus itself must not make the loader read the corpus again and again.
        try FileManager.default.createSymbolicLink(atPath: root + "/loop", withDestinationPath: root)
        return root
    }

    static func writeLarge(at path: String, prefix: String, fill: Int, suffix: String) throws {
        try Data(prefix.utf8).write(to: URL(fileURLWithPath: path))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        let chunk = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
        for _ in 0..<(fill >> 20) { try handle.write(contentsOf: chunk) }
        try handle.write(contentsOf: Data(suffix.utf8))
    }

    static func check(_ corpus: String) -> RunResult {
        let (registry, venueErrors) = RunEnvironment.registry(extraRoots: [corpus])
        var result = CheckRunner(registry: registry, backends: standardBackends()).run(paths: [corpus])
        result.inputErrors = venueErrors + result.inputErrors
        return result
    }

    /// (file, cause) for every unusable input the corpus holds; each must be reported.
    static let expectedInputErrors: [(file: String, cause: String)] = [
        ("truncated.json", "unexpected end of input"),
        ("wrong-type.json", "expected a string, found number"),
        ("wrong-type-vectors.json", "expected an array of vectors, found object"),
        ("huge-number.json", "expected an integer in the 64-bit range"),
        ("negative-server-time.json", "serverTime"),
        ("deep-nesting.json", "nesting deeper than 64 levels"),
        ("invalid-utf8.json", "not valid UTF-8"),
        ("bom.json", "byte-order mark"),
        ("duplicate-keys.json", #"duplicate key "venue""#),
        ("invalid-hex.json", "not valid hex"),
        ("empty.json", "the input is empty"),
        ("unknown-hash/venue.json", #"unknown hash "sha257""#),
        ("folder-venue/venue.json", "is a directory where a file was expected"),
        ("mixed-lines.jsonl", "unexpected end of input"),
        ("big-string.json", "over the 64 MiB limit"),
        ("big-line.jsonl", "a line longer than 1 MiB"),
        ("loop", "link"),
    ]

    @Test func everyBadFileIsAnErrorNamingFileLocationAndCauseAndTheGoodVectorsAreStillChecked() throws {
        let corpus = try Self.makeCorpus()
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        let run = Self.check(corpus)

        for (file, cause) in Self.expectedInputErrors {
            let matching = run.inputErrors.filter { $0.file == corpus + "/" + file && $0.description.contains(cause) }
            #expect(matching.count == 1, "\(file): expected one error containing \"\(cause)\"; errors: \(run.inputErrors.map(\.description))")
        }
        // Errors inside a file say where: line and column.
        for error in run.inputErrors where error.file.hasSuffix(".json") && !error.file.hasSuffix("venue.json")
            && !error.file.hasSuffix("big-string.json") {
            #expect(error.location != nil, "\(error) has no line:column")
        }
        #expect(run.inputErrors.count == Self.expectedInputErrors.count, "unexpected errors: \(run.inputErrors.map(\.description))")

        // The good file's vectors and the good lines of both JSON Lines files are checked and pass.
        let passed = Set(run.verdicts.filter { $0.status == .passed }.map(\.id))
        let goodIDs = ["get-account-timestamp-only", run.verdicts.first { $0.vector.origin.file.hasSuffix("good.json") && $0.id != "binance-spot/get-account-timestamp-only" }?.vector.id ?? "?"]
        for id in goodIDs { #expect(passed.contains("binance-spot/\(id)"), "\(id) from good.json was not checked: \(passed.sorted())") }
        #expect(run.verdicts.filter { $0.vector.origin.file.hasSuffix("good.json") }.count == 2)
        #expect(run.verdicts.filter { $0.vector.origin.file.hasSuffix("mixed-lines.jsonl") && $0.status == .passed }.count == 2)
        #expect(run.verdicts.filter { $0.vector.origin.file.hasSuffix("big-line.jsonl") && $0.status == .passed }.count == 2)
        // Nothing is read twice through the link.
        #expect(run.files.filter { $0.hasSuffix("good.json") }.count == 1, "\(run.files)")

        // Vectors that decode but cannot be checked are errors of their own, with the reason.
        let unknownVenue = run.verdicts.first { $0.vector.venue == "binance-spott" }
        #expect(unknownVenue?.status == .error)
        #expect(unknownVenue?.problems.first?.contains(#"did you mean "binance-spot"?"#) == true)
        let kraken = run.verdicts.first { $0.vector.venue == "kraken-spot" }
        #expect(kraken?.status == .error)
        #expect(kraken?.problems.first?.contains("is not valid base64") == true)
        // A timestamp no clock can have is a failed vector, not a crash.
        let farTimestamp = run.verdicts.first { $0.vector.id == "timestamp-int64-min" }
        #expect(farTimestamp?.status == .failed)

        #expect(run.exitCode == 2)
        let context = ReportContext(toolVersion: "test", startedAt: "-", durationSeconds: 0)
        #expect(RunSummary(RunReport(run, context: context)).inputErrors == run.inputErrors.count)
        let report = TerminalReporter().render(run, context: context)
        #expect(report.contains(counted(run.inputErrors.count, "unreadable input")))
        for error in run.inputErrors {
            for line in InputErrorReport(error).description.split(separator: "\n") { #expect(report.contains(line)) }
        }
    }

    /// Whether this process can read a file whose permissions forbid it (root can).
    static let readsUnreadableFiles: Bool = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-perm-\(UUID().uuidString)").path
        _ = FileManager.default.createFile(atPath: path, contents: Data("x".utf8), attributes: [.posixPermissions: 0o000])
        defer { try? FileManager.default.removeItem(atPath: path) }
        return FileManager.default.contents(atPath: path) != nil
    }()

    @Test(.enabled(if: !readsUnreadableFiles, "root reads files whose mode is 000; the CLI test covers it as another user"))
    func anUnreadableFileIsReportedNotSkipped() throws {
        let corpus = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-unreadable-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: corpus, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: corpus) }
        try FileManager.default.copyItem(atPath: Self.fixtures + "/good.json", toPath: corpus + "/good.json")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/good.json", toPath: corpus + "/locked.json")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: corpus + "/locked.json")
        let run = Self.check(corpus)
        #expect(run.inputErrors.map(\.file) == [corpus + "/locked.json"])
        #expect(run.inputErrors.first?.message.contains("permission denied") == true)
        #expect(run.verdicts.count == 2)
        #expect(run.exitCode == 2)
    }
}
