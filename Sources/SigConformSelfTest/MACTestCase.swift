import SigConformMAC

/// What a test vector says a correct verifier must do with its tag (Wycheproof's `result`).
package enum ExpectedVerdict: String, Sendable, Hashable, Codable {
    /// The tag is correct and must be accepted.
    case valid
    /// The tag is wrong and must be rejected.
    case invalid
    /// Either verdict is allowed; such tests are counted, never failed.
    case acceptable
}

/// One HMAC verification check, whatever file format it came from.
///
/// The check: compute the HMAC of ``message`` under ``key``, take its leftmost ``tagByteCount``
/// bytes and compare them with ``tag``; a tag of any other length is rejected. The outcome must
/// match ``expected``.
package struct MACTestCase: Sendable, Hashable {
    /// Identifies the case in reports: `tcId 17` for Wycheproof, the entry's `id` for RFC files.
    package let id: String
    package let algorithm: HashAlgorithm
    package let key: [UInt8]
    package let message: [UInt8]
    package let tag: [UInt8]
    /// How many leading bytes of the HMAC the tag stands for (truncated tags are shorter than the digest).
    package let tagByteCount: Int
    package let expected: ExpectedVerdict
    package let comment: String

    package init(
        id: String, algorithm: HashAlgorithm, key: [UInt8], message: [UInt8], tag: [UInt8],
        tagByteCount: Int, expected: ExpectedVerdict, comment: String
    ) {
        self.id = id
        self.algorithm = algorithm
        self.key = key
        self.message = message
        self.tag = tag
        self.tagByteCount = tagByteCount
        self.expected = expected
        self.comment = comment
    }
}

/// Cases that were not run, and why (the same reason is given once for all of them).
package struct SkippedCases: Sendable, Hashable {
    /// The cases' ids; empty when a whole file was skipped before its cases were read.
    package let ids: [String]
    package let reason: String

    package init(ids: [String], reason: String) {
        self.ids = ids
        self.reason = reason
    }
}

/// A loaded vector file: the cases a backend can be asked to check, and those no backend can run.
package struct MACTestSuite: Sendable {
    /// The file's name as reports show it (usually its path relative to the vectors folder).
    package let name: String
    package let cases: [MACTestCase]
    /// Cases the file holds that sigconform cannot run at all, e.g. an algorithm it does not implement.
    package let unrunnable: [SkippedCases]

    package init(name: String, cases: [MACTestCase], unrunnable: [SkippedCases] = []) {
        self.name = name
        self.cases = cases
        self.unrunnable = unrunnable
    }
}
