/// SHA-1 (FIPS 180-4 §6.1), in pure Swift. Broken for collision resistance; here because venues
/// still sign with HMAC-SHA1, which does not depend on it.
package struct SHA1: PureSwiftHashFunction {
    private var engine = MerkleDamgard<SHA1Compression>(initialState: SHA1Compression.initialState)

    package var algorithm: HashAlgorithm { .sha1 }

    /// Starts a SHA-1 computation.
    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        engine.absorb(bytes)
    }

    package consuming func finalize(into output: UnsafeMutableRawBufferPointer) {
        engine.finish(into: UnsafeMutableRawBufferPointer(rebasing: output[..<20]))
    }
}

/// The SHA-1 compression function, FIPS 180-4 §6.1.2.
enum SHA1Compression: MerkleDamgardCompression {
    typealias State = InlineArray<5, UInt32>
    typealias Block = InlineArray<64, UInt8>

    static var zeroBlock: Block { Block(repeating: 0) }
    static var lengthFieldByteCount: Int { 8 }
    static var isBigEndian: Bool { true }

    /// FIPS 180-4 §5.3.1.
    static let initialState: State = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0]

    static func serialize(_ state: State, to output: UnsafeMutableRawPointer) {
        for index in 0..<5 {
            output.storeBytes(of: state[index].bigEndian, toByteOffset: index * 4, as: UInt32.self)
        }
    }

    static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
        // W[t] for t >= 16 needs only the previous 16 words: a 16-word window on the stack.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 16) { window in
            let w = window.baseAddress!
            var block = blocks
            var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
            for _ in 0..<count {
                for index in 0..<16 { w[index] = block.bigEndianWord(index) }
                let start = (a, b, c, d, e)
                for t in stride(from: 0, to: 80, by: 5) {
                    // Passing the variables rotated by one position per round replaces the
                    // reassignments of FIPS 180-4 §6.1.2 step 3 with a renaming.
                    round(a, &b, c, d, &e, t, w)
                    round(e, &a, b, c, &d, t + 1, w)
                    round(d, &e, a, b, &c, t + 2, w)
                    round(c, &d, e, a, &b, t + 3, w)
                    round(b, &c, d, e, &a, t + 4, w)
                }
                a &+= start.0; b &+= start.1; c &+= start.2; d &+= start.3; e &+= start.4
                block += 64
            }
            state = [a, b, c, d, e]
        }
    }

    /// Round t: `e` becomes the next `a` and `b` the next `c`; the caller renames the rest.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32,
        _ t: Int, _ w: UnsafeMutablePointer<UInt32>
    ) {
        if t >= 16 {
            w[t & 15] = (w[(t + 13) & 15] ^ w[(t + 8) & 15] ^ w[(t + 2) & 15] ^ w[t & 15]).rotatedLeft(by: 1)
        }
        let mixed: UInt32
        let constant: UInt32
        switch t {
        case ..<20: (mixed, constant) = (((c ^ d) & b) ^ d, 0x5a827999)
        case ..<40: (mixed, constant) = (b ^ c ^ d, 0x6ed9eba1)
        case ..<60: (mixed, constant) = ((b & c) | ((b | c) & d), 0x8f1bbcdc)
        default: (mixed, constant) = (b ^ c ^ d, 0xca62c1d6)
        }
        e &+= a.rotatedLeft(by: 5) &+ mixed &+ constant &+ w[t & 15]
        b = b.rotatedLeft(by: 30)
    }
}
