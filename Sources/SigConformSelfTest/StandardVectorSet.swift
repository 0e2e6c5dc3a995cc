import Foundation

/// The vector files of a folder laid out like `vectors/standard`:
/// `wycheproof/testvectors_v1/*.json` (Wycheproof MAC tests) and `rfc/*.json` (RFC 2202/4231 arrays).
package enum StandardVectorSet {
    /// The format a vector file is read with.
    package enum Format: String, Sendable {
        case wycheproof
        case rfc
    }

    /// One vector file to load.
    package struct File: Sendable, Hashable {
        package let url: URL
        /// The name reports use: the path relative to the vectors folder, or as the user gave it.
        package let name: String
        package let format: Format

        package init(url: URL, name: String, format: Format) {
            self.url = url
            self.name = name
            self.format = format
        }

        /// Reads and checks the file.
        package func load() throws(SelfTestError) -> MACTestSuite {
            switch format {
            case .wycheproof: try WycheproofMACFile.loadSuite(from: url, name: name)
            case .rfc: try RFCVectorFile.loadSuite(from: url, name: name)
            }
        }
    }

    /// Where each format lives inside a vectors folder.
    package static let layout: [(folder: String, format: Format)] = [
        ("wycheproof/testvectors_v1", .wycheproof),
        ("rfc", .rfc),
    ]

    /// The `.json` files of `directory`'s layout folders, in a stable order.
    /// Fails when the folder is missing or holds none of the layout folders.
    package static func files(in directory: URL, displayedAs displayName: String) throws(SelfTestError) -> [File] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .unreadable(
                file: displayName, reason: "no such folder (pass --vectors DIR pointing at vectors/standard)")
        }
        var files: [File] = []
        var foundFolder = false
        for (folder, format) in layout {
            let folderURL = directory.appendingPathComponent(folder, isDirectory: true)
            guard manager.fileExists(atPath: folderURL.path) else { continue }
            foundFolder = true
            let names: [String]
            do {
                names = try manager.contentsOfDirectory(atPath: folderURL.path)
            } catch {
                throw .unreadable(file: "\(displayName)/\(folder)", reason: "\(error.localizedDescription)")
            }
            // Any letter case (`RFC.JSON`): a file left out silently would be a test not run.
            for name in names.filter({ $0.lowercased().hasSuffix(".json") }).sorted() {
                files.append(
                    File(url: folderURL.appendingPathComponent(name), name: "\(folder)/\(name)", format: format))
            }
        }
        guard foundFolder else {
            let expected = layout.map { "\($0.folder)/" }.joined(separator: " or ")
            throw .unreadable(
                file: displayName, reason: "holds neither \(expected); expected the layout of vectors/standard")
        }
        // A self-test that ran no test is not a pass.
        guard !files.isEmpty else {
            throw .unreadable(file: displayName, reason: "holds no .json vector files; a self-test that runs nothing is not a pass")
        }
        return files
    }
}
