import Foundation
import SigConformCore

/// `check --signer CMD`: tests a client written in any language. For every valid vector the
/// signer gets the request without its signature and answers with the request it would send;
/// the answer is judged as the venue would judge it (``AnswerJudge``): its signature must be
/// right for its own bytes, it must ask for what the vector asks, within the venue's clock
/// window and with the required headers; a wrong signature is diagnosed.
///
/// Invalid vectors are not sent: they are captured bugs that test the diagnosis, not requests
/// a client should reproduce. A signer that crashes, hangs or answers garbage costs the vector
/// it was asked about, never the run: it is restarted for the next vector, and after
/// ``maximumRestarts`` starts in a row without one answer the remaining vectors are reported
/// as unanswered without waiting.
public struct SignerCheck {
    public var runner: CheckRunner
    public var command: String
    /// Seconds to wait for each answer.
    public var timeout: Double
    public var maximumRestarts = 3

    public init(runner: CheckRunner, command: String, timeout: Double = 5) {
        self.runner = runner
        self.command = command
        self.timeout = timeout
    }

    /// What a signer run produced: the run, and how many invalid vectors were not sent.
    public struct Outcome: Sendable {
        public var run: RunResult
        public var skippedInvalid: Int
    }

    /// Loads the vectors under `paths` that `filter` selects and checks the signer on each valid
    /// one, keeping every verdict (``Outcome/run``'s `verdicts`).
    public func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: ((Int) -> Void)? = nil) -> Outcome {
        var verdicts: [VectorVerdict] = []
        var outcome = run(paths: paths, filter: filter, progress: progress) { verdicts.append($0) }
        outcome.run.verdicts = verdicts
        return outcome
    }

    /// Checks like ``run(paths:filter:progress:)``, but hands each verdict to `body` as the
    /// signer answers instead of keeping it, so memory does not grow with the corpus: the
    /// outcome's run holds no verdicts (as ``CheckRunner/run(paths:filter:progress:each:)``).
    public func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: ((Int) -> Void)? = nil,
                    each body: (VectorVerdict) -> Void) -> Outcome {
        let loader = CorpusLoader()
        let listing = loader.list(paths)
        var result = RunResult(inputErrors: listing.errors, files: listing.files, backends: runner.evaluator.backends.map(\.id), venues: runner.registry.sorted)
        result.skippedFolders = listing.skipped
        var coverage = FilterCoverage(filter: filter)
        var session = Session(command: command, timeout: timeout, maximumRestarts: maximumRestarts)
        defer { session.stop() }
        var skipped = 0
        var checked = 0
        var used: Set<String> = []
        for file in listing.files {
            do {
                try loader.forEachVector(in: file, body: { vector in
                    coverage.note(vector)
                    guard filter.includes(vector) else { return }
                    used.insert(file)
                    guard vector.result == .valid else {
                        skipped += 1
                        return
                    }
                    body(check(vector, session: &session))
                    checked += 1
                    progress?(checked)
                }, lineError: { result.inputErrors.append($0) })
            } catch {
                result.inputErrors.append(error)
            }
        }
        result.files = filter.reportedFiles(listing.files, used: used)
        result.inputErrors += coverage.problems(checked: checked + skipped, paths: paths, knownVenues: runner.registry.sorted.map(\.id),
                                                othersReported: !result.inputErrors.isEmpty)
        if checked == 0, skipped > 0 {
            result.inputErrors.append(InputError(file: paths.joined(separator: ", "), message: "the \(skipped) vectors selected are all invalid ones, which are not sent to a signer: nothing was checked",
                                                 hint: "select valid vectors (a signer is tested on requests it should sign)"))
        }
        return Outcome(run: result, skippedInvalid: skipped)
    }

    /// The verdict on the signer's answer for one vector.
    func check(_ vector: Vector, session: inout Session) -> VectorVerdict {
        guard let venue = runner.registry[vector.venue] else { return runner.check(vector) }
        let unsigned = vector.request.removingSignature(for: venue)
        var asked = vector
        asked.request = unsigned
        switch session.ask(SignerProtocol.requestLine(for: vector, venue: venue), id: vector.qualifiedID, credentials: vector.credentials) {
        case .failure(let problem):
            return VectorVerdict(vector: asked, status: .failed, evaluation: nil, diagnosis: nil, problems: [problem.description])
        case .success(.declined(let reason)):
            return VectorVerdict(vector: asked, status: .error, evaluation: nil, diagnosis: nil, problems: ["the signer declined: \(reason)"])
        case .success(.malformed(let reason)):
            return VectorVerdict(vector: asked, status: .failed, evaluation: nil, diagnosis: nil, problems: ["malformed answer: \(reason)"])
        case .success(.otherID(let other)):
            return VectorVerdict(vector: asked, status: .failed, evaluation: nil, diagnosis: nil,
                                 problems: ["the signer answered for \"\(session.redactor.preview(other, limit: SignerProtocol.previewLimit))\" instead"])
        case .success(.request(let answered)):
            return AnswerJudge(runner: runner).verdict(for: vector, venue: venue, answered: answered)
        }
    }
}

/// The signer process across a run: started on first use, restarted after a crash or a hang.
struct Session {
    let command: String
    let timeout: Double
    let maximumRestarts: Int
    var process: SignerProcess?
    /// Starts since the last good answer.
    var startsWithoutAnswer = 0
    var lastFailure: String?
    /// Every credential the signer has been given this run: whatever it echoes (on stderr or
    /// in a line that is not an answer) is scrubbed of them before a message quotes it.
    var redactor = Redactor(credentials: [])

    init(command: String, timeout: Double, maximumRestarts: Int) {
        self.command = command
        self.timeout = timeout
        self.maximumRestarts = maximumRestarts
    }

    /// Sends `line` and reads until the answer for `id` (late answers for earlier ids are
    /// skipped); `.failure` carries the sentence for the report.
    mutating func ask(_ line: String, id: String, credentials: Credentials) -> Result<SignerProtocol.Answer, SignerError> {
        redactor.add([credentials])
        if process == nil {
            if startsWithoutAnswer >= maximumRestarts {
                return .failure(SignerError("not asked: the signer was started \(startsWithoutAnswer) times without answering (last: \(lastFailure ?? "no answer"))"))
            }
            do {
                process = try SignerProcess(command: command)
                startsWithoutAnswer += 1
            } catch {
                startsWithoutAnswer = maximumRestarts
                lastFailure = error.description(scrubbedBy: redactor)
                return .failure(SignerError(error.description(scrubbedBy: redactor)))
            }
        }
        guard let process else { return .failure(SignerError("no signer")) }
        do {
            try process.send(line, timeout: timeout)
            let deadline = Date().addingTimeInterval(timeout)
            while true {
                let answerLine = try process.readLine(timeout: max(0, deadline.timeIntervalSinceNow))
                if answerLine.allSatisfy({ $0 == " " || $0 == "\t" }) { continue }
                let answer = SignerProtocol.parseAnswer(answerLine, expectedID: id, redactor: redactor)
                if case .otherID = answer, deadline.timeIntervalSinceNow > 0 { continue }
                startsWithoutAnswer = 0
                return .success(answer)
            }
        } catch {
            // Its state is unknown after a hang or a crash: start afresh for the next vector.
            process.forceStop()
            self.process = nil
            // Name the limit the user set, not what was left of it when the read began.
            let failure: SignerFailure = if case .timedOut = error { .timedOut(seconds: timeout) } else { error }
            lastFailure = failure.description(scrubbedBy: redactor)
            return .failure(SignerError(failure.description(scrubbedBy: redactor)))
        }
    }

    mutating func stop() {
        process?.terminate()
        process = nil
    }
}

/// A sentence about a signer exchange that went wrong.
struct SignerError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
