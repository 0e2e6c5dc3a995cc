import SigConform
import SigConformCore
import Testing

/// A request signed with the secret of another key the user holds (a testnet key's, a rotated
/// one's) is proven offline when the user names that secret: the bundled vectors of three venues
/// (scripts/reference/mistakes.py signs them with the second of their `otherSecrets`).
@Suite struct OtherSecretDiagnosisTests {
    static func bundled(_ venue: String, id: String = "credentials-testnet-secret") throws -> (Vector, Venue) {
        let (registry, errors) = RunEnvironment.registry(extraRoots: [])
        #expect(errors.isEmpty)
        let path = BundledVectors.directory + "/\(venue)/developer-mistakes.json"
        let vectors = try VectorDecoder().decodeFile(FileReader.readJSON(path))
        return (try #require(vectors.first { $0.id == id }), try #require(registry[venue]))
    }

    static func diagnose(_ vector: Vector, venue: Venue) -> Diagnosis {
        let evaluation = VectorEvaluator(backends: standardBackends()).evaluate(vector, venue: venue)
        return Diagnoser(backends: standardBackends()).diagnose(evaluation)
    }

    @Test(arguments: ["binance-spot", "okx-v5", "bybit-v5"])
    func theSecondOtherSecretIsNamedByItsPlaceNeverByItsValue(venue id: String) throws {
        let (vector, venue) = try Self.bundled(id)
        #expect(vector.credentials.otherSecrets.count == 2)
        let diagnosis = Self.diagnose(vector, venue: venue)
        #expect(diagnosis.classIDs == ["credentials_swapped"])
        let detail = try #require(diagnosis.steps.first?.detail)
        #expect(detail.contains("other secret 2 of the 2 you gave (credentials.otherSecrets[1])"), "\(detail)")
        for secret in vector.credentials.secretValues.map(\.value) { #expect(!detail.contains(secret)) }
    }

    @Test(arguments: ["binance-spot", "okx-v5"])
    func withoutTheOtherSecretsTheSameRequestIsNotExplainedAsSwapped(venue id: String) throws {
        var (vector, venue) = try Self.bundled(id)
        vector.credentials.otherSecrets = [vector.credentials.otherSecrets[0]]
        let diagnosis = Self.diagnose(vector, venue: venue)
        #expect(!diagnosis.classIDs.contains("credentials_swapped"), "\(diagnosis.classIDs)")
    }

    @Test func aSourceGivenOnTheCommandLineNamesTheSecret() throws {
        var (vector, venue) = try Self.bundled("okx-v5")
        vector.credentials.otherSecrets = [vector.credentials.otherSecrets[1]]
        vector.credentials.otherSecretSources = ["--other-secret-env OKX_TESTNET_SECRET"]
        let detail = try #require(Self.diagnose(vector, venue: venue).steps.first?.detail)
        #expect(detail.contains("signed with the other secret you gave (--other-secret-env OKX_TESTNET_SECRET)"), "\(detail)")
    }
}
