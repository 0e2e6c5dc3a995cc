import Foundation
import SigConformCore

/// Where a reporter writes its document: a string (``Reporter/render(_:)``) or a report file
/// assembled at the end of a streamed run, which copies in the fragments spooled while it ran.
protocol ReportOutput {
    mutating func write(_ text: String)
    /// Appends UTF-8 `bytes` (a ``ReportBytes`` buffer's).
    mutating func write(bytes: [UInt8])
    /// Appends bytes `range` of `spool`.
    mutating func copy(_ range: Range<Int>, of spool: SpoolFile) throws(ReportStreamError)
}

/// A document built in memory.
struct StringOutput: ReportOutput {
    var text = ""

    mutating func write(_ text: String) { self.text += text }

    mutating func write(bytes: [UInt8]) { text += String(decoding: bytes, as: UTF8.self) }

    mutating func copy(_ range: Range<Int>, of spool: SpoolFile) throws(ReportStreamError) {
        try spool.read(range) { bytes in text += String(decoding: bytes, as: UTF8.self) }
    }
}

/// Fragments of passed vectors, written while the run runs, and the place of each vector the
/// report holds in full among them.
struct Spooled {
    /// `nil` when every vector is held (a report rendered in memory).
    var spool: SpoolFile?
    /// For each held vector of the channel, in order: how many spool bytes precede it.
    var offsets: [Int] = []
    /// Passed vectors in the spool.
    var count = 0

    var size: Int { spool?.size ?? 0 }

    /// Writes the held `items` and the spooled fragments in run order. Every spooled fragment
    /// starts with `separator`, which the first element of the document leaves out; a held item
    /// is written by `write` with its separator when it is not first.
    func interleave<Item, Output: ReportOutput>(_ items: [Item], separator: Int, into out: inout Output,
                                                write: (Item, _ first: Bool, inout Output) -> Void) throws(ReportStreamError) {
        var cursor = 0
        var first = true
        func copy(upTo end: Int, into out: inout Output) throws(ReportStreamError) {
            guard let spool, end > cursor else { return }
            try out.copy((first ? cursor + separator : cursor)..<end, of: spool)
            cursor = end
            first = false
        }
        for (index, item) in items.enumerated() {
            try copy(upTo: index < offsets.count ? offsets[index] : cursor, into: &out)
            write(item, first, &out)
            first = false
        }
        try copy(upTo: size, into: &out)
    }
}

/// Why a streamed report could not be written.
struct ReportStreamError: Error, CustomStringConvertible, Sendable {
    package var path: String
    package var operation: String
    package var code: Int32

    package var description: String {
        "cannot \(operation) \(path): \(String(cString: strerror(code))) — check that the report folder is writable and has space"
    }
}

/// A temporary file that collects text as the run goes, written in large blocks.
final class SpoolFile {
    let path: String
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    /// Bytes appended so far (written or buffered).
    private(set) var size = 0
    private static let blockSize = 1 << 20

    init(path: String) throws(ReportStreamError) {
        descriptor = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw ReportStreamError(path: path, operation: "create", code: errno) }
        self.path = path
        buffer.reserveCapacity(Self.blockSize)
    }

    deinit {
        close(descriptor)
        unlink(path)
    }

    func append(_ bytes: [UInt8]) throws(ReportStreamError) {
        buffer.append(contentsOf: bytes)
        size += bytes.count
        if buffer.count >= Self.blockSize { try flush() }
    }

    func flush() throws(ReportStreamError) {
        guard !buffer.isEmpty else { return }
        try Self.writeAll(buffer, to: descriptor, path: path)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Calls `body` with the bytes of `range`, a block at a time.
    func read(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) -> Void) throws(ReportStreamError) {
        try flush()
        var block = [UInt8](repeating: 0, count: min(Self.blockSize, range.count))
        var offset = range.lowerBound
        while offset < range.upperBound {
            let wanted = min(block.count, range.upperBound - offset)
            let got = block.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, wanted, off_t(offset)) }
            guard got > 0 else { throw ReportStreamError(path: path, operation: "read", code: got == 0 ? EIO : errno) }
            block.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[..<got])) }
            offset += got
        }
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(ReportStreamError) {
        let code: Int32? = bytes.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
        if let code { throw ReportStreamError(path: path, operation: "write", code: code) }
    }
}

/// A report file written through the ``Redactor`` into a temporary sibling of its path, renamed
/// into place by ``commit()`` (see ``ReportWriter``): a killed run never leaves a truncated report.
final class RedactedFileOutput: ReportOutput {
    let path: String
    let temporary: String
    private let redactor: Redactor
    private let descriptor: Int32
    /// Bytes not yet scrubbed: the tail of what was written, where a credential may continue.
    private var pending: [UInt8] = []
    private var scrubbed: [UInt8] = []
    private var failure: ReportStreamError?
    private var isClosed = false

    /// The temporary's place in ``TerminationSignals``, which removes it on SIGINT, SIGTERM or SIGHUP.
    private let slot: Int?

    init(path: String, redactor: Redactor) throws(ReportStreamError) {
        self.path = path
        self.temporary = ReportWriter.temporaryPath(for: path)
        self.redactor = redactor
        slot = TerminationSignals.register(temporaryFile: temporary)
        descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else {
            TerminationSignals.forget(slot)
            throw ReportStreamError(path: temporary, operation: "create", code: errno)
        }
    }

    deinit {
        if !isClosed { close(descriptor) }
        unlink(temporary)
        TerminationSignals.forget(slot)
    }

    func write(_ text: String) { append(text.utf8) }

    func write(bytes: [UInt8]) { append(bytes) }

    func copy(_ range: Range<Int>, of spool: SpoolFile) throws(ReportStreamError) {
        try spool.read(range) { bytes in append(bytes) }
    }

    private func append(_ bytes: some Sequence<UInt8>) {
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { drain(isLast: false) }
    }

    private func drain(isLast: Bool) {
        guard failure == nil else { return }
        scrubbed.removeAll(keepingCapacity: true)
        let consumed = pending.withUnsafeBufferPointer { buffer in
            redactor.scrub(buffer, isLast: isLast, into: &scrubbed, alwaysCopy: true).consumed
        }
        pending.removeFirst(consumed)
        do {
            try SpoolFile.writeAll(scrubbed, to: descriptor, path: temporary)
        } catch {
            failure = error
        }
    }

    /// Writes what is left and closes the temporary file.
    func finish() throws(ReportStreamError) {
        drain(isLast: true)
        isClosed = true
        guard close(descriptor) == 0 else { throw ReportStreamError(path: temporary, operation: "close", code: errno) }
        if let failure { throw failure }
    }

    /// Renames the finished temporary files of `outputs` over their paths, as one set
    /// (``ReportSetCommit``): the folder holds all of this run's reports or all of the last.
    static func commit(_ outputs: [RedactedFileOutput]) throws(ReportStreamError) {
        do {
            try ReportSetCommit.commit(outputs.map { ReportSetCommit.Item(temporary: $0.temporary, path: $0.path) })
        } catch {
            let code = (error as? POSIXError).map { $0.code.rawValue } ?? EIO
            throw ReportStreamError(path: outputs.map(\.path).joined(separator: ", "), operation: "rename into", code: code)
        }
    }
}
