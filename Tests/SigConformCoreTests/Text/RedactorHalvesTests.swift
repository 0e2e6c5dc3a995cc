@testable import SigConformCore
import Testing

/// The halves the Redactor scrubs are halves in characters, whether it cuts on bytes (printable
/// ASCII) or on characters (anything else).
@Suite struct RedactorHalvesTests {
    @Test(arguments: [
        "0123456789abcdef", "0123456789abcdefX", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
        "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==",
        "line one\r\nline two and more", "Sx/9+k=~Secret d1st1nct/K3y-7f3eé", "tab\there and\tthere!", "short",
        "e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", "🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑🔑",
    ])
    func halvesAreHalvesInCharacters(value: String) {
        let characters = Array(value)
        let half = characters.count / 2
        let halves = Redactor.halves(of: value)
        if half < Redactor.minimumScrubbedLength {
            #expect(halves == nil)
        } else {
            #expect(halves?.first == String(characters.prefix(half)))
            #expect(halves?.last == String(characters.suffix(half)))
        }
    }
}
