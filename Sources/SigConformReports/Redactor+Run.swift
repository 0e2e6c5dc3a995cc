import SigConformCore
import SigConformDiagnosis
import SigConformRun

extension Redactor {
    /// A redactor for every credential in a run, and the credentials the command was `given`
    /// (from the environment or a file) whether or not a vector carried them.
    public init(run: RunResult, given: [Credentials] = []) {
        self.init(credentials: given + run.verdicts.map(\.vector.credentials))
    }
}
