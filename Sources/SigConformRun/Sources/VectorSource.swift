import SigConformCore

/// One unit of a run's input, in input order.
package enum SourceItem: Sendable {
    /// A decoded vector and the file it came from.
    case vector(Vector, file: String)
    /// A line of a JSON Lines file, not yet parsed: the run decodes lines on its worker
    /// threads (parsing is most of the cost of a large JSON Lines corpus). Its bytes are a
    /// slice of the read that holds them, not a copy (``CorpusLoader/readBytes``).
    case line(file: String, number: Int, bytes: ArraySlice<UInt8>)
    /// Input that could not be used (a file, a line); it counts towards the exit status.
    case error(InputError)
}

/// Where a run's vectors come from. A run (``CheckRunner/run(_:filter:check:progress:each:)``)
/// reads its source once, in order, and selects, checks and reports what it yields; a new kind
/// of input (a vector store, a server's captured traffic) is one more conformance.
package protocol VectorSource {
    /// What the user named as the input (paths), for messages about the run as a whole.
    var names: [String] { get }
    /// The files the source reads, the errors met finding them, and folders it left out on purpose.
    var listing: CorpusListing { get }
    /// Hands every item to `body`, in input order; a file that cannot be read is an `.error` item.
    func read(_ body: (SourceItem) -> Void)
    /// What a run says when the source yielded nothing at all (nil: "holds no vectors").
    var nothingRead: InputError? { get }
}

extension VectorSource {
    package var nothingRead: InputError? { nil }
}

/// A source that is one file: it names that file and lists it alone.
protocol FileSource: VectorSource {
    var file: String { get }
}

extension FileSource {
    package var names: [String] { [file] }
    package var listing: CorpusListing {
        var listing = CorpusListing()
        listing.files = [file]
        return listing
    }
}

/// A vector file (`.json`): one JSON document with a `vectors` array, decoded whole.
struct VectorFileSource: FileSource {
    package let file: String
    package init(file: String) { self.file = file }

    package func read(_ body: (SourceItem) -> Void) {
        do {
            try CorpusLoader().forEachVector(in: file, body: { body(.vector($0, file: file)) }, lineError: { body(.error($0)) })
        } catch {
            body(.error(error))
        }
    }
}

/// A JSON Lines corpus (`.jsonl`): one vector per line, read as a stream so memory does not
/// grow with the file; a bad line is one error and the next line is still read.
package struct JSONLinesSource: FileSource {
    package let file: String
    package init(file: String) { self.file = file }

    package func read(_ body: (SourceItem) -> Void) {
        do {
            try CorpusLoader().forEachLine(of: file, line: { body(.line(file: file, number: $0, bytes: $1)) }, lineError: { body(.error($0)) })
        } catch {
            body(.error(error))
        }
    }
}

/// The files and folders given on the command line: walked by ``CorpusLoader``'s rule, each
/// file read as a ``VectorFileSource`` or a ``JSONLinesSource`` by its name.
package struct CorpusSource: VectorSource {
    package let names: [String]
    package let listing: CorpusListing

    package init(paths: [String]) {
        names = paths
        listing = CorpusLoader().list(paths)
    }

    package func read(_ body: (SourceItem) -> Void) {
        for file in listing.files {
            if CorpusLoader.isJSONLines(file) {
                JSONLinesSource(file: file).read(body)
            } else {
                VectorFileSource(file: file).read(body)
            }
        }
    }
}
