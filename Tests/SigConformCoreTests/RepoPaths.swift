import Foundation

/// Paths in this checkout, found from this file's location so that tests do not depend on the
/// directory `swift test` runs in.
enum RepoPaths {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let vectors = root.appendingPathComponent("vectors")

    /// Every bundled venue.json, sorted.
    static var venueFiles: [String] { bundled { $0 == "venue.json" } }

    /// Every bundled vector file (`.json` other than venue.json), sorted.
    static var vectorFiles: [String] { bundled { $0 != "venue.json" && $0.hasSuffix(".json") } }

    private static func bundled(_ include: (String) -> Bool) -> [String] {
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: vectors.path)) ?? [])
            .filter { !["schema", "standard"].contains($0) && !$0.hasPrefix(".") }
        return folders.sorted().flatMap { folder in
            let path = vectors.appendingPathComponent(folder).path
            return ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().filter(include).map { "\(path)/\($0)" }
        }
    }
}
