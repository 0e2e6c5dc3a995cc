/// The SHA-2 compression function (FIPS 180-4 §6.2.2 and §6.4.2), written once over the word
/// size: SHA-224/256 run it on 32-bit words for 64 rounds, SHA-384/512 and SHA-512/t on 64-bit
/// words for 80 rounds, with different constants and rotation amounts.
///
/// The rounds run on scalar words; the message schedule runs on SSE2 vectors
/// (``SHA2MessageSchedule``), a few words per instruction, eight rounds ahead of the rounds
/// that consume it. On x86-64 the vector unit has its own execution ports, so the schedule
/// no longer competes with the rounds' rotations for the integer ones (docs/performance.md,
/// "Compression: what was tried").
protocol SHA2Compression: MerkleDamgardCompression where State == SIMD8<Word> {
    associatedtype Word: FixedWidthInteger & UnsignedInteger & SIMDScalar & BitwiseCopyable
    associatedtype Schedule: SHA2MessageSchedule where Schedule.Vector.Scalar == Word
    /// K, one constant per round (FIPS 180-4 §4.2.2, §4.2.3).
    static var roundConstants: [Word] { get }
    /// Rotation amounts of Σ0 and Σ1 (FIPS 180-4 §4.1.2, §4.1.3); σ0 and σ1 are in the schedule.
    static var amounts: SHA2Amounts { get }
}

/// The rotations of one word size's Σ functions.
struct SHA2Amounts {
    var upperSigma0: (Int, Int, Int)
    var upperSigma1: (Int, Int, Int)
}

/// The message schedule of one block (FIPS 180-4 §6.2.2 step 1, §6.4.2 step 1) on vectors of
/// words, written as W[t] + K[t] to a buffer the rounds read one word at a time.
protocol SHA2MessageSchedule {
    associatedtype Vector: SIMD where Vector.Scalar: FixedWidthInteger
    /// K in vectors of `Vector.scalarCount` consecutive constants.
    static var constants: [Vector] { get }
    /// The number of those vectors: the rounds over `Vector.scalarCount`.
    static var vectorCount: Int { get }
    /// Reads the block's 16 words and writes W[t] + K[t] for t < 16 to `wk` (one `Vector` per
    /// `Vector.scalarCount` rounds, from byte 0).
    init(block: UnsafeRawPointer, k: UnsafePointer<Vector>, wk: UnsafeMutableRawPointer)
    /// Computes the vector W[t] … W[t + `Vector.scalarCount` − 1] (16 ≤ t) from the 16 words
    /// before it and writes W + K for it to its place in `wk`.
    mutating func extendVector(from t: Int, k: UnsafePointer<Vector>, wk: UnsafeMutableRawPointer)
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
        // W[t] + K[t] for every round of a block: 256 or 640 bytes on the stack, each written
        // once by the schedule and read once by its round. A constant size lets it sit at a
        // fixed offset from the stack pointer.
        withUnsafeTemporaryAllocation(of: Schedule.Vector.self, capacity: Schedule.vectorCount) { wk in
            Schedule.constants.withUnsafeBufferPointer { constants in
                compress(&state, blocks: blocks, count: count, k: constants.baseAddress!, wk: UnsafeMutableRawPointer(wk.baseAddress!))
            }
        }
    }

    @inline(__always)
    private static func compress(
        _ state: inout State, blocks: UnsafeRawPointer, count: Int, k: UnsafePointer<Schedule.Vector>, wk: UnsafeMutableRawPointer
    ) {
        let roundCount = Schedule.vectorCount &* Schedule.Vector.scalarCount
        var block = blocks
        var v = SHA2Variables(state)
        for _ in 0..<count {
            var schedule = Schedule(block: block, k: k, wk: wk)
            let start = v
            // After the rounds of each vector's worth of words (four for SHA-256, two for
            // SHA-512), one vector of the schedule, sixteen rounds ahead: the vector work of
            // the schedule overlaps the rounds' dependency chain. (Eight rounds, then all the
            // schedule they free, ran at 0.83× for SHA-256 and 0.93× for SHA-512.)
            let lanes = Schedule.Vector.scalarCount
            var t = 0
            while t < roundCount &- 16 {
                twoRounds(&v.a, &v.b, &v.c, &v.d, &v.e, &v.f, &v.g, &v.h, wk, t)
                if 2 % lanes == 0 { schedule.extendVector(from: t &+ 18 &- lanes, k: k, wk: wk) }
                twoRounds(&v.g, &v.h, &v.a, &v.b, &v.c, &v.d, &v.e, &v.f, wk, t &+ 2)
                if 4 % lanes == 0 { schedule.extendVector(from: t &+ 20 &- lanes, k: k, wk: wk) }
                twoRounds(&v.e, &v.f, &v.g, &v.h, &v.a, &v.b, &v.c, &v.d, wk, t &+ 4)
                if 6 % lanes == 0 { schedule.extendVector(from: t &+ 22 &- lanes, k: k, wk: wk) }
                twoRounds(&v.c, &v.d, &v.e, &v.f, &v.g, &v.h, &v.a, &v.b, wk, t &+ 6)
                if 8 % lanes == 0 { schedule.extendVector(from: t &+ 24 &- lanes, k: k, wk: wk) }
                t &+= 8
            }
            while t < roundCount {
                twoRounds(&v.a, &v.b, &v.c, &v.d, &v.e, &v.f, &v.g, &v.h, wk, t)
                twoRounds(&v.g, &v.h, &v.a, &v.b, &v.c, &v.d, &v.e, &v.f, wk, t &+ 2)
                twoRounds(&v.e, &v.f, &v.g, &v.h, &v.a, &v.b, &v.c, &v.d, wk, t &+ 4)
                twoRounds(&v.c, &v.d, &v.e, &v.f, &v.g, &v.h, &v.a, &v.b, wk, t &+ 6)
                t &+= 8
            }
            v.add(start)
            block += blockByteCount
        }
        state = v.state
    }

    /// Rounds t and t + 1; passing the working variables rotated by one position per round
    /// replaces the eight assignments of FIPS 180-4 §6.2.2 step 3 with a renaming (the caller
    /// passes them rotated by two for the next two).
    @inline(__always)
    private static func twoRounds(
        _ a: inout Word, _ b: inout Word, _ c: inout Word, _ d: inout Word,
        _ e: inout Word, _ f: inout Word, _ g: inout Word, _ h: inout Word,
        _ wk: UnsafeMutableRawPointer, _ t: Int
    ) {
        let size = MemoryLayout<Word>.size
        round(a, b, c, &d, e, f, g, &h, wk.load(fromByteOffset: t &* size, as: Word.self))
        round(h, a, b, &c, d, e, f, &g, wk.load(fromByteOffset: (t &+ 1) &* size, as: Word.self))
    }

    /// One round given W[t] + K[t]: `d` becomes the next `e` and `h` the next `a`; the caller
    /// renames the rest.
    @inline(__always)
    private static func round(
        _ a: Word, _ b: Word, _ c: Word, _ d: inout Word,
        _ e: Word, _ f: Word, _ g: Word, _ h: inout Word, _ wk: Word
    ) {
        let t1 = h &+ upperSigma1(e) &+ (((f ^ g) & e) ^ g) &+ wk
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

    /// `x ⋙ r1 ^ x ⋙ r2 ^ x ⋙ r3` as three independent rotations: Σ0 and Σ1 are on the rounds'
    /// critical path, where the three run in parallel (two XORs deep instead of five operations
    /// nested), and with the schedule on the vector unit the integer ports have room for the
    /// extra copies. Measured against the nested form on the AMD EPYC, both with the schedule
    /// on vectors: 1.22× against 1.08× OpenSSL's integer-only SHA-256 (docs/performance.md).
    @inline(__always)
    private static func threeRotations(_ x: Word, _ amounts: (Int, Int, Int)) -> Word {
        let (r1, r2, r3) = amounts
        return x.rotatedRight(by: r1) ^ x.rotatedRight(by: r2) ^ x.rotatedRight(by: r3)
    }
}

/// The vector rotation and σ (FIPS 180-4 §4.1.2, §4.1.3) of the schedules, on the concrete
/// vector types: in an extension generic over `SIMD` the operators resolve to the standard
/// library's per-lane loops instead of the vector builtins of `SIMD4<UInt32>` and
/// `SIMD2<UInt64>`, and LLVM then turned the lanes into scalar rotations.
protocol SHA2ScheduleVector: SIMD where Scalar: FixedWidthInteger {
    func lanesRotatedRight(by count: Scalar) -> Self
}

extension SHA2ScheduleVector {
    /// σ of each lane: two rotations and a shift. The amounts are literals at the call sites.
    @inline(__always)
    func lowerSigma(_ r1: Scalar, _ r2: Scalar, _ shift: Scalar) -> Self {
        lanesRotatedRight(by: r1) ^ lanesRotatedRight(by: r2) ^ (self &>> shift)
    }
}

extension SIMD4: SHA2ScheduleVector where Scalar == UInt32 {
    /// Each lane rotated right by `count`. The left half is a multiply by 2^(32 − count), not
    /// `&<<`: LLVM matched `(x ≫ r) | (x ≪ (32 − r))` in each lane as a scalar rotate and moved
    /// every word out of the vector register and back; `&*` is a vector operation from the
    /// start, which it lowers to `pslld` (see ``FourLaneSHA256``).
    @inline(__always)
    func lanesRotatedRight(by count: UInt32) -> Self {
        (self &>> count) | (self &* Self(repeating: 1 &<< (32 &- count)))
    }
}

extension SIMD2: SHA2ScheduleVector where Scalar == UInt64 {
    /// Each lane rotated right by `count`, as for `SIMD4<UInt32>` (`psrlq`, `psllq`).
    @inline(__always)
    func lanesRotatedRight(by count: UInt64) -> Self {
        (self &>> count) | (self &* Self(repeating: 1 &<< (64 &- count)))
    }
}

/// The SHA-256 schedule on four `SIMD4<UInt32>`: W[t − 16] … W[t − 1], four words each.
struct SHA256MessageSchedule: SHA2MessageSchedule {
    typealias Vector = SIMD4<UInt32>
    private var x0, x1, x2, x3: Vector

    static var vectorCount: Int { 16 }

    static let constants: [Vector] = stride(from: 0, to: 4 * vectorCount, by: 4).map {
        let k = SHA256Compression.roundConstants
        return Vector(k[$0], k[$0 + 1], k[$0 + 2], k[$0 + 3])
    }

    @inline(__always)
    init(block: UnsafeRawPointer, k: UnsafePointer<Vector>, wk: UnsafeMutableRawPointer) {
        @inline(__always) func words(_ start: Int) -> Vector {
            Vector(block.bigEndianWord(start), block.bigEndianWord(start &+ 1), block.bigEndianWord(start &+ 2), block.bigEndianWord(start &+ 3))
        }
        (x0, x1, x2, x3) = (words(0), words(4), words(8), words(12))
        wk.storeBytes(of: x0 &+ k[0], toByteOffset: 0, as: Vector.self)
        wk.storeBytes(of: x1 &+ k[1], toByteOffset: 16, as: Vector.self)
        wk.storeBytes(of: x2 &+ k[2], toByteOffset: 32, as: Vector.self)
        wk.storeBytes(of: x3 &+ k[3], toByteOffset: 48, as: Vector.self)
    }

    /// W[t] … W[t + 3] = σ1(W[t − 2]) + W[t − 7] + σ0(W[t − 15]) + W[t − 16]: W[t + 2] and
    /// W[t + 3] need σ1 of W[t] and W[t + 1], so σ1 runs twice, on two lanes each (the other
    /// two lanes zero, whose σ1 is zero).
    @inline(__always)
    mutating func extendVector(from t: Int, k: UnsafePointer<Vector>, wk: UnsafeMutableRawPointer) {
        // σ0 and σ1 of SHA-256 (FIPS 180-4 §4.1.2).
        let minus15 = Vector(x0[1], x0[2], x0[3], x1[0])
        let minus7 = Vector(x2[1], x2[2], x2[3], x3[0])
        var next = x0 &+ minus15.lowerSigma(7, 18, 3) &+ minus7
        next &+= Vector(x3[2], x3[3], 0, 0).lowerSigma(17, 19, 10)
        next &+= Vector(0, 0, next[0], next[1]).lowerSigma(17, 19, 10)
        wk.storeBytes(of: next &+ k[t &>> 2], toByteOffset: t &* 4, as: Vector.self)
        (x0, x1, x2, x3) = (x1, x2, x3, next)
    }
}

/// The SHA-512 schedule on eight `SIMD2<UInt64>`: W[t − 16] … W[t − 1], two words each.
struct SHA512MessageSchedule: SHA2MessageSchedule {
    typealias Vector = SIMD2<UInt64>
    private var x0, x1, x2, x3, x4, x5, x6, x7: Vector

    static var vectorCount: Int { 40 }

    static let constants: [Vector] = stride(from: 0, to: 2 * vectorCount, by: 2).map {
        Vector(SHA512Compression.roundConstants[$0], SHA512Compression.roundConstants[$0 + 1])
    }

    @inline(__always)
    init(block: UnsafeRawPointer, k: UnsafePointer<Vector>, wk: UnsafeMutableRawPointer) {
        @inline(__always) func words(_ start: Int) -> Vector {
            Vector(block.bigEndianWord(start), block.bigEndianWord(start &+ 1))
        }
        (x0, x1, x2, x3, x4, x5, x6, x7) = (words(0), words(2), words(4), words(6), words(8), words(10), words(12), words(14))
        wk.storeBytes(of: x0 &+ k[0], toByteOffset: 0, as: Vector.self)
        wk.storeBytes(of: x1 &+ k[1], toByteOffset: 16, as: Vector.self)
        wk.storeBytes(of: x2 &+ k[2], toByteOffset: 32, as: Vector.self)
        wk.storeBytes(of: x3 &+ k[3], toByteOffset: 48, as: Vector.self)
        wk.storeBytes(of: x4 &+ k[4], toByteOffset: 64, as: Vector.self)
        wk.storeBytes(of: x5 &+ k[5], toByteOffset: 80, as: Vector.self)
        wk.storeBytes(of: x6 &+ k[6], toByteOffset: 96, as: Vector.self)
        wk.storeBytes(of: x7 &+ k[7], toByteOffset: 112, as: Vector.self)
    }

    /// W[t] and W[t + 1]: σ1 reads W[t − 2] and W[t − 1], both already in the last vector.
    @inline(__always)
    mutating func extendVector(from t: Int, k: UnsafePointer<Vector>, wk: UnsafeMutableRawPointer) {
        // σ0 and σ1 of SHA-512 (FIPS 180-4 §4.1.3).
        let next = x0 &+ Vector(x0[1], x1[0]).lowerSigma(1, 8, 7) &+ Vector(x4[1], x5[0]) &+ x7.lowerSigma(19, 61, 6)
        wk.storeBytes(of: next &+ k[t &>> 1], toByteOffset: t &* 8, as: Vector.self)
        (x0, x1, x2, x3, x4, x5, x6, x7) = (x1, x2, x3, x4, x5, x6, x7, next)
    }
}

/// SHA-224 and SHA-256: 32-bit words, 64-byte blocks.
enum SHA256Compression: SHA2Compression {
    typealias Word = UInt32
    typealias Schedule = SHA256MessageSchedule
    typealias Block = InlineArray<64, UInt8>
    static var zeroBlock: Block { Block(repeating: 0) }

    static var amounts: SHA2Amounts {
        SHA2Amounts(upperSigma0: (2, 13, 22), upperSigma1: (6, 11, 25))
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
    typealias Schedule = SHA512MessageSchedule
    typealias Block = InlineArray<128, UInt8>
    static var zeroBlock: Block { Block(repeating: 0) }

    static var amounts: SHA2Amounts {
        SHA2Amounts(upperSigma0: (28, 34, 39), upperSigma1: (14, 18, 41))
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
