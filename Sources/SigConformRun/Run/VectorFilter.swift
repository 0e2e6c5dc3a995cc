import SigConformCore

/// Which vectors a run checks.
public struct VectorFilter: Sendable {
    public var venues: Set<String> = []
    public var tags: Set<String> = []
    public var ids: Set<String> = []
    /// `(index, count)` with 1 ≤ index ≤ count: this run checks shard `index` of `count`.
    public var shard: (index: Int, count: Int)?

    public init(venues: Set<String> = [], tags: Set<String> = [], ids: Set<String> = [], shard: (index: Int, count: Int)? = nil) {
        self.venues = venues
        self.tags = tags
        self.ids = ids
        self.shard = shard
    }

    public func includes(_ vector: Vector) -> Bool {
        includes(venue: vector.venue, id: vector.id, tags: vector.tags)
    }

    /// ``includes(_:)`` of a vector known by its venue, id and tags (a line not decoded, ``LineIdentity``).
    /// `splittingShards: false` leaves the shard split out (what the other filters select).
    func includes(venue: String, id: String, tags vectorTags: [String], splittingShards: Bool = true) -> Bool {
        if !venues.isEmpty && !venues.contains(venue) { return false }
        if !tags.isEmpty && tags.isDisjoint(with: vectorTags) { return false }
        // `venue/id` is built only when something reads it: an unfiltered run built it for every vector.
        if !ids.isEmpty && !ids.contains(id) && !ids.contains("\(venue)/\(id)") { return false }
        if splittingShards, let shard { return Self.shardIndex(of: "\(venue)/\(id)", count: shard.count) == shard.index }
        return true
    }

    /// Whether this run reports an input error that belongs to no vector (an unreadable file, a
    /// line that is not a vector, a filter that matched nothing): every unsharded run does, and
    /// of a sharded run only shard 1, so that merging the shards' reports says it once. An
    /// error in a line the shard scan can place (``LineIdentity``) belongs to that line's shard.
    package var reportsRunErrors: Bool { shard.map { $0.index == 1 } ?? true }

    /// The files a run names as its input: all of `files` when nothing is filtered out (an empty
    /// file is still input), else those with a selected vector (`used`), so `--venue okx-v5` says
    /// how many files its vectors came from, not how many the corpus has.
    package func reportedFiles(_ files: [String], used: Set<String>) -> [String] {
        venues.isEmpty && tags.isEmpty && ids.isEmpty && shard == nil ? files : files.filter(used.contains)
    }

    /// The shard (1-based) of a vector id: FNV-1a of `venue/id`, so the split is the same on every machine and run.
    package static func shardIndex(of qualifiedID: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in qualifiedID.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) + 1
    }
}
