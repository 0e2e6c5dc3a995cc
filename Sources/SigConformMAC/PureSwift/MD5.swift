/// MD5 (RFC 1321), in pure Swift. Broken for collision resistance; here because venues still
/// sign with HMAC-MD5, whose security rests on different properties (RFC 6151 §2.3).
package struct MD5: PureSwiftHashFunction {
    private var engine = MerkleDamgard<MD5Compression>(initialState: MD5Compression.initialState)

    package var algorithm: HashAlgorithm { .md5 }

    /// Starts an MD5 computation.
    package init() {}

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        engine.absorb(bytes)
    }

    package consuming func finalize(into output: UnsafeMutableRawBufferPointer) {
        engine.finish(into: UnsafeMutableRawBufferPointer(rebasing: output[..<16]))
    }
}

/// The MD5 compression function, RFC 1321 §3.4.
enum MD5Compression: MerkleDamgardCompression {
    typealias State = SIMD4<UInt32>
    typealias Block = InlineArray<64, UInt8>

    static var zeroBlock: Block { Block(repeating: 0) }
    static var lengthFieldByteCount: Int { 8 }
    static var isBigEndian: Bool { false }

    /// RFC 1321 §3.3 (words A, B, C, D as they are loaded little-endian).
    static let initialState = SIMD4<UInt32>(0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476)

    /// T[i] = floor(2^32 · |sin(i + 1)|), RFC 1321 §3.4.
    static let sineTable: [UInt32] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    ]

    static func serialize(_ state: State, to output: UnsafeMutableRawPointer) {
        for index in 0..<4 {
            output.storeBytes(of: state[index].littleEndian, toByteOffset: index * 4, as: UInt32.self)
        }
    }

    static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
        sineTable.withUnsafeBufferPointer { table in
            var block = blocks
            var (a, b, c, d) = (state[0], state[1], state[2], state[3])
            for _ in 0..<count {
                let start = (a, b, c, d)
                // Each group of four steps rotates the roles of a, b, c, d once round, so passing
                // them rotated replaces the reassignments of the RFC's step description.
                for step in stride(from: 0, to: 64, by: 4) {
                    operation(&a, b, c, d, step, block, table)
                    operation(&d, a, b, c, step + 1, block, table)
                    operation(&c, d, a, b, step + 2, block, table)
                    operation(&b, c, d, a, step + 3, block, table)
                }
                a &+= start.0; b &+= start.1; c &+= start.2; d &+= start.3
                block += 64
            }
            state = SIMD4(a, b, c, d)
        }
    }

    /// `a = b + ((a + F(b, c, d) + X[k] + T[i]) <<< s)` with the round's F, word order and shifts.
    @inline(__always)
    private static func operation(
        _ a: inout UInt32, _ b: UInt32, _ c: UInt32, _ d: UInt32,
        _ step: Int, _ block: UnsafeRawPointer, _ table: UnsafeBufferPointer<UInt32>
    ) {
        let mixed: UInt32
        let wordIndex: Int
        let shift: Int
        switch step >> 4 {
        case 0:
            mixed = (b & c) | (~b & d)
            wordIndex = step
            shift = SIMD4<Int>(7, 12, 17, 22)[step & 3]
        case 1:
            mixed = (b & d) | (c & ~d)
            wordIndex = (5 &* step &+ 1) & 15
            shift = SIMD4<Int>(5, 9, 14, 20)[step & 3]
        case 2:
            mixed = b ^ c ^ d
            wordIndex = (3 &* step &+ 5) & 15
            shift = SIMD4<Int>(4, 11, 16, 23)[step & 3]
        default:
            mixed = c ^ (b | ~d)
            wordIndex = (7 &* step) & 15
            shift = SIMD4<Int>(6, 10, 15, 21)[step & 3]
        }
        let sum = a &+ mixed &+ block.littleEndianWord(wordIndex, as: UInt32.self) &+ table[step]
        a = b &+ sum.rotatedLeft(by: shift)
    }
}
