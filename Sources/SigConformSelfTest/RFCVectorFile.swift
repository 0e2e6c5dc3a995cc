import Foundation
import SigConformMAC

/// One entry of `vectors/standard/rfc/rfc2202.json` or `rfc4231.json`: a published HMAC test case.
///
/// Format (see `vectors/standard/rfc/README.md`): `{id, hash, key, data, mac, truncatedBits?, comment}`
/// with lower-case hex bytes; when `truncatedBits` is present `mac` is only that many leading bits.
package struct RFCVectorEntry: Decodable, Sendable {
    package let id: String
    /// `SHA-1`, `SHA-224`, `SHA-256`, `SHA-384`, `SHA-512` or `MD5`.
    package let hash: String
    package let key: HexBytes
    package let data: HexBytes
    package let mac: HexBytes
    package let truncatedBits: Int?
    package let comment: String
}

/// Loader for the RFC 2202 / RFC 4231 vector files.
package enum RFCVectorFile {
    /// Reads an RFC vector file; every entry becomes a `valid` case. Entries for a hash sigconform
    /// does not implement are unrunnable; a `mac` whose length disagrees with the hash or with
    /// `truncatedBits`, or a repeated `id`, makes the file malformed.
    package static func loadSuite(from url: URL, name: String) throws(SelfTestError) -> MACTestSuite {
        let data = try SelfTestError.readData(url, name: name)
        let entries = try SelfTestError.decodeJSON([RFCVectorEntry].self, from: data, name: name)
        return try suite(entries, name: name)
    }

    /// Checks the entries and converts them to cases.
    package static func suite(_ entries: [RFCVectorEntry], name: String) throws(SelfTestError) -> MACTestSuite {
        var cases: [MACTestCase] = []
        var unknownHashes: [String: [String]] = [:]
        var seen = Set<String>()
        for (index, entry) in entries.enumerated() {
            guard seen.insert(entry.id).inserted else {
                throw .malformed(file: name, reason: "[\(index)].id \"\(entry.id)\" appears more than once")
            }
            guard let algorithm = HashAlgorithm(name: entry.hash) else {
                unknownHashes[entry.hash, default: []].append(entry.id)
                continue
            }
            let tagByteCount = try tagLength(of: entry, at: index, algorithm: algorithm, file: name)
            cases.append(
                MACTestCase(
                    id: entry.id, algorithm: algorithm, key: entry.key.bytes, message: entry.data.bytes,
                    tag: entry.mac.bytes,
                    tagByteCount: tagByteCount, expected: .valid, comment: entry.comment))
        }
        let unrunnable = unknownHashes.sorted { $0.key < $1.key }.map { hash, ids in
            SkippedCases(ids: ids, reason: "hash \"\(hash)\" is not one sigconform implements")
        }
        return MACTestSuite(name: name, cases: cases, unrunnable: unrunnable)
    }

    private static func tagLength(
        of entry: RFCVectorEntry, at index: Int, algorithm: HashAlgorithm, file: String
    ) throws(SelfTestError) -> Int {
        let expected: Int
        if let bits = entry.truncatedBits {
            guard bits > 0, bits % 8 == 0, bits / 8 <= algorithm.digestByteCount else {
                throw .malformed(
                    file: file,
                    reason: "[\(index)] (\(entry.id)).truncatedBits is \(bits); it must be whole bytes "
                        + "of at most \(algorithm.digestByteCount * 8) bits")
            }
            expected = bits / 8
        } else {
            expected = algorithm.digestByteCount
        }
        guard entry.mac.bytes.count == expected else {
            throw .malformed(
                file: file,
                reason: "[\(index)] (\(entry.id)).mac has \(entry.mac.bytes.count) bytes, expected \(expected)")
        }
        return expected
    }
}
