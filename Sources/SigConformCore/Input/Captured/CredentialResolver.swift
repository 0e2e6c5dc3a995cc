/// The credentials a captured request is checked with: those given on the command line win over
/// the input's own (a case's or a vector's), and what neither gives is read from the request
/// where the venue's recipe says the client sends it. One place, so `diagnose`, `record` and
/// every later command fill credentials the same way.
package struct CredentialResolver: Sendable {
    /// Given on the command line (environment, file, option).
    package var given: Credentials

    package init(given: Credentials) { self.given = given }

    /// What the credentials are for; the two uses read different things from the request.
    package enum Purpose: Sendable {
        /// Finding the mistake behind a signature: the request's key and bearer token name the
        /// account, but its passphrase header is only what the client sent, which may be the mistake.
        case diagnosis
        /// Recording the request as a vector: the recorded vector must hold every credential, so
        /// an unsigned passphrase header is taken as is, and for a bearer venue the secret given
        /// (`--secret-env`) is the token.
        case recording
    }

    /// A credential the venue needs that neither the command line, the input nor the request
    /// gives: a `missing-credential` diagnostic whose fix names the option every command that
    /// reads captured requests takes.
    package enum Missing: Error, Sendable, Equatable, DiagnosticConvertible {
        /// An HMAC venue's secret.
        case secret(venue: String)
        /// A bearer venue's token.
        case bearerToken(venue: String)
        /// A passphrase the venue sends signed, so it cannot be read back from the request.
        case signedPassphrase(venue: String)

        package func diagnostics(file: String) -> [Diagnostic] {
            let (message, fix) = switch self {
            case .secret(let venue): ("no secret for \(venue), which signs with one", "give it with --secret-env NAME")
            case .bearerToken(let venue): ("no token for \(venue), which authenticates with a bearer token", "give the token with --secret-env NAME")
            case .signedPassphrase(let venue):
                ("no passphrase for \(venue), which sends it signed, so it cannot be read from the request", "give it with --passphrase-env NAME")
            }
            return [Diagnostic(.missingCredential, file: file, message: message, fix: fix)]
        }
    }

    /// `own` (the input's credentials) completed for `request` under `venue`.
    package func resolve(_ own: Credentials, venue: Venue, request: HTTPRequest, for purpose: Purpose) throws(Missing) -> Credentials {
        var credentials = own
        credentials.secret = given.secret ?? own.secret
        credentials.passphrase = given.passphrase ?? own.passphrase
        credentials.apiKey = given.apiKey ?? own.apiKey
        // Other secrets given on the command line replace the input's as a whole: their sources
        // (the options that named them) must stay paired with them.
        if !given.otherSecrets.isEmpty {
            credentials.otherSecrets = given.otherSecrets
            credentials.otherSecretSources = given.otherSecretSources
        }
        switch venue.auth {
        case .hmac(let recipe):
            guard credentials.secret != nil else { throw .secret(venue: venue.id) }
            let view = RequestView(request, signature: recipe.signature.location)
            if credentials.apiKey == nil, let location = recipe.apiKey?.location { credentials.apiKey = view.value(at: location) }
            if purpose == .recording, credentials.passphrase == nil, let field = recipe.passphrase {
                guard field.signing?.applies(to: request) != true else { throw .signedPassphrase(venue: venue.id) }
                credentials.passphrase = view.value(at: field.location)
            }
        case .bearer(let recipe):
            switch purpose {
            case .diagnosis:
                if credentials.apiKey == nil {
                    credentials.apiKey = request.headers[recipe.header].map { value in
                        value.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) ?? value
                    }
                }
            case .recording:
                if credentials.apiKey == nil { credentials.apiKey = credentials.secret }
                credentials.secret = nil
                guard credentials.apiKey != nil else { throw .bearerToken(venue: venue.id) }
            }
        }
        return credentials
    }
}
