import Foundation
import Testing

/// `diagnose` on the inputs developers have at hand. The requests are bundled invalid vectors
/// (from the independent reference scripts) re-expressed as curl, raw HTTP and HAR.
@Suite struct DiagnoseCommandTests {
    static let binanceSecret = "sc-test-binance-spot-secret-do-not-use-00000000000000000000000000"
    static let bybitSecret = "sc-test-bybit-v5-secret-do-not-use-01"

    @Test func aCurlLineWithSortedParametersIsDiagnosedAsUnsortedParams() throws {
        let curl = "curl -X POST 'https://api.binance.com/api/v3/order?symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.01&price=42000&timestamp=1700003600000&signature=63e5ab453c9f690dc156fb91f2289a8ff7fdfb9c4c181f2e3267957f667f6cb0' -H 'X-MBX-APIKEY: sc-test-binance-spot-api-key-0000000000000000000000000000000000'"
        let output = try CLI.run(["diagnose", "--curl", curl, "--secret-env", "SC_SECRET", "--no-reports", "--no-color"],
                                 environment: ["SC_SECRET": Self.binanceSecret])
        #expect(output.status == 1)
        #expect(output.stdout.contains("diagnosis: unsorted_params"))
        #expect(output.stdout.contains("client prehash:  price=42000&quantity=0.01&side=SELL"))
        #expect(!output.stdout.contains(Self.binanceSecret))
        #expect(!output.stdout.contains("sc-test-binance-spot-api-key-0000000000000000000000000000000000"))
    }

    @Test func aRawHTTPRequestWithResortedJSONIsDiagnosedAsBodyEncoding() throws {
        let output = try CLI.run(["diagnose", "examples/requests/bybit-order.http", "--secret-env", "SC_SECRET", "--no-reports", "--no-color"],
                                 environment: ["SC_SECRET": Self.bybitSecret])
        #expect(output.status == 1)
        #expect(output.stdout.contains("diagnosis: body_encoding"))
        #expect(output.stdout.contains("compact JSON with keys sorted"))
    }

    @Test func aHAREntryIsDiagnosedAndLocatedInTheFile() throws {
        let output = try CLI.run(["diagnose", "examples/requests/okx-balance.har", "--secret-env", "SC_SECRET", "--passphrase-env", "SC_PASS",
                                  "--no-reports", "--no-color"],
                                 environment: ["SC_SECRET": "sc-test-okx-secret-do-not-use-0001", "SC_PASS": "sc-test-Passphrase-1"])
        #expect(output.stdout.contains("okx-balance.har:"), "\(output.stdout)")
        #expect(output.stdout.contains("diagnosis: path_mismatch"))
    }

    /// Three requests signed by one HMAC object that was never reset (scripts/reference/sequences.py):
    /// the first is correct, the second and third are explained by the sequence, not one by one.
    @Test(arguments: [("binance-spot-reused-hmac.har", Self.binanceSecret), ("gateio-v4-reused-hmac.har", "sc-test-gate-secret-do-not-use-0001")])
    func aSequenceSignedWithOneUnresetHMACObjectIsDiagnosedAsReusedState(file: String, secret: String) throws {
        let output = try CLI.run(["diagnose", "examples/requests/sequences/\(file)", "--secret-env", "SC_SECRET", "--no-reports", "--no-color"],
                                 environment: ["SC_SECRET": secret])
        #expect(output.status == 1)
        #expect(output.stdout.components(separatedBy: "diagnosis: reused_hmac_state").count == 3, "\(output.stdout)")
        #expect(output.stdout.contains("HMAC over the prehashes of har-entry-1, har-entry-2, har-entry-3"), "\(output.stdout)")
        #expect(output.stdout.contains("the sequence: har-entry-2 is explained by the requests before it"))
        #expect(!output.stdout.contains(secret))
    }

    /// The named variant: one digest object kept for the prehash's inner digest (Kraken's SHA-256
    /// of nonce + POST data, Gate's SHA-512 body hash) while the HMAC is fresh for each request
    /// (scripts/reference/sequences.py). Gate's third request is a GET whose empty body leaves the
    /// kept object as the two POSTs left it.
    @Test(arguments: [
        ("kraken-spot-reused-digest.har", "scTestKrakenSecretDoNotUse18ndVF5JTxuj6qBvERmYfsWd2ETW8A9XRv3A1QEQULi5w14LfNrHqzipaQFw==",
         "sha256({nonce}{body})"),
        ("gateio-v4-reused-digest.har", "sc-test-gate-secret-do-not-use-0001", "sha512({body})"),
    ])
    func aSequenceWhoseInnerDigestObjectIsNeverResetIsDiagnosedAsReusedStateOfThatDigest(file: String, secret: String, digest: String) throws {
        let output = try CLI.run(["diagnose", "examples/requests/sequences/\(file)", "--secret-env", "SC_SECRET", "--no-reports", "--no-color"],
                                 environment: ["SC_SECRET": secret])
        #expect(output.status == 1)
        #expect(output.stdout.components(separatedBy: "diagnosis: reused_hmac_state").count == 3, "\(output.stdout)")
        #expect(output.stdout.contains("computed the prehash's inner \(digest) with one"), "\(output.stdout)")
        #expect(output.stdout.contains("of har-entry-1, har-entry-2 one after the other (2 requests"), "\(output.stdout)")
        #expect(output.stdout.contains("of har-entry-1, har-entry-2, har-entry-3 one after the other (3 requests"), "\(output.stdout)")
        #expect(output.stdout.contains("fix: make a new \(digest.prefix(6)) object for every request's \(digest)"), "\(output.stdout)")
        #expect(!output.stdout.contains("HMAC over the prehashes of"))
        #expect(!output.stdout.contains(secret))
    }

    @Test func aSecretOnTheCommandLineWarns() throws {
        let output = try CLI.run(["diagnose", "examples/requests/bybit-order.http", "--secret", Self.bybitSecret, "--no-reports", "--no-color"])
        #expect(output.stderr.contains("warning: --secret puts the secret in your shell history"))
        #expect(!output.stdout.contains(Self.bybitSecret))
    }

    @Test func aMissingSecretVariableExitsTwo() throws {
        let output = try CLI.run(["diagnose", "examples/requests/bybit-order.http", "--secret-env", "SC_NOT_SET_ANYWHERE", "--no-reports", "--no-color"])
        #expect(output.status == 2)
        #expect(output.stdout.contains("SC_NOT_SET_ANYWHERE"))
    }

    /// A check's report set survives a diagnose run: diagnose writes report files only when asked,
    /// and a run that does replace another's set says so.
    @Test func diagnoseLeavesTheCheckReportsAloneUnlessAskedAndSaysWhenItReplacesThem() throws {
        let work = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: work) }
        let vectors = CLI.repositoryRoot.appendingPathComponent("vectors/kraken-spot").path
        let request = CLI.repositoryRoot.appendingPathComponent("examples/requests/bybit-order.http").path
        let check = try CLI.run(["check", vectors, "--no-color", "--format", "json"], in: work)
        #expect(check.status == 0, "\(check.stdout)")
        let report = work.appendingPathComponent("reports/report.json")
        let checkReport = try Data(contentsOf: report)

        let quiet = try CLI.run(["diagnose", request, "--secret-env", "SC_SECRET", "--no-color"], environment: ["SC_SECRET": Self.bybitSecret], in: work)
        #expect(quiet.status == 1)
        #expect(!quiet.stdout.contains("reports:"))
        #expect(try Data(contentsOf: report) == checkReport)

        let asked = try CLI.run(["diagnose", request, "--secret-env", "SC_SECRET", "--no-color", "--format", "json", "--report-dir", "reports"],
                                environment: ["SC_SECRET": Self.bybitSecret], in: work)
        #expect(asked.stdout.contains("reports: reports/report.json (replaced the report set of a `check` run started "), "\(asked.stdout)")
        #expect(try Data(contentsOf: report) != checkReport)
    }
}
