import Foundation
import SigConform
@testable import SigConformCore
import Testing

/// ``Redactor/outputVocabulary`` lists what report.json is built from; these keep it in step with
/// the schema and the diagnosis classes, and check a whole report of the bundled passphrase.
@Suite struct RedactorVocabularyDriftTests {
    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("vectors/schema/report.schema.json").path

    /// Every member name (`properties`) and enumerated string (`enum`, `const`) in the schema.
    static func schemaWords() throws -> Set<String> {
        let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: schemaPath)))
        var words: Set<String> = []
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (name, member) in object {
                    if name == "properties", let properties = member as? [String: Any] { words.formUnion(properties.keys) }
                    if name == "enum", let values = member as? [Any] { words.formUnion(values.compactMap { $0 as? String }) }
                    if name == "const", let value = member as? String { words.insert(value) }
                    walk(member)
                }
            } else if let array = value as? [Any] {
                array.forEach(walk)
            }
        }
        walk(schema)
        return words
    }

    @Test func everySchemaMemberNameAndValueIsInTheVocabulary() throws {
        let missing = try Self.schemaWords().subtracting(Redactor.outputVocabulary)
        #expect(missing.isEmpty, "add to Redactor.outputVocabulary: \(missing.sorted())")
    }

    @Test func everyDiagnosisClassIsInTheVocabulary() {
        let missing = Set(DiagnosisClass.allCases.map(\.rawValue)).subtracting(Redactor.outputVocabulary)
        #expect(missing.isEmpty, "add to Redactor.outputVocabulary: \(missing.sorted())")
    }

    /// Found by merging shard reports: every report.json of a run with the bundled KuCoin vectors
    /// had `"p[part of passphrase …]Fingerprint"` as a member name.
    @Test func aReportOfTheBundledPassphraseKeepsEveryMemberName() throws {
        // Claimed invalid, so it fails and its report entry is the full one, credentials included.
        var vector = ReportFixture.vector("kucoin", "requests", "get-accounts-no-query")
        vector.result = .invalid
        #expect(vector.credentials.passphrase == "sc-test-passphrase")
        let all = RunEnvironment.registry(extraRoots: []).0
        let run = RunResult(verdicts: [CheckRunner(registry: all, backends: standardBackends()).check(vector)],
                            files: [vector.origin.file], backends: standardBackends().map(\.id), venues: all.sorted)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-vocabulary-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = try ReportWriter(directory: directory).write(run, reporters: Reporters.all, context: ReportFixture.context)
        let json = try #require(paths.first { $0.hasSuffix("report.json") })
        let text = try String(contentsOfFile: json, encoding: .utf8)
        #expect(text.contains("\"passphraseFingerprint\""))
        #expect(!text.contains("[part of passphrase"))
        for path in paths { #expect(!(try String(contentsOfFile: path, encoding: .utf8)).contains(vector.credentials.passphrase!)) }
    }
}
