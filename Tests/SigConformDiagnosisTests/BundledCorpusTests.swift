import SigConform
import Testing

/// The bundled vectors are the main proof: every valid one reproduces on both backends, every
/// invalid one is rejected and diagnosed as its vector says. They come from independent
/// reference scripts (scripts/reference), not from sigconform.
@Suite struct BundledCorpusTests {
    static let run: RunResult = {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        return CheckRunner(registry: registry, backends: standardBackends()).run(paths: [BundledVectors.directory])
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

    @Test(arguments: DiagnosisClass.allCases.filter { $0 != .backendDivergence })
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
}
