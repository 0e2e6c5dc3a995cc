/// Guesses a request's venue from its host and auth headers, for `diagnose` without `--venue`.
package struct VenueDetector: Sendable {
    package let registry: VenueRegistry
    package init(registry: VenueRegistry) { self.registry = registry }

    /// The venues that fit, best first: a host match wins; otherwise every venue whose signature
    /// and key headers the request carries.
    package func candidates(for request: HTTPRequest) -> [Venue] {
        if let host = request.effectiveHost?.lowercased() {
            let byHost = registry.sorted.filter { $0.host?.lowercased() == host }
            if !byHost.isEmpty { return byHost }
        }
        let signed = registry.sorted.filter { venue in
            guard venue.hmac != nil else { return false }
            let names = Self.headerNames(of: venue)
            return !names.isEmpty && names.allSatisfy { request.headers[$0] != nil }
        }
        if !signed.isEmpty { return signed }
        // Only a request with no venue's signature headers is taken for a bearer-token API call.
        return registry.sorted.filter { venue in
            guard case .bearer(let recipe) = venue.auth else { return false }
            return request.headers[recipe.header] != nil
        }
    }

    /// The header names a venue's requests always carry.
    static func headerNames(of venue: Venue) -> [String] {
        switch venue.auth {
        case .bearer(let recipe): return [recipe.header]
        case .hmac(let recipe):
            var names: [String] = []
            for location in [recipe.signature.location, recipe.apiKey?.location, recipe.timestamp?.location].compactMap({ $0 }) {
                switch location {
                case .header(let name, _), .headerParameter(let name, _, _), .encodedHeaderMember(let name, _): names.append(name)
                default: break
                }
            }
            return names
        }
    }
}
