import SigConformCore
import SigConformMAC

extension HTTPRequest {
    /// The request as a client has it before signing: the signature taken out of wherever the
    /// venue's recipe carries it (for bearer venues, the whole `Authorization` header). Every
    /// other byte stays as sent, so the signer signs exactly the request of the vector.
    package func removingSignature(for venue: Venue) -> HTTPRequest {
        var copy = self
        switch venue.auth {
        case .bearer(let recipe):
            copy.headers.remove(recipe.header)
        case .hmac(let recipe):
            let view = RequestView(self, signature: recipe.signature.location)
            switch recipe.signature.location {
            case .query, .parameter:
                copy.query = view.unsignedQuery
                copy.body = view.unsignedBody
            case .body(let name):
                copy.body = body.first == "{" ? Self.removingJSONMember(name, from: body) : view.unsignedBody
            case .header(let name, _):
                copy.headers.remove(name)
            case .headerParameter(let header, _, let parameter):
                if let value = headers[header] { copy.headers.set(header, Self.removingHeaderParameter(parameter, from: value)) }
            case .encodedHeaderMember(let header, let member):
                if let value = headers[header], let bytes = Base64.decode(value), let text = String(validating: bytes, as: UTF8.self) {
                    copy.headers.set(header, Base64.encode(Array(Self.removingJSONMember(member, from: text).utf8)))
                }
            }
        }
        return copy
    }

    /// `text` without the top-level member `name`, written compactly (member order and number
    /// text kept), which is how clients send JSON bodies.
    static func removingJSONMember(_ name: String, from text: String) -> String {
        guard let document = try? JSONParser().parse(text), case .object(let members) = document.root,
              members.contains(where: { $0.key == name }) else { return text }
        return JSONWriter.compact(.object(members.filter { $0.key != name }))
    }

    /// A `<scheme> k=v,k=v` header value without the item `parameter=…`, everything else as sent.
    static func removingHeaderParameter(_ parameter: String, from value: String) -> String {
        let items = value.split(separator: ",", omittingEmptySubsequences: false)
        // An item's key follows the scheme word (first item) and any spaces.
        func key(_ item: Substring) -> Substring { (item.split(separator: " ").last ?? item).prefix { $0 != "=" } }
        guard let index = items.firstIndex(where: { key($0) == parameter }) else { return value }
        var kept = Array(items)
        kept.remove(at: index)
        if index == 0, let space = items[0].lastIndex(of: " "), !kept.isEmpty {
            // The removed first item carried the scheme: give it to the new first item.
            kept[0] = items[0][...space] + kept[0].drop { $0 == " " }
        }
        return kept.joined(separator: ",")
    }
}
