/// Every bound sigconform puts on outside input, in one place (SECURITY.md lists them).
///
/// Each is enforced while the input is read, not after: a reader stops at the bound and says
/// which limit was hit, so no hostile input can make the process hold more than a small
/// multiple of these sizes. Raise one here and in SECURITY.md together.
public enum InputLimits {
    /// One JSON file: a vector file, a venue recipe, a HAR, a JSON report read by `report merge`.
    public static let fileBytes = 64 << 20
    /// One line of a JSON Lines corpus (the corpus itself is streamed, so it has no bound).
    public static let jsonLinesLineBytes = 1 << 20
    /// Nesting of JSON arrays and objects.
    public static let jsonDepth = 64
    /// A request read from standard input or a file for `diagnose` and `record` (curl line,
    /// raw HTTP, JSON vector).
    public static let capturedRequestBytes = 16 << 20
    /// One request: method, path, query, headers and body together. An exchange request is
    /// kilobytes; the diagnosis holds a few dozen rewritten copies of a failing one.
    public static let requestBytes = 1 << 20
    /// Requests in one HAR file (a browser session's capture is hundreds).
    public static let harEntries = 10_000
    /// One answer line of a `--signer` process; a longer line is an error for that vector.
    public static let signerAnswerBytes = 4 << 20
    /// A JSON report read back by `report merge`. Read piece by piece (``JSONObjectStream``),
    /// so memory does not grow with it: a 100,000-vector shard writes about 224 MB, and this
    /// leaves room for twenty times that. `check --shard` says when it wrote a larger one.
    public static let reportBytes = 4 << 30
    /// One vector of a JSON report, or one of its other members (the input errors, the
    /// venues), parsed whole: about 11 times this in memory at most. A vector's request is at
    /// most ``requestBytes``; its report holds a few escaped copies of it.
    public static let reportEntryBytes = 64 << 20
    /// `--shard K/N`: N at most this (a report claiming more is refused by `report merge`).
    public static let shardCount = 10_000
    /// Folders below a corpus root; deeper folders are an input error, not a silent skip.
    public static let folderDepth = 64

    /// Why `request` is over ``requestBytes``, or `nil` when it is not.
    public static func oversizedRequest(_ request: HTTPRequest) -> String? {
        var size = request.method.utf8.count + (request.host?.utf8.count ?? 0) + request.path.utf8.count + request.query.utf8.count
        size += request.body.utf8.count
        for field in request.headers.fields { size += field.name.utf8.count + field.value.utf8.count }
        guard size > requestBytes else { return nil }
        return "the request is \(size) bytes, over the \(describe(requestBytes)) limit for one request"
    }

    /// `bytes` written for people: "4 GiB", "64 MiB", "512 KiB", "12 bytes".
    public static func describe(_ bytes: Int) -> String {
        if bytes >= 1 << 30, bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20, bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10, bytes % (1 << 10) == 0 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
