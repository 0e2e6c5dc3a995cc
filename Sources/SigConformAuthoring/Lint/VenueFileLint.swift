import SigConformCore

/// Lints one venue.json: the recipe as strictly as `check` reads it, every problem reported.
struct VenueFileLint {
    let file: String

    func run() -> (Venue?, [Diagnostic]) {
        let (loaded, failure) = FileLoad.document(file)
        guard let document = loaded else { return (nil, failure) }
        var diagnostics = Placeholders.scan(document.root, file: file) { document.location(of: $0) }
        let expectedID = Linter.folderName(file)
        let decoded = JSONReader.collecting(file: file, document: document) { reader in
            try RecipeDecoder().decode(reader, expectedID: expectedID)
        }
        diagnostics += decoded.diagnostics.map(\.lint)
        return (decoded.diagnostics.errors.isEmpty ? decoded.output : nil, diagnostics)
    }
}

/// Reading a file for lint: a read or JSON error becomes one `syntax` diagnostic.
enum FileLoad {
    static func document(_ file: String) -> (JSONDocument?, [Diagnostic]) {
        do {
            return (try FileReader.readJSON(file).document, [])
        } catch {
            return (nil, error.lintDiagnostics(code: .syntax))
        }
    }
}

extension InputError {
    /// The diagnostics as lint reports them: under `code` when given, located in the document
    /// when the reader gave no pointer.
    func lintDiagnostics(code: Diagnostic.Code? = nil, subject: String? = nil) -> [Diagnostic] {
        diagnostics.map { diagnostic in
            var lint = diagnostic.lint
            if let code { lint.code = code }
            lint.subject = subject
            return lint
        }
    }
}

extension Diagnostic {
    /// Lint names a place in JSON for every problem ("" is the whole document).
    var lint: Diagnostic {
        var located = self
        if located.pointer == nil { located.pointer = "" }
        return located
    }

    func lint(subject: String?) -> Diagnostic {
        var located = lint
        located.subject = subject
        return located
    }
}

/// Strings left as "TODO…" by `sigconform venue new`.
enum Placeholders {
    static func scan(_ value: JSONValue, file: String, pointer: String = "", locate: (String) -> SourceLocation?) -> [Diagnostic] {
        switch value {
        case .string(let text) where text.hasPrefix("TODO"):
            return [Diagnostic(.placeholder, file: file, location: locate(pointer), pointer: pointer,
                                   message: "placeholder left to fill in: \(JSONWriter.compact(.string(text)))",
                                   fix: "replace it with the real value (see docs/adding-a-venue.md)")]
        case .array(let elements):
            return elements.indices.flatMap { scan(elements[$0], file: file, pointer: JSONPointer.appending(pointer, $0), locate: locate) }
        case .object(let members):
            return members.flatMap { scan($0.value, file: file, pointer: JSONPointer.appending(pointer, $0.key), locate: locate) }
        default:
            return []
        }
    }
}
