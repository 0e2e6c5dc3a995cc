import SigConform
import Testing

/// Mistakes in the text a client signs (issue 16): digests written as the wrong text, path and
/// host variants, form fields signed in another order, values encoded for signing but sent raw.
/// Proven on the vectors `scripts/reference/text-mistakes.py` computes from the venues' reference
/// rules (`vectors/<venue>/text-mistakes.json`).
@Suite struct TextMistakeTests {
    /// The diagnosis of bundled vector `id` of `venue`'s text-mistakes file.
    static func diagnosis(_ venue: String, _ id: String) throws -> Diagnosis {
        let verdict = try #require(BundledCorpusTests.run.verdicts.first {
            $0.vector.venue == venue && $0.vector.id == id && $0.vector.origin.file.hasSuffix("text-mistakes.json")
        }, "no bundled vector \(venue)/\(id)")
        #expect(verdict.status == .passed, "\(verdict.problems)")
        return try #require(verdict.diagnosis)
    }

    static func details(_ diagnosis: Diagnosis) -> String { diagnosis.steps.map(\.detail).joined(separator: " | ") }

    @Test(arguments: [("okx-v5", "digest-base64-of-hex"), ("bitget", "digest-base64-of-hex")])
    func theBase64OfTheHexDigestIsNamed(venue: String, id: String) throws {
        let diagnosis = try Self.diagnosis(venue, id)
        #expect(diagnosis.classIDs == ["wrong_output_encoding"])
        #expect(Self.details(diagnosis).contains("base64 of its hex text"), "\(Self.details(diagnosis))")
    }

    @Test(arguments: [("bybit-v5", "digest-hex-of-base64"), ("binance-spot", "digest-hex-of-base64")])
    func theHexOfTheBase64TextIsNamed(venue: String, id: String) throws {
        let diagnosis = try Self.diagnosis(venue, id)
        #expect(diagnosis.classIDs == ["wrong_output_encoding"])
        #expect(Self.details(diagnosis).contains("hex of its base64 text"), "\(Self.details(diagnosis))")
    }

    @Test(arguments: [("inner-digest-utf8-lossy", "U+FFFD"), ("inner-digest-latin1", "Latin-1")])
    func krakensBinaryInnerDigestPassedThroughAStringIsReproduced(id: String, label: String) throws {
        let diagnosis = try Self.diagnosis("kraken-spot", id)
        #expect(diagnosis.classIDs == ["wrong_output_encoding"])
        #expect(Self.details(diagnosis).contains(label), "\(Self.details(diagnosis))")
        #expect(diagnosis.clientPrehash != nil, "the client's prehash (with the text of the digest) is shown")
    }

    @Test(arguments: [
        ("okx-v5", "path-doubled-slash", "doubled '/' at the start"),
        ("gateio-v4", "path-doubled-slash", "doubled '/' after /api/v4"),
        ("okx-v5", "path-stray-question-mark", "stray '?'"),
        ("bitget", "path-stray-question-mark", "stray '?'"),
        ("okx-v5", "path-no-prefix-no-slash", "without its prefix /api and the leading '/'"),
        ("gateio-v4", "path-no-prefix-no-slash", "without its prefix /api/v4 and the leading '/'"),
        ("gateio-v4", "path-full-url-empty-query-line", "full URL as the path"),
        ("htx", "path-full-url-empty-query-line", "full URL as the path"),
        ("htx", "host-default-signed-aws-sent", "default host api.huobi.pro while sending to api-aws.huobi.pro"),
        ("htx", "host-with-port", "with its port"),
        ("bitstamp-v2", "host-without-www", "without 'www.'"),
    ])
    func pathAndHostVariantsAreNamed(venue: String, id: String, label: String) throws {
        let diagnosis = try Self.diagnosis(venue, id)
        #expect(diagnosis.classIDs == ["path_mismatch"])
        #expect(Self.details(diagnosis).contains(label), "\(Self.details(diagnosis))")
    }

    @Test(arguments: [("kraken-spot", "form-signed-sorted-eight-fields"), ("bitstamp-v2", "form-signed-sorted")])
    func formFieldsSignedSortedButSentInInsertionOrderAreFound(venue: String, id: String) throws {
        let diagnosis = try Self.diagnosis(venue, id)
        #expect(diagnosis.classIDs == ["unsorted_params"])
        #expect(Self.details(diagnosis).contains("form body parameters sorted by key"), "\(Self.details(diagnosis))")
    }

    @Test(arguments: [
        ("gateio-v4", "query-signed-encoded-sent-raw", "percent-encoded (RFC 3986) while the venue signs it decoded"),
        ("bitget", "query-signed-encoded-sent-raw", "percent-encoded (RFC 3986) while the venue signs it decoded"),
        ("htx", "params-signed-double-encoded", "percent-encoded twice"),
    ])
    func valuesEncodedForSigningButSentRawAreFoundWhereTheVenueDecodes(venue: String, id: String, label: String) throws {
        let diagnosis = try Self.diagnosis(venue, id)
        #expect(diagnosis.classIDs == ["query_encoding"])
        #expect(Self.details(diagnosis).contains(label), "\(Self.details(diagnosis))")
    }

    @Test func aMACTextEncodedTwiceIsWrittenAsClientsWriteIt() {
        let mac: [UInt8] = [0xde, 0xad, 0xbe, 0xef]
        #expect(MACText(encoding: .hex, reEncoding: .base64).encode(mac) == "ZGVhZGJlZWY=")
        #expect(MACText(encoding: .base64, reEncoding: .hex).encode(mac) == "3371322b37773d3d")
        #expect(MACText(encoding: .hex, reEncoding: nil).encode(mac) == "deadbeef")
    }
}
