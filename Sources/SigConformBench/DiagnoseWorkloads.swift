import Foundation
import SigConform

/// Diagnoses of requests no mistake explains, the worst case: every single mistake, the
/// ±10-minute millisecond timestamp search and the pair search all run and all fail.
///
/// Workloads (one operation = one full `Diagnoser.diagnose`):
/// - `diagnose-gateio-unexplained`: the bundled gateio-v4 vector `unexplained-other-secret`
///   (HMAC-SHA512, 164-byte prehash, timestamp last);
/// - `diagnose-gateio-300b`: the same venue with a query that makes the prehash 300 bytes;
/// - `diagnose-okx-300b`: okx-v5 (HMAC-SHA256) with a 300-byte prehash that starts with the
///   timestamp, so no prefix state can be cached and each candidate hashes all 300 bytes;
/// - `…-no-time-search`: the 300-byte cases with the timestamp search turned off, the
///   "diagnosis without drift search" of issue 7.
/// - `diagnose-okx-{10k,100k,1m}`, `diagnose-gateio-1m`: the same requests with a prehash of
///   10 KB, 100 KB and 1 MB (a JSON body for okx-v5, ahead of which the timestamp comes; a query
///   for gateio-v4, after which it comes): bounded by ``SearchBudget``.
package enum DiagnoseWorkloads {
    /// Builds the cases (those whose id is `only`, when given) on the venues of `registry` (the
    /// command line's one registry loader), or says why the bundled vectors cannot be used.
    package static func cases(only: String? = nil, registry: VenueRegistry) throws -> [BenchCase] {
        let evaluator = VectorEvaluator(backends: standardBackends())
        var cases: [BenchCase] = []
        func add(_ workload: String, _ vector: @autoclosure () throws -> Vector, timeSearch: Bool = true) throws {
            guard only == nil || only == "\(workload)/swift" else { return }
            let vector = try vector()
            guard let venue = registry[vector.venue] else { throw InputError(file: "<bench>", message: "no venue \(vector.venue)") }
            let evaluation = evaluator.evaluate(vector, venue: venue)
            let diagnoser = Diagnoser(backends: standardBackends(), timestampSearchRadius: timeSearch ? 600_000 : 0)
            // The case is only meaningful when the request is rejected and nothing explains it.
            let first = diagnoser.diagnose(evaluation)
            guard evaluation.requestRejected, first.classes == [.unexplained] else {
                throw InputError(file: "<bench>", message: "\(workload) diagnosed \(first.classes.map(\.rawValue)), expected unexplained")
            }
            cases.append(.local(workload, "swift", bytesPerOperation: nil) {
                UInt64(diagnoser.diagnose(evaluation).evidence.count)
            })
        }
        try add("diagnose-gateio-unexplained", try bundledVector(venue: "gateio-v4", file: "mistakes.json", id: "unexplained-other-secret"))
        try add("diagnose-gateio-300b", try decode(gateVector(prehashLength: 300)))
        try add("diagnose-okx-300b", try decode(okxVector(prehashLength: 300)))
        try add("diagnose-gateio-300b-no-time-search", try decode(gateVector(prehashLength: 300)), timeSearch: false)
        try add("diagnose-okx-300b-no-time-search", try decode(okxVector(prehashLength: 300)), timeSearch: false)
        // Large bodies: the search budget, not the size, bounds the time (issue 17, item 3).
        for (label, length) in [("10k", 10_000), ("100k", 100_000), ("1m", 1_000_000)] {
            try add("diagnose-okx-\(label)", try decode(okxVector(prehashLength: length)))
        }
        try add("diagnose-gateio-1m", try decode(gateVector(prehashLength: 1_000_000)))
        return cases
    }

    static func bundledVector(venue: String, file: String, id: String) throws -> Vector {
        var found: Vector?
        try CorpusLoader().forEachVector(
            in: BundledVectors.directory + "/\(venue)/\(file)", body: { if $0.id == id { found = $0 } }, lineError: { _ in })
        guard let found else { throw InputError(file: file, message: "no vector \(id) in the bundled \(venue) vectors") }
        return found
    }

    static func decode(_ json: String) throws -> Vector {
        let document = try JSONParser().parse(Array(json.utf8))
        return try VectorDecoder().decodeVector(document.root, at: "", reader: JSONReader(file: "<bench>", document: document), fileVenue: nil)
    }

    /// A signature no secret of the vectors produces: a hash of a fixed text, in the venue's encoding.
    static func foreignSignature(_ algorithm: HashAlgorithm, _ encoding: ByteEncoding) -> String {
        encoding.encode(PureSwiftBackend.hashFunction(algorithm).digest(appending: Array("signed by someone else".utf8)))
    }

    /// gateio-v4 GET: `GET\n{path}\n{query}\n{hex SHA-512 of ""}\n{timestamp}`, query padded to the length.
    static func gateVector(prehashLength: Int) -> String {
        let path = "/api/v4/spot/orders"
        let timestamp = "1700004581"
        let fixed = 4 + path.utf8.count + 1 + 1 + 128 + 1 + timestamp.utf8.count
        let query = padded("currency_pair=BTC_USDT&status=open&page=1&limit=100&account=spot&text=t-", to: prehashLength - fixed)
        return """
            {"id": "bench-gate-300", "venue": "gateio-v4", "credentials": {"apiKey": "k", "secret": "sc-test-gate-secret"},
             "request": {"method": "GET", "path": "\(path)", "query": "\(query)",
               "headers": {"KEY": "k", "Timestamp": "\(timestamp)", "SIGN": "\(foreignSignature(.sha512, .hex))"}, "body": ""},
             "time": {"serverTime": 1700004581300}, "result": "invalid", "expect": {"diagnosis": ["unexplained"]}}
            """
    }

    /// okx-v5 POST: `{timestamp}POST{path}{body}`, the JSON body padded to the length.
    static func okxVector(prehashLength: Int) -> String {
        let path = "/api/v5/trade/order"
        let timestamp = "2023-11-14T22:14:21.337Z"
        let fixed = timestamp.utf8.count + 4 + path.utf8.count
        let head = #"{"instId":"BTC-USDT","tdMode":"cash","side":"buy","ordType":"limit","px":"30000","sz":"0.01","clOrdId":"b"#
        let body = padded(head, to: prehashLength - fixed - 2) + #""}"#
        let escaped = body.replacingOccurrences(of: "\"", with: "\\\"")
        return """
            {"id": "bench-okx-300", "venue": "okx-v5", "credentials": {"apiKey": "k", "secret": "sc-test-okx-secret", "passphrase": "p"},
             "request": {"method": "POST", "path": "\(path)",
               "headers": {"OK-ACCESS-KEY": "k", "OK-ACCESS-SIGN": "\(foreignSignature(.sha256, .base64))",
                 "OK-ACCESS-TIMESTAMP": "\(timestamp)", "OK-ACCESS-PASSPHRASE": "p", "Content-Type": "application/json"},
               "body": "\(escaped)"},
             "time": {"serverTime": 1700000061637}, "result": "invalid", "expect": {"diagnosis": ["unexplained"]}}
            """
    }

    private static func padded(_ text: String, to length: Int) -> String {
        text + String(repeating: "x", count: max(0, length - text.utf8.count))
    }
}
