import SigConformCore

/// `report.json`: the whole run for programs, format `sigconform/report@2`, described in
/// docs/report-format.md and vectors/schema/report.schema.json. A failure or error carries
/// everything the other formats show about it; a passed vector is a one-line short entry. So
/// `sigconform report merge` can re-render every format from it.
public struct JSONReporter: Reporter, StreamingReporter {
    public static let identifier = "json"
    public static let fileName = "report.json"
    public static let description = "machine-readable report (sigconform/report@2, with JSON Schema)"

    public init() {}

    public func render(_ report: RunReport) -> String { renderInMemory(report) }

    func write(_ report: RunReport, spooled: [String: Spooled], to out: inout some ReportOutput) throws(ReportStreamError) {
        try write(report, spooled: spooled[""] ?? Spooled(), to: &out)
    }

    /// The document: the run's members and each failure or error as `JSONWriter.pretty` writes them (layout `.report`),
    /// passed vectors as short entries, the spooled ones in their places among the held ones.
    func write(_ report: RunReport, spooled: Spooled, to out: inout some ReportOutput) throws(ReportStreamError) {
        out.write("{\n")
        for (key, value) in ReportJSONEncoder.head(report) {
            out.write("  " + JSONWriter.compact(.string(key)) + ": " + JSONWriter.pretty(value, layout: .report, level: 1) + ",\n")
        }
        out.write("  \"vectors\": ")
        if report.vectors.isEmpty && spooled.count == 0 {
            out.write("[]")
        } else {
            out.write("[\n")
            try spooled.interleave(report.vectors, separator: Self.separator.utf8.count, into: &out) { vector, first, out in
                out.write(first ? element(vector) : Self.separator + element(vector))
            }
            out.write("\n  ]")
        }
        let inputErrors = JSONValue.array(report.inputErrors.map(ReportJSONEncoder.inputError))
        out.write(",\n  \"inputErrors\": " + JSONWriter.pretty(inputErrors, layout: .report, level: 1) + "\n}\n")
    }

    static let separator = ",\n"

    /// A passed vector's text in the spool: the separator and its element of `vectors`.
    func fragment(_ vector: VectorReport, into out: inout ReportBytes) {
        out.append(",\n")
        Self.shortEntry(vector, into: &out)
    }

    func element(_ vector: VectorReport) -> String {
        guard vector.status != .passed else {
            var out = ReportBytes()
            Self.shortEntry(vector, into: &out)
            return String(decoding: out.bytes, as: UTF8.self)
        }
        return "    " + JSONWriter.pretty(ReportJSONEncoder.vector(vector), layout: .report, level: 2)
    }

    /// A passed vector's entry, on one line: id, venue, vector id, result, status, source, and
    /// the classes of its diagnosis when it has one (a passed invalid vector). Everything else a
    /// passed vector would show is what its vector file says and what every backend agreed on.
    static func shortEntry(_ vector: VectorReport, into out: inout ReportBytes) {
        out.append("    {\"id\": ")
        out.appendJSONString(vector.id)
        out.append(", \"venue\": ")
        out.appendJSONString(vector.venue)
        out.append(", \"vectorId\": ")
        out.appendJSONString(vector.vectorID)
        out.append(vector.result == .valid ? ", \"result\": \"valid\"" : ", \"result\": \"invalid\"")
        out.append(", \"status\": \"passed\", \"source\": {\"file\": ")
        out.appendJSONString(vector.source.file)
        if let line = vector.source.line {
            out.append(", \"line\": ")
            out.append(line)
        }
        if let column = vector.source.column {
            out.append(", \"column\": ")
            out.append(column)
        }
        out.append(", \"pointer\": ")
        out.appendJSONString(vector.source.pointer)
        out.append("}")
        if let classes = vector.diagnosis?.classes, !classes.isEmpty {
            out.append(", \"classes\": [")
            out.append(classes, separator: ", ") { $0.appendJSONString($1) }
            out.append("]")
        }
        out.append("}")
    }
}
