import Foundation
import SigConform
import Testing

/// The bundled vectors are the main proof: every valid one reproduces on both backends, every
/// invalid one is rejected and diagnosed as its vector says. They come from independent
/// reference scripts (scripts/reference), not from sigconform.
@Suite struct BundledCorpusTests {
    /// The one run of the whole bundled corpus the test suite makes (in a debug build it is the
    /// suite's longest step): every test about the corpus reads it. The files are checked side by
    /// side, one per core, and put back in file order, so the result is the one a single
    /// `CheckRunner.run(paths:)` gives.
    static let run: RunResult = {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        let runner = CheckRunner(registry: registry, backends: standardBackends())
        let (files, listingErrors) = CorpusLoader().files([BundledVectors.directory])
        let results = ResultSlots(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            results.set(index, runner.run(paths: [files[index]]))
        }
        var run = RunResult(inputErrors: listingErrors, files: files, backends: runner.evaluator.backends.map(\.id), venues: registry.sorted)
        for part in results.values {
            run.verdicts += part.verdicts
            run.inputErrors += part.inputErrors
        }
        return run
    }()

    @Test func everyBundledVectorBehavesAsItsResultSays() {
        let run = Self.run
        #expect(run.inputErrors.isEmpty, "\(run.inputErrors)")
        #expect(run.verdicts.count > 500)
        for verdict in run.verdicts where verdict.status != .passed {
            Issue.record("\(verdict.id): \(verdict.problems.joined(separator: "; "))")
        }
        #expect(run.exitCode == 0)
    }

    /// `reused_hmac_state` shows only in a sequence: its proof is the two venues' sequences in
    /// examples/requests/sequences (DiagnoseCommandTests), not a vector.
    @Test(arguments: DiagnosisClass.allCases.filter { $0 != .backendDivergence && $0 != .reusedHMACState })
    func everyDiagnosisClassIsCoveredByBundledInvalidVectorsOfSeveralVenues(diagnosisClass: DiagnosisClass) {
        let venues = Set(Self.run.verdicts.filter {
            $0.vector.result == .invalid && $0.status == .passed && $0.vector.expect.diagnosis == [diagnosisClass.rawValue]
        }.map(\.vector.venue))
        let minimum = diagnosisClass == .missingBearerPrefix ? 1 : 2
        #expect(venues.count >= minimum, "\(diagnosisClass.rawValue) is proven on \(venues.sorted())")
    }

    @Test func everyReproducedDiagnosisShowsTheClientPrehashWhereTheVectorKnowsIt() {
        for verdict in Self.run.verdicts where verdict.vector.result == .invalid {
            guard let expected = verdict.vector.expect.clientPrehash, let diagnosis = verdict.diagnosis,
                  let client = diagnosis.clientPrehash, !diagnosis.steps.isEmpty else { continue }
            #expect(client.bytes == expected, "\(verdict.id): the reproduced prehash differs from the one the reference script signed")
        }
    }

    /// Every bundled venue and every bundled vector: the secret is in no prehash and no header a
    /// report shows; the passphrase is only in the passphrase's own field (a recipe is data and
    /// cannot route a credential into the signed text; see RecipeSafetyTests).
    @Test func noBundledRecipeRoutesTheSecretOrThePassphraseIntoTheSignedText() throws {
        let (_, errors) = RunEnvironment.registry(extraRoots: [])
        #expect(errors.isEmpty)
        let run = Self.run
        var checked = 0
        for verdict in run.verdicts {
            guard let outcome = verdict.evaluation?.reference, case .hmac(let recipe) = verdict.evaluation?.venue.auth else { continue }
            let credentials = verdict.vector.credentials
            let passphraseHeader: String? = if case .header(let name, _)? = recipe.passphrase?.location { name.lowercased() } else { nil }
            for value in [credentials.secret, credentials.passphrase].compactMap({ $0 }) where value.count >= 4 {
                #expect(!contains(outcome.prehash.bytes, Array(value.utf8)), "\(verdict.id): a credential is in the prehash")
                for header in outcome.expectedHeaders where header.name.lowercased() != passphraseHeader {
                    #expect(!header.value.contains(value), "\(verdict.id): a credential is in \(header.name)")
                }
            }
            if let secret = credentials.secret, secret.count >= 4 {
                for header in outcome.expectedHeaders { #expect(!header.value.contains(secret), "\(verdict.id): the secret is in \(header.name)") }
            }
            checked += 1
        }
        #expect(checked > 500)
    }

    func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return (0...(haystack.count - needle.count)).contains { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}

/// Results written from several threads, each into its own slot.
final class ResultSlots: @unchecked Sendable {
    private var slots: [RunResult?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: RunResult) { lock.withLock { slots[index] = value } }
    var values: [RunResult] { lock.withLock { slots.map { $0! } } }
}
