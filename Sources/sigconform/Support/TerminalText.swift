import Foundation
import SigConform

/// Terminal output that carries text from input files (ids, file names, messages quoting a
/// vector): control characters other than the line break (ESC, BEL, CR, …) are shown as
/// `\x1b`, so an input cannot move the cursor, retitle the window or hide a line. The terminal
/// report escapes its own text (its colours are the only escapes sigconform writes).
enum TerminalText {
    static func visible(_ text: String) -> String { Escaping.visibleControls(text, keeping: ["\n"]) }

    /// `print`, made visible.
    static func print(_ text: String, terminator: String = "\n") { Swift.print(visible(text), terminator: terminator) }

    /// A line on standard error, made visible.
    static func error(_ line: String) { FileHandle.standardError.write(Data((visible(line) + "\n").utf8)) }

    /// Input problems on standard error, the one way every command prints them
    /// (``Diagnostic/description``: `file:line:column: severity: message (at pointer) [code]`
    /// and the fix), scrubbed by `redactor` when the command knows credentials.
    static func problems(_ diagnostics: [Diagnostic], scrubbedBy redactor: Redactor? = nil) {
        for diagnostic in diagnostics { error(redactor?.scrub(diagnostic.description) ?? diagnostic.description) }
    }
}
