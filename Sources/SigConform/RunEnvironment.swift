import Foundation

/// Assembles what a run needs from the command line's folders: the venue registry (bundled
/// venues, `--venues` folders, and venue folders inside the paths being checked).
public enum RunEnvironment {
    /// Loads venues from the bundled folder and from each of `extraRoots`, where a root is either
    /// a venue folder (it has a venue.json) or a folder of venue folders. Later roots override
    /// earlier ones, so a user's folder can replace a bundled venue.
    public static func registry(extraRoots: [String], includeBundled: Bool = true) -> (VenueRegistry, [InputError]) {
        var registry = VenueRegistry()
        var errors: [InputError] = []
        var roots = includeBundled ? [BundledVectors.directory] : []
        roots += extraRoots
        for root in roots {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let venueFile = (root as NSString).appendingPathComponent("venue.json")
            if FileManager.default.fileExists(atPath: venueFile) {
                do {
                    registry.add(try VenueRegistry.loadVenue(file: venueFile, expectedID: (root as NSString).lastPathComponent))
                } catch {
                    errors.append(error)
                }
                continue
            }
            let (venues, loadErrors) = VenueRegistry.load(root: root)
            venues.forEach { registry.add($0) }
            errors += loadErrors
        }
        return (registry, errors)
    }
}
