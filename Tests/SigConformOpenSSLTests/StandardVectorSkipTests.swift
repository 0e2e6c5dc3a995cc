import Foundation
import SigConformSelfTest
import Testing

/// `selftest` reads the same way `check` does: a `.JSON` file in upper case is read, and a
/// layout folder with no vector file is an error, not a pass that ran nothing.
@Suite struct StandardVectorSkipTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-std-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url.appendingPathComponent("rfc"), withIntermediateDirectories: true)
        return url
    }

    @Test func aFileNamedInUpperCaseIsRead() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("[]".utf8).write(to: folder.appendingPathComponent("rfc/RFC.JSON"))
        let files = try StandardVectorSet.files(in: folder, displayedAs: "std")
        #expect(files.map(\.name) == ["rfc/RFC.JSON"])
    }

    @Test func layoutFoldersWithoutVectorFilesAreAnError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("notes".utf8).write(to: folder.appendingPathComponent("rfc/README.md"))
        #expect(throws: SelfTestError.self) { try StandardVectorSet.files(in: folder, displayedAs: "std") }
    }
}
