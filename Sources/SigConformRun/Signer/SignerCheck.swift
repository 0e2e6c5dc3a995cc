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
package struct SignerCheck {
    package var runner: CheckRunner
    package var command: String
    /// Seconds to wait for each answer.
    package var timeout: Double
    package var maximumRestarts = 3

    package init(runner: CheckRunner, command: String, timeout: Double = 5) {
        self.runner = runner
        self.command = command
        self.timeout = timeout
    }

    /// What a signer run produced: the run, and how many invalid vectors were not sent.
    package struct Outcome: Sendable {
        package var run: RunResult
        package var skippedInvalid: Int
    }

    /// Loads the vectors under `paths` that `filter` selects and checks the signer on each valid
    /// one, keeping every verdict (``Outcome/run``'s `verdicts`).
    package func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: ((Int) -> Void)? = nil) -> Outcome {
        var verdicts: [VectorVerdict] = []
        var outcome = run(paths: paths, filter: filter, progress: progress) { verdicts.append($0) }
        outcome.run.verdicts = verdicts
        return outcome
    }

    /// Checks like ``run(paths:filter:progress:)``, but hands each verdict to `body` as the
    /// signer answers instead of keeping it, so memory does not grow with the corpus: the
    /// outcome's run holds no verdicts. The loop is the check run's
    /// (``CheckRunner/run(_:filter:check:progress:each:)``); only the check differs.
    package func run(paths: [String], filter: VectorFilter = VectorFilter(), progress: ((Int) -> Void)? = nil,
                    each body: (VectorVerdict) -> Void) -> Outcome {
        var answers = SignerAnswers(runner: runner, session: Session(command: command, timeout: timeout, maximumRestarts: maximumRestarts))
        defer { answers.session.stop() }
        var tally = runner.run(CorpusSource(paths: paths), filter: filter, check: &answers, progress: progress, each: body)
        if answers.asked == 0, tally.skipped > 0 {
            tally.result.inputErrors.append(InputError(
                file: paths.joined(separator: ", "),
                message: "the \(tally.skipped) vectors selected are all invalid ones, which are not sent to a signer: nothing was checked",
                hint: "select valid vectors (a signer is tested on requests it should sign)"))
        }
        return Outcome(run: tally.result, skippedInvalid: tally.skipped)
    }
}

/// The signer as a run's check: each valid vector's request, without its signature, is sent
/// to the signer, and its answer is judged (``AnswerJudge``); invalid vectors are left out.
struct SignerAnswers: VectorCheck {
    let runner: CheckRunner
    var session: Session
    /// Vectors sent to the signer so far.
    var asked = 0

    mutating func verdicts(on vectors: [Vector], workers: Int, each body: (VectorVerdict?) -> Void) {
        // One process answers one request at a time, in order: `workers` does not apply.
        for vector in vectors {
            guard vector.result == .valid else {
                body(nil)
                continue
            }
            asked += 1
            body(check(vector))
        }
    }

    /// The verdict on the signer's answer for one vector.
    mutating func check(_ vector: Vector) -> VectorVerdict {
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
