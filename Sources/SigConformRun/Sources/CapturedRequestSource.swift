import SigConformCore

/// Captured requests (a curl line, a raw HTTP request, a HAR's entries, a case or vector file),
/// each made ready to be judged by the run loop: its venue resolved (given, named by the input,
/// or detected from host and headers) and its credentials filled (``CredentialResolver``). A
/// request that cannot be judged is an input error of its own, and the rest are still read, so a
/// HAR's first bad entry does not hide the others. `diagnose` reads its input through it; a
/// future source of captured traffic (a proxy, a server) builds one the same way.
package struct CapturedRequestSource: VectorSource {
    package let names: [String]
    package let listing: CorpusListing
    /// In input order: each selected request's vector, or why it cannot be judged, then the
    /// `--id`s that matched no request.
    private let items: [SourceItem]
    /// The hosts of a HAR's entries that fit no venue (its page's other traffic), left out
    /// without an error when no venue was given.
    package let otherHosts: [String]

    /// How the requests are judged beyond what they carry.
    package struct Options: Sendable {
        /// The venue every request is to (`--venue`); else each request's own, or the one its host names.
        package var venue: String?
        /// Credentials given on the command line; they win over the input's own.
        package var credentials: Credentials
        /// Only the requests with these ids (a vector's id, `har-entry-N`); empty selects all.
        package var ids: [String]
        /// The venue's clock when the requests arrived, ms since the epoch.
        package var serverTime: Int64?

        package init(venue: String? = nil, credentials: Credentials = Credentials(), ids: [String] = [], serverTime: Int64? = nil) {
            self.venue = venue
            self.credentials = credentials
            self.ids = ids
            self.serverTime = serverTime
        }
    }

    /// `requests`, read from `input` (its name as the user gave it; nil for a command-line
    /// argument such as `--curl`, which is no file), judged under `registry`.
    package init(_ requests: [CapturedRequest], input: String?, name: String, options: Options, registry: VenueRegistry) {
        names = [name]
        var listing = CorpusListing()
        listing.files = input.map { [$0] } ?? []
        self.listing = listing
        let detector = VenueDetector(registry: registry)
        var items: [SourceItem] = []
        var otherHosts: [String] = []
        for captured in requests where options.ids.isEmpty || options.ids.contains(captured.id) {
            if captured.isOneOfMany, options.venue == nil, detector.candidates(for: captured.request).isEmpty {
                otherHosts.append(captured.request.host ?? "(no host)")
                continue
            }
            switch Self.prepared(captured, options: options, registry: registry) {
            case .success(let vector): items.append(.vector(vector, file: input ?? name))
            case .failure(let error): items.append(.error(error))
            }
        }
        for id in options.ids.sorted() where !requests.contains(where: { $0.id == id }) {
            items.append(.error(InputError(file: "--id \(id)", message: "matched no request in the input",
                                           hint: "ids are the vectors' ids, or har-entry-N for a HAR file")))
        }
        self.items = items
        self.otherHosts = otherHosts
    }

    package func read(_ body: (SourceItem) -> Void) { items.forEach(body) }

    package var nothingRead: InputError? {
        InputError(file: names.joined(separator: ", "),
                   message: otherHosts.isEmpty ? "holds no request: nothing was diagnosed" : "no request fits a known venue: nothing was diagnosed",
                   hint: "pass --venue, or a capture of a request to an exchange")
    }

    /// The vector that judges `captured`: its venue's, with the credentials filled.
    static func prepared(_ captured: CapturedRequest, options: Options, registry: VenueRegistry) -> Result<Vector, InputError> {
        var captured = captured
        let venue: Venue
        do { venue = try Self.venue(of: captured, given: options.venue, registry: registry) } catch { return .failure(error) }
        if let serverTime = options.serverTime { captured.time.serverTime = serverTime }
        do {
            let resolved = try CredentialResolver(given: options.credentials).resolve(captured.credentials, venue: venue, request: captured.request, for: .diagnosis)
            return .success(captured.vector(venue: venue.id, credentials: resolved))
        } catch {
            return .failure(InputError(error, file: captured.label))
        }
    }

    /// The venue `given` names, else the one the request names, else the one its host and headers fit.
    static func venue(of captured: CapturedRequest, given: String?, registry: VenueRegistry) throws(InputError) -> Venue {
        if let id = given ?? captured.venue {
            guard let venue = registry[id] else {
                throw InputError(file: captured.origin.file, message: "unknown venue \"\(id)\"",
                                 hint: unknownVenueHint(id, known: registry.sorted.map(\.id)), code: .unknownVenue)
            }
            return venue
        }
        let candidates = VenueDetector(registry: registry).candidates(for: captured.request)
        guard candidates.count == 1, let venue = candidates.first else {
            throw InputError(file: captured.origin.file,
                             message: candidates.isEmpty ? "cannot tell the venue from the host and headers"
                                 : "the request fits several venues: \(candidates.map(\.id).joined(separator: ", "))",
                             hint: "pass --venue")
        }
        return venue
    }
}
