import Foundation
import SigConformCore

/// Renames a set of finished temporary report files over their paths so that the folder holds
/// all of the new set or all of the old one, never a mix of two runs.
///
/// Each report that exists is first hard-linked (or, where links are not supported, copied)
/// to a backup beside it; then the temporaries are
/// renamed in. When one rename fails, the ones already renamed are put back from their backups
/// (or removed, where there was no old file), every temporary is removed and the error is
/// thrown. SIGINT and SIGTERM wait until the set is complete (``TerminationSignals``).
enum ReportSetCommit {
    struct Item {
        var temporary: String
        var path: String
    }

    /// Throws ``ReportTargetError`` when one of `paths` exists and is not a regular file:
    /// renaming over a device or a FIFO would take its name away from whatever uses it.
    static func checkTargets(_ paths: [String]) throws {
        for path in paths {
            var status = stat()
            if lstat(path, &status) == 0, status.st_mode & S_IFMT != S_IFREG { throw ReportTargetError(path: path) }
        }
    }

    static func commit(_ items: [Item]) throws {
        try checkTargets(items.map(\.path))
        try TerminationSignals.deferringSignals {
            var backups: [(path: String?, slot: Int?)] = []
            func discard(from start: Int) {
                for item in items[start...] { unlink(item.temporary) }
                for backup in backups { if let path = backup.path { unlink(path) }; TerminationSignals.forget(backup.slot) }
            }
            for item in items {
                guard access(item.path, F_OK) == 0 else {
                    backups.append((nil, nil))
                    continue
                }
                let backup = item.path + ".old-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)"
                // A hard link costs nothing; a file system without them (some network and
                // FAT mounts) gets a copy instead.
                guard link(item.path, backup) == 0 || (try? FileManager.default.copyItem(atPath: item.path, toPath: backup)) != nil else {
                    let code = errno
                    discard(from: 0)
                    throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
                }
                backups.append((backup, TerminationSignals.register(temporaryFile: backup)))
            }
            for (index, item) in items.enumerated() {
                guard rename(item.temporary, item.path) != 0 else { continue }
                let code = errno
                for (earlier, backup) in zip(items[..<index], backups) {
                    if let old = backup.path { rename(old, earlier.path) } else { unlink(earlier.path) }
                }
                discard(from: index)
                throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO)
            }
            discard(from: items.count)
        }
    }
}
