import SigConformMAC
import Testing

@testable import SigConformOpenSSL

@Suite("OpenSSL backend errors")
struct OpenSSLBackendErrorTests {
    @Test func unknownDigestNameIsUnsupportedWithOpenSSLReason() throws {
        let backend = OpenSSLBackend(openSSLNames: [.sha256: "NO-SUCH-DIGEST"])
        #expect {
            _ = try backend.makeDigest(.sha256)
        } throws: { error in
            guard case .unsupportedAlgorithm(.sha256, backend: "openssl", let reason) = error as? MACError else {
                return false
            }
            return reason.contains("EVP_MD_fetch(\"NO-SUCH-DIGEST\")") && reason.contains("unsupported")
        }
        #expect(throws: MACError.self) { _ = try backend.makeHMAC(.sha256, key: [1, 2, 3]) }
    }

    @Test func algorithmWithoutOpenSSLNameIsUnsupported() {
        let backend = OpenSSLBackend(openSSLNames: [:])
        #expect(throws: MACError.unsupportedAlgorithm(.md5, backend: "openssl", reason: "no OpenSSL name is known")) {
            _ = try backend.makeDigest(.md5)
        }
    }

    @Test func extendableOutputDigestIsALibraryFailureNotACrash() throws {
        // SHAKE128 fetches fine but is an XOF: OpenSSL refuses it as an HMAC digest, and its
        // default output length is not SHA-256's, which the digest context must notice.
        let backend = OpenSSLBackend(openSSLNames: [.sha256: "SHAKE128"])
        #expect {
            _ = try backend.hmac(.sha256, key: [1, 2, 3], message: [4])
        } throws: { error in
            guard case .libraryFailure(backend: "openssl", let operation, let detail) = error as? MACError else {
                return false
            }
            return operation.contains("EVP_MAC_init") && !detail.isEmpty
        }
        #expect {
            _ = try backend.digest(.sha256, [4])
        } throws: { error in
            guard case .libraryFailure(backend: "openssl", _, let detail) = error as? MACError else { return false }
            return detail.contains("expected 32")
        }
    }

    @Test func displayNameCarriesTheLoadedLibraryVersion() {
        #expect(OpenSSLBackend().displayName.contains("OpenSSL 3."))
        #expect(OpenSSLBackend().id == "openssl")
    }
}
