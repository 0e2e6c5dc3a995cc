import Foundation
import SigConformCore
import SigConformMAC

/// A vector file or folder that cannot be used: the self-test cannot say anything about it.
public enum SelfTestError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or folder could not be read at all.
    case unreadable(file: String, reason: String)
    /// The file was read but does not follow its format; `reason` says where and what.
    case malformed(file: String, reason: String)

    /// The file the error is about.
    public var file: String {
        switch self {
        case .unreadable(let file, _), .malformed(let file, _): file
        }
    }

    public var description: String {
        switch self {
        case .unreadable(let file, let reason):
            "cannot read \(file): \(reason)"
        case .malformed(let file, let reason):
            "\(file) is malformed: \(reason) (\(Self.malformedFix))"
        }
    }

    static let malformedFix = "fix the file or restore it from upstream; see vectors/standard/README.md"
}

extension SelfTestError: DiagnosticConvertible {
    /// An `unreadable` or `structure` diagnostic of the error's own file (`file` is not needed:
    /// the self-test names its files itself).
    public func diagnostics(file _: String) -> [Diagnostic] {
        switch self {
        case .unreadable(let file, let reason):
            [Diagnostic(.unreadable, file: file, message: "cannot be read: \(reason)")]
        case .malformed(let file, let reason):
            [Diagnostic(.structure, file: file, message: "is malformed: \(reason)", fix: Self.malformedFix)]
        }
    }

    /// Its diagnostics.
    public var diagnostics: [Diagnostic] { diagnostics(file: file) }
}

extension SelfTestError {
    /// The most bytes one standard vector file may have: `InputLimits.fileBytes`, which this
    /// module cannot see (it depends on SigConformMAC only); a test keeps the two equal.
    public static let maximumFileBytes = 64 << 20

    /// Reads `url` completely, as a typed error naming the file when that fails. Only a regular
    /// file of at most ``maximumFileBytes`` is read: a FIFO or a link to /dev/zero named
    /// `x.json` would otherwise be read forever.
    static func readData(_ url: URL, name: String) throws(SelfTestError) -> Data {
        var status = stat()
        guard stat(url.path, &status) == 0 else { throw .unreadable(file: name, reason: String(cString: strerror(errno))) }
        guard status.st_mode & S_IFMT == S_IFREG else { throw .unreadable(file: name, reason: "not a regular file (a device, pipe or socket)") }
        guard Int(status.st_size) <= maximumFileBytes else {
            throw .unreadable(file: name, reason: "\(status.st_size) bytes, over the \(maximumFileBytes >> 20) MiB limit for one file")
        }
        do {
            guard let handle = FileHandle(forReadingAtPath: url.path) else { throw CocoaError(.fileReadNoPermission) }
            defer { try? handle.close() }
            let data = try handle.read(upToCount: maximumFileBytes + 1) ?? Data()
            guard data.count <= maximumFileBytes else {
                throw SelfTestError.unreadable(file: name, reason: "grew past the \(maximumFileBytes >> 20) MiB limit while being read")
            }
            return data
        } catch let error as SelfTestError {
            throw error
        } catch {
            throw .unreadable(file: name, reason: Self.reason(of: error))
        }
    }

    /// Decodes JSON, turning decoding errors into `malformed` with the coding path of the problem.
    static func decodeJSON<Value: Decodable>(
        _ type: Value.Type, from data: Data, name: String
    ) throws(SelfTestError) -> Value {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw .malformed(file: name, reason: describe(error))
        } catch {
            throw .malformed(file: name, reason: Self.reason(of: error))
        }
    }

    /// `testGroups[0].tests[3].tag: <what is wrong>`, with `(top level)` for the document itself.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            "\(path(context.codingPath)): expected \(type): \(context.debugDescription)"
        case .valueNotFound(let type, let context):
            "\(path(context.codingPath)): missing \(type) value: \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            "\(path(context.codingPath + [key])): required key is missing"
        case .dataCorrupted(let context):
            "\(path(context.codingPath)): \(underlyingDetail(context))"
        @unknown default:
            "\(error)"
        }
    }

    private static func underlyingDetail(_ context: DecodingError.Context) -> String {
        guard let underlying = context.underlyingError else { return context.debugDescription }
        return "\(context.debugDescription) (\(reason(of: underlying)))"
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "(top level)" : text
    }

    private static func reason(of error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError {
            return "\(nsError.localizedDescription) (\(underlying.localizedDescription))"
        }
        return nsError.localizedDescription
    }
}
