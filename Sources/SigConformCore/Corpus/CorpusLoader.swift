import Foundation

/// Finds and reads vector files: directories (recursively; a folder with a venue.json is a venue
/// folder), `.json` vector files and `.jsonl` JSON Lines corpora, streamed vector by vector so a
/// large corpus never has to fit in memory.
///
/// What a folder walk reads, and what it leaves, is one rule (docs/vector-format.md): every file
/// whose name ends in `.json` or `.jsonl` in any letter case, hidden or not, except `venue.json`;
/// every folder, except hidden folders (`.git`) and the folders `schema` and `standard` directly
/// inside a folder given on the command line (the bundled corpus keeps JSON Schemas and MAC
/// test data there). Every folder left out is listed in ``CorpusListing/skipped`` so the run
/// can say so; a folder deeper than ``InputLimits/folderDepth`` is an input error.
package struct CorpusLoader: Sendable {
    /// Folder names that hold other kinds of files (JSON Schemas, Wycheproof MAC vectors),
    /// skipped only directly inside a root folder.
    package static let skippedFolders: Set<String> = ["schema", "standard"]

    package init() {}

    /// Every vector file under `paths`, in a stable order. Paths that do not exist become errors.
    package func files(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        let listing = list(paths)
        return (listing.files, listing.errors)
    }

    /// The files under `paths`, the errors met and the folders left out; with
    /// `includingVenueFiles`, `venue.json` files too (for `lint`).
    package func list(_ paths: [String], includingVenueFiles: Bool = false) -> CorpusListing {
        var listing = CorpusListing()
        var visited: Set<String> = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                listing.errors.append(InputError(file: path, message: "no such file or directory", hint: "check the path", code: .unreadable))
                continue
            }
            if isDirectory.boolValue {
                collect(directory: path, depth: 0, includingVenueFiles: includingVenueFiles, into: &listing, visited: &visited)
            } else {
                listing.files.append(path)
            }
        }
        return listing
    }

    /// Whether a file name is read as a vector file (`venue.json` aside).
    package static func isVectorFileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".json") || lower.hasSuffix(".jsonl")
    }

    /// Whether `file` is read as JSON Lines.
    package static func isJSONLines(_ file: String) -> Bool { file.lowercased().hasSuffix(".jsonl") }

    static func overlongLine(_ file: String, _ line: Int) -> InputError {
        InputError(file: file, location: SourceLocation(line: line, column: 1),
                   message: "a line longer than \(InputLimits.describe(InputLimits.jsonLinesLineBytes)); not read",
                   hint: "one vector per line; a vector is kilobytes")
    }

    /// `visited` holds the real paths of the folders read so far: a link back up the tree would
    /// otherwise read the same files again at every level until paths grow too long.
    func collect(directory: String, depth: Int, includingVenueFiles: Bool, into listing: inout CorpusListing, visited: inout Set<String>) {
        guard depth <= InputLimits.folderDepth else {
            listing.errors.append(InputError(file: directory, message: "is more than \(InputLimits.folderDepth) folders below the folder given; not read",
                                             hint: "pass the deep folder itself, or flatten the tree"))
            return
        }
        let realPath = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard visited.insert(realPath).inserted else {
            listing.errors.append(InputError(file: directory, message: "is a link to \(realPath), a folder already read; not read again",
                                             hint: "remove the link, or pass each folder once"))
            return
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            listing.errors.append(InputError(file: directory, message: "cannot list the directory", hint: "check its permissions", code: .unreadable))
            return
        }
        for entry in entries.sorted() {
            let path = (directory as NSString).appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if entry.hasPrefix(".") || (depth == 0 && Self.skippedFolders.contains(entry)) {
                    listing.skipped.append(path)
                } else {
                    collect(directory: path, depth: depth + 1, includingVenueFiles: includingVenueFiles, into: &listing, visited: &visited)
                }
            } else if Self.isVectorFileName(entry), includingVenueFiles || entry.lowercased() != "venue.json" {
                listing.files.append(path)
            }
        }
    }

    /// Calls `body` with every vector of `file`, or throws when the file cannot be used.
    /// A JSON Lines file reports each bad line as an error and goes on with the next.
    package func forEachVector(
        in file: String, body: (Vector) -> Void, lineError: (InputError) -> Void
    ) throws(InputError) {
        if Self.isJSONLines(file) {
            try forEachLine(of: file, body: body, lineError: lineError)
            return
        }
        let reader = try FileReader.readJSON(file)
        for vector in try VectorDecoder().decodeFile(reader) { body(vector) }
    }

    func forEachLine(of file: String, body: (Vector) -> Void, lineError: (InputError) -> Void) throws(InputError) {
        try forEachLine(of: file, line: { number, bytes in
            switch Self.decodeLine(bytes, number: number, of: file) {
            case .vector(let vector): body(vector)
            case .error(let error): lineError(error)
            }
        }, lineError: lineError)
    }

    /// What one line of a JSON Lines file holds.
    package enum DecodedLine: Sendable {
        case vector(Vector)
        case error(InputError)
    }

    /// Parses and decodes one line of a JSON Lines file as ``forEachLine(of:line:lineError:)``
    /// hands it on (`number` is 1-based). Pure, so lines can be decoded on several threads
    /// (``CheckRunner``).
    package static func decodeLine(_ bytes: ArraySlice<UInt8>, number lineNumber: Int, of file: String) -> DecodedLine {
        // Most lines are well-formed vectors: read straight from the bytes. Anything the fast
        // path declines is parsed and decoded as before, so every error is reported as before.
        if var vector = VectorLineDecoder.decode(bytes, file: file) {
            // The fast path takes only lines that start with the vector's `{`: line 1, column 1 of
            // the line, which is `lineNumber` of the file (as the slow path places it below).
            vector.origin.location = SourceLocation(line: lineNumber, column: 1)
            return .vector(vector)
        }
        return decodeLineThroughTree(bytes, number: lineNumber, of: file)
    }

    /// ``decodeLine(_:number:of:)`` without the fast path: the parser's tree, then ``VectorDecoder``.
    package static func decodeLineThroughTree(_ bytes: ArraySlice<UInt8>, number lineNumber: Int, of file: String) -> DecodedLine {
        do {
            let document = try JSONParser(limits: .init(maximumDepth: InputLimits.jsonDepth, maximumBytes: InputLimits.jsonLinesLineBytes)).parse(Array(bytes))
            let reader = JSONReader(file: file, document: document)
            var vector = try VectorDecoder().decodeVector(document.root, at: "", reader: reader, fileVenue: nil)
            // The line was parsed on its own, so the vector's location is within the line (line 1):
            // made to point into the file, as the errors' are below. Every JSON Lines vector was
            // reported at line 1, and merged shard reports ordered them by id, not by line.
            if let location = vector.origin.location {
                vector.origin.location = SourceLocation(line: lineNumber + location.line - 1, column: location.column)
            }
            return .vector(vector)
        } catch let error as JSONParseError {
            return .error(InputError(error.onLine(lineNumber), file: file))
        } catch let error as InputError {
            // Locations inside a line are relative to it; make them point into the file.
            var located = error
            located.location = SourceLocation(line: lineNumber, column: error.location?.column ?? 1)
            return .error(located)
        } catch {
            return .error(InputError(file: file, location: SourceLocation(line: lineNumber, column: 1), message: "\(error)"))
        }
    }

    /// Bytes read from a JSON Lines file at a time. A line within one read is handed on as a
    /// slice of it (no copy per line); the slices of a run's batch keep their reads alive, so a
    /// read is kept small: a batch of lines holds at most a few of them.
    package static let readBytes = 64 << 10

    /// Calls `line` with each line of the JSON Lines `file` that is not blank (its 1-based number
    /// and its bytes, without the line break) as it is read; an overlong line is one `lineError`
    /// and is not handed on.
    package func forEachLine(of file: String, line body: (Int, ArraySlice<UInt8>) -> Void, lineError: (InputError) -> Void) throws(InputError) {
        _ = try FileReader.checkReadableFile(file)
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw InputError(file: file, message: "cannot be opened", hint: "check that it is a readable regular file", code: .unreadable)
        }
        defer { try? handle.close() }
        var lineNumber = 0
        func handleLine(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            var bytes = line
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            guard bytes.count <= InputLimits.jsonLinesLineBytes else {
                lineError(Self.overlongLine(file, lineNumber))
                return
            }
            body(lineNumber, bytes)
        }
        // Lines are cut as they arrive; a line that outgrows the limit is one error, its bytes
        // are dropped until its newline, and every later line is still read (an overlong line
        // must not swallow the vectors after it). A line begun in an earlier read is gathered
        // in `pending`, the rest are slices of the read that holds them.
        let limit = InputLimits.jsonLinesLineBytes
        var pending: [UInt8] = []
        var discarding = false
        while true {
            let chunk = try Self.nextChunk(of: handle, file: file)
            if chunk.isEmpty { break }
            var start = 0
            chunk.withUnsafeBufferPointer { buffer in
                let base = buffer.baseAddress!
                while start < buffer.count, let found = memchr(base + start, 0x0A, buffer.count - start) {
                    let newline = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if discarding {
                        discarding = false
                    } else if !pending.isEmpty {
                        pending.append(contentsOf: buffer[start..<newline])
                        handleLine(pending[...])
                        pending = []
                    } else {
                        handleLine(chunk[start..<newline])
                    }
                    start = newline + 1
                }
            }
            if !discarding { pending.append(contentsOf: chunk[start...]) }
            // One byte over the limit may be the line's "\r", which is not counted.
            if !discarding, pending.count > limit + 1 {
                lineNumber += 1
                lineError(Self.overlongLine(file, lineNumber))
                discarding = true
                pending = []
            }
        }
        if discarding { return }
        if !pending.isEmpty { handleLine(pending[...]) }
    }

    /// The next ``readBytes`` of `handle` at most, empty at its end.
    static func nextChunk(of handle: FileHandle, file: String) throws(InputError) -> [UInt8] {
        let descriptor = handle.fileDescriptor
        var failure: Int32 = 0
        let chunk = [UInt8](unsafeUninitializedCapacity: readBytes) { buffer, count in
            while true {
                let got = read(descriptor, buffer.baseAddress, buffer.count)
                if got >= 0 {
                    count = got
                    return
                }
                guard errno == EINTR else {
                    failure = errno
                    count = 0
                    return
                }
            }
        }
        guard failure == 0 else {
            throw InputError(file: file, message: "could not be read: \(String(cString: strerror(failure)))", code: .unreadable)
        }
        return chunk
    }
}

/// What a folder walk found: files to read, errors met, and folders it left out on purpose.
package struct CorpusListing: Sendable {
    package var files: [String] = []
    package var errors: [InputError] = []
    /// Folders not read by the rule in ``CorpusLoader`` (hidden folders, a root's `schema` and `standard`).
    package var skipped: [String] = []

    package init() {}

    /// The line a run prints about `skipped` folders.
    package static func skippedNote(_ skipped: [String]) -> String {
        "not read (hidden folders, and schema/ and standard/ directly inside a folder given; docs/vector-format.md): " + skipped.joined(separator: ", ")
    }
}
