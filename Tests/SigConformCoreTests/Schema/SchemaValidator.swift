import Foundation
import Testing

/// Runs scripts/schema/validate.py (Python's `jsonschema`) over files, so the JSON Schemas in
/// vectors/schema are tested against the same files the Swift decoders read.
enum SchemaValidator {
    struct Result: Decodable {
        struct Problem: Decodable {
            var pointer: String
            var message: String
        }
        var file: String
        var valid: Bool
        var errors: [Problem]
    }

    static let script = RepoPaths.root.appendingPathComponent("scripts/schema/validate.py").path

    /// Whether python3 with `jsonschema` can run here; the schema tests are skipped otherwise.
    static let isAvailable: Bool = (try? run(["-c", "import jsonschema"]).status) == 0

    static let unavailableReason: Comment = "python3 with the jsonschema package is needed (pip install jsonschema)"

    /// Validates `files`, one result per file, in order.
    static func validate(_ files: [String]) throws -> [String: Result] {
        let output = try run([script, "--json"] + files)
        var results: [String: Result] = [:]
        for line in output.stdout.split(separator: "\n") {
            let result = try JSONDecoder().decode(Result.self, from: Data(line.utf8))
            results[result.file] = result
        }
        return results
    }

    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
