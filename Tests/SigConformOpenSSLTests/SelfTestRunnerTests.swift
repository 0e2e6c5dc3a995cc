import SigConformCore
import SigConformMAC
import SigConformOpenSSL
import SigConformSelfTest
import Testing

/// The runner and report judge backends by the vectors' rules; checked with backends that are
/// wrong on purpose.
@Suite("Self-test runner")
struct SelfTestRunnerTests {
    static let key: [UInt8] = Array("Jefe".utf8)
    static let message: [UInt8] = Array("what do ya want for nothing?".utf8)

    /// HMAC-SHA-256 of ``message`` under ``key`` (RFC 4231 test case 2).
    static let tag = Hex.decode("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")!

    static func testCase(_ id: String, tag: [UInt8], length: Int = 32, expected: ExpectedVerdict) -> MACTestCase {
        MACTestCase(
            id: id, algorithm: .sha256, key: key, message: message, tag: tag, tagByteCount: length,
            expected: expected, comment: id)
    }

    static let suite = MACTestSuite(
        name: "suite.json",
        cases: [
            testCase("full", tag: tag, expected: .valid),
            testCase("truncated", tag: Array(tag.prefix(16)), length: 16, expected: .valid),
            testCase("flipped", tag: [tag[0] ^ 1] + tag.dropFirst(), expected: .invalid),
            testCase("too short for its group", tag: Array(tag.prefix(16)), expected: .invalid),
            testCase("either", tag: tag, expected: .acceptable),
        ],
        unrunnable: [SkippedCases(ids: ["sm3"], reason: "no SM3")])

    @Test func correctBackendPassesEveryCaseAndCountsAcceptableApart() {
        let result = SelfTestRunner.run(Self.suite, on: OpenSSLBackend())
        #expect(result.passed == 4)
        #expect(result.acceptable == 1)
        #expect(result.failures.isEmpty)
        #expect(result.skipped == [SkippedCases(ids: ["sm3"], reason: "no SM3")])
        #expect(result.behaved)
    }

    @Test func wrongLastByteFailsOnlyFullLengthValidTags() {
        // Truncated tags compare only the leading bytes, so a wrong last byte must not fail them.
        let result = SelfTestRunner.run(Self.suite, on: TamperingBackend(flippedByte: 31))
        #expect(result.failures.map(\.id) == ["full"])
        #expect(result.failures.first?.reason.hasPrefix("valid tag rejected: computed 5bdcc1") == true)
        #expect(result.passed == 3)
        #expect(!result.behaved)
    }

    @Test func wrongFirstByteAcceptsTheFlippedTag() {
        let result = SelfTestRunner.run(Self.suite, on: TamperingBackend(flippedByte: 0))
        #expect(result.failures.map(\.id) == ["full", "truncated", "flipped"])
        #expect(result.failures.last?.reason == "invalid tag accepted (flipped)")
    }

    @Test func unsupportedAlgorithmSkipsWithTheBackendsReasonAndOtherErrorsFail() {
        let refusing = SelfTestRunner.run(
            Self.suite,
            on: RefusingBackend(error: .unsupportedAlgorithm(.sha256, backend: "refusing", reason: "not built")))
        #expect(refusing.passed == 0 && refusing.failures.isEmpty)
        #expect(refusing.skipped.last?.ids == Self.suite.cases.map(\.id))
        #expect(refusing.skipped.last?.reason == "refusing backend cannot compute sha256: not built")
        #expect(refusing.skippedCount == 6)

        let failing = SelfTestRunner.run(
            Self.suite,
            on: RefusingBackend(error: .libraryFailure(backend: "refusing", operation: "init", detail: "boom")))
        #expect(failing.failures.count == 5)
        #expect(failing.failures.first?.reason == "backend error: refusing backend failed in init: boom")
    }

    @Test func reportTableExitStatusAndDetails() {
        let good = SelfTestRunner.run(Self.suite, on: OpenSSLBackend())
        let bad = SelfTestRunner.run(Self.suite, on: TamperingBackend(flippedByte: 31))
        let clean = SelfTestReport(backends: [OpenSSLBackend()], results: [good], errors: [])
        #expect(clean.exitStatus == .pass)
        let cleanText = clean.render()
        #expect(cleanText.contains("suite.json  openssl       4       0        1           1"))
        #expect(cleanText.contains("SKIPPED suite.json on openssl: 1 cases (sm3): no SM3"))
        #expect(
            cleanText.hasSuffix(
                "OK: 4 passed, 0 failed, 1 skipped, 1 acceptable; every test behaves as its vector says."))

        let failing = SelfTestReport(
            backends: [OpenSSLBackend(), TamperingBackend(flippedByte: 31)], results: [good, bad], errors: [])
        #expect(failing.exitStatus == .findings)
        #expect(failing.render().contains("FAILED  suite.json on tampering: full: valid tag rejected"))

        let broken = SelfTestReport(
            backends: [], results: [good], errors: [.malformed(file: "x.json", reason: "tag: not hex")])
        #expect(broken.exitStatus == .unusableInput)
        #expect(broken.render().contains("x.json: error: is malformed: tag: not hex [structure]\n    fix: fix the file or restore it"))
        #expect(broken.render().contains("ERROR: 1 input could not be used;"))

        let twiceBroken = SelfTestReport(
            backends: [], results: [good],
            errors: [.malformed(file: "x.json", reason: "tag: not hex"), .malformed(file: "y.json", reason: "key: missing")])
        #expect(twiceBroken.render().contains("ERROR: 2 inputs could not be used;"))
    }
}

/// Computes HMACs with OpenSSL, then flips the low bit of one output byte.
struct TamperingBackend: MACBackend {
    let flippedByte: Int
    let id = "tampering"
    let displayName = "OpenSSL with one tag byte flipped"

    func makeDigest(_ algorithm: HashAlgorithm) throws(MACError) -> any DigestContext {
        try OpenSSLBackend().makeDigest(algorithm)
    }

    func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) throws(MACError) -> any HMACContext {
        Tampered(base: try OpenSSLBackend().makeHMAC(algorithm, key: key), flippedByte: flippedByte)
    }

    struct Tampered: HMACContext {
        var base: any HMACContext
        let flippedByte: Int
        var algorithm: HashAlgorithm { base.algorithm }

        mutating func update(_ bytes: UnsafeRawBufferPointer) throws(MACError) { try base.update(bytes) }

        mutating func tag() throws(MACError) -> [UInt8] { flip(try base.tag()) }

        mutating func tag(appending message: UnsafeRawBufferPointer) throws(MACError) -> [UInt8] {
            flip(try base.tag(appending: message))
        }

        private func flip(_ tag: [UInt8]) -> [UInt8] {
            var tag = tag
            tag[flippedByte] ^= 1
            return tag
        }
    }
}

/// Throws `error` for every request.
struct RefusingBackend: MACBackend {
    let error: MACError
    let id = "refusing"
    let displayName = "always throws"

    func makeDigest(_ algorithm: HashAlgorithm) throws(MACError) -> any DigestContext { throw error }

    func makeHMAC(_ algorithm: HashAlgorithm, key: [UInt8]) throws(MACError) -> any HMACContext { throw error }
}
