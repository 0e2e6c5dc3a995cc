import SigConform

/// The keys clients will use, per venue, read from a file or an environment variable (never
/// the command line): `{"binance-spot": [{"apiKey": "…", "secret": "…", "passphrase": "…"}], …}`.
/// A venue may have several keys; a request is checked with the one whose API key it names.
package struct ServeKeyring: Sendable {
    package var keys: [String: [Credentials]]

    package init(keys: [String: [Credentials]] = [:]) { self.keys = keys }

    package static let keyMembers: Set<String> = ["apiKey", "secret", "passphrase"]

    /// Reads the JSON text of a credentials file (or variable) called `origin` in errors.
    package static func decode(_ bytes: [UInt8], origin: String) throws(InputError) -> ServeKeyring {
        let reader = try ServeFixtures.reader(bytes, origin: origin)
        let document = reader.document
        guard let venues = document.root.objectMembers else {
            throw reader.error("", "expected an object of venue ids", hint: "{\"binance-spot\": [{\"apiKey\": …, \"secret\": …}]}")
        }
        var keyring = ServeKeyring()
        for venue in venues where !venue.key.hasPrefix("$") {
            let pointer = "/\(venue.key)"
            let items = venue.value.arrayValue ?? [venue.value]  // one key may be given without the array
            var list: [Credentials] = []
            for (index, item) in items.enumerated() {
                let itemPointer = venue.value.arrayValue == nil ? pointer : "\(pointer)/\(index)"
                var credentials = Credentials()
                for member in try reader.members(item, at: itemPointer, allowed: keyMembers) {
                    let text = try reader.string(member.value, at: "\(itemPointer)/\(member.key)")
                    switch member.key {
                    case "apiKey": credentials.apiKey = text
                    case "secret": credentials.secret = text
                    default: credentials.passphrase = text
                    }
                }
                guard credentials.secret != nil || credentials.apiKey != nil else {
                    throw reader.error(itemPointer, "a key needs \"apiKey\" and \"secret\"")
                }
                if let apiKey = credentials.apiKey, list.contains(where: { $0.apiKey == apiKey }) {
                    throw reader.error(itemPointer, "the API key \(Redaction.maskKey(apiKey)) is given twice", hint: "each key of a venue has its own apiKey")
                }
                list.append(credentials)
            }
            keyring.keys[venue.key, default: []] += list
        }
        return keyring
    }
}
