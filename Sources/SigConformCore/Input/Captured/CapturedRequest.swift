/// A request as a client sent it, read from one of the forms developers have at hand (a curl
/// line, a raw HTTP request, a HAR entry, a case or vector file), with whatever the input said
/// about it: its venue, credentials and the venue's clock. Commands turn it into the vector they
/// check, diagnose or record once they know the venue and the credentials.
public struct CapturedRequest: Sendable {
    /// The request's id in its input: `curl`, `http`, `case`, `har-entry-N`, or a vector's id.
    public var id: String
    public var request: HTTPRequest
    /// The venue the input names; nil when it must be detected from the host and headers.
    public var venue: String?
    /// The credentials the input carries (a case's or a vector's); command-line credentials win
    /// over them (``CredentialResolver``).
    public var credentials: Credentials
    public var time: TimeContext
    /// Where it is in its file, for reports.
    public var origin: VectorOrigin
    /// Where it came from, for messages ("file.har entry 3").
    public var label: String
    /// One of many requests in an input that also records unrelated traffic (a HAR file): an
    /// entry that fits no venue is counted and said, not an error.
    public var isOneOfMany: Bool
    /// What the parser left out without changing the request (curl options such as `-s`).
    public var notes: [String]
    /// The vector as written, when the input was a vector file: its expectations are checked too.
    public var vector: Vector?

    public init(id: String, request: HTTPRequest, venue: String? = nil, credentials: Credentials = Credentials(), time: TimeContext = TimeContext(),
                origin: VectorOrigin, label: String, isOneOfMany: Bool = false, notes: [String] = []) {
        self.id = id
        self.request = request
        self.venue = venue
        self.credentials = credentials
        self.time = time
        self.origin = origin
        self.label = label
        self.isOneOfMany = isOneOfMany
        self.notes = notes
    }

    /// A vector file's vector as a captured request.
    public init(_ vector: Vector) {
        self.init(id: vector.id, request: vector.request, venue: vector.venue.isEmpty ? nil : vector.venue, credentials: vector.credentials,
                  time: vector.time, origin: vector.origin, label: vector.origin.description)
        self.vector = vector
    }

    /// The vector to evaluate under `venue` with `credentials`: a vector file's own vector, or a
    /// request expected to be signed correctly (`invalid` until a check says otherwise).
    public func vector(venue: String, credentials: Credentials) -> Vector {
        var vector = self.vector ?? Vector(id: id, venue: venue, credentials: credentials, request: request, time: time,
                                           result: .invalid, expect: Expectation(), origin: origin)
        vector.venue = venue
        vector.credentials = credentials
        vector.time = time
        return vector
    }
}
