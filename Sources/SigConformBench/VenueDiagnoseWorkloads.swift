import Foundation
import SigConform

/// Every venue's diagnoses, timed one at a time: issue 20's "every diagnosis < 1 s CPU on one
/// core, bodies up to 1 MB included".
///
/// Per venue the workload diagnoses
/// - each bundled vector the check rejects (the invalid vectors, and the developer mistakes);
/// - `drift`: the venue's first valid vector with its timestamp moved 599 s later and the
///   signature left as it was, so that the nearest-first timestamp search finds the signed value
///   only at the far end of its ±10 minutes (HMAC venues whose timestamp the request carries);
/// - `body-10k`, `body-100k`, `body-1m`: the same vector with its body (its query, when it has no
///   body) padded to that many bytes and the signature left as it was, a request nothing
///   explains, so every part of the search runs until it fails or the budget stops it.
///
/// Each diagnosis is timed on the process CPU clock (both search threads) and the wall clock.
public enum VenueDiagnoseWorkloads {
    /// The requests of one venue, each with its evaluation, ready to diagnose.
    struct Case {
        let venue: String
        let name: String
        let evaluation: VectorEvaluation
    }

    /// The padded sizes of the generated large requests.
    public static let largeSizes = [("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)]

    /// Diagnoses every case `rounds` times (interleaved: each round diagnoses every case once)
    /// and reports the CPU time of each; `venues` limits the run to those venues when not empty.
    public static func run(rounds: Int, registry: VenueRegistry, venues only: Set<String> = [], caseNames: Set<String> = [],
                           progress: (Int) -> Void = { _ in }) throws -> VenueDiagnosisResult {
        let cases = try cases(venues: only, registry: registry).filter { caseNames.isEmpty || caseNames.contains($0.name) }
        let diagnoser = Diagnoser(backends: standardBackends())
        var cpu = [[Double]](repeating: [], count: cases.count)
        var wall = [[Double]](repeating: [], count: cases.count)
        var classes = [[String]](repeating: [], count: cases.count)
        for round in 0..<rounds {
            let order = round.isMultiple(of: 2) ? Array(cases.indices) : cases.indices.reversed()
            for index in order {
                var diagnosis: Diagnosis?
                let sample = BenchSample.timing {
                    diagnosis = diagnoser.diagnose(cases[index].evaluation)
                    return UInt64(diagnosis?.evidence.count ?? 0)
                }
                cpu[index].append(sample.cpuSeconds)
                wall[index].append(sample.seconds)
                classes[index] = diagnosis?.classes.map(\.rawValue) ?? []
            }
            progress(round + 1)
        }
        let results = cases.indices.map { index in
            VenueDiagnosisCase(venue: cases[index].venue, name: cases[index].name, classes: classes[index],
                               cpuSeconds: cpu[index], wallSeconds: wall[index])
        }
        return VenueDiagnosisResult(rounds: rounds, cases: results)
    }

    static func cases(venues only: Set<String>, registry: VenueRegistry) throws -> [Case] {
        let evaluator = VectorEvaluator(backends: standardBackends())
        let listing = CorpusLoader().list([BundledVectors.directory])
        var vectorsByVenue: [String: [Vector]] = [:]
        var lineErrors: [InputError] = []
        for file in listing.files {
            try CorpusLoader().forEachVector(in: file, body: { vectorsByVenue[$0.venue, default: []].append($0) }, lineError: { lineErrors.append($0) })
        }
        if let error = listing.errors.first ?? lineErrors.first { throw error }
        var cases: [Case] = []
        for venue in registry.sorted where only.isEmpty || only.contains(venue.id) {
            let vectors = vectorsByVenue[venue.id] ?? []
            for vector in vectors {
                let evaluation = evaluator.evaluate(vector, venue: venue)
                if evaluation.requestRejected { cases.append(Case(venue: venue.id, name: vector.id, evaluation: evaluation)) }
            }
            guard let base = vectors.first(where: { $0.result == .valid && evaluator.evaluate($0, venue: venue).requestRejected == false }),
                  venue.hmac != nil else { continue }
            var generated: [(String, Vector)] = []
            if let drifted = drifted(base, venue: venue) { generated.append(("drift", drifted)) }
            for (label, size) in largeSizes {
                guard let padded = padded(base, to: size, venue: venue) else {
                    throw InputError(file: "<bench>", message: "\(venue.id): the signature of \(base.id) cannot be replaced")
                }
                generated.append(("\(base.request.body.isEmpty ? "query" : "body")-\(label)", padded))
            }
            for (name, vector) in generated {
                let evaluation = evaluator.evaluate(vector, venue: venue)
                guard evaluation.requestRejected else {
                    throw InputError(file: "<bench>", message: "\(venue.id) \(name): the generated request is not rejected")
                }
                cases.append(Case(venue: venue.id, name: name, evaluation: evaluation))
            }
        }
        return cases
    }

    /// `vector` with its timestamp (or clock-derived nonce) 599 s later than signed: the diagnosis
    /// must search almost all of ±10 minutes to find it. Nil when the venue has no timestamp the
    /// request carries.
    static func drifted(_ vector: Vector, venue: Venue) -> Vector? {
        guard let recipe = venue.hmac else { return nil }
        let view = RequestView(vector.request, signature: recipe.signature.location)
        let moved: String?
        let location: FieldLocation
        if let field = recipe.timestamp {
            location = field.location
            moved = view.value(at: field.location).flatMap { TimestampCodec.milliseconds($0, format: field.format) }
                .map { TimestampCodec.format($0 + 599_000, as: field.format) }
        } else if let field = recipe.nonce {
            // A nonce of 13 digits is the clock in milliseconds, of 16 in microseconds.
            location = field.location
            moved = view.value(at: field.location).flatMap { sent in
                Int64(sent).flatMap { value in
                    sent.utf8.count == 13 ? String(value + 599_000) : sent.utf8.count == 16 ? String(value + 599_000_000) : nil
                }
            }
        } else {
            return nil
        }
        guard let moved, let request = vector.request.replacing(location, with: moved) else { return nil }
        var drifted = vector
        drifted.id += "-drift"
        drifted.request = request
        drifted.result = .invalid
        return drifted
    }

    /// `vector` with `size` bytes more in its body (a JSON member or a form field) or, without a
    /// body, in its query, and a signature no secret of the vectors produces (a venue may sign
    /// only some members of the body, so the original signature could still be right).
    static func padded(_ vector: Vector, to size: Int, venue: Venue) -> Vector? {
        guard let recipe = venue.hmac,
              let request = vector.request.replacing(recipe.signature.location, with: DiagnoseWorkloads.foreignSignature(recipe.hash, recipe.signature.encoding))
        else { return nil }
        var padded = vector
        padded.request = request
        padded.id += "-padded-\(size)"
        padded.result = .invalid
        let filler = String(repeating: "x", count: size)
        let body = request.body
        if body.hasPrefix("{") {
            padded.request.body = body == "{}" ? #"{"pad":"\#(filler)"}"# : #"{"pad":"\#(filler)","# + body.dropFirst()
        } else if !body.isEmpty {
            padded.request.body = body + "&pad=" + filler
        } else {
            padded.request.query = request.query.isEmpty ? "pad=" + filler : request.query + "&pad=" + filler
        }
        return padded
    }
}

/// One request's diagnoses in a ``VenueDiagnoseWorkloads`` run.
public struct VenueDiagnosisCase: Sendable, Codable {
    public let venue: String
    /// The bundled vector's id, or the generated request's kind (`drift`, `body-1m`, …).
    public let name: String
    /// What the diagnosis found (`unexplained` when nothing reproduced the signature).
    public let classes: [String]
    /// Process CPU seconds of each round's diagnosis.
    public let cpuSeconds: [Double]
    public let wallSeconds: [Double]

    public var medianCPUSeconds: Double { median(cpuSeconds) }
}

/// Every venue's diagnoses, and per venue the slowest.
public struct VenueDiagnosisResult: Sendable, Codable {
    public static let targetCPUSeconds = 1.0

    public let rounds: Int
    public let cases: [VenueDiagnosisCase]

    /// Per venue, its case with the largest median CPU time.
    public var slowestPerVenue: [VenueDiagnosisCase] {
        Dictionary(grouping: cases, by: \.venue).values
            .compactMap { $0.max { $0.medianCPUSeconds < $1.medianCPUSeconds } }
            .sorted { $0.venue < $1.venue }
    }

    public var met: Bool { cases.allSatisfy { $0.medianCPUSeconds < Self.targetCPUSeconds } }

    /// A table: per venue the number of diagnoses, the slowest one's median (max) CPU time and wall time.
    public func text() -> [String] {
        var lines = ["diagnose per venue — \(rounds) rounds; per venue the diagnosis with the largest median CPU time (target < 1 s CPU each)"]
        let counts = Dictionary(grouping: cases, by: \.venue).mapValues(\.count)
        var rows = [["venue", "diagnoses", "slowest", "found", "cpu median (max)", "wall median", ""]]
        for slowest in slowestPerVenue {
            rows.append([
                slowest.venue, "\(counts[slowest.venue] ?? 0)", slowest.name, slowest.classes.joined(separator: "+"),
                String(format: "%.3f s (%.3f s)", slowest.medianCPUSeconds, slowest.cpuSeconds.max() ?? 0),
                String(format: "%.3f s", median(slowest.wallSeconds)),
                slowest.medianCPUSeconds < Self.targetCPUSeconds ? "met" : "MISSED",
            ])
        }
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        lines += rows.map { row in
            row.indices.map { row[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                .trimmingCharacters(in: .whitespaces)
        }
        let worst = cases.max { $0.medianCPUSeconds < $1.medianCPUSeconds }
        if let worst {
            lines.append(String(format: "slowest of all %d: %@ %@, %.3f s CPU: %@", cases.count, worst.venue, worst.name,
                                worst.medianCPUSeconds, met ? "every diagnosis under 1 s" : "MISSED"))
        }
        return lines
    }
}
