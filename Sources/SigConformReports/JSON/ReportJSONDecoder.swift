import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// Reads a JSON report (`sigconform/report@1` or `@2`) back into a ``RunReport``, for `report merge`.
///
/// Members this version does not know are ignored (later versions of a format may add optional
/// members); missing or mistyped required members are errors located in the file. `summary` is
/// not read: it is recomputed from the vectors. A passed vector of a `@2` report is its short
/// entry (``VectorReport/init(brief:venue:vectorID:result:source:backends:classes:)``).
public struct ReportJSONDecoder: Sendable {
    public init() {}

    /// Reads the report file at `path`, every vector in memory (``ReportFile`` reads it piece
    /// by piece; `report merge` holds only the vectors' places).
    public func decode(file path: String) throws(InputError) -> RunReport {
        var vectors: [VectorReport] = []
        var report = try ReportFile(path: path).scan { vector, _ throws(InputError) in vectors.append(vector) }
        report.vectors = vectors
        return report
    }

    public func decode(_ reader: JSONReader) throws(InputError) -> RunReport {
        let root = try Node(reader, reader.document.root, "")
        let format = try root.string("format")
        guard RunReport.readableFormats.contains(format) else { throw Self.unsupported(format, reader: reader, location: nil) }
        let tool = try root.object("tool")
        let run = try root.object("run")
        var shard: RunInfo.Shard?
        if let node = try run.optionalObject("shard") {
            let index = try node.int("index"), count = try node.int("count")
            // Checked here, where the file is still at hand: the merger's loops over 1…N trust it.
            guard (1...InputLimits.shardCount).contains(count), (1...count).contains(index) else {
                throw reader.error("/run/shard", "shard \(index)/\(count) is not K/N with 1 ≤ K ≤ N ≤ \(InputLimits.shardCount)",
                                   hint: "merge the report.json files that `check --shard K/N` wrote, unchanged")
            }
            shard = RunInfo.Shard(index: index, count: count)
        }
        let context = RunInfo(command: try run.string("command"), startedAt: try run.string("startedAt"),
                              durationSeconds: try run.double("durationSeconds"), shard: shard,
                              signer: try run.optionalString("signer"), mergedReports: try run.optionalInt("mergedReports"))
        var baseline: BaselineInfo?
        if let node = try root.optionalObject("baseline") {
            baseline = BaselineInfo(file: try node.string("file"), fixed: try node.strings("fixed"))
        }
        return RunReport(
            tool: ToolInfo(name: try tool.string("name"), version: try tool.string("version")),
            context: context,
            backends: try run.strings("backends"),
            files: try run.strings("files"),
            venues: try root.objects("venues").map { node throws(InputError) in
                VenueInfo(id: try node.string("id"), name: try node.string("name"), docs: try node.string("docs"), auth: try node.string("auth"))
            },
            vectors: try root.objects("vectors").map { node throws(InputError) in
                try vector(node, format: format, backends: try run.strings("backends"))
            },
            inputErrors: try root.objects("inputErrors").map { node throws(InputError) in
                InputErrorReport(file: try node.string("file"), line: try node.optionalInt("line"), column: try node.optionalInt("column"),
                                 pointer: try node.optionalString("pointer"), message: try node.string("message"), hint: try node.optionalString("hint"),
                                 code: try node.optionalString("code"))
            },
            baseline: baseline)
    }

    /// The error for a report whose `format` this sigconform does not read.
    static func unsupported(_ format: String, reader: JSONReader?, location: SourceLocation?, file: String = "") -> InputError {
        let message = "unsupported report format \"\(format)\""
        let hint = "this sigconform reads \(RunReport.readableFormats.map { "\"\($0)\"" }.joined(separator: " and "))"
        if let reader { return reader.error("/format", message, hint: hint) }
        return InputError(file: file, location: location, pointer: "/format", message: message, hint: hint)
    }

    /// One element of `vectors` in a report of `format` whose run had `backends`.
    func vector(_ node: Node, format: String, backends: [String]) throws(InputError) -> VectorReport {
        guard format != "sigconform/report@1", try node.enumeration("status") as VerdictStatus == .passed else { return try vector(node) }
        // A short entry: what it holds, and the run's backends, on each of which it passed.
        let source = try node.object("source")
        return VectorReport(brief: try node.string("id"), venue: try node.string("venue"), vectorID: try node.string("vectorId"),
                            result: try node.enumeration("result"),
                            source: SourceReport(file: try source.string("file"), line: try source.optionalInt("line"),
                                                 column: try source.optionalInt("column"), pointer: try source.string("pointer")),
                            backends: backends, classes: try node.optionalStrings("classes") ?? [])
    }

    /// A full entry: every vector of a `@1` report, a failure or error of a `@2` one.
    func vector(_ node: Node) throws(InputError) -> VectorReport {
        let source = try node.object("source")
        let credentials = try node.object("credentials")
        let expected = try node.object("expected")
        var diagnosis: DiagnosisReport?
        if let value = try node.optionalObject("diagnosis") { diagnosis = try self.diagnosis(value) }
        var clock: ClockReport?
        if let value = try node.optionalObject("clock") {
            clock = ClockReport(timestamp: try value.int64("timestamp"), serverTime: try value.int64("serverTime"), lagMilliseconds: try value.int64("lagMs"),
                                withinWindow: try value.bool("withinWindow"), summary: try value.string("summary"))
        }
        var report = VectorReport(
            id: try node.string("id"), venue: try node.string("venue"), vectorID: try node.string("vectorId"),
            result: try node.enumeration("result"), status: try node.enumeration("status"),
            comment: try node.optionalString("comment"), tags: try node.strings("tags"),
            source: SourceReport(file: try source.string("file"), line: try source.optionalInt("line"), column: try source.optionalInt("column"),
                                 pointer: try source.string("pointer")),
            credentials: CredentialsReport(apiKey: try credentials.optionalString("apiKey"),
                                           secretFingerprint: try credentials.optionalString("secretFingerprint"),
                                           passphraseFingerprint: try credentials.optionalString("passphraseFingerprint")),
            request: try request(try node.object("request")),
            expected: ExpectedReport(prehash: try expected.optionalObject("prehash").map(prehash), signature: try expected.optionalString("signature"),
                                     headers: try headers(expected, "headers"), diagnosis: try expected.optionalStrings("diagnosis")),
            observedSignature: try node.optionalString("observedSignature"),
            backends: try node.objects("backends").map { value throws(InputError) in
                BackendResult(backend: try value.string("backend"), status: try value.enumeration("status"), signature: try value.optionalString("signature"),
                              prehash: try value.optionalObject("prehash").map(prehash), error: try value.optionalString("error"))
            },
            clock: clock,
            findings: try node.objects("findings").map { value throws(InputError) in
                FindingReport(kind: try value.string("kind"), message: try value.string("message"), expected: try value.optionalString("expected"),
                              actual: try value.optionalString("actual"), backend: try value.optionalString("backend"))
            },
            problems: try node.strings("problems"),
            diagnosis: diagnosis,
            baseline: try node.optionalEnumeration("baseline"))
        report.notes = try node.optionalStrings("notes") ?? []
        return report
    }

    func request(_ node: Node) throws(InputError) -> RequestReport {
        RequestReport(method: try node.string("method"), host: try node.optionalString("host"), path: try node.string("path"),
                      query: try node.string("query"), headers: try headers(node, "headers"), body: try node.string("body"))
    }

    func headers(_ node: Node, _ name: String) throws(InputError) -> [HTTPHeaders.Field] {
        try node.objects(name).map { value throws(InputError) in HTTPHeaders.Field(name: try value.string("name"), value: try value.string("value")) }
    }

    func prehash(_ node: Node) throws(InputError) -> PrehashReport {
        let text = try node.optionalString("text")
        let hex = try node.optionalString("hex")
        guard (text == nil) != (hex == nil) else { throw node.error("a prehash has exactly one of \"text\" and \"hex\"") }
        let segments = try node.objects("segments").map { value throws(InputError) in
            PrehashReport.Segment(component: try value.string("component"), label: try value.string("label"),
                                  offset: try value.int("offset"), length: try value.int("length"))
        }
        return PrehashReport(text: text, hex: hex, segments: segments)
    }

    func diagnosis(_ node: Node) throws(InputError) -> DiagnosisReport {
        var difference: DiagnosisReport.Difference?
        if let value = try node.optionalObject("firstDifference") {
            difference = DiagnosisReport.Difference(offset: try value.int("offset"), correctComponent: try value.optionalString("correctComponent"),
                                                    clientComponent: try value.optionalString("clientComponent"))
        }
        var venueError: VenueErrorReport?
        if let value = try node.optionalObject("venueError") {
            venueError = VenueErrorReport(code: try value.string("code"), message: try value.string("message"))
        }
        var echo: DiagnosisReport.ServerEcho?
        if let value = try node.optionalObject("serverEcho") {
            echo = DiagnosisReport.ServerEcho(serverPrehash: try value.string("serverPrehash"),
                                              matchesCorrectPrehash: try value.bool("matchesCorrectPrehash"), summary: try value.string("summary"))
        }
        return DiagnosisReport(
            classes: try node.strings("classes"),
            steps: try node.objects("steps").map { value throws(InputError) in
                DiagnosisReport.Step(diagnosisClass: try value.string("class"), detail: try value.string("detail"), fix: try value.string("fix"))
            },
            clientPrehash: try node.optionalObject("clientPrehash").map(prehash),
            correctPrehash: try node.optionalObject("correctPrehash").map(prehash),
            firstDifference: difference, evidence: try node.strings("evidence"), venueError: venueError, docs: try node.string("docs"),
            serverEcho: echo)
    }
}

/// A JSON object at a pointer, with typed member access whose errors say file, line and member.
struct Node {
    let reader: JSONReader
    let value: JSONValue
    let pointer: String

    init(_ reader: JSONReader, _ value: JSONValue, _ pointer: String) throws(InputError) {
        guard value.objectMembers != nil else { throw reader.error(pointer, "expected an object, found \(value.typeName)") }
        self.reader = reader
        self.value = value
        self.pointer = pointer
    }

    func error(_ message: String) -> InputError { reader.error(pointer, message) }

    private func path(_ name: String) -> String { JSONPointer.appending(pointer, name) }

    private func required(_ name: String) throws(InputError) -> JSONValue {
        guard let member = value[name] else {
            throw reader.error(pointer, "missing \"\(name)\"", hint: "a report written by sigconform has it; was the file edited or truncated?")
        }
        return member
    }

    private func present(_ name: String) -> JSONValue? {
        guard let member = value[name], member != .null else { return nil }
        return member
    }

    func string(_ name: String) throws(InputError) -> String { try reader.string(try required(name), at: path(name)) }
    func optionalString(_ name: String) throws(InputError) -> String? {
        guard let member = present(name) else { return nil }
        return try reader.string(member, at: path(name))
    }
    func int64(_ name: String) throws(InputError) -> Int64 { try reader.integer(try required(name), at: path(name)) }
    func int(_ name: String) throws(InputError) -> Int { Int(try int64(name)) }
    func optionalInt(_ name: String) throws(InputError) -> Int? {
        guard let member = present(name) else { return nil }
        return Int(try reader.integer(member, at: path(name)))
    }
    func double(_ name: String) throws(InputError) -> Double {
        guard case .number(let text) = try required(name), let number = Double(text), number.isFinite, number >= 0 else {
            throw reader.error(path(name), "expected a finite number of at least 0")
        }
        return number
    }
    func bool(_ name: String) throws(InputError) -> Bool {
        guard case .bool(let flag) = try required(name) else { throw reader.error(path(name), "expected true or false") }
        return flag
    }
    func strings(_ name: String) throws(InputError) -> [String] { try reader.stringArray(try required(name), at: path(name)) }
    func optionalStrings(_ name: String) throws(InputError) -> [String]? {
        guard let member = present(name) else { return nil }
        return try reader.stringArray(member, at: path(name))
    }
    func object(_ name: String) throws(InputError) -> Node { try Node(reader, try required(name), path(name)) }
    func optionalObject(_ name: String) throws(InputError) -> Node? {
        guard let member = present(name) else { return nil }
        return try Node(reader, member, path(name))
    }
    func objects(_ name: String) throws(InputError) -> [Node] {
        guard case .array(let elements) = try required(name) else { throw reader.error(path(name), "expected an array") }
        var nodes: [Node] = []
        for (index, element) in elements.enumerated() { nodes.append(try Node(reader, element, JSONPointer.appending(path(name), index))) }
        return nodes
    }
    func enumeration<Value: RawRepresentable<String> & CaseIterable>(_ name: String) throws(InputError) -> Value {
        let text = try string(name)
        guard let value = Value(rawValue: text) else {
            throw reader.error(path(name), "unknown value \"\(text)\"", hint: "one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
    func optionalEnumeration<Value: RawRepresentable<String> & CaseIterable>(_ name: String) throws(InputError) -> Value? {
        guard present(name) != nil else { return nil }
        return try enumeration(name) as Value
    }
}
