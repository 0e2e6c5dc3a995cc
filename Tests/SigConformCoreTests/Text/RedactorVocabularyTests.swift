import Testing
@testable import SigConformCore

/// A passphrase made of words must not rewrite the words sigconform's own output is built from.
@Suite struct RedactorVocabularyTests {
    /// The bundled Coinbase and KuCoin vectors' passphrase: 18 characters, so its halves
    /// (`sc-test-p`, `assphrase`) are scrubbed, and `assphrase` is inside `passphraseFingerprint`.
    static let passphrase = "sc-test-passphrase"
    static let redactor = Redactor(credentials: [Credentials(apiKey: nil, secret: "0123456789abcdef0123", passphrase: passphrase)])

    @Test func aHalfInsideAReportMemberNameLeavesTheNameWhole() {
        let json = #"{"credentials": {"passphraseFingerprint": "sha256:30030374"}, "component": "passphrase"}"#
        #expect(Self.redactor.scrub(json) == json)
    }

    @Test func theWholePassphraseAndItsOtherHalfAreStillScrubbed() {
        let fingerprint = Redaction.fingerprint(Self.passphrase)
        #expect(Self.redactor.scrub("p=\(Self.passphrase)&") == "p=[passphrase \(fingerprint)]&")
        #expect(Self.redactor.scrub("cut: sc-test-p") == "cut: [part of passphrase \(fingerprint)]")
    }

    @Test func aHalfOutsideTheVocabularyIsScrubbedEvenWhenItIsAWord() {
        // "tradingwallet" is a word a reader might guess, but no report is built from it.
        let redactor = Redactor(credentials: [Credentials(apiKey: nil, secret: "tradingwalletsecretkey01", passphrase: nil)])
        #expect(!redactor.scrub("x tradingwalle y").contains("tradingwalle"))
    }
}
