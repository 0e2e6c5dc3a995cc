/// A reporter whose file ``ReportStream`` writes while the run runs: each passed vector's part is
/// rendered as it finishes and spooled to disk, and ``write(_:spooled:to:)`` assembles the file
/// from the held vectors and the spools. A reporter that is not streaming renders the report the
/// stream holds (failures, errors, counts). A new streaming format conforms here, in its own file;
/// the stream needs no change.
protocol StreamingReporter: Reporter {
    /// Whether passed vectors are spooled per venue (JUnit: a suite per venue) rather than into one spool.
    static var spoolsByVenue: Bool { get }
    /// A passed vector's part of the file, as spooled, appended to `out` (a buffer the stream
    /// reuses for every vector).
    func fragment(_ vector: VectorReport, into out: inout ReportBytes)
    /// How many entries that part is (JUnit: a test case per backend).
    func entries(in vector: VectorReport) -> Int
    /// The file, with the spooled parts (`spooled[venue]`, or `spooled[""]` when not per venue)
    /// in their places among the held vectors'.
    func write(_ report: RunReport, spooled: [String: Spooled], to out: inout some ReportOutput) throws(ReportStreamError)
}

extension StreamingReporter {
    static var spoolsByVenue: Bool { false }
    func entries(in vector: VectorReport) -> Int { 1 }

    /// The spool a vector's part goes to.
    func channel(of vector: VectorReport) -> String { Self.spoolsByVenue ? vector.venue : "" }

    /// The file rendered in memory, every vector held.
    func renderInMemory(_ report: RunReport) -> String {
        var out = StringOutput()
        try? write(report, spooled: [:], to: &out)
        return out.text
    }
}
