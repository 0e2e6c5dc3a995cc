import Foundation

/// Finds and reads vector files: directories (recursively; a folder with a venue.json is a venue
/// folder), `.json` vector files and `.jsonl` JSON Lines corpora, streamed vector by vector so a
/// large corpus never has to fit in memory.
public struct CorpusLoader: Sendable {
    /// Folder names that hold other kinds of files (JSON Schemas, Wycheproof MAC vectors).
    public static let skippedFolders: Set<String> = ["schema", "standard"]

    public init() {}

    /// Every vector file under `paths`, in a stable order. Paths that do not exist become errors.
    public func files(_ paths: [String]) -> (files: [String], errors: [InputError]) {
        var files: [String] = []
        var errors: [InputError] = []
        var visited: Set<String> = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(InputError(file: path, message: "no such file or directory", hint: "check the path"))
                continue
            }
            if isDirectory.boolValue {
                collect(directory: path, into: &files, errors: &errors, visited: &visited)
            } else {
                files.append(path)
            }
        }
        return (files, errors)
    }

    /// `visited` holds the real paths of the folders read so far: a link back up the tree would
    /// otherwise read the same files again at every level until paths grow too long.
    func collect(directory: String, into files: inout [String], errors: inout [InputError], visited: inout Set<String>) {
        let realPath = URL(fileURLWithPath: directory).resolvingSymlinksInPath().path
        guard visited.insert(realPath).inserted else {
            errors.append(InputError(file: directory, message: "is a link to \(realPath), a folder already read; not read again",
                                     hint: "remove the link, or pass each folder once"))
            return
        }
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            errors.append(InputError(file: directory, message: "cannot list the directory", hint: "check its permissions"))
            return
        }
        for entry in entries.sorted() where !entry.hasPrefix(".") {
            let path = (directory as NSString).appendingPathComponent(entry)
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if !Self.skippedFolders.contains(entry) { collect(directory: path, into: &files, errors: &errors, visited: &visited) }
            } else if entry != "venue.json", entry.hasSuffix(".json") || entry.hasSuffix(".jsonl") {
                files.append(path)
            }
        }
    }

    /// Calls `body` with every vector of `file`, or throws when the file cannot be used.
    /// A JSON Lines file reports each bad line as an error and goes on with the next.
    public func forEachVector(
        in file: String, body: (Vector) -> Void, lineError: (InputError) -> Void
    ) throws(InputError) {
        if file.hasSuffix(".jsonl") {
            try forEachLine(of: file, body: body, lineError: lineError)
            return
        }
        let reader = try FileReader.readJSON(file)
        for vector in try VectorDecoder().decodeFile(reader) { body(vector) }
    }

    func forEachLine(of file: String, body: (Vector) -> Void, lineError: (InputError) -> Void) throws(InputError) {
        _ = try FileReader.checkReadableFile(file)
        guard let handle = FileHandle(forReadingAtPath: file) else {
            throw InputError(file: file, message: "cannot be opened", hint: "check that it is a readable regular file")
        }
        defer { try? handle.close() }
        var lineNumber = 0
        var pending: [UInt8] = []
        let decoder = VectorDecoder()
        func handleLine(_ line: ArraySlice<UInt8>) {
            lineNumber += 1
            var bytes = Array(line)
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { return }
            do {
                let document = try JSONParser(limits: .init(maximumDepth: 64, maximumBytes: 1 << 20)).parse(bytes)
                let reader = JSONReader(file: file, document: document)
                body(try decoder.decodeVector(document.root, at: "", reader: reader, fileVenue: nil))
            } catch let error as JSONParseError {
                lineError(InputError(file: file, location: SourceLocation(line: lineNumber, column: error.location.column), message: error.message, hint: error.hint))
            } catch let error as InputError {
                // Locations inside a line are relative to it; make them point into the file.
                var located = error
                located.location = SourceLocation(line: lineNumber, column: error.location?.column ?? 1)
                lineError(located)
            } catch {
                lineError(InputError(file: file, location: SourceLocation(line: lineNumber, column: 1), message: "\(error)"))
            }
        }
        while true {
            let chunk = handle.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            pending += chunk
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                handleLine(pending[start..<newline])
                start = newline + 1
            }
            pending.removeFirst(start)
            if pending.count > 1 << 20 {
                lineNumber += 1
                lineError(InputError(file: file, location: SourceLocation(line: lineNumber, column: 1), message: "a line longer than 1 MiB",
                                     hint: "one vector per line; a vector is kilobytes"))
                // Skip to the end of this overlong line.
                while true {
                    let more = handle.readData(ofLength: 1 << 20)
                    if more.isEmpty { pending = []; break }
                    if let newline = more.firstIndex(of: 0x0A) {
                        pending = Array(more[(newline + 1)...])
                        break
                    }
                }
            }
        }
        if !pending.isEmpty { handleLine(pending[...]) }
    }
}
