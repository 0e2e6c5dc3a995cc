import Foundation
import SigConformCore

/// Creates the files of a new venue: `<root>/<id>/venue.json` (a recipe copied from a similar
/// venue, or a commented template) and `<root>/<id>/requests.json` with one example vector to
/// fill in. Every value the author must supply starts with "TODO", which `lint` reports until it
/// is replaced. Never overwrites a file.
package struct VenueScaffold: Sendable {
    /// The folder of venue folders (normally `vectors`).
    package let root: String
    /// The folder with the JSON Schemas, for the files' `$schema`.
    package let schemaDirectory: String?

    package init(root: String, schemaDirectory: String?) {
        self.root = root
        self.schemaDirectory = schemaDirectory
    }

    /// The files `create` writes, in order.
    package func paths(for id: String) -> (venue: String, vectors: String) {
        let folder = (root as NSString).appendingPathComponent(id)
        return ((folder as NSString).appendingPathComponent("venue.json"), (folder as NSString).appendingPathComponent("requests.json"))
    }

    /// Writes the two files of venue `id`, the recipe copied from `like` when given.
    package func create(id: String, like: Venue?) throws(RecordError) -> [String] {
        guard RecipeDecoder.isVenueID(id) else {
            throw RecordError(.invalidID, "invalid venue id \"\(id)\"", hint: "lower-case letters, digits and '-', e.g. \"acme-spot\"")
        }
        let (venuePath, vectorsPath) = paths(for: id)
        for path in [venuePath, vectorsPath] where FileManager.default.fileExists(atPath: path) {
            throw RecordError(.duplicateID, "\(path) exists already", hint: "venue new never overwrites; pick another id or edit the file")
        }
        let recipe = try venueJSON(id: id, like: like)
        let decodedRecipe = try decode(recipe, at: venuePath, id: id)
        let files = [(venuePath, JSONWriter.pretty(recipe, layout: .venueFile)),
                     (vectorsPath, JSONWriter.pretty(vectorFileJSON(id: id, venue: decodedRecipe, at: vectorsPath)))]
        do {
            try FileManager.default.createDirectory(atPath: (venuePath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            for (path, text) in files { try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .withoutOverwriting) }
        } catch {
            throw RecordError(.cannotWrite, "cannot write the venue's files: \(error.localizedDescription)", hint: "check that \(root) is writable")
        }
        return files.map(\.0)
    }

    func schema(_ name: String, from file: String) -> [(key: String, value: JSONValue)] {
        guard let schemaDirectory else { return [] }
        return [("$schema", .string(RelativePath.from((file as NSString).deletingLastPathComponent, to: "\(schemaDirectory)/\(name)")))]
    }

    /// The template must itself be a recipe sigconform reads, so `lint` reports only the TODOs.
    func decode(_ recipe: JSONValue, at path: String, id: String) throws(RecordError) -> Venue {
        do {
            let document = try JSONParser().parse(JSONWriter.compact(recipe))
            return try RecipeDecoder().decode(JSONReader(file: path, document: document), expectedID: id)
        } catch let error as InputError {
            throw RecordError(.venueNotLoaded, "the recipe to copy does not load: \(error)", hint: "copy a venue whose venue.json has no errors")
        } catch {
            throw RecordError(.venueNotLoaded, "the recipe to copy does not load: \(error)")
        }
    }

    func venueJSON(id: String, like: Venue?) throws(RecordError) -> JSONValue {
        let path = paths(for: id).venue
        var members: [(key: String, value: JSONValue)] = schema("venue.schema.json", from: path)
        members.append(("$comment", .string("Written by `sigconform venue new`. Replace every TODO from the venue's signing docs: "
            + "docs/recipes.md explains each member, docs/adding-a-venue.md the steps; `sigconform lint` lists what is left.")))
        members += [("format", .string(RecipeDecoder.format)), ("id", .string(id)),
                    ("name", .string("TODO: display name, e.g. \"Acme Spot REST API (HMAC keys)\"")),
                    ("docs", .string("TODO: URL of the venue's request-signing documentation"))]
        let authMembers: [(key: String, value: JSONValue)]
        if let like {
            let original: JSONValue
            do { original = try FileReader.readJSON(like.file).document.root } catch {
                throw RecordError(.venueNotLoaded, "cannot read \(like.file): \(error)")
            }
            if original["host"] != nil { members.append(("host", .string("TODO: the API host, e.g. api.acme.example"))) }
            members.append(("notes", .array([.string("TODO: quote what the docs say the string to sign is. The recipe below was copied from \(like.id): check every member against this venue's docs.")])))
            authMembers = (original.objectMembers ?? []).filter { ["auth", "hmac", "bearer"].contains($0.key) }
        } else {
            members.append(("notes", .array([.string("TODO: quote what the docs say the string to sign is, and every decision where they leave room.")])))
            authMembers = Self.templateRecipe
        }
        members += authMembers
        members.append(("errors", .object([
            ("$comment", .string("Optional: the error codes the venue answers with (shown in reports). Remove what you do not know.")),
            ("badSignature", .object([("code", .string("TODO: code of the invalid-signature error")), ("message", .string("TODO: its message"))])),
        ])))
        return .object(members)
    }

    /// The commonest HMAC shape (timestamp + method + path?query + body, key and signature in headers).
    static let templateRecipe: [(key: String, value: JSONValue)] = [
        ("auth", .string("hmac")),
        ("hmac", .object([
            ("$comment", .string("The commonest shape: HMAC over timestamp + method + path?query + body, key, timestamp and signature in headers. "
                + "Change what the docs say otherwise; see docs/recipes.md for prehash variables, locations, digests and windows.")),
            ("hash", .string("sha256")),
            ("secret", .string("utf8")),
            ("prehash", .string("{timestamp}{method}{requestPath}{body}")),
            ("signature", .object([("in", .object([("header", .string("TODO-SIGNATURE-HEADER"))])), ("encoding", .string("hex"))])),
            ("apiKey", .object([("in", .object([("header", .string("TODO-API-KEY-HEADER"))]))])),
            ("timestamp", .object([
                ("in", .object([("header", .string("TODO-TIMESTAMP-HEADER"))])), ("format", .string("unix-ms")),
                ("window", .object([("pastMs", .number("5000")), ("futureMs", .number("5000"))])),
            ])),
        ])),
    ]

    /// One example vector whose request carries every header the recipe reads, values to fill in.
    func vectorFileJSON(id: String, venue: Venue, at path: String) -> JSONValue {
        var headers: [(key: String, value: JSONValue)] = []
        var credentials: [(key: String, value: JSONValue)] = [("apiKey", .string("TODO: the docs' example API key (test keys only)"))]
        switch venue.auth {
        case .hmac(let recipe):
            credentials.append(("secret", .string("TODO: the docs' example secret (test secrets only)")))
            if recipe.passphrase != nil { credentials.append(("passphrase", .string("TODO: the docs' example passphrase"))) }
            let named: [(FieldLocation?, String)] = [(recipe.apiKey?.location, "the API key"), (recipe.timestamp?.location, "the timestamp as sent"),
                                                     (recipe.nonce?.location, "the nonce as sent"), (recipe.passphrase?.location, "the passphrase header as sent"),
                                                     (recipe.signature.location, "the signature the docs show")]
            for case let (location?, what) in named {
                if case .header(let name, let prefix) = location { headers.append((name, .string("TODO: \(prefix)\(what)"))) }
            }
        case .bearer(let recipe):
            headers.append((recipe.header, .string("TODO: \(recipe.scheme) <the API key>")))
        }
        var expect: [(key: String, value: JSONValue)] = []
        if venue.hmac != nil {
            expect = [("prehash", .string("TODO: the exact string the docs sign")), ("signature", .string("TODO: the signature the docs show"))]
        } else {
            expect = [("headers", .object(headers))]
        }
        let vector: JSONValue = .object([
            ("id", .string("docs-example")),
            ("comment", .string("TODO: which example of the docs this is (section, URL anchor)")),
            ("tags", .array([.string("doc-example")])),
            ("request", .object([
                ("method", .string("GET")), ("path", .string("TODO: /the/path")), ("query", .string("")),
                ("headers", .object(headers)), ("body", .string("")),
            ])),
            ("result", .string("valid")),
            ("expect", .object(expect)),
        ])
        return .object(schema("vectors.schema.json", from: path) + [
            ("$comment", .string("Written by `sigconform venue new`. Fill in the docs' worked example, or delete it and record requests with "
                + "`sigconform record --venue \(id) …`; docs/vector-format.md explains each member.")),
            ("format", .string(VectorDecoder.format)), ("venue", .string(id)),
            ("description", .string("TODO: what these vectors cover")),
            ("sources", .array([.string("TODO: URL of the docs page the examples come from")])),
            ("defaults", .object([("credentials", .object(credentials))])),
            ("vectors", .array([vector])),
        ])
    }
}
