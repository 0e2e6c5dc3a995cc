import Foundation
import Testing

/// Runs the built `sigconform` binary the way a user or a CI job does and captures what it says.
enum CLI {
    /// The bundled venue ids as `check` lists them ("known venues: …"): every folder of
    /// vectors/ with a venue.json, sorted.
    static func bundledVenueList() throws -> String {
        let vectors = repositoryRoot.appendingPathComponent("vectors")
        return try FileManager.default.contentsOfDirectory(atPath: vectors.path)
            .filter { FileManager.default.fileExists(atPath: vectors.appendingPathComponent($0).appendingPathComponent("venue.json").path) }
            .sorted().joined(separator: ", ")
    }

    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `sigconform` executable built beside the test bundle.
    static var executable: URL {
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = testBinary.deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle folder.
        while folder.path != "/" && !FileManager.default.fileExists(atPath: folder.appendingPathComponent("sigconform").path) {
            folder = folder.deletingLastPathComponent()
        }
        return folder.appendingPathComponent("sigconform")
    }

    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `stdinFile` gives standard input as a file instead of `stdin` written through a pipe (for
    /// input the binary stops reading early, which would end a pipe writer with SIGPIPE).
    static func run(_ arguments: [String], environment: [String: String] = [:], in directory: URL? = nil, stdin: String? = nil,
                    stdinFile: URL? = nil) throws -> Output {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repositoryRoot
        var env = ProcessInfo.processInfo.environment
        env.merge(environment) { $1 }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = try stdinFile.map { try FileHandle(forReadingFrom: $0) } ?? input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        // Read both pipes before waiting, side by side, so neither can fill up and block the child.
        let stderrBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stderrBox.set(err.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        let stderrData = stderrBox.get()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self))
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Bytes handed from the reading thread to the test.
final class DataBox: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
