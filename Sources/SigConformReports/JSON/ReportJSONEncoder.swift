import Foundation
import SigConformCore

/// Turns a ``RunReport``'s members and its failures into the JSON of format `sigconform/report@2`
/// (docs/report-format.md, vectors/schema/report.schema.json); a passed vector's short entry is
/// ``JSONReporter/shortEntry(_:into:)``'s. Member order is fixed, so reports diff cleanly.
enum ReportJSONEncoder {
    /// The members before `vectors`; `vectors` and `inputErrors` follow them.
    static func head(_ report: RunReport) -> [(key: String, value: JSONValue)] {
        var root = JSONObjectBuilder()
        root.add("format", RunReport.format)
        root.add("tool", .object([("name", .string(report.tool.name)), ("version", .string(report.tool.version))]))
        root.add("run", run(report))
        root.add("venues", .array(report.venues.map(venue)))
        root.add("summary", summary(report))
        if let baseline = report.baseline {
            var object = JSONObjectBuilder()
            object.add("file", baseline.file)
            object.add("fixed", strings: baseline.fixed)
            root.add("baseline", object.value)
        }
        return root.members
    }

    static func run(_ report: RunReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("command", report.context.command)
        object.add("startedAt", report.context.startedAt)
        object.add("durationSeconds", .number(String(format: "%.3f", report.context.durationSeconds)))
        if let shard = report.context.shard {
            object.add("shard", .object([("index", .number(String(shard.index))), ("count", .number(String(shard.count)))]))
        }
        object.add("signer", report.context.signer)
        object.add("mergedReports", report.context.mergedReports)
        object.add("backends", strings: report.backends)
        object.add("files", strings: report.files)
        return object.value
    }

    static func venue(_ venue: VenueInfo) -> JSONValue {
        .object([("id", .string(venue.id)), ("name", .string(venue.name)), ("docs", .string(venue.docs)), ("auth", .string(venue.auth))])
    }

    static func summary(_ report: RunReport) -> JSONValue {
        let summary = report.summary
        var object = JSONObjectBuilder()
        object.add("vectors", summary.vectors)
        object.add("passed", summary.passed)
        object.add("failed", summary.failed)
        object.add("errors", summary.errors)
        object.add("inputErrors", summary.inputErrors)
        object.add("knownFailures", summary.knownFailures)
        object.add("newFailures", summary.newFailures)
        object.add("exitCode", Int(report.exitCode))
        object.add("byVenue", .array(summary.rows.map { row in
            var venue = JSONObjectBuilder()
            venue.add("venue", row.venue)
            venue.add("valid", .object([("passed", .number(String(row.validPassed))), ("total", .number(String(row.validTotal)))]))
            venue.add("invalid", .object([("passed", .number(String(row.invalidPassed))), ("total", .number(String(row.invalidTotal)))]))
            venue.add("failed", row.failed)
            venue.add("errors", row.errors)
            venue.add("backends", .object(report.backends.map { ($0, .number(String(row.backendPassed[$0] ?? 0))) }))
            return venue.value
        }))
        object.add("classes", .array(summary.classes.map {
            .object([("class", .string($0.diagnosisClass)), ("count", .number(String($0.count)))])
        }))
        return object.value
    }

    static func vector(_ vector: VectorReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("id", vector.id)
        object.add("venue", vector.venue)
        object.add("vectorId", vector.vectorID)
        object.add("result", vector.result.rawValue)
        object.add("status", vector.status.rawValue)
        object.add("baseline", vector.baseline?.rawValue)
        object.add("comment", vector.comment)
        object.add("tags", strings: vector.tags)
        var source = JSONObjectBuilder()
        source.add("file", vector.source.file)
        source.add("line", vector.source.line)
        source.add("column", vector.source.column)
        source.add("pointer", vector.source.pointer)
        object.add("source", source.value)
        var credentials = JSONObjectBuilder()
        credentials.add("apiKey", vector.credentials.apiKey)
        credentials.add("secretFingerprint", vector.credentials.secretFingerprint)
        credentials.add("passphraseFingerprint", vector.credentials.passphraseFingerprint)
        object.add("credentials", credentials.value)
        object.add("request", request(vector.request))
        var expected = JSONObjectBuilder()
        expected.add("prehash", vector.expected.prehash.map(prehash))
        expected.add("signature", vector.expected.signature)
        expected.add("headers", headers(vector.expected.headers))
        expected.add("diagnosis", vector.expected.diagnosis.map { .array($0.map(JSONValue.string)) })
        object.add("expected", expected.value)
        object.add("observedSignature", vector.observedSignature)
        object.add("backends", .array(vector.backends.map(backend)))
        object.add("clock", vector.clock.map(clock))
        object.add("findings", .array(vector.findings.map(finding)))
        object.add("problems", strings: vector.problems)
        if !vector.notes.isEmpty { object.add("notes", strings: vector.notes) }
        object.add("diagnosis", vector.diagnosis.map(diagnosis))
        return object.value
    }

    static func request(_ request: RequestReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("method", request.method)
        object.add("host", request.host)
        object.add("path", request.path)
        object.add("query", request.query)
        object.add("headers", headers(request.headers))
        object.add("body", request.body)
        return object.value
    }

    static func headers(_ fields: [HTTPHeaders.Field]) -> JSONValue {
        .array(fields.map { .object([("name", .string($0.name)), ("value", .string($0.value))]) })
    }

    static func prehash(_ prehash: PrehashReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("text", prehash.text)
        object.add("hex", prehash.hex)
        object.add("length", prehash.bytes.count)
        object.add("segments", .array(prehash.segments.map {
            .object([("component", .string($0.component)), ("label", .string($0.label)),
                     ("offset", .number(String($0.offset))), ("length", .number(String($0.length)))])
        }))
        return object.value
    }

    static func backend(_ backend: BackendResult) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("backend", backend.backend)
        object.add("status", backend.status.rawValue)
        object.add("signature", backend.signature)
        object.add("prehash", backend.prehash.map(prehash))
        object.add("error", backend.error)
        return object.value
    }

    static func clock(_ clock: ClockReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("timestamp", clock.timestamp)
        object.add("serverTime", clock.serverTime)
        object.add("lagMs", clock.lagMilliseconds)
        object.add("withinWindow", clock.withinWindow)
        object.add("summary", clock.summary)
        return object.value
    }

    static func finding(_ finding: FindingReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("kind", finding.kind)
        object.add("message", finding.message)
        object.add("expected", finding.expected)
        object.add("actual", finding.actual)
        object.add("backend", finding.backend)
        return object.value
    }

    static func diagnosis(_ diagnosis: DiagnosisReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("classes", strings: diagnosis.classes)
        object.add("steps", .array(diagnosis.steps.map {
            .object([("class", .string($0.diagnosisClass)), ("detail", .string($0.detail)), ("fix", .string($0.fix))])
        }))
        object.add("clientPrehash", diagnosis.clientPrehash.map(prehash))
        object.add("correctPrehash", diagnosis.correctPrehash.map(prehash))
        if let difference = diagnosis.firstDifference {
            var first = JSONObjectBuilder()
            first.add("offset", difference.offset)
            first.add("correctComponent", difference.correctComponent)
            first.add("clientComponent", difference.clientComponent)
            object.add("firstDifference", first.value)
        }
        object.add("evidence", strings: diagnosis.evidence)
        object.add("venueError", diagnosis.venueError.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) })
        object.add("docs", diagnosis.docs)
        if let echo = diagnosis.serverEcho {
            object.add("serverEcho", .object([("serverPrehash", .string(echo.serverPrehash)), ("matchesCorrectPrehash", .bool(echo.matchesCorrectPrehash)),
                                              ("summary", .string(echo.summary))]))
        }
        return object.value
    }

    static func inputError(_ error: InputErrorReport) -> JSONValue {
        var object = JSONObjectBuilder()
        object.add("file", error.file)
        object.add("line", error.line)
        object.add("column", error.column)
        object.add("pointer", error.pointer)
        object.add("message", error.message)
        object.add("hint", error.hint)
        object.add("code", error.code)
        return object.value
    }
}
