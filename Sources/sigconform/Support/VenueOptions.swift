import ArgumentParser
import Foundation
import SigConform

/// `--venues DIR` and the one way every command assembles its venue registry
/// (``RunEnvironment/registry(extraRoots:includeBundled:)``): the bundled venues, then the
/// command's own places, then the folders given, each later root overriding a venue of the
/// same id.
struct VenueOptions: ParsableArguments {
    @Option(name: .customLong("venues"), help: ArgumentHelp(
        "A folder of venue folders (or one venue folder) to add; repeatable (record and lint read ./vectors as well).", valueName: "dir"))
    var roots: [String] = []

    /// Where a command finds venues besides the bundled ones and `--venues`.
    enum Also {
        case nothing
        /// `./vectors`, read first: `venue new` creates venues there, so the authoring
        /// commands (`record`, `lint`) know a new venue without `--venues`.
        case localVectors
        /// The folders among the paths a run checks (read after `--venues`): a venue folder
        /// given to `check` brings its venue.
        case foldersAmong([String])
    }

    /// The registry, and the venue files that could not be used.
    func registry(also: Also = .nothing) -> (VenueRegistry, [InputError]) {
        switch also {
        case .nothing: Self.registry(roots: roots)
        case .localVectors: Self.registry(roots: (Self.isDirectory("vectors") ? ["vectors"] : []) + roots)
        case .foldersAmong(let paths): Self.registry(roots: roots + paths.filter(Self.isDirectory))
        }
    }

    /// The registry of the bundled venues and `roots` (each later root overriding a venue of the
    /// same id), for a command whose folders come from an option of its own (`venue new --root`).
    static func registry(roots: [String]) -> (VenueRegistry, [InputError]) {
        RunEnvironment.registry(extraRoots: roots)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
