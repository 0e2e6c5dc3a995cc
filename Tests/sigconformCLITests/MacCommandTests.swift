import Foundation
import Testing

/// `sigconform mac`: what it says about its input before it computes anything.
@Suite struct MacCommandTests {
    @Test func aKeyThatIsNotHexIsCalledThatNotOddLength() throws {
        let output = try CLI.run(["mac", "--hash", "sha256", "--key-hex", "0g", "--msg-hex", "00"])
        #expect(output.status == 2, "a usage error is unusable input")
        #expect(output.stderr.contains(#"--key-hex is not hex: "g" at character 2"#), "\(output.stderr)")
        let odd = try CLI.run(["mac", "--hash", "sha256", "--key-hex", "0a0", "--msg-hex", "00"])
        #expect(odd.stderr.contains("--key-hex has an odd number of hex digits (3)"), "\(odd.stderr)")
    }

    @Test func aKeyOnTheCommandLineWarnsAndTheEnvironmentDoesNot() throws {
        let typed = try CLI.run(["mac", "--hash", "sha256", "--key", "Jefe", "--msg-hex", "00"])
        #expect(typed.status == 0)
        #expect(typed.stderr.contains("warning: --key puts the secret in your shell history and in ps; prefer --key-env NAME"))
        let fromEnvironment = try CLI.run(["mac", "--hash", "sha256", "--key-env", "SC_MAC_KEY", "--msg-hex", "00"], environment: ["SC_MAC_KEY": "Jefe"])
        #expect(fromEnvironment.status == 0)
        #expect(!fromEnvironment.stderr.contains("warning"))
        // The same key gives the same MAC whichever way it came.
        #expect(typed.stdout == fromEnvironment.stdout)
    }

    @Test func oneByteIsOneByte() throws {
        let output = try CLI.run(["mac", "--hash", "sha256", "--key-hex", "00", "--msg-hex", "00"])
        #expect(output.stdout.hasPrefix("hmac-sha256, 1-byte key, 1 message byte\n"), "\(output.stdout)")
    }
}
