import SigConform
import Testing

/// `check` renders a request's prehash once (``PrehashDraft``) and lets each backend put in its
/// own digests, and splits of a request only what the recipe reads (``RequestView/Parts``).
/// These hold both to what a full render and a fully split view give, on every bundled vector.
@Suite struct PrehashDraftTests {
    /// Every bundled HMAC vector with its venue's recipe.
    static let bundled: [(vector: Vector, venue: Venue, recipe: HMACRecipe)] = {
        let (registry, _) = RunEnvironment.registry(extraRoots: [])
        var found: [(Vector, Venue, HMACRecipe)] = []
        for file in RepoPaths.vectorFiles {
            try? CorpusLoader().forEachVector(in: file, body: { vector in
                guard let venue = registry[vector.venue], let recipe = venue.hmac else { return }
                found.append((vector, venue, recipe))
            }, lineError: { _ in })
        }
        return found
    }()

    @Test func everyBundledPrehashIsTheSameFromTheDraftOnEitherBackend() throws {
        #expect(Self.bundled.count > 1000)
        var digested = 0
        for (vector, venue, recipe) in Self.bundled {
            let canonicalizer = Canonicalizer(venue: venue, recipe: recipe)
            let view = canonicalizer.view(vector.request)
            guard let draft = try? canonicalizer.draft(view, credentials: vector.credentials) else { continue }
            let onSwift = try draft.prehash(on: PureSwiftBackend())
            let onOpenSSL = try draft.prehash(on: OpenSSLBackend())
            #expect(onSwift == onOpenSSL, "\(venue.id)/\(vector.id)")
            // The segments a report shows: each digest's segment is its digest of the segments it covers.
            let segments = onSwift.segments
            #expect(segments.flatMap(\.bytes) == onSwift.bytes)
            #expect(segments.filter { $0.component == .digest }.count == draft.digests.count, "\(venue.id)/\(vector.id)")
            // (Key options change the recipe a vector is checked under: Kraken Futures' postData.)
            if let expected = vector.expect.prehash, vector.result == .valid, recipe.keyOptions.isEmpty {
                #expect(onSwift.bytes == expected, "\(venue.id)/\(vector.id)")
            }
            if !draft.digests.isEmpty { digested += 1 }
        }
        #expect(digested > 50)
    }

    @Test func aDigestOfADigestIsAssembledWithEverySpanInPlace() throws {
        let venue = try RecipeFixtures.venue(hmac: """
        {"hash": "sha256", "prehash": ["{method}|", {"digest": "sha256", "output": "hex", "of": ["{path}|", {"digest": "md5", "output": "base64", "of": "{body}"}, "|{query}"]}, "|", {"digest": "sha1", "output": "raw", "of": "{body}"}, "|end"],
         "signature": {"in": {"header": "SIGN"}, "encoding": "hex"}}
        """)
        let request = HTTPRequest(method: "POST", path: "/v1/order", query: "a=1", body: #"{"x":1}"#)
        let canonicalizer = try Canonicalizer(venue: venue)
        let prehash = try canonicalizer.prehash(canonicalizer.view(request), credentials: Credentials(secret: "s"), backend: OpenSSLBackend())
        let backend = PureSwiftBackend()
        let body = Array(request.body.utf8)
        let inner = Array("/v1/order|".utf8) + Array(Base64.encode(backend.digest(.md5, body)).utf8) + Array("|a=1".utf8)
        let expected: [[UInt8]] = [Array("POST".utf8), Array("|".utf8), Array(Hex.encode(backend.digest(.sha256, inner)).utf8),
                                   Array("|".utf8), backend.digest(.sha1, body), Array("|end".utf8)]
        #expect(prehash.segments.map(\.bytes) == expected)
        #expect(prehash.segments.map(\.label) == ["{method}", "literal", "sha256(…)", "literal", "sha1(…)", "literal"])
        #expect(prehash.component(at: 4) == .literal)
        #expect(prehash.component(at: 5) == .digest)
        #expect(prehash.component(at: 5 + 64) == .literal)
    }

    @Test func backendsWithTheSameDigestsShareOnePrehash() throws {
        let (vector, venue, recipe) = try #require(Self.bundled.first { $0.venue.id == "gateio-v4" })
        let signer = RequestSigner(canonicalizer: Canonicalizer(venue: venue, recipe: recipe))
        let outcomes = signer.signEach(signer.canonicalizer.view(vector.request), credentials: vector.credentials,
                                       backends: [PureSwiftBackend(), OpenSSLBackend()])
        let (first, second) = (try #require(outcomes[0].signed), try #require(outcomes[1].signed))
        #expect(first.prehash == second.prehash)
        #expect(first.mac == second.mac)
        #expect(outcomes.map(\.backend) == ["swift", "openssl"])
        // Each is what signing on that backend alone gives.
        for (backend, outcome) in zip([PureSwiftBackend(), OpenSSLBackend()] as [any MACBackend], [first, second]) {
            let alone = try signer.sign(vector.request, credentials: vector.credentials, backend: backend)
            #expect(alone == outcome)
        }
    }

    @Test func aViewWithOnlyThePartsARecipeReadsAnswersEveryReadAsAFullView() {
        let locations: (String) -> [FieldLocation] = { name in
            [.query(name), .body(name), .parameter(name), .header(name, prefix: "")]
        }
        for (vector, venue, recipe) in Self.bundled {
            let canonicalizer = Canonicalizer(venue: venue, recipe: recipe)
            let request = venue.reads.withoutIgnoredBody(vector.request)
            let full = RequestView(request, signature: recipe.signature.location)
            for parts in [canonicalizer.partsRead, RequestView.Parts()] {
                let partial = RequestView(request, signature: recipe.signature.location, parts: parts)
                let label = "\(venue.id)/\(vector.id) \(parts.rawValue)"
                #expect(partial.observedSignature == full.observedSignature, "\(label)")
                #expect(partial.unsignedQuery == full.unsignedQuery, "\(label)")
                #expect(partial.unsignedBody == full.unsignedBody, "\(label)")
                #expect(partial.queryItems == full.queryItems, "\(label)")
                let names = Set(full.queryItems.map(\.key) + QueryItem.split(request.body).map(\.key) + ["timestamp", "nonce", "signature", "recvWindow", "symbol", "missing"])
                for name in names {
                    #expect(partial.bodyMember(name) == full.bodyMember(name), "\(label) \(name)")
                    #expect(partial.jsonMember(name) == full.jsonMember(name), "\(label) \(name)")
                    for location in locations(name) {
                        #expect(partial.value(at: location) == full.value(at: location), "\(label) \(location)")
                    }
                }
                for variable in recipe.prehash.variables {
                    let a = try? Canonicalizer(venue: venue, recipe: recipe).resolve(variable, view: partial, credentials: vector.credentials)
                    let b = try? Canonicalizer(venue: venue, recipe: recipe).resolve(variable, view: full, credentials: vector.credentials)
                    #expect(a == b, "\(label) \(variable)")
                }
            }
        }
    }
}
