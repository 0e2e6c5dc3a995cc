import Foundation
import SigConform

/// Builds venues from venue.json text and signs requests with them, for recipe-language tests.
enum RecipeFixtures {
    /// A venue decoded from `hmac`, the text of a venue.json `hmac` member.
    static func venue(hmac: String, id: String = "test-venue") throws -> Venue {
        let text = """
        {"format": "sigconform/venue@1", "id": "\(id)", "name": "Test", "docs": "https://example.invalid/docs",
         "auth": "hmac", "hmac": \(hmac)}
        """
        return try RecipeDecoder().decode(JSONReader(file: "venue.json", document: try JSONParser().parse(text)))
    }

    /// The error a venue.json with this `hmac` member is rejected with.
    static func rejection(hmac: String) -> InputError? {
        do {
            _ = try venue(hmac: hmac)
            return nil
        } catch let error as InputError {
            return error
        } catch {
            return nil
        }
    }

    /// The prehash text the venue builds for `request`.
    static func prehash(_ venue: Venue, _ request: HTTPRequest, credentials: Credentials = Credentials(secret: "s")) throws -> String {
        let canonicalizer = try Canonicalizer(venue: venue)
        let prehash = try canonicalizer.prehash(canonicalizer.view(request), credentials: credentials, backend: PureSwiftBackend())
        return prehash.text ?? ""
    }

    /// Hex HMAC-SHA256 of `message`, computed directly on a backend (the independent expectation).
    static func hmacHex(_ message: String, secret: String, hash: HashAlgorithm = .sha256) throws -> String {
        Hex.encode(try PureSwiftBackend().hmac(hash, key: Array(secret.utf8), message: Array(message.utf8)))
    }

    /// A fresh empty folder under the system's temporary directory.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sigconform-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
