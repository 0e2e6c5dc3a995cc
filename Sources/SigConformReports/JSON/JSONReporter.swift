import SigConformCore

/// `report.json`: the whole run for programs, format `sigconform/report@1`, described in
/// docs/report-format.md and vectors/schema/report.schema.json. It carries everything the other
/// formats show, so `sigconform report merge` can re-render every format from it.
public struct JSONReporter: Reporter, StreamingReporter {
    public static let identifier = "json"
    public static let fileName = "report.json"
    public static let description = "machine-readable report (sigconform/report@1, with JSON Schema)"

    public init() {}

    public func render(_ report: RunReport) -> String { renderInMemory(report) }

    func write(_ report: RunReport, spooled: [String: Spooled], to out: inout some ReportOutput) throws(ReportStreamError) {
        try write(report, spooled: spooled[""] ?? Spooled(), to: &out)
    }

    /// The document, written as ``PrettyJSON`` would write ``ReportJSONEncoder/encode(_:)``,
    /// with the spooled vectors in their places among the held ones.
    func write(_ report: RunReport, spooled: Spooled, to out: inout some ReportOutput) throws(ReportStreamError) {
        out.write("{\n")
        for (key, value) in ReportJSONEncoder.head(report) {
            out.write("  " + JSONWriter.compact(.string(key)) + ": " + PrettyJSON.write(value, indent: "  ") + ",\n")
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
        out.write(",\n  \"inputErrors\": " + PrettyJSON.write(inputErrors, indent: "  ") + "\n}\n")
    }

    static let separator = ",\n"

    /// A passed vector's text in the spool: the separator and its element of `vectors`.
    func fragment(_ vector: VectorReport) -> String { Self.separator + element(vector) }

    func element(_ vector: VectorReport) -> String { "    " + PrettyJSON.write(ReportJSONEncoder.vector(vector), indent: "    ") }
}
