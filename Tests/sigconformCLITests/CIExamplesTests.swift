import Foundation
import Testing
@testable import sigconform

/// The CI examples in examples/ci/ are documentation users copy: every `sigconform` command in
/// them must be one the real argument parser accepts, and the pipelines must run the gate.
@Suite struct CIExamplesTests {
    static let hasPyYAML: Bool = {
        guard hasPython3, let result = try? runPython("import yaml") else { return false }
        return result.status == 0
    }()

    static func runPython(_ script: String, _ arguments: [String] = []) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Every shell script in a workflow: GitHub's `run:` values and GitLab's `script`,
    /// `before_script` and `after_script` lists, read with a YAML parser.
    static func scripts(in file: String) throws -> [String] {
        let extractor = """
            import json, sys, yaml
            def walk(node, out):
                if isinstance(node, dict):
                    for key, value in node.items():
                        if key == "run" and isinstance(value, str):
                            out.append(value)
                        elif key in ("script", "before_script", "after_script"):
                            out.extend(value if isinstance(value, list) else [value])
                        else:
                            walk(value, out)
                elif isinstance(node, list):
                    for item in node:
                        walk(item, out)
            scripts = []
            walk(yaml.safe_load(open(sys.argv[1])), scripts)
            print(json.dumps(scripts))
            """
        let (status, output) = try runPython(extractor, [Repository.path(file)])
        #expect(status == 0, "\(file) is not valid YAML: \(output)")
        return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String] ?? []
    }

    /// The `sigconform` invocations of a shell script, split into words as the shell would, with
    /// the CI systems' variables given example values.
    static func invocations(in script: String) -> [[String]] {
        let substituted = script
            .replacingOccurrences(of: "\\\n", with: " ")
            .replacingOccurrences(of: "${{ matrix.shard }}", with: "3")
            .replacingOccurrences(of: "$CI_NODE_INDEX", with: "3")
            .replacingOccurrences(of: "$CI_NODE_TOTAL", with: "4")
        var commands: [[String]] = []
        for line in substituted.split(separator: "\n") {
            for command in ShellWords.commands(String(line)) where command.first == "sigconform" {
                commands.append(Array(command.dropFirst()))
            }
        }
        return commands
    }

    @Test(.enabled(if: hasPyYAML, "python3 with PyYAML is needed to read the workflow files (apt-get install python3-yaml)"),
          arguments: ["examples/ci/github-actions.yml", "examples/ci/gitlab-ci.yml"])
    func everySigconformCommandInTheExampleParses(file: String) throws {
        let commands = try Self.scripts(in: file).flatMap(Self.invocations)
        #expect(commands.count >= 2, "\(file) runs the check and the merge")
        for arguments in commands {
            #expect(throws: Never.self, "sigconform \(arguments.joined(separator: " "))") {
                _ = try SigConformCommand.parseAsRoot(arguments)
            }
        }
        let parsed = commands.compactMap { try? SigConformCommand.parseAsRoot($0) }
        let checks = parsed.compactMap { $0 as? CheckCommand }
        let merges = parsed.compactMap { $0 as? MergeCommand }
        #expect(checks.contains { $0.signer != nil && $0.shard?.count == 4 }, "\(file): a sharded signer check")
        #expect(checks.allSatisfy { $0.reports.formats.contains(.one("json")) || $0.reports.formats.contains(.all) }, "shards keep report.json for the merge")
        #expect(merges.count == 1 && merges[0].baseline.baseline != nil, "\(file): the merge gates against the baseline")
    }

    @Test func theCheckerCanFail() throws {
        #expect(throws: (any Error).self) { _ = try SigConformCommand.parseAsRoot(["check", "--shard", "5/4"]) }
        #expect(throws: (any Error).self) { _ = try SigConformCommand.parseAsRoot(["report", "merge"]) }
        #expect(throws: (any Error).self) { _ = try SigConformCommand.parseAsRoot(["check", "--format", "pdf"]) }
        #expect(Self.invocations(in: "status=0\nsigconform report merge a.json --report-dir m || status=$?\necho ok").count == 1)
        #expect(Self.invocations(in: "sigconform check --signer \"python3 x.py\" \\\n  --shard ${{ matrix.shard }}/4") == [["check", "--signer", "python3 x.py", "--shard", "3/4"]])
    }
}

/// Just enough of POSIX shell word splitting for CI scripts: quotes, backslash escapes, and
/// the command separators `;`, `&&`, `||`, `|`.
enum ShellWords {
    static func commands(_ line: String) -> [[String]] {
        var commands: [[String]] = []
        var words: [String] = []
        var word = ""
        var inWord = false
        var quote: Character?
        var characters = Array(line)[...]
        func endWord() {
            if inWord { words.append(word) }
            word = ""
            inWord = false
        }
        func endCommand() {
            endWord()
            if !words.isEmpty { commands.append(words) }
            words = []
        }
        while let character = characters.popFirst() {
            if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\", open == "\"", let next = characters.first, "\"\\$`".contains(next) {
                    word.append(characters.removeFirst())
                } else {
                    word.append(character)
                }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                inWord = true
            case "\\":
                if let next = characters.popFirst() { word.append(next) }
                inWord = true
            case " ", "\t":
                endWord()
            case ";", "|", "&":
                if characters.first == character { characters.removeFirst() }
                endCommand()
            case "#" where !inWord:
                endCommand()
                return commands
            default:
                word.append(character)
                inWord = true
            }
        }
        endCommand()
        return commands
    }
}
