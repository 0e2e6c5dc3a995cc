import Foundation

/// Reads input files with the checks a hostile corpus needs: a size bound, and errors that say
/// which path and why instead of a crash.
public enum FileReader {
    /// Files larger than this are refused (a vector file is kilobytes; use JSON Lines for corpora).
    public static let maximumFileBytes = 64 << 20

    public static func read(_ path: String) throws(InputError) -> [UInt8] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, message: "no such file", hint: "check the path")
        }
        guard !isDirectory.boolValue else {
            throw InputError(file: path, message: "is a directory where a file was expected", hint: "pass the file, or the directory as a corpus root")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw InputError(file: path, message: "cannot be read (permission denied)", hint: "check the file's permissions")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= maximumFileBytes else {
            throw InputError(file: path, message: "is \(size) bytes, over the \(maximumFileBytes >> 20) MiB limit for one file",
                             hint: "split it, or write the corpus as JSON Lines (.jsonl), which is streamed")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "could not be read", hint: "check that it is a regular file")
        }
        return [UInt8](data)
    }

    /// Parses a JSON file into a reader, errors located in the file.
    public static func readJSON(_ path: String) throws(InputError) -> JSONReader {
        let bytes = try read(path)
        do {
            return JSONReader(file: path, document: try JSONParser().parse(bytes))
        } catch {
            throw InputError(file: path, location: error.location, message: error.message, hint: error.hint)
        }
    }
}
