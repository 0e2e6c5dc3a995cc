import Foundation
import SigConform
import Testing

@Suite("record: VectorFileAppender")
struct VectorFileAppenderTests {
    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("appender-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func vector(_ id: String, secret: String = "lintfix-test-secret-0001") -> Vector {
        Vector(id: id, venue: "lintfix", comment: "c", tags: [], credentials: Credentials(apiKey: "lintfix-key-0001", secret: secret),
               request: HTTPRequest(method: "GET", path: "/p"), result: .valid, expect: Expectation(signature: "s"),
               origin: VectorOrigin(file: "", pointer: "", location: nil))
    }

    @Test func createsAFileWithTheHeaderAndSharedCredentials() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("new/recorded.json").path
        let appender = VectorFileAppender(path: path, schemaDirectory: folder.appendingPathComponent("schema").path)
        #expect(try appender.append(Self.vector("a"), description: "d") == .init(created: true, reformatted: false, secretWritten: true))
        let root = try FileReader.readJSON(path).document.root
        #expect(root.objectMembers?.map(\.key) == ["$schema", "format", "venue", "description", "sources", "defaults", "vectors"])
        #expect(root["$schema"]?.stringValue == "../schema/vectors.schema.json")
        #expect(root["defaults"]?["credentials"]?["secret"]?.stringValue == "lintfix-test-secret-0001")
        #expect(root["vectors"]?.arrayValue?.first?["credentials"] == nil)
        #expect(try appender.existingIDs() == ["a"])
    }

    @Test func appendsToABundledLayoutFileChangingNothingElse() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("requests.json").path
        try FileManager.default.copyItem(atPath: AuthoringFixtures.root.appendingPathComponent("valid/lintfix/requests.json").path, toPath: path)
        let before = try String(contentsOfFile: path, encoding: .utf8)
        let appender = VectorFileAppender(path: path, schemaDirectory: nil)
        #expect(try appender.append(Self.vector("added", secret: "other"), description: "d") == .init(created: false, reformatted: false, secretWritten: true))
        #expect(try appender.append(Self.vector("inherits"), description: "d").secretWritten == false)
        let after = try String(contentsOfFile: path, encoding: .utf8)
        let cut = try #require(before.range(of: "\n  ]\n}\n"))
        #expect(after.hasPrefix(String(before[..<cut.lowerBound]) + ",\n    {\n      \"id\": \"added\""))
        let vectors = try VectorDecoder().decodeFile(try FileReader.readJSON(path))
        #expect(vectors.map(\.id) == ["get-balance", "post-order", "wrong-hash", "added", "inherits"])
        #expect(vectors[3].credentials.secret == "other", "credentials differing from the defaults are the vector's own")
    }

    @Test func refusesAFileOfAnotherVenueAndATakenId() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("requests.json").path
        try FileManager.default.copyItem(atPath: AuthoringFixtures.root.appendingPathComponent("valid/lintfix/requests.json").path, toPath: path)
        let appender = VectorFileAppender(path: path, schemaDirectory: nil)
        var other = Self.vector("x")
        other.venue = "elsewhere"
        #expect(throws: InputError.self) { try appender.append(other, description: "d") }
        #expect(throws: InputError.self) { try appender.append(Self.vector("get-balance"), description: "d") }
    }
}
