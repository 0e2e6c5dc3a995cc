import SigConformCore

/// `report.json`: the whole run for programs, format `sigconform/report@1`, described in
/// docs/report-format.md and vectors/schema/report.schema.json. It carries everything the other
/// formats show, so `sigconform report merge` can re-render every format from it.
public struct JSONReporter: Reporter {
    public static let identifier = "json"
    public static let fileName = "report.json"
    public static let description = "machine-readable report (sigconform/report@1, with JSON Schema)"

    public init() {}

    public func render(_ report: RunReport) -> String { PrettyJSON.write(ReportJSONEncoder.encode(report)) }
}
