import SigConformCore

/// Lints one venue.json: the recipe as strictly as `check` reads it, every problem reported.
struct VenueFileLint {
    let file: String

    func run() -> (Venue?, [LintDiagnostic]) {
        let (loaded, failure) = FileLoad.document(file)
        guard let document = loaded else { return (nil, failure.map { [$0] } ?? []) }
        var diagnostics = Placeholders.scan(document.root, file: file) { document.location(of: $0) }
        let expectedID = Linter.folderName(file)
        let decoded = RecoveringDecode(document.root, base: "") { (value) throws(InputError) -> Venue in
            var edited = document
            edited.root = value
            return try RecipeDecoder().decode(JSONReader(file: file, document: edited), expectedID: expectedID)
        }
        diagnostics += decoded.errors.map { LintDiagnostic($0) }
        return (decoded.errors.isEmpty ? decoded.output : nil, diagnostics)
    }
}

/// Reading a file for lint: a read or JSON error becomes one `syntax` diagnostic.
enum FileLoad {
    static func document(_ file: String) -> (JSONDocument?, LintDiagnostic?) {
        do {
            return (try FileReader.readJSON(file).document, nil)
        } catch {
            return (nil, LintDiagnostic(error, rule: .syntax))
        }
    }
}

/// Strings left as "TODO…" by `sigconform venue new`.
enum Placeholders {
    static func scan(_ value: JSONValue, file: String, pointer: String = "", locate: (String) -> SourceLocation?) -> [LintDiagnostic] {
        switch value {
        case .string(let text) where text.hasPrefix("TODO"):
            return [LintDiagnostic(.placeholder, file: file, location: locate(pointer), pointer: pointer,
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
