import SigConformCore
import SigConformMAC

/// How much work one diagnosis search may do, counted in bytes fed to the MAC (each candidate's
/// prehash, plus the blocks its finalisation hashes), so that the bound holds whatever the
/// request's size and is the same on every machine: a diagnosis gives the same answer under
/// any load, and a 1 MB body costs a bounded number of candidates, not minutes.
public struct SearchBudget: Sendable, Hashable {
    /// Bytes the whole search may hash.
    public var bytes: Int
    /// Candidates the search for two prehash mistakes at once may try.
    public var pairCandidates: Int
    /// Candidates the search for three mistakes at once may try (each is one MAC of a prehash
    /// the pairs built, or of a one-mistake prehash under two key, hash or encoding mistakes).
    public var tripleCandidates: Int

    public init(bytes: Int, pairCandidates: Int, tripleCandidates: Int = 100_000) {
        self.bytes = bytes
        self.pairCandidates = pairCandidates
        self.tripleCandidates = tripleCandidates
    }

    /// 512 MiB: the full ±10-minute millisecond search of a 300-byte prehash that starts with the
    /// timestamp (no prefix state to reuse) fits, about one second of one core
    /// (docs/performance.md).
    public static let standard = SearchBudget(bytes: 512 << 20, pairCandidates: 20_000, tripleCandidates: 100_000)

    /// The share of the budget the single mistakes may use: a large body makes each variant cost
    /// its whole length, and the timestamp and pair searches must still run.
    var singlesShare: Int { bytes / 2 }
    /// What is kept back for the pairs when the timestamp search starts.
    var pairsReserve: Int { bytes / 16 }
}

/// What a diagnosis search tried: the summary an unexplained diagnosis shows ("tried 14,200
/// variants of 31 mistakes, singly and in pairs, and ±10 min of timestamps"), and whether the
/// budget cut any part short.
public struct SearchSummary: Sendable, Hashable {
    /// One time field the timestamp search moved.
    public struct TimeRange: Sendable, Hashable {
        /// `timestamp` or `nonce`.
        public var field: String
        /// The half-width searched around the sent value, in milliseconds.
        public var searchedMilliseconds: Int64
        /// The half-width the search was asked for; larger than ``searchedMilliseconds`` when
        /// the budget (or a value that cannot be split out of the prehash) narrowed it.
        public var requestedMilliseconds: Int64
        /// Why the range is narrower than requested, if it is.
        public var narrowedBecause: String?

        public init(field: String, searchedMilliseconds: Int64, requestedMilliseconds: Int64, narrowedBecause: String? = nil) {
            self.field = field
            self.searchedMilliseconds = searchedMilliseconds
            self.requestedMilliseconds = requestedMilliseconds
            self.narrowedBecause = narrowedBecause
        }
    }

    /// Signatures computed, in every part of the search.
    public var candidates: Int
    /// Mistakes tried one at a time.
    public var singleMistakes: Int
    /// Mistakes tried in pairs (0 when the pair search did not run).
    public var pairedMistakes: Int
    /// Candidates of the pair search.
    public var pairCandidates: Int
    /// Whether every pair was tried.
    public var pairsComplete: Bool
    /// Mistakes tried in threes (0 when the search for three did not run), its candidates, and
    /// whether every three was tried.
    public var tripledMistakes = 0
    public var tripleCandidates = 0
    public var triplesComplete = true
    public var timeRanges: [TimeRange]
    /// Bytes fed to the MAC, the measure of ``SearchBudget/bytes``.
    public var bytesHashed: Int
    /// Parts of the search the budget stopped before they were done.
    public var cutShort: [String]

    public init(candidates: Int, singleMistakes: Int, pairedMistakes: Int, pairCandidates: Int, pairsComplete: Bool,
                timeRanges: [TimeRange], bytesHashed: Int, cutShort: [String]) {
        self.candidates = candidates
        self.singleMistakes = singleMistakes
        self.pairedMistakes = pairedMistakes
        self.pairCandidates = pairCandidates
        self.pairsComplete = pairsComplete
        self.timeRanges = timeRanges
        self.bytesHashed = bytesHashed
        self.cutShort = cutShort
    }

    /// One sentence: what was tried, and what the budget left out.
    public var text: String {
        var parts = ["tried \(Self.grouped(candidates)) variants of \(singleMistakes) mistakes"]
        if tripledMistakes > 0 {
            parts[0] += ", singly, in pairs and in threes (\(Self.grouped(tripleCandidates)) threes\(triplesComplete ? "" : " before the budget ran out"))"
        } else if pairedMistakes > 0 {
            parts[0] += pairsComplete ? ", singly and in pairs" : ", singly and in pairs (\(Self.grouped(pairCandidates)) pairs before the budget ran out)"
        } else {
            parts[0] += ", singly"
        }
        for range in timeRanges {
            var line = "±\(Self.duration(range.searchedMilliseconds)) of the \(range.field)"
            if let reason = range.narrowedBecause {
                line += " (of ±\(Self.duration(range.requestedMilliseconds)): \(reason))"
            }
            parts.append(line)
        }
        var sentence = parts.count == 1 ? parts[0] : parts.dropLast().joined(separator: ", ") + ", and " + parts.last!
        if !cutShort.isEmpty {
            sentence += "; the search budget (\(Self.megabytes(bytesHashed)) hashed) cut short: " + cutShort.joined(separator: ", ")
        }
        return sentence
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    static func duration(_ milliseconds: Int64) -> String {
        if milliseconds >= 60_000, milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000) min" }
        if milliseconds >= 1000, milliseconds % 1000 == 0 { return "\(milliseconds / 1000) s" }
        if milliseconds >= 1000 { return "\(Double(milliseconds / 100) / 10) s" }
        return "\(milliseconds) ms"
    }

    static func megabytes(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : "\(bytes >> 10) KiB"
    }
}

/// The running account of one search: what it spent and tried. Used by the searching thread
/// only (the timestamp search's workers report their totals back to it).
final class SearchLedger: @unchecked Sendable {
    let budget: SearchBudget
    private(set) var bytesHashed = 0
    private(set) var candidates = 0
    /// The end of the current part's allowance, in ``bytesHashed``.
    private var allowanceEnd: Int
    private var part = ""
    /// Whether the current part has run out of its allowance.
    private(set) var partExhausted = false
    var singleMistakes = 0
    var pairedMistakes = 0
    var pairCandidates = 0
    var pairsComplete = true
    var tripledMistakes = 0
    var tripleCandidates = 0
    var triplesComplete = true
    var timeRanges: [SearchSummary.TimeRange] = []
    private(set) var cutShort: [String] = []
    /// The last MAC computed, reused when the next candidate differs only in its output encoding.
    private var lastMAC: (key: [UInt8], hash: HashAlgorithm, prehash: [UInt8], mac: [UInt8])?

    /// The views of the last requests canonicalised: most candidates change the key, hash,
    /// encoding or template, not the request, and a view parses a JSON body (a large body costs
    /// more to parse than to hash).
    private var views: [(request: HTTPRequest, view: RequestView)] = []

    /// Bytes of hashing one byte of JSON parsing or writing is charged as: measured on a 1 MB
    /// body, parsing a body into a view and re-serialising it (the body mistakes' variants) cost
    /// several times hashing it (docs/performance.md), and both grow with the body.
    static let jsonWeight = 4

    /// The view of `request`, from the last few when it is one of them. A new view of a JSON
    /// body is charged to the budget: its parse is the search's largest cost on a large body.
    func view(of request: HTTPRequest, make: (HTTPRequest) -> RequestView) -> RequestView {
        if let cached = views.first(where: { $0.request == request }) { return cached.view }
        _ = spend(messageLength: Self.splittingCost(request), hash: .sha256, counting: false)
        let view = make(request)
        if views.count == 4 { views.removeFirst() }
        views.append((request, view))
        return view
    }

    init(budget: SearchBudget) {
        self.budget = budget
        allowanceEnd = budget.bytes
    }

    var remaining: Int { max(0, budget.bytes - bytesHashed) }

    /// Starts a part of the search that may spend `allowance` bytes (at most what is left).
    func begin(_ name: String, allowance: Int) {
        part = name
        partExhausted = false
        allowanceEnd = bytesHashed + min(max(0, allowance), remaining)
    }

    /// Whether hashing `messageLength` bytes fits the current allowance; when it does, it is
    /// charged (as one candidate when `counting`). When it does not, the part is over and is
    /// recorded as cut short.
    func spend(messageLength: Int, hash: HashAlgorithm, counting: Bool = true) -> Bool {
        let cost = Self.cost(messageLength: messageLength, hash: hash)
        guard !partExhausted, bytesHashed + cost <= allowanceEnd else {
            partExhausted = true
            if !cutShort.contains(part) { cutShort.append(part) }
            return false
        }
        bytesHashed += cost
        if counting { candidates += 1 }
        return true
    }

    /// Bytes left in the current part's allowance.
    var allowanceLeft: Int { max(0, allowanceEnd - bytesHashed) }

    /// Charges the serialisation of `variants` whose body differs from `attempt`'s (the body
    /// mistakes write the whole body again for each).
    func chargeWriting(_ variants: [SigningAttempt], from attempt: SigningAttempt) {
        for variant in variants {
            var written = 0
            if variant.request.body != attempt.request.body { written += variant.request.body.utf8.count * Self.jsonWeight }
            if variant.request.query != attempt.request.query { written += variant.request.query.utf8.count }
            if written > 0 { _ = spend(messageLength: written, hash: .sha256, counting: false) }
        }
    }

    /// What splitting `request` into a view is charged: its query and form items, and the
    /// parse of a JSON body.
    static func splittingCost(_ request: HTTPRequest) -> Int {
        let body = request.body.utf8
        let json = body.first == UInt8(ascii: "{") || body.first == UInt8(ascii: "[")
        return request.query.utf8.count + body.count * (json ? jsonWeight : 1)
    }

    /// Charges `count` candidates the timestamp search tagged, `cost` bytes each.
    func charge(candidates count: Int, costEach cost: Int) {
        bytesHashed += count * cost
        candidates += count
    }

    /// What an HMAC of `messageLength` bytes is charged: the bytes it hashes after its keyed state
    /// (the message with its padding, and the outer hash's block), weighted by what hashing a
    /// byte costs in that hash (``costPerByte(_:fourLanes:)``).
    static func cost(messageLength: Int, hash: HashAlgorithm, fourLanes: Bool = false) -> Int {
        let block = hash.blockByteCount
        let bytes = ((messageLength + block / 8 + 1 + block - 1) / block + 1) * block
        return bytes * costPerByte(hash, fourLanes: fourLanes) / 4
    }

    /// What a plain digest of `messageLength` bytes is charged: as an HMAC of them, less the
    /// outer hash's block an HMAC finalises with (a digest inside the prehash, Kraken's SHA-256
    /// of nonce + POST data, has none). Four lanes as for ``cost(messageLength:hash:fourLanes:)``
    /// (Kraken's inner SHA-256 runs four candidates per pass).
    static func digestCost(messageLength: Int, hash: HashAlgorithm, fourLanes: Bool = false) -> Int {
        cost(messageLength: messageLength, hash: hash, fourLanes: fourLanes) - hash.blockByteCount * costPerByte(hash, fourLanes: fourLanes) / 4
    }

    /// Four times the cost of hashing one byte, in bytes of the four-lane SHA-256 path (the
    /// timestamp search of HMAC-SHA256, four candidates per pass) that ``SearchBudget/standard``
    /// was sized on. One message at a time, SHA-256 runs about 2.5 times slower per byte
    /// (`bench --only venues`, docs/performance.md): charging every byte alike let a search of
    /// SHA-256 hashed one message at a time (a large request) spend 1.2 to 2 s of the budget's
    /// one second. SHA-384/512 was charged 1.5 times until its schedule moved to vectors (issue
    /// 20), which made it 1.2 times faster: now as much as the four-lane path, which is what
    /// lets Kraken's nonce (two SHA-512 blocks a candidate) be searched over the whole ±10 min
    /// within the second. The same on every machine and build, so a diagnosis still gives the
    /// same answer everywhere.
    static func costPerByte(_ hash: HashAlgorithm, fourLanes: Bool) -> Int {
        switch hash {
        case .sha224, .sha256: fourLanes ? 4 : 10
        case .sha384, .sha512, .sha512_224, .sha512_256: 4
        case .md5, .sha1: 6
        case .sha3_224, .sha3_256, .sha3_384, .sha3_512: 12
        }
    }

    /// The MAC of `prehash`, from the previous call when key, hash and prehash are the same
    /// (array equality checks shared storage first, so a reused prehash compares in O(1)).
    func mac(_ prehash: [UInt8], key: [UInt8], hash: HashAlgorithm, compute: () -> [UInt8]?) -> [UInt8]? {
        if let last = lastMAC, last.hash == hash, last.key == key, last.prehash == prehash { return last.mac }
        guard spend(messageLength: prehash.count, hash: hash), let mac = compute() else { return nil }
        lastMAC = (key, hash, prehash, mac)
        return mac
    }

    var summary: SearchSummary {
        var summary = SearchSummary(candidates: candidates, singleMistakes: singleMistakes, pairedMistakes: pairedMistakes,
                                    pairCandidates: pairCandidates, pairsComplete: pairsComplete, timeRanges: timeRanges,
                                    bytesHashed: bytesHashed, cutShort: cutShort)
        summary.tripledMistakes = tripledMistakes
        summary.tripleCandidates = tripleCandidates
        summary.triplesComplete = triplesComplete
        return summary
    }
}
