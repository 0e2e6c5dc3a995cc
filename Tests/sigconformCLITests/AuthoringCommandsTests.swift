import Foundation
import SigConform
import Testing

/// `lint`, `record` and `venue new` as a vector author runs them.
@Suite("CLI: lint, record, venue new")
struct AuthoringCommandsTests {
    static let fixtures = CLI.repositoryRoot.appendingPathComponent("Tests/Fixtures/lint")

    @Test func lintLocatesAProblemAndExitsTwo() throws {
        let file = Self.fixtures.appendingPathComponent("broken/unknown-member-typo.json").path
        let output = try CLI.run(["lint", "--venues", Self.fixtures.appendingPathComponent("venues").path, file])
        #expect(output.status == 2)
        #expect(output.stdout.hasPrefix("\(file):26:18: error: unknown member \"methd\" (at /vectors/0/request/methd) [unknown-member]\n    fix: did you mean \"method\"?\n"))
    }

    @Test func lintIsCleanOnGoodFilesAndSpeaksJSON() throws {
        let output = try CLI.run(["lint", "--format", "json", "--venues", Self.fixtures.appendingPathComponent("venues").path,
                                  Self.fixtures.appendingPathComponent("valid").path])
        #expect(output.status == 0, "\(output.stdout)\(output.stderr)")
        let json = try JSONParser().parse(output.stdout).root
        #expect(json["errors"] == .number("0"))
        #expect(json["vectors"] == .number("5"))
    }

    @Test func venueNewThenRecordThenLint() throws {
        let root = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("venues/lintfix"), to: root.appendingPathComponent("lintfix"))
        let created = try CLI.run(["venue", "new", "acme", "--like", "lintfix", "--root", root.path])
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("recipe copied from lintfix"))
        let again = try CLI.run(["venue", "new", "acme", "--root", root.path])
        #expect(again.status == 2)
        #expect(again.stderr.contains("exists already"))

        // A request signed by the fixture's reference (Python hmac), recorded into a file of its own.
        let reference = try VectorDecoder().decodeFile(try FileReader.readJSON(Self.fixtures.appendingPathComponent("valid/lintfix/requests.json").path))[0]
        let headers = reference.request.headers.fields.map { "-H '\($0.name): \($0.value)'" }.joined(separator: " ")
        let file = root.appendingPathComponent("acme/recorded.json").path
        let recorded = try CLI.run(["record", "--venue", "acme", "--venues", root.path, "--secret-env", "ACME_TEST_SECRET", "--file", file,
                                    "--curl", "curl 'https://api.acme.example/api/v1/balance?asset=BTC' \(headers)"],
                                   environment: ["ACME_TEST_SECRET": reference.credentials.secret ?? ""])
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.hasPrefix("recorded acme/get-balance (valid) in \(file) (new file)\n"))
        #expect(recorded.stdout.contains("  signature  \(reference.expect.signature ?? "")\n"))
        let lint = try CLI.run(["lint", "--venues", root.path, file])
        #expect(lint.status == 0, "\(lint.stdout)")
    }

    @Test func recordNamesAMissingSecretVariable() throws {
        let output = try CLI.run(["record", "--venue", "binance-spot", "--secret-env", "SIGCONFORM_SURELY_UNSET", "--dry-run",
                                  "--curl", "curl https://api.binance.com/api/v3/account"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("$SIGCONFORM_SURELY_UNSET, which is not set"))
    }

    @Test func recordPointsIntoABrokenCurlLine() throws {
        let output = try CLI.run(["record", "--venue", "binance-spot", "--secret-env", "HOME", "--dry-run",
                                  "--curl", "curl 'https://api.binance.com/api/v3/order"])
        #expect(output.status == 2)
        #expect(output.stderr.contains("--curl:1:6: error: a single quote is never closed"), "\(output.stderr)")
    }

    @Test func dryRunPrintsTheVectorWithoutTheSecret() throws {
        let output = try CLI.run(["record", "--venue", "gateio-v4", "--secret-env", "GATE_DRY_RUN_SECRET", "--dry-run",
                                  "--curl", "curl https://api.gateio.ws/api/v4/spot/accounts -H 'KEY: key' -H 'Timestamp: 1541993715'"],
                                 environment: ["GATE_DRY_RUN_SECRET": "dry-run-secret-value"])
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.hasPrefix("{\n  \"id\": \"get-spot-accounts"))
        #expect(!output.stdout.contains("dry-run-secret-value"))
    }

    /// `record` reads every form the input layer knows: of a HAR file that also holds the page's
    /// other traffic, the one entry to the venue is recorded, with the diagnosis of its mistake.
    @Test func recordTakesTheVenuesEntryOfAHARFile() throws {
        let folder = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let example = CLI.repositoryRoot.appendingPathComponent("examples/requests/okx-balance.har")
        var har = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: example)) as? [String: Any])
        var log = try #require(har["log"] as? [String: Any])
        var entries = try #require(log["entries"] as? [[String: Any]])
        let analytics: [String: Any] = ["request": ["method": "GET", "url": "https://www.google-analytics.com/collect?v=1", "headers": [] as [Any]]]
        entries.insert(analytics, at: 0)
        log["entries"] = entries
        har["log"] = log
        let file = folder.appendingPathComponent("page.har")
        try JSONSerialization.data(withJSONObject: har).write(to: file)
        let environment = ["SC_SECRET": "sc-test-okx-secret-do-not-use-0001", "SC_PASS": "sc-test-Passphrase-1"]
        let options = ["record", "--venue", "okx-v5", "--input", file.path, "--secret-env", "SC_SECRET", "--passphrase-env", "SC_PASS", "--dry-run"]

        let recorded = try CLI.run(options, environment: environment)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(recorded.stdout.contains("\"path\": \"/api/v5/account/balance\""))
        #expect(recorded.stdout.contains("\"diagnosis\": [\n      \"path_mismatch\"\n    ]"), "\(recorded.stdout)")

        let chosen = try CLI.run(options + ["--entry", "har-entry-2"], environment: environment)
        #expect(chosen.status == 0, "\(chosen.stderr)")
        #expect(chosen.stdout == recorded.stdout)

        let other = try CLI.run(options + ["--entry", "har-entry-9"], environment: environment)
        #expect(other.status == 2)
        #expect(other.stderr.contains("holds no request \"har-entry-9\" [request-choice]\n    fix: its requests: har-entry-1, har-entry-2"), "\(other.stderr)")
    }
}
