import Foundation
import Testing

/// Paths inside the repository, found from this file's location.
enum Repository {
    static let root = CLI.repositoryRoot.path
    static func path(_ relative: String) -> String { root + "/" + relative }
}

/// A fresh temporary folder whose name says which test made it.
func temporaryDirectory(_ name: String) -> String {
    let path = NSTemporaryDirectory() + "sigconform-cli-\(name)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// Whether `python3` is on PATH (the example signers are Python).
let hasPython3: Bool = {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }
}()

/// Every file below `directory`, recursively.
func filesBelow(_ directory: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return [] }
    return enumerator.compactMap { $0 as? String }.map { "\(directory)/\($0)" }.filter {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
