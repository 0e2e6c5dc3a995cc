@testable import SigConformCore
import Testing

/// `Escaping.forms(of:)` skips the escapes for a value of letters, digits, `-`, `.` and `~`:
/// these hold the escapes to leaving exactly those bytes alone, so the shortcut cannot drop a form.
@Suite struct EscapingFormsTests {
    /// Every printable ASCII byte: kept by every escape exactly when the shortcut says so.
    @Test func theShortcutsBytesAreExactlyThoseNoEscapeChanges() {
        for byte in UInt8(0x20)...UInt8(0x7E) {
            let value = "ab" + String(UnicodeScalar(byte)) + "cd"
            let unchanged = Escaping.escapedForms(of: value) == [value]
            #expect(unchanged == Escaping.isKeptByEveryEscape(byte), "byte 0x\(String(byte, radix: 16)) in \(value)")
        }
    }

    /// Values with and without the shortcut: the same forms as running every escape.
    @Test(arguments: [
        "0123456789abcdefABCDEF-.~", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
        "Sx/9+k=~Secret d1st1nct/K3y-7f3eé", "under_score", "a<b>&\"'c", "line\nbreak", "plus+slash/equals=",
    ])
    func formsAreEveryEscapesForms(value: String) {
        #expect(Escaping.forms(of: value) == Escaping.escapedForms(of: value))
    }
}
