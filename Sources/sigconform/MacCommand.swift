import ArgumentParser
import Foundation
import SigConform

/// `sigconform mac`: one HMAC or digest on every backend, side by side.
struct MacCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mac",
        abstract: "Computes an HMAC (or a digest) on every MAC backend and checks that they agree.",
        discussion: """
            The message is --msg-hex, the contents of --msg-file, or standard input.
            Exit status 1 when the backends disagree or one of them fails, 2 when --msg-file cannot be read.
            """
    )

    private static let hashNames = HashAlgorithm.allCases.map(\.rawValue).joined(separator: ", ")
    private static let encodingNames = ByteEncoding.allCases.map(\.rawValue).joined(separator: ", ")

    @Option(help: "Hash algorithm: \(Self.hashNames).")
    var hash: String

    @Option(name: .customLong("key-hex"), help: ArgumentHelp("HMAC key as hex (may be empty).", valueName: "hex"))
    var keyHex: String?

    @Option(name: .customLong("key"), help: ArgumentHelp("HMAC key as UTF-8 text (discouraged for a real secret: it lands in shell history and ps).", valueName: "text"))
    var keyText: String?

    @Option(name: .customLong("key-env"), help: ArgumentHelp("Environment variable holding the HMAC key as UTF-8 text.", valueName: "name"))
    var keyEnv: String?

    @Option(name: .customLong("msg-hex"), help: ArgumentHelp("Message as hex.", valueName: "hex"))
    var messageHex: String?

    @Option(name: .customLong("msg-file"), help: ArgumentHelp("Read the message from this file.", valueName: "file"))
    var messageFile: String?

    @Flag(help: "Compute the plain digest of the message instead of an HMAC (takes no key).")
    var digest = false

    @Option(help: "Output encoding: \(Self.encodingNames).")
    var encoding: String = ByteEncoding.hex.rawValue

    func validate() throws {
        guard HashAlgorithm(name: hash) != nil else {
            throw ValidationError("unknown hash \"\(hash)\"; use one of \(Self.hashNames)")
        }
        let keyCount = [keyHex, keyText, keyEnv].compactMap { $0 }.count
        if digest {
            guard keyCount == 0 else { throw ValidationError("--digest computes a plain digest and takes no key") }
        } else {
            guard keyCount == 1 else { throw ValidationError("give the HMAC key once: --key-hex HEX, --key-env NAME or --key TEXT") }
        }
        if let keyHex, let problem = Self.hexProblem(keyHex) { throw ValidationError("--key-hex \(problem)") }
        guard messageHex == nil || messageFile == nil else {
            throw ValidationError("give the message once: --msg-hex, --msg-file, or standard input")
        }
        if let keyEnv, ProcessInfo.processInfo.environment[keyEnv] == nil {
            throw ValidationError("--key-env \(keyEnv): the environment variable is not set")
        }
        if let messageHex, let problem = Self.hexProblem(messageHex) { throw ValidationError("--msg-hex \(problem)") }
        guard ByteEncoding(rawValue: encoding) != nil else {
            throw ValidationError("unknown --encoding \"\(encoding)\"; use one of \(Self.encodingNames)")
        }
    }

    /// Why `text` is not hex bytes, or `nil` when it is: a character that is not a hex digit is
    /// named before the length is counted (`0g` is not hex, whatever its length).
    static func hexProblem(_ text: String) -> String? {
        if let bad = text.first(where: { !$0.isHexDigit }) {
            return "is not hex: \"\(bad)\" at character \(text.distance(from: text.startIndex, to: text.firstIndex(of: bad)!) + 1) (hex is 0-9, a-f)"
        }
        if text.count % 2 != 0 { return "has an odd number of hex digits (\(text.count)): two digits make a byte" }
        return Hex.decode(text) == nil ? "is not hex" : nil
    }

    func run() throws {
        if keyText != nil {
            FileHandle.standardError.write(Data("warning: --key puts the secret in your shell history and in ps; prefer --key-env NAME\n".utf8))
        }
        // validate() has checked every conversion below.
        let algorithm = HashAlgorithm(name: hash)!
        let output = ByteEncoding(rawValue: encoding)!
        let key = keyHex.flatMap(Hex.decode) ?? Array((keyText ?? keyEnv.flatMap { ProcessInfo.processInfo.environment[$0] } ?? "").utf8)
        let message = try readMessage()
        let backends = standardBackends()
        let label = digest ? algorithm.rawValue : "hmac-\(algorithm.rawValue)"
        print(
            digest
                ? "\(label) of \(counted(message.count, "message byte"))"
                : "\(label), \(key.count)-byte key, \(counted(message.count, "message byte"))")

        var values: [String] = []
        var failed = false
        let width = backends.map(\.id.count).max() ?? 0
        for backend in backends {
            let padded = backend.id.padding(toLength: width, withPad: " ", startingAt: 0)
            do {
                let bytes =
                    digest
                    ? try backend.digest(algorithm, message) : try backend.hmac(algorithm, key: key, message: message)
                values.append(output.encode(bytes))
                print("\(padded)  \(output.encode(bytes))")
            } catch {
                failed = true
                print("\(padded)  error: \(error)")
            }
        }
        if failed || Set(values).count > 1 {
            let detail = failed ? "a backend failed" : "the backends DISAGREE"
            let warning = "MISMATCH: \(detail) on \(label). A backend is wrong; please report this command line.\n"
            FileHandle.standardError.write(Data(warning.utf8))
            throw ExitStatus.findings
        }
        print(
            backends.count > 1
                ? "all \(backends.count) backends agree" : "only one backend is available: nothing to compare")
    }

    private func readMessage() throws -> [UInt8] {
        if let messageHex { return Hex.decode(messageHex) ?? [] }
        // Bounded like every input: a message is read up to the file limit, never to the end of /dev/zero.
        do {
            return try FileReader.read(messageFile ?? "-", limit: InputLimits.fileBytes)
        } catch {
            TerminalText.problems(error.diagnostics)
            throw ExitStatus.unusableInput
        }
    }
}
