import SigConformMAC
import SigConformSelfTest
import Testing

/// Every Wycheproof and RFC 2202/4231 vector in `vectors/standard`, on every backend.
@Suite("Standard vectors")
struct StandardVectorTests {
    static let files =
        (try? StandardVectorSet.files(in: standardVectorsDirectory, displayedAs: "vectors/standard")) ?? []
    static let fileNames = files.map(\.name)

    @Test func theStandardFolderHoldsEveryPublishedFile() throws {
        let files = try StandardVectorSet.files(in: standardVectorsDirectory, displayedAs: "vectors/standard")
        #expect(files.filter { $0.format == .wycheproof }.count == 11)
        #expect(files.filter { $0.format == .rfc }.map(\.name) == ["rfc/rfc2202.json", "rfc/rfc4231.json"])
        let suites = try files.map { try $0.load() }
        let wycheproof = zip(files, suites).filter { $0.0.format == .wycheproof }.flatMap(\.1.cases)
        // The counts vectors/standard/wycheproof/README.md gives for the upstream files.
        #expect(wycheproof.count == 1906)
        #expect(wycheproof.filter { $0.expected == .valid }.count == 726)
        #expect(Set(wycheproof.map(\.algorithm)) == Set(HashAlgorithm.allCases).subtracting([.md5]))
        #expect(suites.allSatisfy { $0.unrunnable.isEmpty })
    }

    @Test(arguments: testedBackendIDs, fileNames)
    func everyVectorBehavesAsItsResultSays(backendID: String, fileName: String) throws {
        let file = try #require(Self.files.first { $0.name == fileName })
        let suite = try file.load()
        let result = SelfTestRunner.run(suite, on: backend(backendID))
        #expect(!suite.cases.isEmpty)
        #expect(result.failures.isEmpty, "\(result.failures.map { "\($0.id): \($0.reason)" })")
        #expect(result.skipped.isEmpty, "\(result.skipped.map(\.reason))")
        #expect(result.passed + result.acceptable == suite.cases.count)
    }
}
