import SigConformMAC
import Testing

@Suite struct MD5Tests {
    /// The test suite of RFC 1321 appendix A.5.
    static let rfc1321Suite: [(message: String, digest: String)] = [
        ("", "d41d8cd98f00b204e9800998ecf8427e"),
        ("a", "0cc175b9c0f1b6a831c399e269772661"),
        ("abc", "900150983cd24fb0d6963f7d28e17f72"),
        ("message digest", "f96b697d7cb7938d525a2f31aaf161d0"),
        ("abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b"),
        ("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", "d174ab98d277d9f5a5611c2c9f419d9f"),
        (String(repeating: "1234567890", count: 8), "57edf4a22be3c955ac49da2e2107b67a"),
    ]

    @Test(arguments: rfc1321Suite)
    func digestMatchesRFC1321TestSuite(message: String, digest: String) {
        #expect(Hex.encode(MD5.hash(Array(message.utf8))) == digest)
    }

    @Test func digestOfOneMillionAMatchesReference() {
        // Not in RFC 1321; the widely published value, which also exercises many whole blocks.
        #expect(Hex.encode(MD5.hash(NISTMessage.millionA)) == "7707d6ae4e027c70eea2a935c2296f21")
    }

    @Test func typeReportsMD5() {
        #expect(MD5().algorithm == .md5)
        #expect(MD5().finalize().count == 16)
    }
}
