/// The compression function and encoding conventions of one Merkle–Damgård hash
/// (MD5, SHA-1 and the SHA-2 families), everything the shared buffering in ``MerkleDamgard`` needs.
protocol MerkleDamgardCompression {
    /// The chaining value, in fixed-size storage so that copying a hash never allocates.
    associatedtype State: BitwiseCopyable & Sendable
    /// Fixed-size storage for one block; its size is the block size.
    associatedtype Block: BitwiseCopyable & Sendable
    /// A block of zero bytes.
    static var zeroBlock: Block { get }
    /// Bytes of the message-length field that ends the padding: 8, or 16 for SHA-384/512.
    static var lengthFieldByteCount: Int { get }
    /// Whether the length field and the state words are big-endian (SHA) rather than little-endian (MD5).
    static var isBigEndian: Bool { get }
    /// Runs the compression function over `count` consecutive blocks starting at `blocks`.
    static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int)
    /// Writes every word of `state` to `output` in the algorithm's byte order.
    static func serialize(_ state: State, to output: UnsafeMutableRawPointer)
}

extension MerkleDamgardCompression {
    static var blockByteCount: Int { MemoryLayout<Block>.size }
}

/// Message buffering, length counting and padding shared by the Merkle–Damgård hashes.
///
/// Whole blocks are compressed straight from the caller's buffer; only a trailing partial block
/// is copied into `pending`, so long messages cost one pass over the input.
struct MerkleDamgard<Compression: MerkleDamgardCompression>: Sendable {
    // Readable in the module so that a multi-buffer hash can continue from a scalar one
    // (`SHA256FourLaneHMAC`); only `absorb` and `finish` change them.
    private(set) var state: Compression.State
    private(set) var pending = Compression.zeroBlock
    private(set) var pendingByteCount = 0
    /// Bytes absorbed so far; the bit length in the padding is derived from it.
    private(set) var messageByteCount: UInt64 = 0

    init(initialState: Compression.State) {
        state = initialState
    }

    mutating func absorb(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, !bytes.isEmpty else { return }
        var remaining = bytes.count
        let blockByteCount = Compression.blockByteCount
        messageByteCount &+= UInt64(remaining)
        if pendingByteCount > 0 {
            let taken = min(remaining, blockByteCount - pendingByteCount)
            withUnsafeMutableBytes(of: &pending) { block in
                (block.baseAddress! + pendingByteCount).copyMemory(from: input, byteCount: taken)
            }
            pendingByteCount += taken
            input += taken
            remaining -= taken
            guard pendingByteCount == blockByteCount else { return }
            withUnsafeBytes(of: pending) { block in
                Compression.compress(&state, blocks: block.baseAddress!, count: 1)
            }
            pendingByteCount = 0
        }
        let wholeBlocks = remaining / blockByteCount
        if wholeBlocks > 0 {
            Compression.compress(&state, blocks: input, count: wholeBlocks)
            input += wholeBlocks * blockByteCount
            remaining -= wholeBlocks * blockByteCount
        }
        if remaining > 0 {
            withUnsafeMutableBytes(of: &pending) { block in
                block.baseAddress!.copyMemory(from: input, byteCount: remaining)
            }
            pendingByteCount = remaining
        }
    }

    /// Pads the message (a one bit, zeros, the bit length) and writes the first `output.count`
    /// bytes of the final state, the digest length of the family member being computed.
    consuming func finish(into output: UnsafeMutableRawBufferPointer) {
        let blockByteCount = Compression.blockByteCount
        let lengthOffset = blockByteCount - 8
        let bitCount = messageByteCount &<< 3
        withUnsafeMutableBytes(of: &pending) { block in
            block[pendingByteCount] = 0x80
            block[(pendingByteCount + 1)...].initializeMemory(as: UInt8.self, repeating: 0)
            if pendingByteCount + 1 > blockByteCount - Compression.lengthFieldByteCount {
                Compression.compress(&state, blocks: block.baseAddress!, count: 1)
                block.initializeMemory(as: UInt8.self, repeating: 0)
            }
            if Compression.isBigEndian {
                // The upper half of a 128-bit length field holds the bits shifted out of `bitCount`.
                if Compression.lengthFieldByteCount == 16 {
                    block.storeBytes(of: (messageByteCount &>> 61).bigEndian, toByteOffset: lengthOffset - 8, as: UInt64.self)
                }
                block.storeBytes(of: bitCount.bigEndian, toByteOffset: lengthOffset, as: UInt64.self)
            } else {
                block.storeBytes(of: bitCount.littleEndian, toByteOffset: lengthOffset, as: UInt64.self)
            }
            Compression.compress(&state, blocks: block.baseAddress!, count: 1)
        }
        precondition(output.count <= MemoryLayout<Compression.State>.size, "digest longer than the state")
        // A SHA-512/224 digest ends inside a word, so serialize whole words and copy the prefix.
        var serialized = InlineArray<64, UInt8>(repeating: 0)
        withUnsafeMutableBytes(of: &serialized) { words in
            Compression.serialize(state, to: words.baseAddress!)
            output.copyMemory(from: UnsafeRawBufferPointer(rebasing: words[..<output.count]))
        }
    }
}

extension FixedWidthInteger {
    @inline(__always)
    func rotatedLeft(by count: Int) -> Self {
        (self &<< count) | (self &>> (Self.bitWidth - count))
    }

    @inline(__always)
    func rotatedRight(by count: Int) -> Self {
        (self &>> count) | (self &<< (Self.bitWidth - count))
    }
}

extension UnsafeRawPointer {
    /// The big-endian word at word index `index`, read without alignment requirements.
    @inline(__always)
    func bigEndianWord<Word: FixedWidthInteger>(_ index: Int, as type: Word.Type = Word.self) -> Word {
        Word(bigEndian: loadUnaligned(fromByteOffset: index &* MemoryLayout<Word>.size, as: Word.self))
    }

    /// The little-endian word at word index `index`, read without alignment requirements.
    @inline(__always)
    func littleEndianWord<Word: FixedWidthInteger>(_ index: Int, as type: Word.Type = Word.self) -> Word {
        Word(littleEndian: loadUnaligned(fromByteOffset: index &* MemoryLayout<Word>.size, as: Word.self))
    }
}
