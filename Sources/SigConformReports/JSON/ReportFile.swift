#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SigConformCore

/// A JSON report (`sigconform/report@1` or `@2`) read piece by piece, for `report merge`: the run's
/// members (tool, run, venues, input errors, baseline) are read whole, the vectors one at a
/// time, so memory does not grow with the file. ``scan(_:)`` reads the file once; a vector it
/// passed on can be read again from its ``ReportEntry`` (``vector(at:)``).
///
/// Bounded by ``InputLimits/reportBytes`` for the file and ``InputLimits/reportEntryBytes``
/// for one member or vector, both counted while reading.
package final class ReportFile {
    package let path: String
    private let descriptor: Int32
    /// The report's format and its run's backends, learnt by ``scan(_:)`` from the members
    /// written before `vectors`: a `@2` report's passed vectors are short entries, which passed
    /// on every backend of the run.
    private var format = RunReport.format
    private var backends: [String] = []
    static let limits = JSONObjectStream.Limits(totalBytes: InputLimits.reportBytes, fragmentBytes: InputLimits.reportEntryBytes)

    /// Where one vector is in the file.
    package struct Entry: Sendable, Hashable {
        package var index: Int
        package var offset: Int
        package var length: Int
        package var location: SourceLocation
    }

    /// Opens the report at `path` (a regular file within ``InputLimits/reportBytes``).
    package init(path: String) throws(InputError) {
        let size = try FileReader.checkReadableFile(path)
        guard size <= InputLimits.reportBytes else {
            throw InputError(file: path, message: "is \(size) bytes, over the \(InputLimits.describe(InputLimits.reportBytes)) limit for one report",
                             hint: Self.moreShards)
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InputError(file: path, message: "could not be opened: \(String(cString: strerror(errno)))", hint: "check that it is a readable regular file")
        }
        self.path = path
        self.descriptor = descriptor
    }

    deinit { close(descriptor) }

    static let moreShards = "run with more shards (a larger N in --shard K/N)"

    /// Reads the whole report once: `each` gets every vector, decoded and checked, with its
    /// entry, in file order; returns the rest of the report (``RunReport/vectors`` empty).
    package func scan(_ each: (VectorReport, Entry) throws(InputError) -> Void) throws(InputError) -> RunReport {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw InputError(file: path, message: "cannot be read from the start") }
        var stream = JSONObjectStream(descriptor: descriptor, limits: Self.limits)
        var members: [(key: String, value: JSONValue)] = []
        var locations: [String: SourceLocation] = ["": SourceLocation(line: 1, column: 1)]
        do {
            try stream.read(streaming: "vectors", member: { name, fragment in
                // `summary` is recomputed from the vectors; it is still checked to be JSON.
                let document = try fragment.parse(recordingLocations: name != "summary", limits: Self.limits)
                let base = JSONPointer.appending("", name)
                for (pointer, location) in document.locations { locations[base + pointer] = fragment.shifted(location) }
                if name == "format", case .string(let format) = document.root {
                    guard RunReport.readableFormats.contains(format) else {
                        throw ReportJSONDecoder.unsupported(format, reader: nil, location: fragment.location, file: path)
                    }
                    self.format = format
                }
                if name == "run", case .array(let backends)? = document.root["backends"] {
                    self.backends = backends.compactMap { if case .string(let name) = $0 { name } else { nil } }
                }
                members.append((name, document.root))
            }, element: { index, fragment in
                let vector = try self.vector(fragment, index: index)
                try each(vector, Entry(index: index, offset: fragment.offset, length: fragment.bytes.count, location: fragment.location))
            })
        } catch let error as InputError {
            throw error
        } catch let error as JSONParseError {
            var problem = InputError(error, file: path)
            if error.message.contains("limit") { problem.hint = Self.moreShards }
            throw problem
        } catch {
            throw InputError(file: path, message: "\(error)")
        }
        if !members.contains(where: { $0.key == "vectors" }) { members.append(("vectors", .array([]))) }
        return try ReportJSONDecoder().decode(JSONReader(file: path, document: JSONDocument(root: .object(members), locations: locations)))
    }

    /// The vector at `entry` (from ``scan(_:)``), read again.
    package func vector(at entry: Entry) throws(InputError) -> VectorReport {
        var bytes = [UInt8](repeating: 0, count: entry.length)
        var done = 0
        while done < entry.length {
            let got = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, entry.length - done, off_t(entry.offset + done)) }
            guard got > 0 else { throw InputError(file: path, location: entry.location, message: "changed while it was being merged", hint: "merge reports that no job is still writing") }
            done += got
        }
        let fragment = JSONObjectStream.Fragment(bytes: bytes, offset: entry.offset, location: entry.location, depth: 2)
        do throws(InputError) {
            return try vector(fragment, index: entry.index)
        } catch {
            throw InputError(file: path, location: entry.location, message: "changed while it was being merged (\(error.message))",
                             hint: "merge reports that no job is still writing")
        }
    }

    /// One vector decoded; an error is located in the file (the fragment is parsed again with
    /// locations only then: the common case does not pay for them).
    private func vector(_ fragment: JSONObjectStream.Fragment, index: Int) throws(InputError) -> VectorReport {
        let pointer = JSONPointer.appending("/vectors", index)
        let document: JSONDocument
        do {
            document = try fragment.parse(limits: Self.limits)
        } catch {
            var problem = InputError(error, file: path)
            problem.pointer = pointer
            throw problem
        }
        let reader = JSONReader(file: path, document: document)
        do {
            return try ReportJSONDecoder().vector(try Node(reader, document.root, pointer), format: format, backends: backends)
        } catch {
            var located = error
            if let inner = error.pointer, inner.hasPrefix(pointer), let full = try? fragment.parse(recordingLocations: true, limits: Self.limits),
               let location = full.location(of: String(inner.dropFirst(pointer.count))) {
                located.location = fragment.shifted(location)
            } else {
                located.location = fragment.location
            }
            throw located
        }
    }
}
