import SigConform

/// Canned bodies beyond the venue file's, per venue and endpoint:
/// `{"binance-spot": {"GET /api/v3/account": {…}}, …}` (placeholders as in ``ResponseBody``).
package enum ServeFixtures {
    /// Parses the JSON of a file (or variable) of `serve`'s input, called `origin` in errors.
    static func reader(_ bytes: [UInt8], origin: String) throws(InputError) -> JSONReader {
        do { return JSONReader(file: origin, document: try JSONParser().parse(bytes)) } catch {
            throw InputError(error, file: origin)
        }
    }

    package static func decode(_ bytes: [UInt8], origin: String) throws(InputError) -> [String: [String: JSONValue]] {
        let reader = try ServeFixtures.reader(bytes, origin: origin)
        let document = reader.document
        guard let venues = document.root.objectMembers else {
            throw reader.error("", "expected an object of venue ids", hint: "{\"binance-spot\": {\"GET /api/v3/account\": {…}}}")
        }
        var fixtures: [String: [String: JSONValue]] = [:]
        for venue in venues where !venue.key.hasPrefix("$") {
            guard let endpoints = venue.value.objectMembers else {
                throw reader.error("/\(venue.key)", "expected an object of \"METHOD /path\" bodies")
            }
            for endpoint in endpoints where !endpoint.key.hasPrefix("$") {
                guard RecipeDecoder.isEndpointKey(endpoint.key) else {
                    throw reader.error("/\(venue.key)", "\"\(endpoint.key)\" is not \"METHOD /path\"", hint: "e.g. \"GET /api/v3/account\" (no query)")
                }
                fixtures[venue.key, default: [:]][endpoint.key] = endpoint.value
            }
        }
        return fixtures
    }
}
