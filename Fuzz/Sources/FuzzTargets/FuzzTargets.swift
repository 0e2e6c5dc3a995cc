import Foundation
import SigConform

/// The bodies of the fuzz targets, one per parser of outside input.
///
/// Each takes the fuzzer's bytes and must return normally whatever they are: a thrown, typed
/// error is the expected answer to bad input; a trap, a sanitizer report or a broken invariant
/// (``require(_:_:)``) is a bug. Invariants are properties the parsers promise (round trips,
/// locations inside the input), so the fuzzer finds wrong answers as well as crashes.
public enum FuzzTargets {
    /// Vector files: ``JSONParser`` then ``VectorDecoder``, as a file and as one JSON Lines line.
    public static func vectorJSON(_ bytes: [UInt8]) {
        guard let document = parseJSON(bytes) else { return }
        let reader = JSONReader(file: "fuzz.json", document: document)
        do {
            for vector in try VectorDecoder().decodeFile(reader) {
                require(!vector.id.isEmpty && vector.id.utf8.count <= 200, "decoded an invalid id \(vector.id)")
                _ = vector.credentials.description
                requireWithinLimits(vector.request, "vector")
            }
        } catch {
            checkInputError(error, file: "fuzz.json")
        }
        do {
            _ = try VectorDecoder().decodeVector(document.root, at: "", reader: reader, fileVenue: nil)
        } catch {
            checkInputError(error, file: "fuzz.json")
        }
        // Issue #17: a body number past Int64 (1e19) trapped the diagnosis's number rewriting.
        _ = NumberStyle.variants(of: document.root)
    }

    /// JSON reports read back by `report merge`: ``ReportJSONDecoder`` and ``ReportMerger``.
    /// A decoded shard is K/N with 1 ≤ K ≤ N ≤ the limit, and merging never traps or loops
    /// over a claimed shard count (issue #17: 0/0, -1/-5, 3/2, 1/2^63).
    public static func reportJSON(_ bytes: [UInt8]) {
        checkObjectStream(bytes)
        guard let document = parseJSON(bytes) else { return }
        do {
            let report = try ReportJSONDecoder().decode(JSONReader(file: "report.json", document: document))
            if let shard = report.context.shard {
                require((1...InputLimits.shardCount).contains(shard.count) && (1...shard.count).contains(shard.index),
                        "decoded shard \(shard.index)/\(shard.count)")
            }
            let merged = ReportMerger.merge([("a.json", report), ("b.json", report)])
            require(merged.inputErrors.count <= 2 * report.inputErrors.count + report.vectors.count + 30, "merge listed \(merged.inputErrors.count) problems")
            _ = JSONReporter().render(merged)
        } catch {
            checkInputError(error, file: "report.json")
        }
    }

    /// The piece-by-piece reader `report merge` reads reports with (``JSONObjectStream``)
    /// agrees with the whole parse: it accepts an object exactly when the parser does, and
    /// hands over the same members, and the same elements of the streamed array.
    static func checkObjectStream(_ bytes: [UInt8]) {
        let limits = JSONObjectStream.Limits(totalBytes: 1 << 20, fragmentBytes: 1 << 20)
        let whole = try? JSONParser().parse(bytes).root
        var stream = JSONObjectStream(bytes: bytes, limits: limits)
        var members: [(key: String, value: JSONValue)] = []
        var elements: [JSONValue]?
        do {
            try stream.read(streaming: "vectors", member: { name, fragment in
                members.append((name, try fragment.parse(limits: limits).root))
            }, element: { index, fragment in
                require(index == elements?.count ?? 0, "element \(index) out of order")
                elements = (elements ?? []) + [try fragment.parse(limits: limits).root]
            })
        } catch {
            if let error = error as? JSONParseError {
                require(error.location.line >= 1 && error.location.column >= 1, "error location \(error.location)")
            }
            require(whole?.objectMembers == nil, "the object stream refused an object the parser accepts: \(error)")
            return
        }
        guard let wholeMembers = whole?.objectMembers else {
            require(false, "the object stream accepted what the parser refuses")
            return
        }
        var rebuilt = members
        if let index = wholeMembers.firstIndex(where: { $0.key == "vectors" }), case .array = wholeMembers[index].value {
            rebuilt.insert(("vectors", .array(elements ?? [])), at: index)
        }
        require(JSONValue.object(rebuilt) == JSONValue.object(wholeMembers), "the object stream's pieces differ from the whole parse")
    }

    /// venue.json: ``RecipeDecoder``; a venue that decodes signs two fixed requests on both
    /// backends, which must agree byte for byte.
    public static func venueJSON(_ bytes: [UInt8]) {
        guard let document = parseJSON(bytes) else { return }
        let venue: Venue
        do {
            venue = try RecipeDecoder().decode(JSONReader(file: "venue.json", document: document))
        } catch {
            checkInputError(error, file: "venue.json")
            return
        }
        signSamples(venue)
    }

    /// Prehash templates: ``TemplateParser``; a template that parses is rendered for sample requests.
    public static func template(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        let template: Template
        do {
            template = try TemplateParser().parse(text)
        } catch {
            for problem in error.problems {
                require(problem.offset >= 0 && problem.offset <= max(text.count, 0), "error offset \(problem.offset) outside the template")
            }
            return
        }
        require(template.parts.count <= TemplateParser.maximumParts, "\(template.parts.count) parts passed the limit")
        let recipe = HMACRecipe(hash: .sha256, secretEncoding: .utf8, prehash: template,
                                signature: SignatureField(location: .header("X-SIGN", prefix: ""), encoding: .hex))
        signSamples(Venue(id: "fuzz", name: "Fuzz", docs: "-", auth: .hmac(recipe), file: "template"))
    }

    /// HAR files: ``HARParser`` (and through it ``URLParts``).
    public static func har(_ bytes: [UInt8]) {
        guard let document = parseJSON(bytes) else { return }
        do {
            for entry in try HARParser.parse(JSONReader(file: "fuzz.har", document: document)) {
                require(entry.request.path.hasPrefix("/"), "HAR entry path \(entry.request.path) is not absolute")
                require(entry.request.method.unicodeScalars.allSatisfy { $0.isASCII && !$0.properties.isWhitespace && $0.value > 0x20 },
                        "HAR method \(entry.request.method.debugDescription) is not a token")
                requireWithinLimits(entry.request, "HAR entry")
            }
        } catch {
            checkInputError(error, file: "fuzz.har")
        }
    }

    /// curl command lines (``CurlParser``, through it ``ShellWords`` and the URL checks).
    public static func curl(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        do {
            let command = try CurlParser().parse(text)
            requireWithinLimits(command.request, "curl request")
            require(command.request.path.hasPrefix("/"), "curl request path \(command.request.path) is not absolute")
            require(command.scheme == "http" || command.scheme == "https", "curl scheme \(command.scheme)")
        } catch {
            require(error.location.line >= 1 && error.location.column >= 1, "curl error at \(error.location)")
            _ = error.description
        }
    }

    /// Raw HTTP/1.1 request messages (``HTTPMessageParser``).
    public static func httpMessage(_ bytes: [UInt8]) {
        do {
            let request = try HTTPMessageParser().parse(bytes)
            require(request.path.hasPrefix("/"), "HTTP request path \(request.path) is not absolute")
            requireWithinLimits(request, "HTTP request")
        } catch {
            require(error.location.line >= 1 && error.location.column >= 1, "HTTP error at \(error.location)")
            _ = error.description
        }
    }

    /// A `--signer`'s answer lines (``SignerProtocol/parseAnswer(_:expectedID:)``): a signer is
    /// another program, and a buggy one prints anything.
    public static func signerAnswer(_ bytes: [UInt8]) {
        let line = String(decoding: bytes, as: UTF8.self)
        switch SignerProtocol.parseAnswer(line, expectedID: "binance-spot/get-account") {
        case .request(let request): require(!request.method.isEmpty, "an answer decoded to a request without a method")
        case .otherID(let id): require(id != "binance-spot/get-account", "the expected id was taken for another")
        case .declined, .malformed: break
        }
    }

    /// URLs as captured requests write them.
    public static func url(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let parts = URLParts(text) else { return }
        require(parts.path.hasPrefix("/"), "path \(parts.path) does not start with /")
        require(!parts.path.contains("?") && !parts.path.contains("#") && !parts.query.contains("#"),
                "path or query kept a '?' or '#': \(parts)")
        if parts.host == nil, !text.contains("#"), text.hasPrefix("/") {
            // Origin-form URLs are split, never rewritten.
            require(parts.path + (text.contains("?") ? "?" + parts.query : "") == text, "origin-form URL \(text) not split losslessly")
        }
    }

    /// Percent-decoding, percent-encoding and query items.
    public static func percent(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        _ = PercentEncoding.decodeBytes(text)
        _ = PercentEncoding.decode(text, plusIsSpace: false)
        let encoded = PercentEncoding.encode(text)
        require(encoded.utf8.allSatisfy { $0 < 0x80 }, "encoding left a non-ASCII byte")
        require(PercentEncoding.decode(encoded, plusIsSpace: false) == text, "decode(encode(x)) != x for \(text.debugDescription)")
        let formEncoded = PercentEncoding.encode(text, uppercaseHex: false, spaceAsPlus: true)
        require(PercentEncoding.decode(formEncoded, plusIsSpace: true) == text, "form round trip failed for \(text.debugDescription)")
        let items = QueryItem.split(text)
        require(QueryItem.join(items) == text, "split/join of a query is not lossless")
        for item in items { _ = (item.key, item.value) }
    }

    /// Timestamps in every venue format, parsed from text and written from any 64-bit value.
    public static func timestamp(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        for format in TimestampFormat.allCases {
            guard let milliseconds = TimestampCodec.milliseconds(text, format: format) else { continue }
            _ = TimestampCodec.format(milliseconds, as: format)
        }
        guard bytes.count >= 8 else { return }
        let value = bytes.prefix(8).reduce(Int64(0)) { $0 << 8 | Int64($1) }
        for format in TimestampFormat.allCases {
            let written = TimestampCodec.format(value, as: format)
            let read = TimestampCodec.milliseconds(written, format: format)
            // Values outside the years 0001–9999 are written but not read back: they name no instant.
            let valid = TimestampCodec.validMilliseconds.contains(value)
            switch format {
            case .unixMilliseconds: require(read == (valid ? value : nil), "ms \(value) → \(written) → \(String(describing: read))")
            case .unixSeconds:
                if let read { require(read == TimestampCodec.floorDivide(value, 1000) * 1000, "s \(value) → \(written) → \(read)") }
            case .iso8601Milliseconds where valid:
                require(read == value, "iso ms \(value) → \(written) → \(String(describing: read))")
            default: break
            }
        }
    }

    /// The whole check path: a vector file is decoded, each vector on a bundled venue is
    /// evaluated on both backends, rejected requests are diagnosed (with a small search so the
    /// fuzzer stays fast), and every reporter renders the result, which must not show a secret.
    public static func check(_ bytes: [UInt8]) {
        guard let document = parseJSON(bytes) else { return }
        let reader = JSONReader(file: "fuzz.json", document: document)
        let vectors: [Vector]
        do {
            vectors = try VectorDecoder().decodeFile(reader)
        } catch {
            checkInputError(error, file: "fuzz.json")
            return
        }
        let context = Harness.shared
        var run = RunResult(files: ["fuzz.json"], backends: context.backends.map(\.id), venues: context.registry.sorted)
        for vector in vectors.prefix(4) {
            guard let venue = context.registry[vector.venue] else { continue }
            let evaluation = context.evaluator.evaluate(vector, venue: venue)
            let rejected = evaluation.requestRejected || evaluation.findings.contains { $0.kind == .backendDivergence }
            let diagnosis = rejected ? context.diagnoser.diagnose(evaluation) : nil
            run.verdicts.append(VectorVerdict(vector: vector, status: rejected ? .failed : .passed, evaluation: evaluation,
                                              diagnosis: diagnosis, problems: []))
        }
        let redactor = Redactor(run: run)
        let reportContext = ReportContext(toolVersion: "fuzz", startedAt: "1970-01-01T00:00:00Z", durationSeconds: 0)
        for reporter in Reporters.all {
            let text = redactor.scrub(reporter.render(run, context: reportContext))
            for verdict in run.verdicts { requireNoSecret(verdict.vector.credentials, in: text, reporter: type(of: reporter).identifier) }
        }
    }
}

/// What every target shares: the bundled venues, both backends, a bounded diagnoser.
struct Harness: Sendable {
    static let shared = Harness()

    let registry: VenueRegistry
    let backends: [any MACBackend]
    let evaluator: VectorEvaluator
    let diagnoser: Diagnoser

    init() {
        // Fuzz/Sources/FuzzTargets/FuzzTargets.swift → the repository's vectors/ folder.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("vectors").path
        let (venues, errors) = VenueRegistry.load(root: root)
        precondition(errors.isEmpty && !venues.isEmpty, "bundled venues under \(root) do not load: \(errors)")
        registry = VenueRegistry(venues)
        backends = standardBackends()
        evaluator = VectorEvaluator(backends: backends)
        // ±0.5 s instead of ±10 min and a small search budget: the fuzzer wants thousands of runs a second.
        var diagnoser = CheckRunner(registry: registry, backends: backends).diagnoser
        diagnoser.timestampSearchRadius = 500
        diagnoser.budget = SearchBudget(bytes: 4 << 20, pairCandidates: 50)
        self.diagnoser = diagnoser
    }
}

/// Stops the fuzzer like a crash when a promised property does not hold.
func require(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fatalError("invariant broken: \(message())") }
}

/// Parses JSON; a parse error must point inside the input.
/// A request that a parser accepted is within ``InputLimits/requestBytes`` and has no header
/// given twice (in any letter case) with two values: issue #17's silent first-one-wins.
func requireWithinLimits(_ request: HTTPRequest, _ what: String) {
    require(InputLimits.oversizedRequest(request) == nil, "\(what) over the request limit was accepted")
    require(request.headers.repeatedName(differentValuesOnly: true) == nil, "\(what) kept a header given twice with two values")
}

func parseJSON(_ bytes: [UInt8]) -> JSONDocument? {
    do {
        let document = try JSONParser().parse(bytes)
        // What the parser accepts, the writer writes back to an equal value.
        let rewritten = JSONWriter.compact(document.root)
        do {
            require(try JSONParser().parse(rewritten).root == document.root, "JSON writer round trip changed the value")
        } catch {
            require(false, "JSON writer output does not parse: \(error)")
        }
        return document
    } catch {
        let lines = bytes.reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        require(error.location.line >= 1 && error.location.line <= lines && error.location.column >= 1,
                "error location \(error.location) outside the input (\(lines) lines)")
        _ = error.description
        return nil
    }
}

func checkInputError(_ error: InputError, file: String) {
    require(error.file == file, "error names \(error.file), not \(file)")
    require(!error.message.isEmpty, "error without a message")
    _ = error.description
}

/// Signs a GET with a query and a POST with a JSON body on every backend; both must agree.
func signSamples(_ venue: Venue) {
    guard let signer = try? RequestSigner(venue: venue) else { return }
    let credentials = Credentials(apiKey: "fuzz-api-key-0123456789", secret: "ZnV6ei1zZWNyZXQtMDEyMzQ1Njc4OQ==", passphrase: "fuzz-pass")
    let requests = [
        HTTPRequest(method: "GET", host: "api.example.com", path: "/api/v1/order", query: "symbol=BTC%2FUSDT&limit=5&x=a+b",
                    headers: HTTPHeaders([("X-TS", "1700000000000"), ("X-KEY", "fuzz-api-key-0123456789")])),
        HTTPRequest(method: "POST", host: "api.example.com", path: "/api/v1/order",
                    headers: HTTPHeaders([("Content-Type", "application/json"), ("X-TS", "1700000000000")]),
                    body: #"{"symbol":"BTC-USDT","size":"0.1","nested":{"a":[1,true,null]},"nonce":"1700000000000"}"#),
    ]
    for request in requests {
        var signatures: [String] = []
        for backend in Harness.shared.backends {
            guard let outcome = try? signer.sign(request, credentials: credentials, backend: backend) else { continue }
            signatures.append(outcome.signature)
        }
        require(Set(signatures).count <= 1, "backends disagree on \(venue.id): \(signatures)")
    }
}

/// The text a report may show in place of a credential.
func requireNoSecret(_ credentials: Credentials, in text: String, reporter: String) {
    var markers: [String] = []
    if let secret = credentials.secret { markers.append("[secret \(Redaction.fingerprint(secret))]") }
    if let passphrase = credentials.passphrase { markers.append("[passphrase \(Redaction.fingerprint(passphrase))]") }
    if let key = credentials.apiKey { markers.append(Redaction.maskKey(key)) }
    var fragments = [text]
    for marker in markers where !marker.isEmpty {
        fragments = fragments.flatMap { $0.components(separatedBy: marker) }
    }
    // A shorter secret is an ordinary word ("secret", Gate.io's documented example) that a
    // report shows for other reasons, as a member name or in a venue's description; the
    // Redactor leaves such values alone, and so must this check.
    for value in [credentials.secret, credentials.passphrase].compactMap({ $0 })
    where value.count >= Redactor.minimumScrubbedLength {
        require(!fragments.contains { $0.contains(value) }, "\(reporter) report shows a secret")
    }
}
