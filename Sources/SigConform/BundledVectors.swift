import Foundation

/// Where the vectors shipped with sigconform live.
public enum BundledVectors {
    /// `$SIGCONFORM_VECTORS`, else `./vectors` when it holds venue folders, else the `vectors/`
    /// folder of the checkout this binary was built from.
    public static var directory: String {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["SIGCONFORM_VECTORS"], !override.isEmpty { return override }
        let local = FileManager.default.currentDirectoryPath + "/vectors"
        if FileManager.default.fileExists(atPath: local + "/binance-spot/venue.json") { return local }
        // Sources/SigConform/BundledVectors.swift → repository root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent("vectors").path
    }

    /// The Wycheproof and RFC vectors used by `selftest`.
    public static var standardDirectory: String { directory + "/standard" }
}
