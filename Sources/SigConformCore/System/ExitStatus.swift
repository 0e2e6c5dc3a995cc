/// The exit statuses sigconform documents (README, docs/ci.md): every command's outcome is one
/// of these, and every place that decides one names it here rather than as a number. Thrown
/// from a command, it ends the command with that status (the command line prints nothing more).
package enum ExitStatus: Int32, Error, Sendable, Comparable, CaseIterable {
    /// Everything checked behaved.
    case pass = 0
    /// Something checked did not behave: a failed vector, a wrong client signature, a mistake found.
    case findings = 1
    /// Input could not be used (a file, a line, a flag), so the run cannot vouch for anything.
    case unusableInput = 2

    /// The status of a run that had `unusable` input errors (or unjudgeable vectors) and `failed` failures.
    package init(unusable: Bool, failed: Bool) {
        self = unusable ? .unusableInput : failed ? .findings : .pass
    }

    package static func < (left: ExitStatus, right: ExitStatus) -> Bool { left.rawValue < right.rawValue }
}
