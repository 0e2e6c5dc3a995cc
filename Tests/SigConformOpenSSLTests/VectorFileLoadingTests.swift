import Foundation
import SigConformMAC
import SigConformSelfTest
import Testing

/// Loading Wycheproof and RFC vector files, and the typed errors for files that cannot be used.
@Suite("Vector file loading")
struct VectorFileLoadingTests {
    /// A one-group Wycheproof MAC file; `test` is spliced in as the group's only test.
    static func wycheproof(
        algorithm: String = "HMACSHA256", schema: String = "mac_test_schema_v1.json", numberOfTests: Int = 1,
        tagSize: Int = 256, test: String
    ) -> String {
        """
        {"algorithm": "\(algorithm)", "schema": "\(schema)", "numberOfTests": \(numberOfTests),
         "header": [], "notes": {},
         "testGroups": [{"type": "MacTest", "source": {"name": "t", "version": "1"},
                         "keySize": 32, "tagSize": \(tagSize), "tests": [\(test)]}]}
        """
    }

    static let validTest = """
        {"tcId": 7, "comment": "c", "flags": [], "key": "4a656665", "msg": "", "tag": "00", "result": "valid"}
        """

    @Test func hexThatIsNotHexIsMalformedWithItsCodingPath() throws {
        let file = try TemporaryFile(
            Self.wycheproof(test: Self.validTest.replacingOccurrences(of: "\"00\"", with: "\"0g\"")))
        let error = try #require(catching { try WycheproofMACFile.loadSuite(from: file.url, name: "bad.json") })
        guard case .malformed(file: "bad.json", let reason) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(reason.contains("testGroups[0].tests[0].tag"))
        #expect(reason.contains("hex"))
    }

    @Test func missingRequiredFieldNamesTheField() throws {
        let file = try TemporaryFile(
            Self.wycheproof(test: Self.validTest.replacingOccurrences(of: ", \"result\": \"valid\"", with: "")))
        let error = try #require(catching { try WycheproofMACFile.loadSuite(from: file.url, name: "f.json") })
        #expect(error.description.contains("testGroups[0].tests[0].result: required key is missing"))
        #expect(error.description.hasPrefix("f.json is malformed"))
    }

    @Test func unknownResultAndTruncatedJSONAreMalformed() throws {
        let badResult = try TemporaryFile(
            Self.wycheproof(test: Self.validTest.replacingOccurrences(of: "\"valid\"", with: "\"maybe\"")))
        let resultError = try #require(
            catching { try WycheproofMACFile.loadSuite(from: badResult.url, name: "r.json") })
        #expect(resultError.description.contains("testGroups[0].tests[0].result"))
        let truncated = try TemporaryFile(String(Self.wycheproof(test: Self.validTest).dropLast(20)))
        let truncatedError = try #require(
            catching { try WycheproofMACFile.loadSuite(from: truncated.url, name: "t.json") })
        guard case .malformed(file: "t.json", _) = truncatedError else {
            Issue.record("\(truncatedError)")
            return
        }
    }

    @Test func testCountMustMatchNumberOfTests() throws {
        let file = try TemporaryFile(Self.wycheproof(numberOfTests: 2, test: Self.validTest))
        let error = try #require(catching { try WycheproofMACFile.loadSuite(from: file.url, name: "n.json") })
        #expect(error == .malformed(file: "n.json", reason: "numberOfTests is 2 but the file holds 1 tests"))
    }

    @Test func tagSizeMustBeWholeBytesWithinTheDigest() throws {
        for tagSize in [0, 100, 264] {
            let file = try TemporaryFile(Self.wycheproof(tagSize: tagSize, test: Self.validTest))
            let error = try #require(catching { try WycheproofMACFile.loadSuite(from: file.url, name: "s.json") })
            #expect(error.description.contains("testGroups[0].tagSize is \(tagSize) bits"))
        }
    }

    @Test func missingFileIsUnreadableAndNamed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sigconform-no-such-\(UUID().uuidString).json")
        let error = try #require(catching { try WycheproofMACFile.loadSuite(from: url, name: "missing.json") })
        guard case .unreadable(file: "missing.json", let reason) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(!reason.isEmpty)
    }

    @Test func otherSchemaOrAlgorithmIsSkippedNotFailed() throws {
        let aead = try TemporaryFile(Self.wycheproof(schema: "aead_test_schema_v1.json", test: Self.validTest))
        let aeadSuite = try WycheproofMACFile.loadSuite(from: aead.url, name: "aead.json")
        #expect(aeadSuite.cases.isEmpty)
        #expect(
            aeadSuite.unrunnable == [
                SkippedCases(ids: [], reason: "schema \"aead_test_schema_v1.json\" is not mac_test_schema_v1.json")
            ])

        let sm3 = try TemporaryFile(Self.wycheproof(algorithm: "HMACSM3", test: Self.validTest))
        let sm3Suite = try WycheproofMACFile.loadSuite(from: sm3.url, name: "sm3.json")
        #expect(sm3Suite.cases.isEmpty)
        #expect(sm3Suite.unrunnable.map(\.ids) == [["tcId 7"]])
        #expect(sm3Suite.unrunnable.first?.reason.contains("HMACSM3") == true)
    }

    @Test func wycheproofTestsBecomeCasesWithTheGroupsTagLength() throws {
        let file = try TemporaryFile(Self.wycheproof(algorithm: "HMACSHA512/224", tagSize: 112, test: Self.validTest))
        let suite = try WycheproofMACFile.loadSuite(from: file.url, name: "ok.json")
        #expect(
            suite.cases == [
                MACTestCase(
                    id: "tcId 7", algorithm: .sha512_224, key: Array("Jefe".utf8), message: [], tag: [0],
                    tagByteCount: 14,
                    expected: .valid, comment: "c")
            ])
    }

    @Test func rfcEntriesAreValidCasesHonouringTruncatedBits() throws {
        let json = """
            [{"id": "a", "hash": "SHA-256", "key": "00", "data": "", "mac": "\(String(repeating: "ab", count: 16))",
              "truncatedBits": 128, "comment": ""},
             {"id": "b", "hash": "SM3", "key": "00", "data": "", "mac": "00", "comment": ""}]
            """
        let file = try TemporaryFile(json)
        let suite = try RFCVectorFile.loadSuite(from: file.url, name: "rfc.json")
        #expect(suite.cases.map(\.tagByteCount) == [16])
        #expect(suite.cases.map(\.expected) == [.valid])
        #expect(suite.unrunnable == [SkippedCases(ids: ["b"], reason: "hash \"SM3\" is not one sigconform implements")])
    }

    @Test func rfcMacLengthMustAgreeWithHashAndTruncation() throws {
        let json = """
            [{"id": "short", "hash": "SHA-1", "key": "00", "data": "", "mac": "abcd", "comment": ""}]
            """
        let file = try TemporaryFile(json)
        let error = try #require(catching { try RFCVectorFile.loadSuite(from: file.url, name: "rfc.json") })
        #expect(error == .malformed(file: "rfc.json", reason: "[0] (short).mac has 2 bytes, expected 20"))
    }

    @Test func folderWithoutTheLayoutIsUnreadable() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "sigconform-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = try #require(catching { try StandardVectorSet.files(in: folder, displayedAs: "empty") })
        #expect(error.file == "empty")
        #expect(error.description.contains("wycheproof/testvectors_v1/"))
        let missing = try #require(
            catching { try StandardVectorSet.files(in: folder.appendingPathComponent("nope"), displayedAs: "nope") })
        #expect(missing.description.hasPrefix("cannot read nope: no such folder"))
    }
}

/// The error a loader throws, or `nil` when it succeeds or throws something other than `SelfTestError`.
func catching<Value>(_ body: () throws -> Value) -> SelfTestError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error as? SelfTestError
    }
}

/// A file in the temporary directory, removed when the value is released.
final class TemporaryFile {
    let url: URL

    init(_ contents: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-\(UUID().uuidString).json")
        try Data(contents.utf8).write(to: url)
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}
