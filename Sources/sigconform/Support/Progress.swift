import Foundation
import SigConform

/// Progress of a long run on stderr: on a terminal, one line rewritten in place as the count
/// grows; in a CI log (stderr not a terminal), a line every `interval` seconds from a timer, so
/// a slow job is never silent, even while one slow vector is being diagnosed.
final class ProgressLine: @unchecked Sendable {
    let onTerminal: Bool
    let noun: String
    let verb: String
    let interval: TimeInterval
    private let output: @Sendable (String) -> Void
    private let started = Date()
    private var last = Date.distantPast
    private var count = 0
    private var printed = false
    private var finished = false
    private let lock = NSLock()

    /// Says "12 vectors checked": `noun` is what is counted, `verb` what was done to it.
    init(noun: String = "vector", verb: String = "checked", onTerminal: Bool = isatty(STDERR_FILENO) != 0, interval: TimeInterval = 5,
         output: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.onTerminal = onTerminal
        self.output = output
        self.noun = noun
        self.verb = verb
        self.interval = interval
        guard !onTerminal else { return }
        // A thread of its own (not a dispatch timer, which waits for a free pool thread): the
        // first log line comes after one interval, so a quick run prints none.
        let thread = Thread { [weak self] in
            while true {
                Thread.sleep(forTimeInterval: interval)
                guard let self, self.tick() else { return }
            }
        }
        thread.start()
    }

    func update(_ count: Int) {
        lock.withLock {
            self.count = count
            // Off a terminal the timer prints: no clock read per vector.
            guard onTerminal else { return }
            let now = Date()
            guard now.timeIntervalSince(last) > 0.2 else { return }
            last = now
            printed = true
            output("\r\(text(now))")
        }
    }

    /// Prints the log line; `false` once finished.
    private func tick() -> Bool {
        lock.withLock {
            guard !finished else { return false }
            output("sigconform: \(text(Date()))\n")
            return true
        }
    }

    private func text(_ now: Date) -> String {
        "\(counted(count, noun)) \(verb)… (\(Int(now.timeIntervalSince(started))) s)"
    }

    func finish() {
        lock.withLock {
            finished = true
            guard onTerminal, printed else { return }
            output("\r\u{1B}[K")
        }
    }
}

/// A debug build is 10–40× slower than release: say so once, on stderr, before a long command starts.
enum BuildNotice {
    static func warnIfDebug(_ command: String) {
        #if DEBUG
        FileHandle.standardError.write(Data(("note: this sigconform is a debug build, many times slower than release; "
            + "for real runs build it with `swift build -c release` or run `swift run -c release sigconform \(command) …`\n").utf8))
        #endif
    }
}
