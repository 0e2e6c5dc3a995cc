/// The SHA-2 compression function (FIPS 180-4 §6.2.2 and §6.4.2), written once over the word
/// size: SHA-224/256 run it on 32-bit words for 64 rounds, SHA-384/512 and SHA-512/t on 64-bit
/// words for 80 rounds, with different constants and rotation amounts.
protocol SHA2Compression: MerkleDamgardCompression where State == SIMD8<Word> {
    associatedtype Word: FixedWidthInteger & UnsignedInteger & SIMDScalar & BitwiseCopyable
    /// K, one constant per round (FIPS 180-4 §4.2.2, §4.2.3).
    static var roundConstants: [Word] { get }
    /// Rotation and shift amounts of Σ0, Σ1, σ0 and σ1 (FIPS 180-4 §4.1.2, §4.1.3).
    static var amounts: SHA2Amounts { get }
}

/// The rotations of one word size's Σ and σ functions; the last amount of σ0/σ1 is a plain shift.
struct SHA2Amounts {
    var upperSigma0: (Int, Int, Int)
    var upperSigma1: (Int, Int, Int)
    var lowerSigma0: (Int, Int, Int)
    var lowerSigma1: (Int, Int, Int)
}

extension SHA2Compression {
    static var lengthFieldByteCount: Int { 2 * MemoryLayout<Word>.size }
    static var isBigEndian: Bool { true }

    static func serialize(_ state: State, to output: UnsafeMutableRawPointer) {
        for index in 0..<8 {
            output.storeBytes(of: state[index].bigEndian, toByteOffset: index * MemoryLayout<Word>.size, as: Word.self)
        }
    }

    static func compress(_ state: inout State, blocks: UnsafeRawPointer, count: Int) {
        // The message schedule is a sliding window of 16 words on the stack, each word rewritten
        // just before the round that consumes it. (A SIMD16 local would be indexed through memory
        // with store-forwarding stalls; plain stack words are what the rounds want.)
        withUnsafeTemporaryAllocation(of: Word.self, capacity: 16) { window in
            roundConstants.withUnsafeBufferPointer { constants in
                compress(&state, blocks: blocks, count: count, k: constants, w: window.baseAddress!)
            }
        }
    }

    @inline(__always)
    private static func compress(
        _ state: inout State, blocks: UnsafeRawPointer, count: Int,
        k: UnsafeBufferPointer<Word>, w: UnsafeMutablePointer<Word>
    ) {
        var block = blocks
        var v = SHA2Variables(state)
        for _ in 0..<count {
            for index in 0..<16 { w[index] = block.bigEndianWord(index) }
            let start = v
            sixteenRounds(&v, k.baseAddress!, w, extendSchedule: false)
            for round in stride(from: 16, to: k.count, by: 16) {
                sixteenRounds(&v, k.baseAddress! + round, w, extendSchedule: true)
            }
            v.add(start)
            block += blockByteCount
        }
        state = v.state
    }

    /// Rounds t … t + 15 for the 16 constants at `k`. After the first 16 rounds each schedule
    /// word W[t] replaces W[t − 16] in the window, computed right before its round so that
    /// the schedule's work overlaps the rounds' dependency chain.
    @inline(__always)
    private static func sixteenRounds(
        _ v: inout SHA2Variables<Word>, _ k: UnsafePointer<Word>, _ w: UnsafeMutablePointer<Word>, extendSchedule: Bool
    ) {
        eightRounds(&v.a, &v.b, &v.c, &v.d, &v.e, &v.f, &v.g, &v.h, k, w, 0, extendSchedule)
        eightRounds(&v.a, &v.b, &v.c, &v.d, &v.e, &v.f, &v.g, &v.h, k, w, 8, extendSchedule)
    }

    /// Eight rounds; passing the working variables rotated by one position per round replaces
    /// the eight assignments of FIPS 180-4 §6.2.2 step 3 with a renaming.
    @inline(__always)
    private static func eightRounds(
        _ a: inout Word, _ b: inout Word, _ c: inout Word, _ d: inout Word,
        _ e: inout Word, _ f: inout Word, _ g: inout Word, _ h: inout Word,
        _ k: UnsafePointer<Word>, _ w: UnsafeMutablePointer<Word>, _ j: Int, _ extend: Bool
    ) {
        round(a, b, c, &d, e, f, g, &h, k, w, j, extend)
        round(h, a, b, &c, d, e, f, &g, k, w, j + 1, extend)
        round(g, h, a, &b, c, d, e, &f, k, w, j + 2, extend)
        round(f, g, h, &a, b, c, d, &e, k, w, j + 3, extend)
        round(e, f, g, &h, a, b, c, &d, k, w, j + 4, extend)
        round(d, e, f, &g, h, a, b, &c, k, w, j + 5, extend)
        round(c, d, e, &f, g, h, a, &b, k, w, j + 6, extend)
        round(b, c, d, &e, f, g, h, &a, k, w, j + 7, extend)
    }

    /// One round with window slot `j`: `d` becomes the next `e` and `h` the next `a`; the caller
    /// renames the rest. With `extend`, slot j first advances from W[t − 16] to W[t] (§6.2.2 step 1).
    @inline(__always)
    private static func round(
        _ a: Word, _ b: Word, _ c: Word, _ d: inout Word,
        _ e: Word, _ f: Word, _ g: Word, _ h: inout Word,
        _ k: UnsafePointer<Word>, _ w: UnsafeMutablePointer<Word>, _ j: Int, _ extend: Bool
    ) {
        if extend {
            w[j] &+= lowerSigma1(w[(j + 14) & 15]) &+ w[(j + 9) & 15] &+ lowerSigma0(w[(j + 1) & 15])
        }
        let t1 = h &+ upperSigma1(e) &+ (((f ^ g) & e) ^ g) &+ k[j] &+ w[j]
        // Maj written so that a ^ b here is the next round's b ^ c, which the optimiser reuses.
        let t2 = upperSigma0(a) &+ (((a ^ b) & (b ^ c)) ^ b)
        d &+= t1
        h = t1 &+ t2
    }

    @inline(__always)
    private static func upperSigma0(_ x: Word) -> Word {
        threeRotations(x, amounts.upperSigma0)
    }

    @inline(__always)
    private static func upperSigma1(_ x: Word) -> Word {
        threeRotations(x, amounts.upperSigma1)
    }

    @inline(__always)
    private static func lowerSigma0(_ x: Word) -> Word {
        let (r1, r2, shift) = amounts.lowerSigma0
        return ((x.rotatedRight(by: r2 - r1) ^ x).rotatedRight(by: r1)) ^ (x &>> shift)
    }

    @inline(__always)
    private static func lowerSigma1(_ x: Word) -> Word {
        let (r1, r2, shift) = amounts.lowerSigma1
        return ((x.rotatedRight(by: r2 - r1) ^ x).rotatedRight(by: r1)) ^ (x &>> shift)
    }

    /// `x ⋙ r1 ^ x ⋙ r2 ^ x ⋙ r3`, nested as `((x ⋙ (r3 − r2) ^ x) ⋙ (r2 − r1) ^ x) ⋙ r1` so
    /// that x is copied once instead of three times (x86 rotates overwrite their operand).
    @inline(__always)
    private static func threeRotations(_ x: Word, _ amounts: (Int, Int, Int)) -> Word {
        let (r1, r2, r3) = amounts
        return (((x.rotatedRight(by: r3 - r2) ^ x).rotatedRight(by: r2 - r1)) ^ x).rotatedRight(by: r1)
    }
}

/// SHA-224 and SHA-256: 32-bit words, 64-byte blocks.
enum SHA256Compression: SHA2Compression {
    typealias Word = UInt32
    typealias Block = InlineArray<64, UInt8>
    static var zeroBlock: Block { Block(repeating: 0) }

    static var amounts: SHA2Amounts {
        SHA2Amounts(upperSigma0: (2, 13, 22), upperSigma1: (6, 11, 25), lowerSigma0: (7, 18, 3), lowerSigma1: (17, 19, 10))
    }

    static let roundConstants: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    /// FIPS 180-4 §5.3.3.
    static let sha256InitialState = SIMD8<UInt32>(
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
    )

    /// FIPS 180-4 §5.3.2.
    static let sha224InitialState = SIMD8<UInt32>(
        0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
        0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4
    )
}

/// SHA-384, SHA-512 and SHA-512/t: 64-bit words, 128-byte blocks.
enum SHA512Compression: SHA2Compression {
    typealias Word = UInt64
    typealias Block = InlineArray<128, UInt8>
    static var zeroBlock: Block { Block(repeating: 0) }

    static var amounts: SHA2Amounts {
        SHA2Amounts(upperSigma0: (28, 34, 39), upperSigma1: (14, 18, 41), lowerSigma0: (1, 8, 7), lowerSigma1: (19, 61, 6))
    }

    static let roundConstants: [UInt64] = [
        0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
        0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
        0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
        0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
        0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
        0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
        0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
        0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
        0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
        0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
        0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
        0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
        0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
        0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
        0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
        0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
        0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
        0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
        0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
        0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
    ]

    /// FIPS 180-4 §5.3.5.
    static let sha512InitialState = SIMD8<UInt64>(
        0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
        0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179
    )

    /// FIPS 180-4 §5.3.4.
    static let sha384InitialState = SIMD8<UInt64>(
        0xcbbb9d5dc1059ed8, 0x629a292a367cd507, 0x9159015a3070dd17, 0x152fecd8f70e5939,
        0x67332667ffc00b31, 0x8eb44a8768581511, 0xdb0c2e0d64f98fa7, 0x47b5481dbefa4fa4
    )

    /// FIPS 180-4 §5.3.6.1 (the output of the SHA-512/t IV generation function for t = 224).
    static let sha512_224InitialState = SIMD8<UInt64>(
        0x8c3d37c819544da2, 0x73e1996689dcd4d6, 0x1dfab7ae32ff9c82, 0x679dd514582f9fcf,
        0x0f6d2b697bd44da8, 0x77e36f7304c48942, 0x3f9d85a86a1d36c8, 0x1112e6ad91d692a1
    )

    /// FIPS 180-4 §5.3.6.2 (the output of the SHA-512/t IV generation function for t = 256).
    static let sha512_256InitialState = SIMD8<UInt64>(
        0x22312194fc2bf72c, 0x9f555fa3c84c64c2, 0x2393b86b6f53b151, 0x963877195940eabd,
        0x96283ee2a88effe3, 0xbe5e1e2553863992, 0x2b0199fc2c85b8aa, 0x0eb72ddc81c52ca2
    )
}

/// The working variables a…h of FIPS 180-4 §6.2.2, as named scalars the optimiser keeps in registers.
struct SHA2Variables<Word: FixedWidthInteger & SIMDScalar> {
    var a, b, c, d, e, f, g, h: Word

    init(_ state: SIMD8<Word>) {
        (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
    }

    var state: SIMD8<Word> { SIMD8(a, b, c, d, e, f, g, h) }

    mutating func add(_ other: Self) {
        a &+= other.a; b &+= other.b; c &+= other.c; d &+= other.d
        e &+= other.e; f &+= other.f; g &+= other.g; h &+= other.h
    }
}
