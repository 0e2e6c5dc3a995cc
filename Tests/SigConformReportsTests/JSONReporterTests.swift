import Foundation
import SigConform
import Testing

@Suite struct JSONReporterTests {
    static let schema = Repository.path("vectors/schema/report.schema.json")

    /// Validates `json` against the report schema with Python's jsonschema (draft 2020-12).
    static func schemaErrors(_ json: String, schema: String = schema) throws -> String {
        let file = temporaryDirectory("schema") + "/report.json"
        try json.write(toFile: file, atomically: true, encoding: .utf8)
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
            for error in errors[:10]:
                print(error.json_path, error.message[:300])
            sys.exit(1 if errors else 0)
            """
        let (status, output) = try Tools.run([Tools.python3!, "-c", script, schema, file])
        return status == 0 ? "" : output
    }

    @Test(.enabled(if: Tools.hasJSONSchema, "python3 with jsonschema is needed to validate against the JSON Schema (pip install jsonschema)"),
          arguments: ["fixture", "shard+signer+baseline", "merged", "hostile text"])
    func reportValidatesAgainstItsJSONSchema(variant: String) throws {
        let report: RunReport = switch variant {
        case "fixture": ReportFixture.report
        case "shard+signer+baseline": ReportVariants.sharedWithBaseline
        case "merged": ReportMerger.merge([("a.json", ReportFixture.report)])
        default: ReportVariants.hostileText
        }
        let errors = try Self.schemaErrors(JSONReporter().render(report))
        #expect(errors.isEmpty, "\(variant): \(errors)")
    }

    @Test(.enabled(if: Tools.hasJSONSchema, "python3 with jsonschema is needed to validate against the JSON Schema (pip install jsonschema)"))
    func schemaRejectsAReportThatBreaksIt() throws {
        var json = JSONReporter().render(ReportFixture.report)
        json = json.replacingOccurrences(of: "\"status\": \"passed\"", with: "\"status\": \"fine\"")
        #expect(!(try Self.schemaErrors(json)).isEmpty, "the schema must not accept any status")
    }

    @Test(.enabled(if: Tools.hasJSONSchema, "python3 with jsonschema is needed to validate against the JSON Schema (pip install jsonschema)"))
    func baselineValidatesAgainstItsJSONSchema() throws {
        let text = Baseline(report: ReportFixture.report).text
        #expect(try Self.schemaErrors(text, schema: Repository.path("vectors/schema/baseline.schema.json")).isEmpty)
    }

    @Test(arguments: ["fixture", "shard+signer+baseline", "hostile text"])
    func readingTheJSONBackGivesTheSameReport(variant: String) throws {
        let report = switch variant {
        case "fixture": ReportFixture.report
        case "shard+signer+baseline": ReportVariants.sharedWithBaseline
        default: ReportVariants.hostileText
        }
        let document = try JSONParser().parse(JSONReporter().render(report))
        let decoded = try ReportJSONDecoder().decode(JSONReader(file: "report.json", document: document))
        // A passed vector comes back as its short entry holds it; a failure or error whole.
        var expected = report
        expected.vectors = report.vectors.map(\.asReported)
        #expect(decoded == expected)
        #expect(decoded.summary == report.summary, "the short entries keep what the counts need")
    }

    @Test func everyVerdictAndPerBackendResultIsInTheReport() throws {
        // Kraken's vector made to fail, so that its binary prehash is in a full entry.
        var report = ReportFixture.report
        let krakenIndex = try #require(report.vectors.firstIndex { $0.id == "kraken-spot/balance-nonce-only" })
        report.vectors[krakenIndex].status = .failed
        let object = try #require(try JSONSerialization.jsonObject(with: Data(JSONReporter().render(report).utf8)) as? [String: Any])
        #expect(object["format"] as? String == "sigconform/report@2")
        let vectors = try #require(object["vectors"] as? [[String: Any]])
        #expect(vectors.map { $0["id"] as? String } == ReportFixture.run.verdicts.map(\.id))
        let bybit = try #require(vectors.first { $0["id"] as? String == "bybit-v5/missing-component-recv-window" })
        let diagnosis = try #require(bybit["diagnosis"] as? [String: Any])
        #expect(diagnosis["classes"] as? [String] == ["missing_component"])
        let difference = try #require(diagnosis["firstDifference"] as? [String: Any])
        #expect(difference["offset"] as? Int == 31)
        #expect(difference["correctComponent"] as? String == "recvWindow")
        let backends = try #require(bybit["backends"] as? [[String: Any]])
        #expect(backends.map { $0["backend"] as? String } == ["swift", "openssl"])
        let kraken = try #require(vectors.first { $0["id"] as? String == "kraken-spot/balance-nonce-only" })
        let krakenPrehash = try #require((kraken["backends"] as? [[String: Any]])?.first?["prehash"] as? [String: Any])
        #expect(krakenPrehash["hex"] is String && krakenPrehash["text"] == nil, "a binary prehash is hex")
        // A passed vector's short entry: who it is and where, nothing it would only repeat.
        let passed = try #require(vectors.first { $0["id"] as? String == "binance-spot/unsorted-signed-sorted" })
        #expect(passed["status"] as? String == "passed" && passed["result"] as? String == "invalid")
        #expect(Set(passed.keys) == ["id", "venue", "vectorId", "result", "status", "source", "classes"])
        #expect(passed["classes"] as? [String] == ["unsorted_params"])
        #expect((passed["source"] as? [String: Any])?["line"] is Int)
        let inputErrors = try #require(object["inputErrors"] as? [[String: Any]])
        #expect(inputErrors.first?["line"] as? Int == 3 && inputErrors.first?["column"] as? Int == 7)
        #expect(inputErrors.first?["pointer"] as? String == "/vectors/0/request/method")
        #expect(inputErrors.first?["code"] as? String == "structure", "the input error's kind, as lint prints it")
    }

    @Test func credentialsAppearOnlyAsFingerprintsAndMaskedKeys() throws {
        let json = JSONReporter().render(ReportFixture.report)
        for vector in ReportFixture.vectors {
            if let secret = vector.credentials.secret { #expect(!json.contains(secret)) }
            if let key = vector.credentials.apiKey, key.count > 12 { #expect(!json.contains(key)) }
        }
        #expect(json.contains("\"secretFingerprint\": \"sha256:"))
    }

    @Test func unsupportedFormatIsRejectedWithItsLocation() throws {
        let json = JSONReporter().render(ReportFixture.report).replacingOccurrences(of: "sigconform/report@2", with: "sigconform/report@9")
        let reader = JSONReader(file: "old.json", document: try JSONParser().parse(json))
        #expect { try ReportJSONDecoder().decode(reader) } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.pointer == "/format" && error.location?.line == 2 && error.message.contains("report@9")
        }
    }

    @Test func aMissingMemberNamesTheMemberAndWhere() throws {
        let json = JSONReporter().render(ReportFixture.report).replacingOccurrences(of: "\"vectorId\"", with: "\"vectorID\"")
        let reader = JSONReader(file: "edited.json", document: try JSONParser().parse(json))
        #expect { try ReportJSONDecoder().decode(reader) } throws: { error in
            guard let error = error as? InputError else { return false }
            return error.message.contains("\"vectorId\"") && error.pointer == "/vectors/0" && error.location != nil
        }
    }
}
