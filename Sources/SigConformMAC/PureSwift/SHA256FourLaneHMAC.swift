/// HMAC-SHA256 (or HMAC-SHA224) of four messages of one length at once, each appended to the
/// same keyed state: the SHA-256 compression runs on `SIMD4<UInt32>` words, one message per lane.
///
/// This is for searches that try many messages after a common keyed prefix, such as the
/// timestamp search of `diagnose`. On baseline x86-64 (SSE2, no `-target-cpu`) a vector add, and
/// or xor costs one instruction for four lanes and a rotation three (two shifts and an or), so a
/// pass over four messages runs far fewer instructions than four scalar compressions. A single
/// tag is no faster: use ``PureSwiftHMAC`` for that, and for messages of different lengths.
///
/// ```swift
/// var keyed = PureSwiftHMAC<SHA256>(key: key)
/// keyed.update(prefix)
/// let lanes = SHA256FourLaneHMAC(keyed)
/// let tags = lanes.tags(appending: [m0, m1, m2, m3])   // == [keyed.tag(appending: m0), …]
/// ```
package struct SHA256FourLaneHMAC: HMACBatchTagger, BitwiseCopyable {
    /// The number of messages each call authenticates.
    package static let laneCount = 4

    /// The inner hash after `K ⊕ ipad` and the common prefix, on four lanes.
    private let inner: SHA256FourLaneDigest
    /// The outer chaining value after `K ⊕ opad`, exactly one block.
    private let outerState: SIMD8<UInt32>

    /// The algorithm of the tags: SHA-256, or SHA-224 when keyed over `SHA256(variant: .sha224)`.
    package var algorithm: HashAlgorithm { inner.algorithm }

    /// Continues from `keyed`, a keyed HMAC that may have absorbed a prefix; `keyed` is not changed.
    package init(_ keyed: PureSwiftHMAC<SHA256>) {
        let outer = keyed.outer.engine
        // The outer hash absorbs the K ⊕ opad block at keying and nothing else (PureSwiftHMAC.outer is a let).
        precondition(outer.pendingByteCount == 0 && outer.messageByteCount == UInt64(SHA256Compression.blockByteCount),
                     "the outer hash of a keyed HMAC holds exactly the K ⊕ opad block")
        inner = SHA256FourLaneDigest(keyed.inner)
        outerState = outer.state
    }

    /// Writes the tags of the prefix followed by each of `messages` to `output`, tag i at byte
    /// offset `i × algorithm.digestByteCount`, without allocating; the value is left unchanged.
    ///
    /// The four messages must have the same length and `output` room for four tags (both are
    /// checked and trap otherwise: a caller with messages of different lengths tags them one by
    /// one with ``PureSwiftHMAC/tag(appending:into:)``).
    package func tags(appending messages: InlineArray<4, UnsafeRawBufferPointer>, into output: UnsafeMutableRawBufferPointer) {
        inner.lanes(messages, into: output) { states, window, k in outerTags(&states, window: window, k: k) }
    }

    /// The tags of the prefix followed by each of `messages`, four messages of one length.
    package func tags(appending messages: [[UInt8]]) -> [[UInt8]] {
        precondition(messages.count == Self.laneCount, "SHA256FourLaneHMAC.tags takes four messages")
        let digestByteCount = algorithm.digestByteCount
        var output = [UInt8](repeating: 0, count: Self.laneCount * digestByteCount)
        withFourBuffers(messages) { buffers in output.withUnsafeMutableBytes { tags(appending: buffers, into: $0) } }
        return (0..<Self.laneCount).map { Array(output[($0 * digestByteCount)..<(($0 + 1) * digestByteCount)]) }
    }

    /// Replaces the inner digests in `v` with the tags `H(K ⊕ opad ‖ inner digest)`: one padded
    /// block whose first words are the inner chaining value itself (serialising big-endian and
    /// reading back big-endian is the identity).
    @inline(__always)
    private func outerTags(_ v: inout FourLaneSHA256.Variables, window w: UnsafeMutablePointer<FourLaneWord>, k: UnsafePointer<FourLaneWord>) {
        let digestByteCount = algorithm.digestByteCount
        let digestWordCount = digestByteCount / 4
        for index in 0..<16 {
            w[index] = index < digestWordCount ? v[index] : .zero
        }
        w[digestWordCount] = FourLaneWord(repeating: 0x8000_0000)
        w[15] = FourLaneWord(repeating: UInt32((SHA256Compression.blockByteCount + digestByteCount) * 8))
        v = FourLaneSHA256.Variables(broadcasting: outerState)
        FourLaneSHA256.compress(&v, w: w, k: k)
    }
}

/// Four 32-bit words, one per lane.
typealias FourLaneWord = SIMD4<UInt32>

/// The SHA-256 compression (FIPS 180-4 §6.2.2) on four independent states at once.
///
/// The same round structure as `SHA2Compression` (a 16-word schedule window rewritten just before
/// the round that consumes it, working variables renamed instead of shifted), on vector words.
enum FourLaneSHA256 {
    /// K (FIPS 180-4 §4.2.2), each constant in all four lanes.
    static let roundConstants: [FourLaneWord] = SHA256Compression.roundConstants.map { FourLaneWord(repeating: $0) }

    /// The working variables a…h, lane i of each the state of message i.
    struct Variables {
        var a, b, c, d, e, f, g, h: FourLaneWord

        /// Every lane starting from `state`.
        init(broadcasting state: SIMD8<UInt32>) {
            a = FourLaneWord(repeating: state[0]); b = FourLaneWord(repeating: state[1])
            c = FourLaneWord(repeating: state[2]); d = FourLaneWord(repeating: state[3])
            e = FourLaneWord(repeating: state[4]); f = FourLaneWord(repeating: state[5])
            g = FourLaneWord(repeating: state[6]); h = FourLaneWord(repeating: state[7])
        }

        /// Variable `index` (0 is a, 7 is h).
        subscript(index: Int) -> FourLaneWord {
            switch index {
            case 0: a
            case 1: b
            case 2: c
            case 3: d
            case 4: e
            case 5: f
            case 6: g
            default: h
            }
        }

        mutating func add(_ other: Self) {
            a &+= other.a; b &+= other.b; c &+= other.c; d &+= other.d
            e &+= other.e; f &+= other.f; g &+= other.g; h &+= other.h
        }

        /// Serialises lane i's state, truncated to `digestByteCount`, at byte offset
        /// `i × digestByteCount` of `output`.
        func write(digestByteCount: Int, to output: UnsafeMutableRawBufferPointer) {
            let wordCount = (digestByteCount + 3) / 4
            for lane in 0..<4 {
                for index in 0..<wordCount {
                    output.storeBytes(of: self[index][lane].bigEndian, toByteOffset: lane * digestByteCount + 4 * index, as: UInt32.self)
                }
            }
        }
    }

    /// One block per lane, its 16 words already in `w`; `w` is overwritten by the schedule.
    @inline(__always)
    static func compress(_ v: inout Variables, w: UnsafeMutablePointer<FourLaneWord>, k: UnsafePointer<FourLaneWord>) {
        let start = v
        sixteenRounds(&v, k, w, extendSchedule: false)
        sixteenRounds(&v, k + 16, w, extendSchedule: true)
        sixteenRounds(&v, k + 32, w, extendSchedule: true)
        sixteenRounds(&v, k + 48, w, extendSchedule: true)
        v.add(start)
    }

    @inline(__always)
    private static func sixteenRounds(_ v: inout Variables, _ k: UnsafePointer<FourLaneWord>, _ w: UnsafeMutablePointer<FourLaneWord>, extendSchedule: Bool) {
        for j in stride(from: 0, to: 16, by: 8) {
            round(v.a, v.b, v.c, &v.d, v.e, v.f, v.g, &v.h, k, w, j, extendSchedule)
            round(v.h, v.a, v.b, &v.c, v.d, v.e, v.f, &v.g, k, w, j + 1, extendSchedule)
            round(v.g, v.h, v.a, &v.b, v.c, v.d, v.e, &v.f, k, w, j + 2, extendSchedule)
            round(v.f, v.g, v.h, &v.a, v.b, v.c, v.d, &v.e, k, w, j + 3, extendSchedule)
            round(v.e, v.f, v.g, &v.h, v.a, v.b, v.c, &v.d, k, w, j + 4, extendSchedule)
            round(v.d, v.e, v.f, &v.g, v.h, v.a, v.b, &v.c, k, w, j + 5, extendSchedule)
            round(v.c, v.d, v.e, &v.f, v.g, v.h, v.a, &v.b, k, w, j + 6, extendSchedule)
            round(v.b, v.c, v.d, &v.e, v.f, v.g, v.h, &v.a, k, w, j + 7, extendSchedule)
        }
    }

    /// One round with window slot `j`; see `SHA2Compression.round` for the renaming.
    @inline(__always)
    private static func round(
        _ a: FourLaneWord, _ b: FourLaneWord, _ c: FourLaneWord, _ d: inout FourLaneWord,
        _ e: FourLaneWord, _ f: FourLaneWord, _ g: FourLaneWord, _ h: inout FourLaneWord,
        _ k: UnsafePointer<FourLaneWord>, _ w: UnsafeMutablePointer<FourLaneWord>, _ j: Int, _ extend: Bool
    ) {
        if extend {
            let w14 = w[(j + 14) & 15], w1 = w[(j + 1) & 15]
            // σ1 = ⋙17 ^ ⋙19 ^ ≫10 and σ0 = ⋙7 ^ ⋙18 ^ ≫3 (FIPS 180-4 §4.1.2).
            let sigma1 = rotatedRight(rotatedRight(w14, 2) ^ w14, 17) ^ (w14 &>> 10)
            let sigma0 = rotatedRight(rotatedRight(w1, 11) ^ w1, 7) ^ (w1 &>> 3)
            w[j] &+= sigma1 &+ w[(j + 9) & 15] &+ sigma0
        }
        // Σ1 = ⋙6 ^ ⋙11 ^ ⋙25 and Σ0 = ⋙2 ^ ⋙13 ^ ⋙22, nested so that the operand is copied once per rotation.
        let upperSigma1 = rotatedRight(rotatedRight(rotatedRight(e, 14) ^ e, 5) ^ e, 6)
        let upperSigma0 = rotatedRight(rotatedRight(rotatedRight(a, 9) ^ a, 11) ^ a, 2)
        let t1 = h &+ upperSigma1 &+ (((f ^ g) & e) ^ g) &+ k[j] &+ w[j]
        let t2 = upperSigma0 &+ (((a ^ b) & (b ^ c)) ^ b)
        d &+= t1
        h = t1 &+ t2
    }

    /// The left half is a multiply by 2^(32 − count), not `&<<`: the standard library's SIMD
    /// shifts are per-lane loops, and LLVM matched `(x ≫ r) | (x ≪ (32 − r))` in each lane as a
    /// scalar rotate, then moved every word out of the vector register and back (four `rol` and
    /// eight shuffles per rotation). `&*` is a vector operation from the start, which LLVM turns
    /// into `pslld`: the rotation becomes `psrld`, `pslld`, `por`.
    @inline(__always)
    private static func rotatedRight(_ x: FourLaneWord, _ count: UInt32) -> FourLaneWord {
        (x &>> count) | (x &* FourLaneWord(repeating: 1 &<< (32 - count)))
    }
}
