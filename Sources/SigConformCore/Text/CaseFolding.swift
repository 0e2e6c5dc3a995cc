import SigConformMAC

extension String {
    /// Whether `self` and `other` are equal ignoring letter case: the same answer as
    /// `lowercased() == other.lowercased()`, without building the two lower-cased copies when
    /// both are ASCII (header names, hex signatures: nearly every comparison `check` makes).
    /// Anything else falls back to `lowercased()`, so non-ASCII text compares as before.
    package func equalsIgnoringCase(_ other: String) -> Bool {
        CaseFolding.withASCII(self, other) { a, b in
            guard a.count == b.count else { return false }
            for index in a.indices where a[index] != b[index] {
                if CaseFolding.lowercase(a[index]) != CaseFolding.lowercase(b[index]) { return false }
            }
            return true
        } ?? (lowercased() == other.lowercased())
    }
}

/// Whether `observed` equals `correct`, in time that depends only on their lengths, ignoring
/// letter case when `foldingCase` (the venue's signature rule): the same answer as comparing
/// their `lowercased()` UTF-8 with ``constantTimeEquals(_:_:)``, without the copies when both
/// are ASCII.
package func constantTimeEquals(_ observed: String, _ correct: String, foldingCase: Bool) -> Bool {
    CaseFolding.withASCII(observed, correct) { a, b in
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        if foldingCase {
            for index in a.indices { difference |= CaseFolding.lowercase(a[index]) ^ CaseFolding.lowercase(b[index]) }
        } else {
            for index in a.indices { difference |= a[index] ^ b[index] }
        }
        return difference == 0
    } ?? constantTimeEquals(Array((foldingCase ? observed.lowercased() : observed).utf8),
                            Array((foldingCase ? correct.lowercased() : correct).utf8))
}

enum CaseFolding {
    static func lowercase(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// `body` on the UTF-8 of `a` and `b` when both are ASCII (ASCII lower-cases byte by byte
    /// and never changes length); `nil` when either is not, or is not stored contiguously.
    static func withASCII(_ a: String, _ b: String, _ body: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<UInt8>) -> Bool) -> Bool? {
        a.utf8.withContiguousStorageIfAvailable { left -> Bool? in
            b.utf8.withContiguousStorageIfAvailable { right -> Bool? in
                guard isASCII(left), isASCII(right) else { return nil }
                return body(left, right)
            } ?? nil
        } ?? nil
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var any: UInt8 = 0
        for byte in bytes { any |= byte }
        return any < 0x80
    }
}
