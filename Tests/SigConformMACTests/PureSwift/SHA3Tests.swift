import SigConformMAC
import Testing

@Suite struct SHA3Tests {
    /// FIPS 202 example values (NIST CSRC "Examples with Intermediate Values": the empty message
    /// and 1600 bits of 0xa3), plus "abc", the two SHA-2 example messages and one million "a" for
    /// SHA3-256; those values are the widely published ones.
    static let fipsExamples = [
        DigestKnownAnswer(
            algorithm: .sha3_224, label: "\"\"", message: [],
            digest: "6b4e03423667dbb73b6e15454f0eb1abd4597f9a1b078e3f5b5a6bc7"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_224, label: "abc", message: NISTMessage.abc,
            digest: "e642824c3f8cf24ad09234ee7d3c766fc9a3a5168d0c94ad73b46fdf"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_224, label: "448 bits", message: NISTMessage.bits448,
            digest: "8a24108b154ada21c9fd5574494479ba5c7e7ab76ef264ead0fcce33"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_224, label: "896 bits", message: NISTMessage.bits896,
            digest: "543e6868e1666c1a643630df77367ae5a62a85070a51c14cbf665cbc"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_224, label: "1600 bits", message: NISTMessage.bits1600,
            digest: "9376816aba503f72f96ce7eb65ac095deee3be4bf9bbc2a1cb7e11e0"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_256, label: "\"\"", message: [],
            digest: "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_256, label: "abc", message: NISTMessage.abc,
            digest: "3a985da74fe225b2045c172d6bd390bd855f086e3e9d525b46bfe24511431532"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_256, label: "448 bits", message: NISTMessage.bits448,
            digest: "41c0dba2a9d6240849100376a8235e2c82e1b9998a999e21db32dd97496d3376"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_256, label: "896 bits", message: NISTMessage.bits896,
            digest: "916f6061fe879741ca6469b43971dfdb28b1a32dc36cb3254e812be27aad1d18"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_256, label: "1600 bits", message: NISTMessage.bits1600,
            digest: "79f38adec5c20307a98ef76e8324afbfd46cfd81b22e3973c65fa1bd9de31787"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_256, label: "million a", message: NISTMessage.millionA,
            digest: "5c8875ae474a3634ba4fd55ec85bffd661f32aca75c6d699d0cdcb6c115891c1"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_384, label: "\"\"", message: [],
            digest: "0c63a75b845e4f7d01107d852e4c2485c51a50aaaa94fc61995e71bbee983a2ac3713831264adb47fb6bd1e058d5f004"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_384, label: "abc", message: NISTMessage.abc,
            digest: "ec01498288516fc926459f58e2c6ad8df9b473cb0fc08c2596da7cf0e49be4b298d88cea927ac7f539f1edf228376d25"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_384, label: "448 bits", message: NISTMessage.bits448,
            digest: "991c665755eb3a4b6bbdfb75c78a492e8c56a22c5c4d7e429bfdbc32b9d4ad5aa04a1f076e62fea19eef51acd0657c22"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_384, label: "896 bits", message: NISTMessage.bits896,
            digest: "79407d3b5916b59c3e30b09822974791c313fb9ecc849e406f23592d04f625dc8c709b98b43b3852b337216179aa7fc7"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_384, label: "1600 bits", message: NISTMessage.bits1600,
            digest: "1881de2ca7e41ef95dc4732b8f5f002b189cc1e42b74168ed1732649ce1dbcdd76197a31fd55ee989f2d7050dd473e8f"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_512, label: "\"\"", message: [],
            digest: "a69f73cca23a9ac5c8b567dc185a756e97c982164fe25859e0d1dcc1475c80a615b2123af1f5f94c11e3e9402c3ac558f500199d95b6d3e301758586281dcd26"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_512, label: "abc", message: NISTMessage.abc,
            digest: "b751850b1a57168a5693cd924b6b096e08f621827444f70d884f5d0240d2712e10e116e9192af3c91a7ec57647e3934057340b4cf408d5a56592f8274eec53f0"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_512, label: "448 bits", message: NISTMessage.bits448,
            digest: "04a371e84ecfb5b8b77cb48610fca8182dd457ce6f326a0fd3d7ec2f1e91636dee691fbe0c985302ba1b0d8dc78c086346b533b49c030d99a27daf1139d6e75e"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_512, label: "896 bits", message: NISTMessage.bits896,
            digest: "afebb2ef542e6579c50cad06d2e578f9f8dd6881d7dc824d26360feebf18a4fa73e3261122948efcfd492e74e82e2189ed0fb440d187f382270cb455f21dd185"
        ),
        DigestKnownAnswer(
            algorithm: .sha3_512, label: "1600 bits", message: NISTMessage.bits1600,
            digest: "e76dfad22084a8b1467fcf2ffa58361bec7628edf5f3fdc0e4805dc48caeeca81b7c13c30adf52a3659584739a2df46be589c51ca1a4a8416df6545a1ce8ba00"
        ),
    ]

    @Test(arguments: fipsExamples)
    func digestMatchesFIPSExample(_ example: DigestKnownAnswer) {
        #expect(pureSwiftDigest(example.algorithm, example.message) == example.digest)
    }

    @Test(arguments: SHA3.Variant.allCases)
    func variantReportsItsAlgorithmAndDigestLength(_ variant: SHA3.Variant) {
        let hash = SHA3(variant: variant)
        #expect(hash.finalize().count == hash.algorithm.digestByteCount)
        #expect(hash.algorithm.rawValue.hasPrefix("sha3-"))
    }

    @Test func defaultIsSHA3_256() {
        #expect(SHA3().algorithm == .sha3_256)
        #expect(Hex.encode(SHA3.hash([])) == "a7ffc6f8bf1ed76651c14756a061d662f580ff4de43b49fa82d80a4b80f8434a")
    }
}
