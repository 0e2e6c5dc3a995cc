import Foundation

/// Reads input files with the checks a hostile corpus needs: a size bound, regular files only,
/// and errors that say which path and why instead of a crash or a hang.
package enum FileReader {
    /// Files larger than this are refused (a vector file is kilobytes; use JSON Lines for corpora).
    package static let maximumFileBytes = InputLimits.fileBytes

    /// Checks that `path` (after following links) is a regular file this process may read and
    /// returns its size. A device or FIFO named `*.json` would otherwise be read forever.
    package static func checkReadableFile(_ path: String) throws(InputError) -> Int {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == EACCES {
                throw InputError(file: path, message: "cannot be read (permission denied on a folder above it)", hint: "check the folders' permissions", code: .unreadable)
            }
            throw InputError(file: path, message: "no such file", hint: "check the path (a link must point to an existing file)", code: .unreadable)
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR:
            throw InputError(file: path, message: "is a directory where a file was expected", hint: "pass the file, or the directory as a corpus root", code: .unreadable)
        default:
            throw InputError(file: path, message: "is not a regular file (a device, pipe or socket)", hint: "pass a vector file", code: .unreadable)
        }
        guard access(path, R_OK) == 0 else {
            throw InputError(file: path, message: "cannot be read (permission denied)", hint: "check the file's permissions", code: .unreadable)
        }
        return Int(status.st_size)
    }

    /// Standard input, read up to `limit` bytes: one byte more is an error, whatever follows
    /// is not read (`cat /dev/zero | sigconform diagnose -` ends at the limit, not in swap).
    package static func readStandardInput(limit: Int = InputLimits.capturedRequestBytes) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        while bytes.count <= limit {
            let chunk = FileHandle.standardInput.readData(ofLength: min(1 << 20, limit + 1 - bytes.count))
            if chunk.isEmpty { return bytes }
            bytes += chunk
        }
        throw InputError(file: "<stdin>", message: "is longer than the \(InputLimits.describe(limit)) limit for a request; not read",
                         hint: "give one request (a curl line, a raw HTTP request or a case), not a stream")
    }

    /// The file at `path` (or standard input for `-`), at most `limit` bytes.
    package static func read(_ path: String, limit: Int) throws(InputError) -> [UInt8] {
        if path == "-" { return try readStandardInput(limit: limit) }
        return try read(path, maximumBytes: limit)
    }

    package static func read(_ path: String) throws(InputError) -> [UInt8] { try read(path, maximumBytes: maximumFileBytes) }

    static func read(_ path: String, maximumBytes: Int) throws(InputError) -> [UInt8] {
        let size = try checkReadableFile(path)
        guard size <= maximumBytes else {
            throw InputError(file: path, message: "is \(size) bytes, over the \(InputLimits.describe(maximumBytes)) limit for one file",
                             hint: maximumBytes == maximumFileBytes ? "split it, or write the corpus as JSON Lines (.jsonl), which is streamed" : "give one request")
        }
        // Bounded read: the file may have grown since it was measured.
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, message: "could not be opened", hint: "check that it is a readable regular file", code: .unreadable)
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw InputError(file: path, message: "could not be read: \(error.localizedDescription)", code: .unreadable)
        }
        guard data.count <= maximumBytes else {
            throw InputError(file: path, message: "grew past the \(InputLimits.describe(maximumBytes)) limit while being read",
                             hint: "split it, or write the corpus as JSON Lines (.jsonl), which is streamed")
        }
        return [UInt8](data)
    }

    /// Parses a JSON file into a reader, errors located in the file.
    package static func readJSON(_ path: String) throws(InputError) -> JSONReader {
        let bytes = try read(path)
        do {
            return JSONReader(file: path, document: try JSONParser().parse(bytes))
        } catch {
            throw InputError(error, file: path)
        }
    }
}
