import SigConformCore
import SigConformMAC

/// The timestamp candidates of one search worker, tagged up to four at a time.
///
/// Each candidate is its timestamp text followed by the prehash's suffix, appended to the keyed
/// HMAC state of the prefix. When the backend offers a batch tagger for the hash (pure Swift's
/// four SIMD lanes of HMAC-SHA256 or -224), four candidates of one length go through one pass.
/// Otherwise (a backend without one, other hashes, or a batch whose texts differ in length,
/// where a digit count changes) each candidate is one `tag(appending:into:)` on the prefix state. Either way the batch reports the first candidate
/// in the order they were added whose tag is the target, so the search's result does not depend
/// on the path.
struct CandidateBatch: TimeCandidates, ~Copyable {
    /// The keyed prefix state of the search backend; `tag(appending:into:)` leaves it unchanged.
    private var prefixState: any HMACContext
    private let fourLanes: (any HMACBatchTagger)?
    /// Candidates per batch: four with ``fourLanes``, else one (each is tagged as it comes).
    private let capacity: Int
    private let suffix: [UInt8]
    /// With several occurrences, or a percent-encoded one: the bytes after each occurrence (the
    /// whole message is written for each candidate); empty on the one-occurrence path.
    private let tails: [[UInt8]]
    /// The hex digits of a percent-encoded candidate (upper or lower case), nil when it is raw.
    private let hexDigits: [UInt8]?
    /// `capacity` message buffers of `stride` bytes: a candidate's text, then the suffix.
    private let messages: UnsafeMutableBufferPointer<UInt8>
    private let stride: Int
    /// Four tags: the lanes' output, or the one tag of the scalar path.
    private let tags: UnsafeMutableRawBufferPointer
    private let digestByteCount: Int
    private var textLengths = InlineArray<4, Int>(repeating: 0)
    /// Where each buffer's suffix starts; the suffix is rewritten only when the text length changes.
    private var suffixOffsets = InlineArray<4, Int>(repeating: -1)
    private var candidateOffsets = InlineArray<4, Int64>(repeating: 0)
    private var count = 0

    /// A batch over `backend`'s HMAC with `key` and `prefix` absorbed, or nil if the backend
    /// cannot key it (then the search has nothing to compare).
    init?(backend: any MACBackend, hash: HashAlgorithm, key: [UInt8], prefix: [UInt8], suffix: [UInt8]) {
        self.init(backend: backend, hash: hash, key: key, prefix: prefix, tails: [suffix], percentEncoded: nil)
    }

    /// A batch whose candidates write the text before each of `tails` (several occurrences of one
    /// value), percent-encoded with the given hex case when `percentEncoded` is set.
    init?(backend: any MACBackend, hash: HashAlgorithm, key: [UInt8], prefix: [UInt8], tails: [[UInt8]], percentEncoded uppercaseHex: Bool?) {
        precondition(!tails.isEmpty, "a candidate has at least one occurrence")
        guard var prefixState = try? backend.makeHMAC(hash, key: key), (try? prefixState.update(prefix)) != nil else { return nil }
        self.prefixState = prefixState
        fourLanes = backend.makeBatchTagger(hash, key: key, prefix: prefix)
        capacity = fourLanes == nil ? 1 : Self.laneCount
        let simple = tails.count == 1 && uppercaseHex == nil
        self.suffix = simple ? tails[0] : []
        self.tails = simple ? [] : tails
        hexDigits = uppercaseHex.map { Array(($0 ? "0123456789ABCDEF" : "0123456789abcdef").utf8) }
        // An encoded text is at most three bytes per written byte.
        stride = (simple ? TimestampCodec.maximumWrittenLength : tails.count * 3 * TimestampCodec.maximumWrittenLength) + tails.reduce(0) { $0 + $1.count }
        messages = .allocate(capacity: capacity * stride)
        digestByteCount = hash.digestByteCount
        tags = .allocate(byteCount: Self.laneCount * max(digestByteCount, 32), alignment: 16)
    }

    /// Messages per pass of a batch tagger.
    static let laneCount = 4

    /// Whether the budget charges candidates of `hash` as tagged four at a time: whichever
    /// backend searches, so that a diagnosis is the same in every build and on every backend.
    static func hasFourLanes(_ hash: HashAlgorithm) -> Bool { hash == .sha256 || hash == .sha224 }

    deinit {
        messages.deallocate()
        tags.deallocate()
    }

    /// Whether the next ``firstMatch(of:)`` runs a whole batch.
    var isFull: Bool { count == capacity }

    /// Adds the candidate `offset` ms from the sent value of `field`.
    mutating func add(_ field: TimeField, offsetBy offset: Int64) {
        precondition(count < capacity, "a full batch is tagged before the next candidate")
        let buffer = UnsafeMutableBufferPointer(rebasing: messages[(count * stride)..<((count + 1) * stride)])
        if !tails.isEmpty {
            textLengths[count] = writeOccurrences(field, offsetBy: offset, into: buffer)
            candidateOffsets[count] = offset
            count += 1
            return
        }
        let written = field.write(offsetBy: offset, into: buffer)
        // The text wrote over the suffix's first bytes only if its length changed.
        if written != suffixOffsets[count] {
            suffix.withUnsafeBufferPointer { _ = UnsafeMutableBufferPointer(rebasing: buffer[written...]).initialize(fromContentsOf: $0) }
            suffixOffsets[count] = written
        }
        textLengths[count] = written
        candidateOffsets[count] = offset
        count += 1
    }

    /// Writes the candidate's text before each tail (percent-encoded if asked) and returns the
    /// message's length.
    private func writeOccurrences(_ field: TimeField, offsetBy offset: Int64, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: TimestampCodec.maximumWrittenLength) { scratch in
            let written = field.write(offsetBy: offset, into: scratch)
            var position = 0
            for tail in tails {
                for byte in scratch[..<written] {
                    if let digits = hexDigits, !PercentEncoding.isUnreserved(byte) {
                        buffer[position] = UInt8(ascii: "%")
                        buffer[position + 1] = digits[Int(byte >> 4)]
                        buffer[position + 2] = digits[Int(byte & 0x0F)]
                        position += 3
                    } else {
                        buffer[position] = byte
                        position += 1
                    }
                }
                for byte in tail {
                    buffer[position] = byte
                    position += 1
                }
            }
            return position
        }
    }

    /// The offset of the first candidate added since the last call whose tag is `target`; the
    /// batch is empty afterwards.
    mutating func firstMatch(of target: [UInt8]) -> Int64? {
        defer { count = 0 }
        if let fourLanes, count == Self.laneCount,
           textLengths[1] == textLengths[0], textLengths[2] == textLengths[0], textLengths[3] == textLengths[0] {
            fourLanes.tags(appending: [message(0), message(1), message(2), message(3)], into: tags)
            for lane in 0..<count where tag(lane).elementsEqual(target) {
                return candidateOffsets[lane]
            }
            return nil
        }
        for index in 0..<count where (try? prefixState.tag(appending: message(index), into: tags)) != nil && tag(0).elementsEqual(target) {
            return candidateOffsets[index]
        }
        return nil
    }

    /// Candidate `index`: its text and the suffix.
    private func message(_ index: Int) -> UnsafeRawBufferPointer {
        let start = index * stride
        return UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: messages[start..<(start + textLengths[index] + suffix.count)]))
    }

    private func tag(_ index: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(rebasing: tags[(index * digestByteCount)..<((index + 1) * digestByteCount)])
    }
}
