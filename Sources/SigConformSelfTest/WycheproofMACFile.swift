import Foundation
import SigConformMAC

/// A Project Wycheproof MAC test file (`schema: mac_test_schema_v1.json`), decoded as published.
///
/// Only the fields the runner needs are kept; unknown fields are ignored so newer upstream
/// files still load. See `vectors/standard/wycheproof/schemas/mac_test_schema_v1.json`.
package struct WycheproofMACFile: Decodable, Sendable {
    /// The schema every file this type reads declares.
    package static let schemaName = "mac_test_schema_v1.json"

    /// The primitive under test, e.g. `HMACSHA256`, `HMACSHA512/224`, `HMACSHA3-256`.
    package let algorithm: String
    package let schema: String
    package let numberOfTests: Int
    /// Flag name → what the flag means.
    package let notes: [String: Note]
    package let testGroups: [TestGroup]

    package struct Note: Decodable, Sendable {
        package let bugType: String
        package let description: String?
    }

    package struct TestGroup: Decodable, Sendable {
        /// Always `MacTest` in this schema.
        package let type: String
        /// Key length in bits.
        package let keySize: Int
        /// Length in bits of the tags in this group: the leftmost `tagSize / 8` bytes of the MAC.
        package let tagSize: Int
        package let tests: [Test]
    }

    package struct Test: Decodable, Sendable {
        /// Unique within the file.
        package let tcId: Int
        package let comment: String
        package let flags: [String]
        package let key: HexBytes
        package let msg: HexBytes
        package let tag: HexBytes
        package let result: ExpectedVerdict
    }
}

extension WycheproofMACFile {
    /// Reads a Wycheproof file and turns it into runnable cases.
    ///
    /// A file with another schema, or for a MAC other than HMAC over a hash sigconform implements,
    /// loads as a suite whose cases are all unrunnable with the reason; a file that breaks the
    /// schema (bad JSON, non-hex field, wrong test count, repeated tcId, tag size not in whole
    /// bytes or longer than the digest) is an error.
    package static func loadSuite(from url: URL, name: String) throws(SelfTestError) -> MACTestSuite {
        let data = try SelfTestError.readData(url, name: name)
        let declared = try SelfTestError.decodeJSON(SchemaProbe.self, from: data, name: name)
        guard declared.schema == schemaName else {
            let reason = "schema \(declared.schema.map { "\"\($0)\"" } ?? "(none)") is not \(schemaName)"
            return MACTestSuite(name: name, cases: [], unrunnable: [SkippedCases(ids: [], reason: reason)])
        }
        let file = try SelfTestError.decodeJSON(WycheproofMACFile.self, from: data, name: name)
        return try file.suite(name: name)
    }

    /// Checks the file's own consistency and converts it to cases.
    package func suite(name: String) throws(SelfTestError) -> MACTestSuite {
        let tests = testGroups.flatMap(\.tests)
        guard tests.count == numberOfTests else {
            throw .malformed(
                file: name, reason: "numberOfTests is \(numberOfTests) but the file holds \(tests.count) tests")
        }
        var seen = Set<Int>()
        for test in tests where !seen.insert(test.tcId).inserted {
            throw .malformed(file: name, reason: "tcId \(test.tcId) appears more than once")
        }
        let ids = tests.map { "tcId \($0.tcId)" }
        guard algorithm.uppercased().hasPrefix("HMAC"), let hash = HashAlgorithm(name: algorithm) else {
            let reason = "algorithm \"\(algorithm)\" is not HMAC over a hash sigconform implements"
            return MACTestSuite(name: name, cases: [], unrunnable: [SkippedCases(ids: ids, reason: reason)])
        }
        var cases: [MACTestCase] = []
        for (index, group) in testGroups.enumerated() {
            guard group.type == "MacTest" else {
                throw .malformed(
                    file: name, reason: "testGroups[\(index)].type is \"\(group.type)\", expected \"MacTest\"")
            }
            guard group.tagSize > 0, group.tagSize % 8 == 0, group.tagSize / 8 <= hash.digestByteCount else {
                throw .malformed(
                    file: name,
                    reason: "testGroups[\(index)].tagSize is \(group.tagSize) bits; \(algorithm) tags are whole bytes, "
                        + "at most \(hash.digestByteCount * 8) bits")
            }
            for test in group.tests {
                cases.append(
                    MACTestCase(
                        id: "tcId \(test.tcId)", algorithm: hash, key: test.key.bytes, message: test.msg.bytes,
                        tag: test.tag.bytes,
                        tagByteCount: group.tagSize / 8, expected: test.result, comment: test.comment))
            }
        }
        return MACTestSuite(name: name, cases: cases)
    }

    /// Just enough of any Wycheproof file to tell which schema it follows.
    private struct SchemaProbe: Decodable {
        let schema: String?
    }
}
