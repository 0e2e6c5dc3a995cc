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
        if !venues.isEmpty && !venues.contains(vector.venue) { return false }
        if !tags.isEmpty && tags.isDisjoint(with: vector.tags) { return false }
        if !ids.isEmpty && !ids.contains(vector.id) && !ids.contains(vector.qualifiedID) { return false }
        if let shard { return Self.shardIndex(of: vector.qualifiedID, count: shard.count) == shard.index }
        return true
    }

    /// The files a run names as its input: all of `files` when nothing is filtered out (an empty
    /// file is still input), else those with a selected vector (`used`), so `--venue okx-v5` says
    /// how many files its vectors came from, not how many the corpus has.
    public func reportedFiles(_ files: [String], used: Set<String>) -> [String] {
        venues.isEmpty && tags.isEmpty && ids.isEmpty && shard == nil ? files : files.filter(used.contains)
    }

    /// The shard (1-based) of a vector id: FNV-1a of `venue/id`, so the split is the same on every machine and run.
    public static func shardIndex(of qualifiedID: String, count: Int) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in qualifiedID.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(count)) + 1
    }
}
