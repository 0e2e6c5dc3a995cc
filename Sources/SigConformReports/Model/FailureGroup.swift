import SigConformCore
import SigConformDiagnosis
import SigConformRun

/// Failures that share one cause: the same venue, the same outcome (failed or could not be
/// checked, new or known from the baseline) and the same diagnosis (or finding kinds, or first
/// problem when there is no diagnosis). Twenty-two requests a client signed sorted and sent in
/// insertion order are one group with one fix, not twenty-two rows. Every report format shows
/// the groups first and keeps each member's own detail one step away (terminal and Markdown list
/// the member ids, HTML links each to its card, JUnit names the group in each failure message).
public struct FailureGroup: Sendable, Hashable {
    public var venue: String
    public var status: VerdictStatus
    /// The diagnosis classes (or finding kinds, or the status) the members share.
    public var classes: [String]
    /// Whether the members are failures the baseline knows.
    public var known: Bool
    /// The failures, in report order.
    public var members: [VectorReport]

    /// The groups of the failures and errors among `vectors`: new problems first, each group in
    /// the order its first member appears.
    public static func groups(of vectors: [VectorReport]) -> [FailureGroup] {
        var groups: [FailureGroup] = []
        var index: [Key: Int] = [:]
        let failing = vectors.filter(\.isNewProblem) + vectors.filter { !$0.isNewProblem && $0.status != .passed }
        for vector in failing {
            let key = Key(vector)
            if let position = index[key] {
                groups[position].members.append(vector)
            } else {
                index[key] = groups.count
                groups.append(FailureGroup(venue: vector.venue, status: vector.status, classes: vector.failureClasses,
                                           known: vector.baseline == .known, members: [vector]))
            }
        }
        return groups
    }

    /// What decides a vector's group. Failures without a diagnosis (and errors) are grouped by
    /// their first problem too, so two different unusable vectors are never said to share a cause.
    struct Key: Hashable {
        var venue: String
        var status: VerdictStatus
        var classes: [String]
        var known: Bool
        var problem: String?
        init(_ vector: VectorReport) {
            venue = vector.venue
            status = vector.status
            classes = vector.failureClasses
            known = vector.baseline == .known
            problem = vector.diagnosis == nil ? vector.problems.first : nil
        }
    }

    /// `unsorted_params` or `missing_component + wrong_hash`.
    public var classText: String { classes.joined(separator: " + ") }

    /// What the members have in common, in words: the diagnosis classes' summaries, else the
    /// first member's first problem.
    public var cause: String {
        let known = classes.compactMap(DiagnosisClass.init(rawValue:))
        if members.first?.diagnosis != nil, known.count == classes.count, !known.isEmpty {
            return known.map(\.summary).joined(separator: "; and ")
        }
        return members.first?.problems.first ?? (status == .error ? "could not be checked" : "did not behave as its result says")
    }

    /// The fixes the members' diagnoses name (the same for every member of a diagnosed group).
    public var fixes: [String] { members.first?.diagnosis?.fixes ?? [] }

    /// A stable anchor for the group (HTML `id`), from venue, outcome and classes.
    public var anchor: String {
        let first = members[0]
        return "g-\(venue)-\(known ? "known" : status.rawValue)-\(classes.joined(separator: "+"))"
            + (Key(first).problem == nil ? "" : "-\(first.vectorID)")
    }

    /// `binance-spot: 22 vectors — unsorted_params: signed the parameters in a different order
    /// than it sent them — one fix`; `noun` is "vector" or "request".
    public func headline(noun: String = "vector") -> String {
        var text = "\(venue): \(counted(members.count, noun))"
        if status == .error { text += " could not be checked" }
        if known { text += " (known from the baseline)" }
        // An error's "class" is only its status; its cause says it all.
        text += status == .error ? " — \(cause)" : " — \(classText): \(cause)"
        if members.count > 1, fixes.count == 1 { text += " — one fix" } else if fixes.count > 1 { text += " — \(fixes.count) fixes" }
        return text
    }

    /// The member ids, the first `limit` of them, then how many more.
    public func memberList(limit: Int = 8) -> String {
        let ids = members.map(\.vectorID)
        let shown = ids.prefix(limit).joined(separator: ", ")
        return ids.count > limit ? "\(shown), … and \(ids.count - limit) more" : shown
    }

    /// The group `vector` belongs to among `groups`.
    public static func group(of vector: VectorReport, in groups: [FailureGroup]) -> FailureGroup? {
        let key = Key(vector)
        return groups.first { Key($0.members[0]) == key }
    }
}

extension RunInfo {
    /// What a report's members are called: requests for a signer gate or a diagnosis, vectors otherwise.
    public var memberNoun: String { signer != nil || command == "diagnose" ? "request" : "vector" }
}
