import SigConform
@testable import SigConformDiagnosis
import Testing

/// The timestamp search's candidate batches report the same candidate whichever path tags them:
/// four lanes per pass (pure Swift, HMAC-SHA256/224) or one at a time (OpenSSL, other hashes).
@Suite struct CandidateBatchTests {
    static let key = Array("candidate-batch-secret".utf8)
    static let prefix = Array("GET/api/v5/account/balance?ccy=BTC&t=".utf8)
    static let suffix = Array("&recvWindow=5000&symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000".utf8)

    static func field(_ sent: String, _ format: TimestampFormat) -> TimeField {
        TimeField(name: "timestamp", location: .header("T", prefix: ""), format: format, sent: sent,
                  milliseconds: TimestampCodec.milliseconds(sent, format: format)!)
    }

    /// The tag the client sent when it signed the value `offset` ms from `field`'s, computed by OpenSSL.
    static func target(_ field: TimeField, offset: Int64, hash: HashAlgorithm) throws -> [UInt8] {
        try OpenSSLBackend().hmac(hash, key: key, message: prefix + Array(field.text(offsetBy: offset).utf8) + suffix)
    }

    /// Adds `offsets` in order, tagging whenever the batch is full as the search does; returns the first match.
    static func search(_ offsets: [Int64], field: TimeField, hash: HashAlgorithm, backend: any MACBackend, target: [UInt8]) -> Int64? {
        guard var batch = CandidateBatch(backend: backend, hash: hash, key: key, prefix: prefix, suffix: suffix) else { return nil }
        for offset in offsets {
            batch.add(field, offsetBy: offset)
            if batch.isFull, let found = batch.firstMatch(of: target) { return found }
        }
        return batch.firstMatch(of: target)
    }

    static let backends: [any MACBackend] = [PureSwiftBackend(), OpenSSLBackend()]

    @Test(arguments: [HashAlgorithm.sha256, .sha224, .sha512])
    func theSignedCandidateIsFoundInEveryLaneAndInAPartialBatch(_ hash: HashAlgorithm) throws {
        let field = Self.field("2023-11-14T22:13:20.123Z", .iso8601Milliseconds)
        // Nine candidates: two full batches of four, then one alone.
        let offsets: [Int64] = [-1, 1, -3, 3, -5, 5, -7, 7, -9]
        for signed in offsets {
            let target = try Self.target(field, offset: signed, hash: hash)
            for backend in Self.backends {
                #expect(Self.search(offsets, field: field, hash: hash, backend: backend, target: target) == signed, "\(backend.id), signed \(signed)")
            }
        }
        let unsigned = try Self.target(field, offset: 11, hash: hash)
        for backend in Self.backends {
            #expect(Self.search(offsets, field: field, hash: hash, backend: backend, target: unsigned) == nil, "\(backend.id)")
        }
    }

    @Test func aBatchOfTextsOfDifferentLengthsIsTaggedOneByOne() throws {
        // Crossing a power of ten: "9999999999999" beside "10000000000001".
        let field = Self.field("9999999999998", .unixMilliseconds)
        let offsets: [Int64] = [-1, 1, -2, 2, -3, 3, 4, -4]
        for signed in offsets {
            let target = try Self.target(field, offset: signed, hash: .sha256)
            #expect(Self.search(offsets, field: field, hash: .sha256, backend: PureSwiftBackend(), target: target) == signed, "signed \(signed)")
        }
    }

    @Test func theFirstMatchingCandidateInOrderIsReported() throws {
        // The same text twice (offsets that write the same seconds value): the earlier one wins.
        let field = Self.field("1700000000", .unixSeconds)
        let target = try Self.target(field, offset: 1000, hash: .sha256)
        #expect(Self.search([-1000, 1000, 1500, 2000], field: field, hash: .sha256, backend: PureSwiftBackend(), target: target) == 1000)
        #expect(Self.search([-1000, 1500, 1000, 2000], field: field, hash: .sha256, backend: PureSwiftBackend(), target: target) == 1500)
    }
}
