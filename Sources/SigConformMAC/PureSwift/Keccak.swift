/// The Keccak-f[1600] state of SHA-3 (FIPS 202 §3): 25 lanes of 64 bits, lane (x, y) at
/// index x + 5y, each lane's bytes in little-endian order as the standard specifies.
struct KeccakState: Sendable {
    var lanes = InlineArray<25, UInt64>(repeating: 0)

    /// ι's round constants RC[i_r] (FIPS 202 §3.2.5, Algorithm 6).
    private static let roundConstants: [UInt64] = [
        0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
        0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
        0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
        0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
        0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
        0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
    ]

    /// Keccak-f[1600] = Keccak-p[1600, 24] (FIPS 202 §3.3, §3.4).
    ///
    /// The lanes live in locals for the whole permutation, and each round applies θ, then ρ
    /// and π together (lane `b[y, 2x + 3y] = rot(a[x, y] ^ d[x], r[x, y])`), then χ and ι.
    mutating func permute() {
        var (a0, a1, a2, a3, a4) = (lanes[0], lanes[1], lanes[2], lanes[3], lanes[4])
        var (a5, a6, a7, a8, a9) = (lanes[5], lanes[6], lanes[7], lanes[8], lanes[9])
        var (a10, a11, a12, a13, a14) = (lanes[10], lanes[11], lanes[12], lanes[13], lanes[14])
        var (a15, a16, a17, a18, a19) = (lanes[15], lanes[16], lanes[17], lanes[18], lanes[19])
        var (a20, a21, a22, a23, a24) = (lanes[20], lanes[21], lanes[22], lanes[23], lanes[24])
        Self.roundConstants.withUnsafeBufferPointer { constants in
            for roundConstant in constants {
                let c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20
                let c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21
                let c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22
                let c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23
                let c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24
                let d0 = c4 ^ c1.rotatedLeft(by: 1)
                let d1 = c0 ^ c2.rotatedLeft(by: 1)
                let d2 = c1 ^ c3.rotatedLeft(by: 1)
                let d3 = c2 ^ c4.rotatedLeft(by: 1)
                let d4 = c3 ^ c0.rotatedLeft(by: 1)
                let b0 = a0 ^ d0
                let b1 = (a6 ^ d1).rotatedLeft(by: 44)
                let b2 = (a12 ^ d2).rotatedLeft(by: 43)
                let b3 = (a18 ^ d3).rotatedLeft(by: 21)
                let b4 = (a24 ^ d4).rotatedLeft(by: 14)
                let b5 = (a3 ^ d3).rotatedLeft(by: 28)
                let b6 = (a9 ^ d4).rotatedLeft(by: 20)
                let b7 = (a10 ^ d0).rotatedLeft(by: 3)
                let b8 = (a16 ^ d1).rotatedLeft(by: 45)
                let b9 = (a22 ^ d2).rotatedLeft(by: 61)
                let b10 = (a1 ^ d1).rotatedLeft(by: 1)
                let b11 = (a7 ^ d2).rotatedLeft(by: 6)
                let b12 = (a13 ^ d3).rotatedLeft(by: 25)
                let b13 = (a19 ^ d4).rotatedLeft(by: 8)
                let b14 = (a20 ^ d0).rotatedLeft(by: 18)
                let b15 = (a4 ^ d4).rotatedLeft(by: 27)
                let b16 = (a5 ^ d0).rotatedLeft(by: 36)
                let b17 = (a11 ^ d1).rotatedLeft(by: 10)
                let b18 = (a17 ^ d2).rotatedLeft(by: 15)
                let b19 = (a23 ^ d3).rotatedLeft(by: 56)
                let b20 = (a2 ^ d2).rotatedLeft(by: 62)
                let b21 = (a8 ^ d3).rotatedLeft(by: 55)
                let b22 = (a14 ^ d4).rotatedLeft(by: 39)
                let b23 = (a15 ^ d0).rotatedLeft(by: 41)
                let b24 = (a21 ^ d1).rotatedLeft(by: 2)
                a0 = b0 ^ (~b1 & b2)
                a1 = b1 ^ (~b2 & b3)
                a2 = b2 ^ (~b3 & b4)
                a3 = b3 ^ (~b4 & b0)
                a4 = b4 ^ (~b0 & b1)
                a5 = b5 ^ (~b6 & b7)
                a6 = b6 ^ (~b7 & b8)
                a7 = b7 ^ (~b8 & b9)
                a8 = b8 ^ (~b9 & b5)
                a9 = b9 ^ (~b5 & b6)
                a10 = b10 ^ (~b11 & b12)
                a11 = b11 ^ (~b12 & b13)
                a12 = b12 ^ (~b13 & b14)
                a13 = b13 ^ (~b14 & b10)
                a14 = b14 ^ (~b10 & b11)
                a15 = b15 ^ (~b16 & b17)
                a16 = b16 ^ (~b17 & b18)
                a17 = b17 ^ (~b18 & b19)
                a18 = b18 ^ (~b19 & b15)
                a19 = b19 ^ (~b15 & b16)
                a20 = b20 ^ (~b21 & b22)
                a21 = b21 ^ (~b22 & b23)
                a22 = b22 ^ (~b23 & b24)
                a23 = b23 ^ (~b24 & b20)
                a24 = b24 ^ (~b20 & b21)
                a0 ^= roundConstant
            }
        }
        lanes = [
            a0, a1, a2, a3, a4,
            a5, a6, a7, a8, a9,
            a10, a11, a12, a13, a14,
            a15, a16, a17, a18, a19,
            a20, a21, a22, a23, a24
        ]
    }
}
