import Foundation
import SigConformMAC

/// What one backend computed for one request under a venue's HMAC recipe.
public struct SigningOutcome: Sendable, Hashable {
    /// The backend's id (`swift`, `openssl`).
    public var backend: String
    public var prehash: Prehash
    /// The raw MAC bytes.
    public var mac: [UInt8]
    /// The MAC in the venue's output encoding: the correct signature.
    public var signature: String
    /// The auth headers a correct client sends, with their exact values.
    public var expectedHeaders: [HTTPHeaders.Field]
}

/// What one backend made of a request: its outcome, or why it could not sign.
public struct BackendOutcome: Sendable {
    /// The backend's id (`swift`, `openssl`).
    public var backend: String
    public var outcome: Result<SigningOutcome, SigningError>

    public init(backend: String, outcome: Result<SigningOutcome, SigningError>) {
        self.backend = backend
        self.outcome = outcome
    }

    /// The outcome when the backend signed.
    public var signed: SigningOutcome? {
        if case .success(let signed) = outcome { signed } else { nil }
    }
}

/// Signs requests under a venue's HMAC recipe on a given backend.
public struct RequestSigner: Sendable {
    package let canonicalizer: Canonicalizer
    public var venue: Venue { canonicalizer.venue }
    public var recipe: HMACRecipe { canonicalizer.recipe }

    public init(venue: Venue) throws(SigningError) { canonicalizer = try Canonicalizer(venue: venue) }
    package init(canonicalizer: Canonicalizer) { self.canonicalizer = canonicalizer }

    /// The HMAC key: the secret decoded as the venue says.
    public func key(_ credentials: Credentials) throws(SigningError) -> [UInt8] {
        guard let secret = credentials.secret else {
            throw SigningError("the vector has no secret", hint: "add credentials.secret (a test secret)")
        }
        guard let key = recipe.secretEncoding.keyBytes(secret) else {
            throw SigningError("the secret (\(Redaction.fingerprint(secret))) is not valid \(recipe.secretEncoding.rawValue), which \(venue.id) decodes it from",
                               hint: "use the secret exactly as the venue issued it")
        }
        return key
    }

    /// Signs `request` as a correct client would, on `backend`.
    public func sign(_ request: HTTPRequest, credentials: Credentials, backend: any MACBackend) throws(SigningError) -> SigningOutcome {
        try sign(canonicalizer.view(request), credentials: credentials, backend: backend)
    }

    /// Signs the request of `view` (from ``Canonicalizer/view(_:)``), so callers that sign one
    /// request on several backends split it once.
    package func sign(_ view: RequestView, credentials: Credentials, backend: any MACBackend) throws(SigningError) -> SigningOutcome {
        let prehash = try canonicalizer.draft(view, credentials: credentials).prehash(on: backend)
        return try signed(prehash, view: view, credentials: credentials, key: try key(credentials), backend: backend)
    }

    /// Signs the request of `view` on each of `backends`, in their order, as ``sign(_:credentials:backend:)``
    /// does on each: the prehash's text is rendered and the key decoded once, and each backend
    /// computes its own digests and MACs. A backend whose digests are the first backend's gets
    /// the first backend's prehash (the same bytes, not a copy).
    package func signEach(_ view: RequestView, credentials: Credentials, backends: [any MACBackend]) -> [BackendOutcome] {
        let draft: PrehashDraft
        do { draft = try canonicalizer.draft(view, credentials: credentials) } catch {
            return backends.map { BackendOutcome(backend: $0.id, outcome: .failure(error)) }
        }
        // Decoded once, and only blamed on a backend whose digests succeeded (as in `sign`). Not
        // kept as a `Result`: each read of one copied it out and destroyed the copy (issue 20).
        var key: [UInt8] = []
        var keyFailure: SigningError?
        do { key = try self.key(credentials) } catch { keyFailure = error }
        var first: (outputs: [[UInt8]], prehash: Prehash)?
        var firstSigned: SigningOutcome?
        var outcomes: [BackendOutcome] = []
        outcomes.reserveCapacity(backends.count)
        for backend in backends {
            do throws(SigningError) {
                let outputs = try draft.digestOutputs(on: backend)
                let prehash: Prehash
                if let first, first.outputs.count == outputs.count, zip(first.outputs, outputs).allSatisfy(sameBytes) {
                    prehash = first.prehash
                } else {
                    prehash = draft.assembled(with: outputs)
                    if first == nil { first = (outputs, prehash) }
                }
                if let keyFailure { throw keyFailure }
                let signed = try signed(prehash, view: view, credentials: credentials, key: key, backend: backend, like: firstSigned)
                if firstSigned == nil { firstSigned = signed }
                outcomes.append(BackendOutcome(backend: backend.id, outcome: .success(signed)))
            } catch {
                outcomes.append(BackendOutcome(backend: backend.id, outcome: .failure(error)))
            }
        }
        return outcomes
    }

    /// The outcome of signing `prehash` under `key` on `backend`: its MAC, signature and headers.
    /// When the MAC is `earlier`'s (another backend's outcome for the same request), its text
    /// is `earlier`'s, and so are the headers unless one carries a MAC of its own (a signed
    /// passphrase, which this backend computes again): the same values, not rebuilt per backend.
    func signed(_ prehash: Prehash, view: RequestView, credentials: Credentials, key: [UInt8], backend: any MACBackend,
                like earlier: SigningOutcome? = nil) throws(SigningError) -> SigningOutcome {
        let mac = try self.mac(prehash.bytes, key: key, hash: recipe.hash, backend: backend)
        if let earlier, earlier.mac == mac {
            let headers = recipe.passphrase?.signing == nil ? earlier.expectedHeaders
                : try expectedHeaders(view, credentials: credentials, key: key, signature: earlier.signature, backend: backend)
            return SigningOutcome(backend: backend.id, prehash: prehash, mac: mac, signature: earlier.signature, expectedHeaders: headers)
        }
        let signature = recipe.signature.encoding.encode(mac)
        let headers = try expectedHeaders(view, credentials: credentials, key: key, signature: signature, backend: backend)
        return SigningOutcome(backend: backend.id, prehash: prehash, mac: mac, signature: signature, expectedHeaders: headers)
    }

    /// One HMAC on `backend`, backend failures reported as such.
    public func mac(_ message: [UInt8], key: [UInt8], hash: HashAlgorithm, backend: any MACBackend) throws(SigningError) -> [UInt8] {
        do { return try backend.hmac(hash, key: key, message: message) } catch { throw SigningError(backendFailure: error) }
    }

    /// Whether `observed` is the signature `correct`, by the venue's comparison rule (constant time).
    public func signatureMatches(_ observed: String, _ correct: String) -> Bool {
        constantTimeEquals(observed, correct, foldingCase: recipe.signature.caseInsensitive)
    }

    /// The auth headers a correct client sends for this request.
    package func expectedHeaders(_ view: RequestView, credentials: Credentials, key: [UInt8], signature: String, backend: any MACBackend) throws(SigningError) -> [HTTPHeaders.Field] {
        var headers: [HTTPHeaders.Field] = []
        headers.reserveCapacity(3)
        switch recipe.signature.location {
        case .header(let name, let prefix):
            headers.append(.init(name: name, value: prefix + signature))
        case .headerParameter(let header, _, let parameter):
            if let sent = view.request.headers[header] {
                headers.append(.init(name: header, value: HTTPRequest.replacingHeaderParameter(parameter, in: sent, with: signature)))
            }
        default: break
        }
        if let apiKey = credentials.apiKey, case .header(let name, let prefix)? = recipe.apiKey?.location {
            headers.append(.init(name: name, value: prefix + apiKey))
        }
        if let field = recipe.passphrase, let passphrase = credentials.passphrase, case .header(let name, let prefix) = field.location {
            var value = passphrase
            if let signing = field.signing, signing.applies(to: view.request) {
                let mac = try self.mac(Array(passphrase.utf8), key: key, hash: signing.hash, backend: backend)
                value = signing.encoding.encode(mac)
            }
            headers.append(.init(name: name, value: prefix + value))
        }
        return headers
    }

}

extension PassphraseSigning {
    /// Whether this request selects the signed passphrase (e.g. `KC-API-KEY-VERSION: 2`).
    public func applies(to request: HTTPRequest) -> Bool {
        guard let whenHeader else { return true }
        guard let value = request.headers[whenHeader] else { return false }
        return whenValues.contains(value)
    }
}
