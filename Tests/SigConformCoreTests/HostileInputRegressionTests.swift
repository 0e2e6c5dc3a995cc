import Foundation
import SigConform
import Testing

/// Inputs that crashed, hung or misled sigconform, found by the fuzzers in Fuzz/ or by the
/// malformed corpus; each stays here so the fix stays.
@Suite struct HostileInputRegressionTests {
    // fuzz-timestamp, crash-73182f77: the bytes "no-cache" read as a 64-bit time and written in
    // microseconds overflowed the multiplication by 1000.
    @Test func anyMillisecondValueCanBeWrittenInEveryFormat() {
        let fromFuzzer = Array("no-cache".utf8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        #expect(TimestampCodec.format(fromFuzzer, as: .unixMicroseconds) == "\(fromFuzzer)000")
        for value in [Int64.min, Int64.min + 1, -1, 0, 1, Int64.max, fromFuzzer] {
            for format in TimestampFormat.allCases {
                // The diagnosis writes candidates into a buffer of this size.
                #expect(TimestampCodec.format(value, as: format).utf8.count <= TimestampCodec.maximumWrittenLength)
            }
        }
        #expect(TimestampCodec.format(0, as: .unixMicroseconds) == "0")
        #expect(TimestampCodec.format(-1500, as: .unixMicroseconds) == "-1500000")
        #expect(TimestampCodec.format(Int64.min, as: .iso8601Milliseconds) == "-292275055-05-16T16:47:04.192Z")
    }

    @Test func floorDivisionIsDefinedForTheSmallestInteger() {
        #expect(TimestampCodec.floorDivide(Int64.min, 1000) == -9_223_372_036_854_776)
        #expect(TimestampCodec.floorDivide(-1, 1000) == -1)
        #expect(TimestampCodec.floorDivide(-1000, 1000) == -1)
        #expect(TimestampCodec.floorDivide(999, 1000) == 0)
    }

    @Test func timestampsThatNameNoInstantAreNotTimestamps() {
        #expect(TimestampCodec.milliseconds("-9223372036854775808", format: .unixMilliseconds) == nil)
        #expect(TimestampCodec.milliseconds("9223372036854775807", format: .unixMicroseconds) == nil)
        #expect(TimestampCodec.milliseconds("9223372036854775.999", format: .unixSecondsDecimal) == nil)
        #expect(TimestampCodec.milliseconds("9223372036854775807.5", format: .unixSecondsDecimal) == nil)
        #expect(TimestampCodec.milliseconds("253402300799", format: .unixSeconds) == 253_402_300_799_000)
        #expect(TimestampCodec.milliseconds("253402300800", format: .unixSeconds) == nil)
        #expect(TimestampCodec.milliseconds("1700000000.5", format: .unixSecondsDecimal) == 1_700_000_000_500)
    }

    @Test func aClockCheckOfAnyTwoTimesDoesNotOverflow() {
        let window = TimeWindow(pastMilliseconds: 5000, futureMilliseconds: 1000)
        for (timestamp, server) in [(Int64.min, Int64.max), (Int64.max, Int64.min), (0, Int64.min), (Int64.min, 0)] {
            let check = ClockCheck(timestamp: timestamp, serverTime: server, window: window, recvWindow: 5000)
            #expect(!check.withinWindow)
            #expect(!check.summary.isEmpty)
            let expiry = ClockCheck(timestamp: timestamp, serverTime: server, window: TimeWindow(pastMilliseconds: nil, futureMilliseconds: 0, isExpiry: true), recvWindow: 0)
            #expect(!expiry.summary.isEmpty)
        }
    }

    static func run(_ vector: String, venue: String = "binance-spot") throws -> RunResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-regression-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = #"{"format": "sigconform/vectors@1", "venue": "\#(venue)", "vectors": [\#(vector)]}"#
        try file.write(toFile: folder + "/v.json", atomically: true, encoding: .utf8)
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        return CheckRunner(registry: registry, backends: standardBackends()).run(paths: [folder + "/v.json"])
    }

    // A receive window parameter that is "." or empty indexed an empty split and trapped.
    @Test(arguments: [".", "", ".5"])
    func aReceiveWindowThatIsNotANumberIsNotACrash(recvWindow: String) throws {
        let run = try Self.run(#"""
            {"id": "dot-window", "credentials": {"apiKey": "k", "secret": "s"},
             "request": {"method": "GET", "path": "/api/v3/account", "query": "recvWindow=\#(recvWindow)&timestamp=1700000000000&signature=00"},
             "time": {"serverTime": 1700000000300}, "result": "invalid", "expect": {"diagnosis": ["unexplained"]}}
            """#)
        #expect(run.inputErrors.isEmpty, "\(run.inputErrors)")
        #expect(run.verdicts.count == 1)
    }

    // A server time at the end of the 64-bit range made the clock arithmetic overflow.
    @Test func aServerTimeNoClockCanShowIsAnInputError() throws {
        let run = try Self.run(#"""
            {"id": "far-server-time", "credentials": {"apiKey": "k", "secret": "s"},
             "request": {"method": "GET", "path": "/api/v3/account", "query": "timestamp=-1000&signature=00"},
             "time": {"serverTime": 9223372036854775807}, "result": "invalid", "expect": {"diagnosis": ["unexplained"]}}
            """#)
        #expect(run.verdicts.isEmpty)
        #expect(run.inputErrors.first?.pointer == "/vectors/0/time/serverTime")
        #expect(run.inputErrors.first?.message.contains("years 0001–9999") == true)
    }

    // A timestamp at Int64.min reached the diagnoser's unit and hour searches, which multiply it.
    @Test func aTimestampAtTheEndOfTheRangeIsAFailedVectorNotACrash() throws {
        let run = try Self.run(#"""
            {"id": "min-timestamp", "credentials": {"apiKey": "k", "secret": "s"},
             "request": {"method": "GET", "path": "/api/v3/account", "query": "timestamp=-9223372036854775808&signature=00"},
             "time": {"serverTime": 1700000000300}, "result": "valid", "expect": {"signature": "00"}}
            """#)
        #expect(run.verdicts.first?.status == .failed)
        #expect(run.verdicts.first?.problems.contains { $0.contains("not in the venue's format") } == true)
    }

    // Every value's column was counted from the start of its line: a minified file of a few
    // megabytes took hours. Now counting continues from the previous value.
    @Test
    func aLargeFileOnOneLineParsesInLinearTime() throws {
        let elements = Array(repeating: #"{"a":"b"}"#, count: 200_000).joined(separator: ",")
        let document = try JSONParser().parse("[" + elements + "]")
        #expect(document.location(of: "/199999/a") == SourceLocation(line: 1, column: 2 + 199_999 * 10 + 5))
        #expect(document.location(of: "/0") == SourceLocation(line: 1, column: 2))
    }

    // Defaults were merged into each vector with a nested linear search per member.
    @Test
    func aVectorWithManyMembersIsRefusedQuickly() throws {
        let members = (0..<200_000).map { #""m\#($0)":0"# }.joined(separator: ",")
        let text = #"{"format": "sigconform/vectors@1", "venue": "acme", "defaults": {"result": "valid"}, "vectors": [{\#(members)}]}"#
        let reader = JSONReader(file: "many.json", document: try JSONParser().parse(text))
        #expect(throws: InputError.self) { try VectorDecoder().decodeFile(reader) }
    }

    @Test func errorMessagesQuoteAtMostAFewHundredCharactersOfTheInput() throws {
        let name = String(repeating: "k", count: 1 << 20)
        let text = #"{"format": "sigconform/vectors@1", "venue": "acme", "\#(name)": 1, "vectors": []}"#
        let reader = JSONReader(file: "long.json", document: try JSONParser().parse(text))
        do {
            _ = try VectorDecoder().decodeFile(reader)
            Issue.record("an unknown member must be refused")
        } catch {
            #expect(error.message.count < 600)
            #expect(error.message.contains("characters omitted"))
            #expect(error.description.count < 1500)
        }
    }

    @Test(arguments: ["Binance-Spot", "binance spot", "", String(repeating: "a", count: 65), "../etc"])
    func aVenueIDNoVenueFolderCanHaveIsAnInputError(venue: String) throws {
        let text = #"{"format": "sigconform/vectors@1", "venue": "\#(venue)", "vectors": []}"#
        let reader = JSONReader(file: "v.json", document: try JSONParser().parse(text))
        #expect(throws: InputError.self) { try VectorDecoder().decodeFile(reader) }
    }

    // A device or a pipe named *.json was read until memory ran out, or forever.
    @Test func onlyRegularFilesAreRead() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-devices-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder + "/zero.json", withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: folder + "/zero.jsonl", withDestinationPath: "/dev/zero")
        #expect(mkfifo(folder + "/pipe.json", 0o600) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder + "/dangling.json", withDestinationPath: folder + "/nothing-here")
        let run = CheckRunner(registry: VenueRegistry(), backends: standardBackends()).run(paths: [folder])
        let messages = Dictionary(uniqueKeysWithValues: run.inputErrors.map { (($0.file as NSString).lastPathComponent, $0.message) })
        #expect(messages["zero.json"]?.contains("not a regular file") == true)
        #expect(messages["zero.jsonl"]?.contains("not a regular file") == true)
        #expect(messages["pipe.json"]?.contains("not a regular file") == true)
        #expect(messages["dangling.json"] == "no such file")
        #expect(run.inputErrors.count == 4)
    }

    // A link to a large file was measured as the link, not as the file it points to.
    @Test func theSizeLimitAppliesToWhatALinkPointsTo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-link-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data().write(to: URL(fileURLWithPath: folder + "/big.data"))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: folder + "/big.data"))
        try handle.truncate(atOffset: UInt64(FileReader.maximumFileBytes + 1))  // sparse: no disk used
        try handle.close()
        try FileManager.default.createSymbolicLink(atPath: folder + "/link.json", withDestinationPath: folder + "/big.data")
        #expect(throws: InputError.self) { try FileReader.read(folder + "/link.json") }
        do { _ = try FileReader.read(folder + "/link.json") } catch { #expect(error.message.contains("over the 64 MiB limit")) }
    }
}
