import Foundation

/// The venues a run knows, by id: the bundled ones plus any `--venues` folders.
public struct VenueRegistry: Sendable {
    public private(set) var venues: [String: Venue] = [:]

    public init(_ venues: [Venue] = []) {
        for venue in venues { self.venues[venue.id] = venue }
    }

    public subscript(id: String) -> Venue? { venues[id] }
    public var sorted: [Venue] { venues.values.sorted { $0.id < $1.id } }

    /// Adds `venue`, replacing one with the same id (a user's folder overrides a bundled venue).
    public mutating func add(_ venue: Venue) { venues[venue.id] = venue }

    /// Loads every `<root>/<venue>/venue.json` below `root` (one level deep).
    /// Broken venue files are returned as errors; the rest still load.
    public static func load(root: String) -> (venues: [Venue], errors: [InputError]) {
        var venues: [Venue] = []
        var errors: [InputError] = []
        let folders = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).sorted()
        for folder in folders {
            let path = (root as NSString).appendingPathComponent(folder)
            let venueFile = (path as NSString).appendingPathComponent("venue.json")
            guard FileManager.default.fileExists(atPath: venueFile) else { continue }
            do {
                venues.append(try loadVenue(file: venueFile, expectedID: folder))
            } catch {
                errors.append(error)
            }
        }
        return (venues, errors)
    }

    /// Loads one venue.json.
    public static func loadVenue(file: String, expectedID: String?) throws(InputError) -> Venue {
        try RecipeDecoder().decode(try FileReader.readJSON(file), expectedID: expectedID)
    }
}
