import SigConformCore
import SigConformDiagnosis

/// How one vector fared.
public enum VerdictStatus: String, Sendable, Hashable, CaseIterable {
    /// The vector behaved as its `result` says.
    case passed
    /// It did not: a harness bug, a vector bug, or a client bug caught by `--signer`.
    case failed
    /// It could not be checked: unknown venue, a request that lacks what the venue needs.
    case error
}

/// The verdict on one vector, with everything a report shows about it.
public struct VectorVerdict: Sendable {
    public var vector: Vector
    public var status: VerdictStatus
    /// What the harness computed; `nil` when the vector could not be evaluated (unknown venue).
    public var evaluation: VectorEvaluation?
    /// The diagnosis of a rejected request.
    public var diagnosis: Diagnosis?
    /// Why the verdict is not `passed`, one sentence each.
    public var problems: [String]
    /// Harmless differences worth knowing, one sentence each: how a `--signer` answer differs
    /// from the vector's request where the venue does not mind (docs/signer.md).
    public var notes: [String] = []

    public init(vector: Vector, status: VerdictStatus, evaluation: VectorEvaluation?, diagnosis: Diagnosis?, problems: [String]) {
        self.vector = vector
        self.status = status
        self.evaluation = evaluation
        self.diagnosis = diagnosis
        self.problems = problems
    }

    public var id: String { vector.qualifiedID }
    /// Whether the failure includes a backend disagreement: always fatal.
    public var isBackendDivergence: Bool {
        diagnosis?.classes.contains(.backendDivergence) == true || evaluation?.findings.contains { $0.kind == .backendDivergence } == true
    }
}
