import SigConformMAC
import Testing

@Suite struct SHA1Tests {
    /// FIPS 180-4 example values for SHA-1 (NIST CSRC "Examples with Intermediate Values": "abc" and
    /// the 448-bit message), plus the empty message, the 896-bit SHA-512 example message and one
    /// million "a"; those values are the widely published ones.
    static let fipsExamples = [
        DigestKnownAnswer(algorithm: .sha1, label: "\"\"", message: [], digest: "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        DigestKnownAnswer(algorithm: .sha1, label: "abc", message: NISTMessage.abc, digest: "a9993e364706816aba3e25717850c26c9cd0d89d"),
        DigestKnownAnswer(algorithm: .sha1, label: "448 bits", message: NISTMessage.bits448, digest: "84983e441c3bd26ebaae4aa1f95129e5e54670f1"),
        DigestKnownAnswer(algorithm: .sha1, label: "896 bits", message: NISTMessage.bits896, digest: "a49b2446a02c645bf419f995b67091253a04a259"),
        DigestKnownAnswer(algorithm: .sha1, label: "million a", message: NISTMessage.millionA, digest: "34aa973cd4c4daa4f61eeb2bdbad27316534016f"),
    ]

    @Test(arguments: fipsExamples)
    func digestMatchesFIPSExample(_ example: DigestKnownAnswer) {
        #expect(Hex.encode(SHA1.hash(example.message)) == example.digest)
    }

    @Test func typeReportsSHA1() {
        #expect(SHA1().algorithm == .sha1)
        #expect(SHA1().finalize().count == 20)
    }
}
