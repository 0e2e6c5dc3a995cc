/// Splits a shell command line into words the way bash does for the quoting that "Copy as cURL"
/// and hand-written commands use: '…', "…", $'…', backslash escapes and line continuations.
/// Anything that would make the shell run or substitute something (`$VAR`, `$(…)`, backticks,
/// pipes, `;`, redirections) is an error, because the words would not be what was sent.
struct ShellWords {
    struct Word: Equatable {
        var text: String
        /// Where the word starts in the command line.
        var location: SourceLocation
    }

    static func split(_ line: String) throws(RequestParseError) -> [Word] {
        var scanner = Scanner(Array(line))
        return try scanner.words()
    }

    private struct Scanner {
        let characters: [Character]
        var index = 0
        var line = 1
        var column = 1

        init(_ characters: [Character]) { self.characters = characters }

        var location: SourceLocation { SourceLocation(line: line, column: column) }
        var current: Character? { index < characters.count ? characters[index] : nil }
        func peek(_ offset: Int = 1) -> Character? { index + offset < characters.count ? characters[index + offset] : nil }

        mutating func advance() {
            if characters[index] == "\n" || characters[index] == "\r\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
            index += 1
        }

        func error(_ message: String, hint: String? = nil, at location: SourceLocation? = nil) -> RequestParseError {
            RequestParseError(.curl, at: location ?? self.location, message, hint: hint)
        }

        static func isNewline(_ c: Character?) -> Bool { c == "\n" || c == "\r\n" }
        static func isBlank(_ c: Character) -> Bool { c == " " || c == "\t" || isNewline(c) }

        mutating func words() throws(RequestParseError) -> [Word] {
            var words: [Word] = []
            while true {
                while let c = current, Self.isBlank(c) || (c == "\\" && Self.isNewline(peek())) {
                    if c == "\\" { advance() }
                    advance()
                }
                guard let c = current else { return words }
                if c == "#" {
                    while let c = current, !Self.isNewline(c) { advance() }
                    continue
                }
                let start = location
                words.append(Word(text: try word(), location: start))
            }
        }

        /// One word: a run of unquoted and quoted pieces up to unquoted blank space.
        mutating func word() throws(RequestParseError) -> String {
            var text = ""
            while let c = current, !Self.isBlank(c) {
                switch c {
                case "'":
                    text += try singleQuoted()
                case "\"":
                    text += try doubleQuoted()
                case "$" where peek() == "'":
                    text += try ansiQuoted()
                case "\\":
                    advance()
                    guard let escaped = current else { throw error("a backslash ends the command", hint: "remove it") }
                    if !Self.isNewline(escaped) { text.append(escaped) }
                    advance()
                case "$":
                    try checkDollar()
                    text.append(c)
                    advance()
                case "`":
                    throw error("backticks would run a command", hint: "paste the command with its output already substituted")
                case ";", "|", "&", "<", ">", "(", ")":
                    throw error("'\(c)' would end the curl command or redirect it", hint: "give one curl command; quote the URL if it contains '&'")
                default:
                    text.append(c)
                    advance()
                }
            }
            return text
        }

        /// `$` followed by a name, `{` or `(` is an expansion the shell would perform.
        func checkDollar() throws(RequestParseError) {
            guard let next = peek() else { return }
            if next.isLetter || next.isNumber || ["_", "{", "(", "@", "*", "#", "?", "!", "$", "-"].contains(next) {
                throw error("\"$\(next)…\" is a shell expansion", hint: "paste the command with the variable's value in place, or quote the text with single quotes")
            }
        }

        mutating func singleQuoted() throws(RequestParseError) -> String {
            let start = location
            advance()
            var text = ""
            while let c = current, c != "'" {
                text.append(c)
                advance()
            }
            guard current == "'" else { throw error("a single quote is never closed", hint: "add the closing '", at: start) }
            advance()
            return text
        }

        mutating func doubleQuoted() throws(RequestParseError) -> String {
            let start = location
            advance()
            var text = ""
            while let c = current, c != "\"" {
                if c == "\\", let next = peek(), ["\"", "\\", "$", "`"].contains(next) || Self.isNewline(next) {
                    advance()
                    if !Self.isNewline(next) { text.append(next) }
                    advance()
                    continue
                }
                if c == "$" { try checkDollar() }
                if c == "`" { throw error("backticks would run a command", hint: "use single quotes for literal text") }
                text.append(c)
                advance()
            }
            guard current == "\"" else { throw error("a double quote is never closed", hint: "add the closing \"", at: start) }
            advance()
            return text
        }

        /// Bash's `$'…'`: C-style escapes, used by browsers' "Copy as cURL (bash)" for bodies with
        /// newlines or quotes.
        mutating func ansiQuoted() throws(RequestParseError) -> String {
            let start = location
            advance()
            advance()
            var scalars = String.UnicodeScalarView()
            while let c = current, c != "'" {
                guard c == "\\" else {
                    scalars.append(contentsOf: c.unicodeScalars)
                    advance()
                    continue
                }
                let escapeStart = location
                advance()
                guard let e = current else { break }
                advance()
                let simple: [Character: Unicode.Scalar] = [
                    "a": "\u{07}", "b": "\u{08}", "e": "\u{1B}", "E": "\u{1B}", "f": "\u{0C}", "n": "\n", "r": "\r", "t": "\t",
                    "v": "\u{0B}", "\\": "\\", "'": "'", "\"": "\"", "?": "?",
                ]
                if let scalar = simple[e] {
                    scalars.append(scalar)
                    continue
                }
                let (radix, maximum): (Int, Int) = switch e {
                case "x": (16, 2)
                case "u": (16, 4)
                case "U": (16, 8)
                case "0"..."7": (8, 3)
                default: (0, 0)
                }
                guard radix > 0 else {
                    throw error("unknown escape \\\(e) in $'…'", hint: "bash keeps it as written; write \\\\\(e) if a backslash is meant", at: escapeStart)
                }
                var digits = e.isNumber && radix == 8 ? String(e) : ""
                while digits.count < maximum, let d = current, d.isHexDigit, radix == 16 || ("0"..."7").contains(d) {
                    digits.append(d)
                    advance()
                }
                guard let value = UInt32(digits, radix: radix), let scalar = Unicode.Scalar(value) else {
                    throw error("\\\(e) needs \(radix == 16 ? "hex" : "octal") digits", at: escapeStart)
                }
                if radix == 16 && e == "x" || radix == 8 {
                    // \xHH and \nnn are bytes; only ASCII bytes are meaningful on their own.
                    guard value < 0x80 else {
                        throw error("\\\(e)\(digits.dropFirst(radix == 8 ? 1 : 0)) is a raw byte above 0x7F", hint: "write the character itself or \\u escapes", at: escapeStart)
                    }
                }
                scalars.append(scalar)
            }
            guard current == "'" else { throw error("a $'…' quote is never closed", hint: "add the closing '", at: start) }
            advance()
            return String(scalars)
        }
    }
}
