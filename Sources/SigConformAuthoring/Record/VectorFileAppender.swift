import Foundation
import SigConformCore

/// Appends vectors to a vector file, creating it with the standard header when it does not
/// exist. The whole file is written back in the layout of the bundled files (two-space JSON,
/// members in their documented order), atomically, so a generated file changes only by the
/// vector added.
package struct VectorFileAppender: Sendable {
    package let path: String
    /// The folder holding venue.schema.json and vectors.schema.json, for a new file's `$schema`.
    package let schemaDirectory: String?

    package init(path: String, schemaDirectory: String?) {
        self.path = path
        self.schemaDirectory = schemaDirectory
    }

    /// What appending did.
    package struct Outcome: Sendable, Equatable {
        /// The file did not exist and was created.
        package var created: Bool
        /// The existing file was not in the standard layout and was rewritten in it.
        package var reformatted: Bool
        /// The vector's secret was written (into a new file's defaults, or into the vector where it
        /// differs from the file's defaults), so the user can be reminded it must be a test secret.
        package var secretWritten: Bool

        package init(created: Bool, reformatted: Bool, secretWritten: Bool = false) {
            self.created = created
            self.reformatted = reformatted
            self.secretWritten = secretWritten
        }
    }

    /// The ids of the vectors already in the file (none when it does not exist).
    package func existingIDs() throws(InputError) -> Set<String> {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return Set(try VectorDecoder().decodeFile(try FileReader.readJSON(path)).map(\.id))
    }

    /// The file's JSON with `vector` appended, and whether it exists already.
    package func appending(_ vector: Vector, description: String) throws(InputError) -> (text: String, outcome: Outcome) {
        guard FileManager.default.fileExists(atPath: path) else {
            let credentials = VectorEncoder.difference(vector.credentials, from: nil)
            var header: [(key: String, value: JSONValue)] = []
            if let schemaDirectory { header.append(("$schema", .string(RelativePath.from((path as NSString).deletingLastPathComponent, to: schemaDirectory + "/vectors.schema.json")))) }
            header += [("format", .string(VectorDecoder.format)), ("venue", .string(vector.venue)), ("description", .string(description)),
                       ("sources", .array([]))]
            if !credentials.isEmpty { header.append(("defaults", .object([("credentials", .object(credentials))]))) }
            header.append(("vectors", .array([try encode(vector, defaults: vector.credentials)])))
            return (JSONWriter.pretty(.object(header)), Outcome(created: true, reformatted: false, secretWritten: vector.credentials.secret != nil))
        }
        let reader = try FileReader.readJSON(path)
        let existing = try VectorDecoder().decodeFile(reader)
        let fileVenue = reader.document.root["venue"]?.stringValue ?? ""
        guard fileVenue == vector.venue else {
            throw InputError(file: path, location: reader.document.location(of: "/venue"), pointer: "/venue",
                             message: "the file holds vectors of \"\(fileVenue)\", not \"\(vector.venue)\"", hint: "record into a file of \(vector.venue) (--file)")
        }
        guard !existing.contains(where: { $0.id == vector.id }) else {
            throw InputError(file: path, message: "the file already has a vector \"\(vector.id)\"", hint: "choose another --id")
        }
        var defaults = Credentials()
        if let shared = reader.document.root["defaults"]?["credentials"] {
            for (key, value) in shared.objectMembers ?? [] {
                switch key {
                case "apiKey": defaults.apiKey = value.stringValue
                case "secret": defaults.secret = value.stringValue
                case "passphrase": defaults.passphrase = value.stringValue
                default: break
                }
            }
        }
        guard case .object(var members) = reader.document.root, let index = members.firstIndex(where: { $0.key == "vectors" }),
              case .array(var elements) = members[index].value else {
            throw InputError(file: path, message: "the file has no \"vectors\" array")
        }
        let original = String(decoding: try FileReader.read(path), as: UTF8.self)
        let reformatted = JSONWriter.pretty(reader.document.root) != original
        elements.append(try encode(vector, defaults: defaults))
        members[index].value = .array(elements)
        let secretWritten = VectorEncoder.difference(vector.credentials, from: defaults).contains { $0.key == "secret" }
        return (JSONWriter.pretty(.object(members)), Outcome(created: false, reformatted: reformatted, secretWritten: secretWritten))
    }

    /// Appends `vector` and writes the file atomically.
    @discardableResult
    package func append(_ vector: Vector, description: String) throws(InputError) -> Outcome {
        let (text, outcome) = try appending(vector, description: description)
        let folder = (path as NSString).deletingLastPathComponent
        do {
            if !folder.isEmpty { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw InputError(file: path, message: "cannot be written: \(error.localizedDescription)", hint: "check the folder exists and is writable")
        }
        return outcome
    }

    func encode(_ vector: Vector, defaults: Credentials) throws(InputError) -> JSONValue {
        do { return try VectorEncoder().encode(vector, defaults: defaults) } catch {
            throw InputError(file: path, message: error.message, hint: error.hint)
        }
    }
}

/// Relative paths between files, for `$schema` members that work wherever the checkout is.
enum RelativePath {
    /// The path of `target` relative to the folder `directory` (both made absolute first).
    static func from(_ directory: String, to target: String) -> String {
        func components(_ path: String) -> [String] {
            let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
            return URL(fileURLWithPath: absolute).standardizedFileURL.pathComponents
        }
        let from = components(directory.isEmpty ? "." : directory)
        let to = components(target)
        let common = zip(from, to).prefix { $0 == $1 }.count
        return (Array(repeating: "..", count: from.count - common) + to[common...]).joined(separator: "/")
    }
}
