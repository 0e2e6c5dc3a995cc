/// SHA3-224, SHA3-256, SHA3-384 and SHA3-512 (FIPS 202 §6.1), in pure Swift.
///
/// The sponge absorbs the message straight into the Keccak state, `rate` bytes per permutation;
/// there is no separate block buffer. `SHA3()` computes SHA3-256.
package struct SHA3: PureSwiftHashFunction {
    /// The member of the family to compute.
    package enum Variant: Sendable, CaseIterable, BitwiseCopyable {
        case sha3_224, sha3_256, sha3_384, sha3_512
    }

    /// The member of the family this value computes.
    package let variant: Variant
    private var state = KeccakState()
    /// Bytes of the current block already absorbed, always less than the rate.
    private var position = 0

    /// Starts a SHA3-256 computation.
    package init() {
        self.init(variant: .sha3_256)
    }

    /// Starts a computation of `variant`.
    package init(variant: Variant) {
        self.variant = variant
    }

    package var algorithm: HashAlgorithm {
        switch variant {
        case .sha3_224: .sha3_224
        case .sha3_256: .sha3_256
        case .sha3_384: .sha3_384
        case .sha3_512: .sha3_512
        }
    }

    /// The sponge rate r / 8 = 200 − 2 · digest length, in bytes (FIPS 202 §6.1).
    private var rate: Int { algorithm.blockByteCount }

    package mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress else { return }
        var remaining = bytes.count
        let rate = rate
        while remaining > 0 {
            if position == 0 && remaining >= rate {
                for lane in 0..<(rate >> 3) {
                    state.lanes[lane] ^= input.littleEndianWord(lane, as: UInt64.self)
                }
                state.permute()
                input += rate
                remaining -= rate
            } else {
                let taken = min(remaining, rate - position)
                for offset in 0..<taken {
                    xor(input.load(fromByteOffset: offset, as: UInt8.self), at: position + offset)
                }
                position += taken
                input += taken
                remaining -= taken
                if position == rate {
                    state.permute()
                    position = 0
                }
            }
        }
    }

    package consuming func finalize(into output: UnsafeMutableRawBufferPointer) {
        // SHA-3's domain suffix 01 followed by pad10*1 (FIPS 202 §6.1, §5.1), as bytes: the first
        // padding byte is 0x06 and the last has its high bit set (they coincide when one byte is left).
        xor(0x06, at: position)
        xor(0x80, at: rate - 1)
        state.permute()
        let count = algorithm.digestByteCount
        precondition(output.count >= count, "output shorter than the digest")
        for index in 0..<count {
            output[index] = UInt8(truncatingIfNeeded: state.lanes[index >> 3] &>> ((index & 7) << 3))
        }
    }

    /// XORs `byte` into byte `offset` of the state, lanes being little-endian.
    @inline(__always)
    private mutating func xor(_ byte: UInt8, at offset: Int) {
        state.lanes[offset >> 3] ^= UInt64(byte) &<< ((offset & 7) << 3)
    }
}
