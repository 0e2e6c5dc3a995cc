/// SHA-256 (or SHA-224) of four messages of one length at once, each appended to the same
/// prefix state: the compression runs on `SIMD4<UInt32>` words, one message per lane
/// (``FourLaneSHA256``).
///
/// For searches that digest many candidate messages after a common prefix: Kraken's nonce
/// search, whose every candidate hashes `SHA256(nonce + POST data)` before the HMAC. It is also
/// the inner hash of ``SHA256FourLaneHMAC``. A single digest is no faster: use ``SHA256``.
package struct SHA256FourLaneDigest: DigestBatcher, BitwiseCopyable {
    /// The number of messages each call digests.
    package static let laneCount = 4

    /// The hash after the common prefix: chaining value, pending bytes, length.
    private let prefix: MerkleDamgard<SHA256Compression>
    private let variant: SHA256.Variant

    /// The algorithm of the digests: SHA-256, or SHA-224 for `SHA256(variant: .sha224)`.
    package var algorithm: HashAlgorithm {
        switch variant {
        case .sha224: .sha224
        case .sha256: .sha256
        }
    }

    /// Continues from `hash`, which may have absorbed a prefix; `hash` is not changed.
    package init(_ hash: SHA256) {
        prefix = hash.engine
        variant = hash.variant
    }

    /// Writes the digests of the prefix followed by each of `messages` to `output`, digest i at
    /// byte offset `i × algorithm.digestByteCount`, without allocating; the value is left unchanged.
    ///
    /// The four messages must have the same length and `output` room for four digests (both
    /// are checked and trap otherwise).
    package func digests(appending messages: InlineArray<4, UnsafeRawBufferPointer>, into output: UnsafeMutableRawBufferPointer) {
        lanes(messages, into: output) { _, _, _ in }
    }

    /// Checks that the four messages have one length and that `output` has room for four
    /// results, runs the lanes over the messages, lets `finish` turn the four chaining values
    /// into the results (an HMAC's outer hash; nothing for a digest), with the schedule window
    /// and the round constants, and writes them to `output`, result i at byte offset
    /// `i × algorithm.digestByteCount`.
    @inline(__always)
    func lanes(
        _ messages: InlineArray<4, UnsafeRawBufferPointer>, into output: UnsafeMutableRawBufferPointer,
        finish: (inout FourLaneSHA256.Variables, UnsafeMutablePointer<FourLaneWord>, UnsafePointer<FourLaneWord>) -> Void
    ) {
        let messageByteCount = messages[0].count
        for lane in 1..<Self.laneCount {
            precondition(messages[lane].count == messageByteCount, "the four messages of a four-lane SHA-256 pass must have one length")
        }
        let digestByteCount = algorithm.digestByteCount
        precondition(output.count >= Self.laneCount * digestByteCount, "output shorter than four results")
        withUnsafeTemporaryAllocation(of: FourLaneWord.self, capacity: 16) { window in
            withUnsafeTemporaryAllocation(byteCount: Self.laneCount * 64, alignment: 16) { laneBlocks in
                FourLaneSHA256.roundConstants.withUnsafeBufferPointer { constants in
                    var states = chainingValues(messages, window: window.baseAddress!, laneBlocks: laneBlocks.baseAddress!, k: constants.baseAddress!)
                    finish(&states, window.baseAddress!, constants.baseAddress!)
                    states.write(digestByteCount: digestByteCount, to: output)
                }
            }
        }
    }

    /// The final chaining values of `H(prefix ‖ message_i)`, lane i each (an HMAC's inner
    /// digests when the prefix starts with `K ⊕ ipad`).
    @inline(__always)
    func chainingValues(
        _ messages: InlineArray<4, UnsafeRawBufferPointer>, window w: UnsafeMutablePointer<FourLaneWord>,
        laneBlocks: UnsafeMutableRawPointer, k: UnsafePointer<FourLaneWord>
    ) -> FourLaneSHA256.Variables {
        let blockByteCount = SHA256Compression.blockByteCount
        var pending = prefix.pending
        let pendingByteCount = prefix.pendingByteCount
        let streamByteCount = pendingByteCount + messages[0].count
        // The padding: 0x80, zeros, the 64-bit bit length, ending on a block boundary.
        let paddedByteCount = (streamByteCount + 1 + 8 + blockByteCount - 1) / blockByteCount * blockByteCount
        let bitLength = (prefix.messageByteCount &+ UInt64(messages[0].count)) &<< 3
        var v = FourLaneSHA256.Variables(broadcasting: prefix.state)
        withUnsafeBytes(of: &pending) { pendingBlock in
            let pendingBytes = UnsafeRawBufferPointer(rebasing: pendingBlock[..<pendingByteCount])
            for start in stride(from: 0, to: paddedByteCount, by: blockByteCount) {
                if start >= pendingByteCount, start + blockByteCount <= streamByteCount {
                    // A block of message bytes only: read the words in place.
                    let offset = start - pendingByteCount
                    for index in 0..<16 {
                        w[index] = FourLaneWord(
                            (messages[0].baseAddress! + offset).bigEndianWord(index),
                            (messages[1].baseAddress! + offset).bigEndianWord(index),
                            (messages[2].baseAddress! + offset).bigEndianWord(index),
                            (messages[3].baseAddress! + offset).bigEndianWord(index))
                    }
                } else {
                    for lane in 0..<4 {
                        Self.fill(laneBlocks + lane * blockByteCount, from: start, pending: pendingBytes, message: messages[lane],
                                  paddedByteCount: paddedByteCount, bitLength: bitLength)
                    }
                    let lanes = UnsafeRawPointer(laneBlocks)
                    for index in 0..<16 {
                        w[index] = FourLaneWord(
                            lanes.bigEndianWord(index), (lanes + 64).bigEndianWord(index),
                            (lanes + 128).bigEndianWord(index), (lanes + 192).bigEndianWord(index))
                    }
                }
                FourLaneSHA256.compress(&v, w: w, k: k)
            }
        }
        return v
    }

    /// Writes bytes `start ..< start + 64` of the padded stream `pending ‖ message ‖ 0x80 ‖ 0… ‖
    /// bit length` (`paddedByteCount` bytes in all) to `block`.
    @inline(__always)
    private static func fill(
        _ block: UnsafeMutableRawPointer, from start: Int, pending: UnsafeRawBufferPointer, message: UnsafeRawBufferPointer,
        paddedByteCount: Int, bitLength: UInt64
    ) {
        let end = start + 64
        block.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
        if start < pending.count {
            block.copyMemory(from: pending.baseAddress! + start, byteCount: min(pending.count, end) - start)
        }
        let messageEnd = pending.count + message.count
        let from = max(start, pending.count)
        let to = min(end, messageEnd)
        if from < to {
            (block + (from - start)).copyMemory(from: message.baseAddress! + (from - pending.count), byteCount: to - from)
        }
        if messageEnd >= start, messageEnd < end {
            block.storeBytes(of: 0x80, toByteOffset: messageEnd - start, as: UInt8.self)
        }
        if end == paddedByteCount {
            block.storeBytes(of: bitLength.bigEndian, toByteOffset: 56, as: UInt64.self)
        }
    }
}
