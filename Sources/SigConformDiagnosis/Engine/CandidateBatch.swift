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
struct CandidateBatch: ~Copyable {
    /// The keyed prefix state of the search backend; `tag(appending:into:)` leaves it unchanged.
    private var prefixState: any HMACContext
    private let fourLanes: (any HMACBatchTagger)?
    /// Candidates per batch: four with ``fourLanes``, else one (each is tagged as it comes).
    private let capacity: Int
    private let suffix: [UInt8]
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
        guard var prefixState = try? backend.makeHMAC(hash, key: key), (try? prefixState.update(prefix)) != nil else { return nil }
        self.prefixState = prefixState
        fourLanes = backend.makeBatchTagger(hash, key: key, prefix: prefix)
        capacity = fourLanes == nil ? 1 : Self.laneCount
        self.suffix = suffix
        stride = TimestampCodec.maximumWrittenLength + suffix.count
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
