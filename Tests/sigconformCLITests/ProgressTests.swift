import Foundation
import Testing
@testable import sigconform

/// Long runs say how far they are: in place on a terminal, a line every few seconds in a CI log.
@Suite struct ProgressTests {
    final class Lines: @unchecked Sendable {
        private var text = ""
        private let lock = NSLock()
        func add(_ line: String) { lock.withLock { text += line } }
        var value: String { lock.withLock { text } }
    }

    @Test func aLogGetsALineEveryIntervalEvenWithoutNewCountsAndNoneAfterTheEnd() throws {
        let lines = Lines()
        let progress = ProgressLine(noun: "file", verb: "linted", onTerminal: false, interval: 0.05, output: lines.add)
        progress.update(1)
        progress.update(2)
        #expect(lines.value.isEmpty, "nothing before one interval has passed")
        Thread.sleep(forTimeInterval: 0.3)
        progress.finish()
        let printed = lines.value
        #expect(printed.hasPrefix("sigconform: 2 files linted… (0 s)\n"), "\(printed)")
        #expect(printed.split(separator: "\n").count >= 2, "a line per interval, also while the count stands still")
        Thread.sleep(forTimeInterval: 0.15)
        #expect(lines.value == printed, "no line after finish()")
    }

    @Test func aTerminalLineIsRewrittenInPlaceAndClearedAtTheEnd() {
        let lines = Lines()
        let progress = ProgressLine(onTerminal: true, output: lines.add)
        progress.update(1)
        progress.finish()
        #expect(lines.value == "\r1 vector checked… (0 s)\r\u{1B}[K")
    }

    #if DEBUG
    @Test func aDebugBuildSaysSoBeforeALongCommand() throws {
        let output = try CLI.run(["check", "vectors/kraken-spot", "--no-reports", "--no-color"])
        #expect(output.status == 0)
        #expect(output.stderr.hasPrefix("note: this sigconform is a debug build, many times slower than release; "), "\(output.stderr)")
        #expect(output.stderr.contains("swift run -c release sigconform check"))
    }
    #endif
}
