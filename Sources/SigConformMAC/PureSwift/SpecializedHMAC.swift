/// A ``PureSwiftHMAC`` of one concrete hash type, as ``PureSwiftBackend`` hands it out.
///
/// Callers reach a backend's HMAC through `any HMACContext`. Behind that existential a
/// generic `PureSwiftHMAC<Hash>` runs its unspecialised code, which finds the hash's methods
/// through metadata and witness tables on every call. Each conformer below fixes `Hash`, so
/// the witnesses the existential calls are these defaults specialised for that hash: the
/// compression function is inlined into the tag computation.
protocol SpecializedHMAC: HMACContext, Sendable, BitwiseCopyable {
    associatedtype Hash: PureSwiftHashFunction
    var hmac: PureSwiftHMAC<Hash> { get set }
}

extension SpecializedHMAC {
    var algorithm: HashAlgorithm { hmac.algorithm }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        hmac.update(bytes)
    }

    func tag() -> [UInt8] {
        hmac.tag()
    }

    func tag(appending message: UnsafeRawBufferPointer) -> [UInt8] {
        hmac.tag(appending: message)
    }

    func tag(appending message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= hmac.algorithm.digestByteCount, "output shorter than the tag")
        hmac.tag(appending: message, into: output)
    }
}

struct MD5HMAC: SpecializedHMAC { var hmac: PureSwiftHMAC<MD5> }
struct SHA1HMAC: SpecializedHMAC { var hmac: PureSwiftHMAC<SHA1> }
struct SHA256HMAC: SpecializedHMAC { var hmac: PureSwiftHMAC<SHA256> }
struct SHA512HMAC: SpecializedHMAC { var hmac: PureSwiftHMAC<SHA512> }
struct SHA3HMAC: SpecializedHMAC { var hmac: PureSwiftHMAC<SHA3> }
