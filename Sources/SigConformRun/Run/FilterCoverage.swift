import SigConformCore

/// What the vectors of a run matched, so that a run that checked nothing is an unusable input
/// that says why, not a pass: a CI gate whose `--venue` has a typo would otherwise go green
/// having checked no vector.
///
/// The rule: the run must check at least one vector, and every `--venue`, `--tag` and `--id`
/// value must match at least one vector read (a typo in one of two ids leaves that vector
/// unchecked). A shard left empty by the split is not an error: the merge of all shards checks
/// that the whole run covered something.
struct FilterCoverage: Sendable {
    package let filter: VectorFilter
    /// Vectors read, whatever the filter said.
    package private(set) var read = 0
    /// Vectors the venue, tag and id filters selected, before the shard split.
    package private(set) var selectedBeforeShard = 0
    var venuesMatched: Set<String> = []
    var tagsMatched: Set<String> = []
    var idsMatched: Set<String> = []
    var venuesRead: Set<String> = []

    package init(filter: VectorFilter) { self.filter = filter }

    /// Counts `vector` (call for every vector read, selected or not).
    package mutating func note(_ vector: Vector) {
        note(venue: vector.venue, id: vector.id, tags: vector.tags)
    }

    /// Counts a vector known by its venue, id and tags: a line of another shard, not decoded
    /// (``LineIdentity``), counts as read like any other, so every shard judges the filters
    /// against the whole corpus.
    mutating func note(venue: String, id: String, tags: [String]) {
        read += 1
        venuesRead.insert(venue)
        if filter.venues.contains(venue) { venuesMatched.insert(venue) }
        for tag in tags where filter.tags.contains(tag) { tagsMatched.insert(tag) }
        if !filter.ids.isEmpty {
            for id in [id, "\(venue)/\(id)"] where filter.ids.contains(id) { idsMatched.insert(id) }
        }
        if filter.includes(venue: venue, id: id, tags: tags, splittingShards: false) { selectedBeforeShard += 1 }
    }

    /// The input errors of a run that checked `checked` vectors under `paths`; `knownVenues`
    /// are the venues the run could check (listed for a `--venue` that matched nothing).
    /// `othersReported`: the run has input errors already (a missing path, an unreadable
    /// file), which say why nothing was read; an empty run is then not reported again.
    /// `nothingRead` is what the source says when it yielded nothing (``VectorSource/nothingRead``).
    package func problems(checked: Int, paths: [String], knownVenues: [String], othersReported: Bool = false,
                          nothingRead: @autoclosure () -> InputError? = nil) -> [InputError] {
        var problems: [InputError] = []
        let venues = Set(knownVenues).union(venuesRead).sorted()
        for venue in filter.venues.subtracting(venuesMatched).sorted() {
            let suggestion = nearestName(to: venue, in: venues).map { "did you mean \"\($0)\"? " } ?? ""
            problems.append(InputError(file: "--venue \(venue)", message: "matched no vector",
                                       hint: suggestion + "known venues: " + venues.joined(separator: ", ")))
        }
        for tag in filter.tags.subtracting(tagsMatched).sorted() {
            problems.append(InputError(file: "--tag \(tag)", message: "matched no vector", hint: "check the spelling against the vectors' \"tags\""))
        }
        for id in filter.ids.subtracting(idsMatched).sorted() {
            problems.append(InputError(file: "--id \(id)", message: "matched no vector", hint: "give a vector's id or venue/id as the report shows it"))
        }
        guard checked == 0, problems.isEmpty else { return problems }
        let place = paths.joined(separator: ", ")
        if read == 0 {
            guard !othersReported else { return problems }
            problems.append(nothingRead() ?? InputError(file: place, message: "holds no vectors: nothing was checked",
                                                        hint: "pass vector files (*.json, *.jsonl) or folders holding them; a run that checks nothing is not a pass"))
        } else if selectedBeforeShard == 0 {
            problems.append(InputError(file: place, message: "no vector matches the filters together (\(describe(filter))): nothing was checked",
                                       hint: "each filter matches some vector, but no vector matches them all"))
        }
        return problems
    }

    func describe(_ filter: VectorFilter) -> String {
        (filter.venues.sorted().map { "--venue \($0)" } + filter.tags.sorted().map { "--tag \($0)" } + filter.ids.sorted().map { "--id \($0)" })
            .joined(separator: " ")
    }
}
