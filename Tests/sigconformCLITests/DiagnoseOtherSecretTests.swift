import Foundation
import Testing

/// `diagnose --other-secret-env NAME`: the request of the bundled vector
/// vectors/binance-spot/developer-mistakes.json#credentials-testnet-secret (signed by the reference
/// script with a testnet key's secret) as a curl line, the secrets from the environment.
@Suite struct DiagnoseOtherSecretTests {
    static let secret = "sc-test-binance-spot-secret-do-not-use-00000000000000000000000000"
    static let rotated = "sc-rotated-binance-spot-secret-2025-old"
    static let testnet = "sc-testnet-binance-spot-secret-0123456789"
    static let curl = "curl 'https://api.binance.com/api/v3/account?omitZeroBalances=true&recvWindow=5000&timestamp=1700007752033&signature=5a02e0019d4631a43d3b0e5395dd3410e8a39879e310a1adb8e9a395c1d79031' -H 'X-MBX-APIKEY: sc-test-binance-spot-api-key-0000000000000000000000000000000000'"
    static let environment = ["SC_SECRET": secret, "SC_OLD_SECRET": rotated, "SC_TESTNET_SECRET": testnet]

    @Test func theTestnetSecretIsNamedByItsEnvironmentVariableAndNoSecretIsWritten() throws {
        let reports = temporaryDirectory("other-secret")
        let output = try CLI.run(["diagnose", "--curl", Self.curl, "--secret-env", "SC_SECRET", "--other-secret-env", "SC_OLD_SECRET",
                                  "--other-secret-env", "SC_TESTNET_SECRET", "--server-time", "1700007752333", "--no-color",
                                  "--report-dir", reports],
                                 environment: Self.environment)
        #expect(output.status == 1, "\(output.stderr)")
        #expect(output.stdout.contains("diagnosis: credentials_swapped"), "\(output.stdout)")
        #expect(output.stdout.contains("signed with other secret 2 of the 2 you gave (--other-secret-env SC_TESTNET_SECRET)"), "\(output.stdout)")
        var written = output.stdout + output.stderr
        for file in (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? [] {
            written += (try? String(contentsOfFile: reports + "/" + file, encoding: .utf8)) ?? ""
        }
        for value in [Self.secret, Self.rotated, Self.testnet] {
            for form in SecretsTests.forms(value) + SecretLeakFamiliesTests.forms(value) {
                #expect(!written.contains(form), "a form of a secret was written")
            }
        }
    }

    @Test func withoutTheTestnetSecretTheSignatureStaysUnexplained() throws {
        let output = try CLI.run(["diagnose", "--curl", Self.curl, "--secret-env", "SC_SECRET", "--other-secret-env", "SC_OLD_SECRET",
                                  "--server-time", "1700007752333", "--no-reports", "--no-color"],
                                 environment: Self.environment)
        #expect(output.status == 1)
        #expect(output.stdout.contains("diagnosis: unexplained"), "\(output.stdout)")
        #expect(!output.stdout.contains("diagnosis: credentials_swapped"))
    }

    @Test func aSecretFileIsNamedByItsPath() throws {
        let folder = temporaryDirectory("other-secret-file")
        let path = folder + "/testnet.secret"
        try (Self.testnet + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        let output = try CLI.run(["diagnose", "--curl", Self.curl, "--secret-env", "SC_SECRET", "--other-secret-file", path,
                                  "--server-time", "1700007752333", "--no-reports", "--no-color"],
                                 environment: Self.environment)
        #expect(output.stdout.contains("signed with the other secret you gave (--other-secret-file \(path))"), "\(output.stdout)")
        #expect(!output.stdout.contains(Self.testnet))
    }

    @Test func anUnsetVariableIsAnInputError() throws {
        let output = try CLI.run(["diagnose", "--curl", Self.curl, "--secret-env", "SC_SECRET", "--other-secret-env", "SC_NOT_SET",
                                  "--no-reports", "--no-color"],
                                 environment: ["SC_SECRET": Self.secret])
        #expect(output.status == 2)
        #expect((output.stdout + output.stderr).contains("$SC_NOT_SET"))
    }
}
