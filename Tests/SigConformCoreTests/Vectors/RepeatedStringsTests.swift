@testable import SigConformCore
import Testing

/// The decoding thread's table of strings other lines repeat: a lookup is always the string of
/// its bytes, a kept string is shared by the next line that repeats it, and a string that shares
/// a slot's length and end bytes is never taken for another.
@Suite struct RepeatedStringsTests {
    static func lookUp(_ text: String, keep: Bool) -> String {
        Array(text.utf8).withUnsafeBufferPointer { RepeatedStrings.current.string($0, keep: keep) }
    }

    /// Where a string's UTF-8 lives: the same address is the same storage, shared.
    static func address(_ text: String) -> UnsafeRawPointer? {
        text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    @Test(arguments: [0, 1, 15, 16, 17, 64, 255, 256, 257, 1000])
    func aLookupIsTheStringOfItsBytes(length: Int) {
        let ascii = String((0..<length).map { Character(UnicodeScalar(UInt8(0x21 + $0 % 90))) })
        let multiByte = String(repeating: "é", count: length / 2)
        for text in [ascii, multiByte] {
            #expect(Self.lookUp(text, keep: true) == text)
            #expect(Self.lookUp(text, keep: true) == text)
            #expect(Self.lookUp(text, keep: false) == text)
        }
    }

    @Test func aKeptStringIsSharedAndAnUnkeptOneIsNot() {
        let key = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A"
        let first = Self.lookUp(key, keep: true)
        #expect(Self.address(Self.lookUp(key, keep: false)) == Self.address(first))
        let signature = "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"
        let unkept = Self.lookUp(signature, keep: false)
        #expect(Self.address(Self.lookUp(signature, keep: false)) != Self.address(unkept))
    }

    /// Same length, same first and last eight bytes (so the same slot): told apart by their bytes.
    @Test func stringsOfOneSlotAreToldApart() {
        let a = "BEGIN---" + String(repeating: "a", count: 40) + "---END.."
        let b = "BEGIN---" + String(repeating: "b", count: 40) + "---END.."
        #expect(Self.lookUp(a, keep: true) == a)
        #expect(Self.lookUp(b, keep: true) == b)
        #expect(Self.lookUp(a, keep: false) == a)
    }
}
