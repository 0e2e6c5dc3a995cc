import Foundation
import SigConform
import Testing

/// The encodings and cuts issue #17 found unscrubbed, each written here with Foundation (as
/// other tools write them), not with the Redactor's own escapes.
@Suite struct RedactorEncodingsTests {
    static let secret = "Sx/9+k=~Secret d1st1nct/K3y-7f3eé"
    static let key = "APIKEY-0123456789abcdef"
    static let redactor = Redactor(credentials: [Credentials(apiKey: key, secret: secret)])

    /// `urllib.parse.quote(value, safe)` with upper- or lower-case hex.
    static func quote(_ value: String, safe: String, lowercase: Bool = false) -> String {
        let encoded = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~" + safe)))!
        guard lowercase else { return encoded }
        var out = ""
        var rest = Substring(encoded)
        while let percent = rest.firstIndex(of: "%") {
            out += rest[..<percent] + "%" + rest[rest.index(after: percent)...].prefix(2).lowercased()
            rest = rest[rest.index(percent, offsetBy: 3)...]
        }
        return out + rest
    }

    @Test(arguments: [
        quote(secret, safe: ""), quote(secret, safe: "", lowercase: true),
        quote(secret, safe: "/"), quote(secret, safe: "/", lowercase: true),
        quote(secret, safe: "").replacingOccurrences(of: "%20", with: "+"),
        quote(secret, safe: "!'()*"),
    ])
    func percentEncodingsInEitherCaseAreScrubbed(form: String) {
        #expect(Self.redactor.scrub("q=\(form)&x=1") == "q=[secret \(Redaction.fingerprint(Self.secret))]&x=1")
    }

    @Test func jsonEscapesOfABodyAreScrubbed() throws {
        // As Python's json.dumps writes it (`\u00e9`), with `\/` as PHP writes it, and `\u00E9`.
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let plain = String(decoding: try encoder.encode(Self.secret), as: UTF8.self).dropFirst().dropLast()
        for form in [String(plain), plain.replacingOccurrences(of: "/", with: "\\/"),
                     Self.secret.replacingOccurrences(of: "é", with: "\\u00e9"), Self.secret.replacingOccurrences(of: "é", with: "\\u00E9"),
                     Self.secret.replacingOccurrences(of: "/", with: "\\/").replacingOccurrences(of: "é", with: "\\u00E9")] {
            let body = #"{"note":"\#(form)","n":1}"#
            #expect(!Self.redactor.scrub(body).contains(form), "left \(form)")
        }
    }

    @Test func aBasicHeaderCarryingTheSecretIsScrubbedWhateverTheKeyLength() {
        for prefix in ["k", "ke", "key", "APIKEY123456789"] {
            let header = "Basic " + Data("\(prefix):\(Self.secret)".utf8).base64EncodedString()
            let scrubbed = Self.redactor.scrub(header)
            #expect(scrubbed != header, "\(prefix): nothing scrubbed")
            // What is left of the base64 decodes to at most a few bytes of the secret.
            #expect(!scrubbed.contains(String(header.dropFirst(6 + (prefix.count + 1) * 4 / 3 + 2).prefix(12))))
        }
    }

    @Test func hexInEitherCaseIsScrubbed() {
        let hex = Data(Self.secret.utf8).map { String(format: "%02x", $0) }.joined()
        for form in [hex, hex.uppercased()] {
            #expect(!Self.redactor.scrub("0x" + form).contains(form))
        }
    }

    @Test func eitherHalfOfALongSecretIsScrubbed() {
        let characters = Array(Self.secret)
        for half in [String(characters.prefix(characters.count / 2)), String(characters.suffix(characters.count / 2))] {
            let scrubbed = Self.redactor.scrub("before \(half) after")
            #expect(!scrubbed.contains(half))
            #expect(scrubbed.contains("[part of secret \(Redaction.fingerprint(Self.secret))]"))
        }
    }

    @Test func aPreviewCutThroughASecretLeavesNoPartOfIt() {
        let characters = Array(Self.secret)
        // A line holding the start of the secret, cut at every point of it: what the cut keeps
        // is too short to be scrubbed as a half, so only the fragment rule can remove it.
        for kept in 1..<characters.count {
            let line = String(repeating: "x", count: 100 - kept) + String(characters.prefix(min(characters.count, kept + 5))) + " more"
            let preview = Self.redactor.preview(line, limit: 100)
            #expect(!preview.contains(String(characters.prefix(kept))), "kept \(kept): \(preview)")
        }
        // Scrubbed before it is cut: the whole secret inside the limit becomes its fingerprint.
        #expect(Self.redactor.preview("a \(Self.secret) b", limit: 200) == "a [secret \(Redaction.fingerprint(Self.secret))] b")
    }

    @Test func textWhoseStartWasCutLosesTheEndOfASecret() {
        let characters = Array(Self.secret)
        for dropped in 1..<characters.count {
            let tail = String(characters.dropFirst(dropped)) + "\nTraceback: boom"
            let scrubbed = Self.redactor.scrubCutStart(tail)
            #expect(scrubbed.hasSuffix("\nTraceback: boom"))
            // Either the half the cut left is scrubbed, or what is left of the secret is dropped.
            #expect(scrubbed.hasPrefix("…") || scrubbed.contains("[part of secret"), "dropped \(dropped): \(scrubbed)")
            #expect(!scrubbed.contains(String(characters.suffix(3))), "dropped \(dropped): \(scrubbed)")
        }
    }

    @Test func aRedactorLearnsMoreCredentials() {
        let more = Credentials(secret: "another-secret-value-42")
        let grown = Redactor(credentials: []).adding([more])
        #expect(grown.scrub("x another-secret-value-42") == "x [secret \(Redaction.fingerprint("another-secret-value-42"))]")
        #expect(grown.adding([more]).credentials.count == 1)
    }
}
