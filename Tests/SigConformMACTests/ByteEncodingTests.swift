import SigConformMAC
import Testing

@Suite struct ByteEncodingTests {
    @Test func hexRoundTripsEveryByte() {
        let bytes = (0...255).map(UInt8.init)
        #expect(Hex.decode(Hex.encode(bytes)) == bytes)
        #expect(Hex.decode(Hex.encode(bytes, uppercase: true)) == bytes)
    }

    @Test func hexRejectsOddLengthAndForeignCharacters() {
        #expect(Hex.decode("abc") == nil)
        #expect(Hex.decode("zz") == nil)
        #expect(Hex.decode("") == [])
    }

    @Test func base64MatchesRFC4648TestVectors() {
        let cases = ["": "", "f": "Zg==", "fo": "Zm8=", "foo": "Zm9v", "foob": "Zm9vYg==", "fooba": "Zm9vYmE=", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in cases {
            #expect(Base64.encode(Array(plain.utf8)) == encoded)
            #expect(Base64.decode(encoded) == Array(plain.utf8))
        }
    }

    @Test func base64RejectsNonCanonicalInput() {
        #expect(Base64.decode("Zg=") == nil)  // bad length
        #expect(Base64.decode("Zh==") == nil)  // non-zero trailing bits
        #expect(Base64.decode("Zm9v\n") == nil)
        #expect(Base64.decode("Z===") == nil)
        #expect(Base64.decode("-_8=", urlSafe: false) == nil)
        #expect(Base64.decode("-_8=", urlSafe: true) == [0xfb, 0xff])
    }
}

@Suite struct LenientBase64Tests {
    @Test func lenientDecodingReadsWhatPythonsB64decodeReads() {
        // Python: base64.b64decode("scTestDeribitSecretLooksLikeBase64AAAAbbbbCC=").hex()
        let expected = Hex.decode("b1c4deb2d0deae26e2b5279cadeb4ba2892c2e291e05ab1eeb80000006db6db082")
        #expect(Base64.decode("scTestDeribitSecretLooksLikeBase64AAAAbbbbCC=") == nil)
        #expect(Base64.decode("scTestDeribitSecretLooksLikeBase64AAAAbbbbCC=", strict: false) == expected)
        #expect(Base64.decode("Zh==", strict: false) == [0x66])
        #expect(Base64.decode("Z", strict: false) == nil)
    }
}
