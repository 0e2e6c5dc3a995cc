import SigConformCore

extension AnswerIntent {
    /// Headers added, dropped or changed. Headers the venue signs or requires must stay (a
    /// signed header's value may change: the signature covers it); auth headers are the
    /// evaluator's, time headers ``AnswerClock``'s; headers that choose where the request goes
    /// (``selectingHeaders``) must choose the same; anything else is a note.
    var headers: [AnswerRemark] {
        let recipe = venue.hmac
        let signed = Set((recipe.map { RecipeReach($0).signedHeaders } ?? []).map { $0.lowercased() })
        let judgedElsewhere = Set(([recipe?.timestamp?.location, recipe?.nonce?.location, recipe?.apiKey?.location,
                                    recipe?.passphrase?.location, recipe?.recvWindow?.location].compactMap { $0?.headerName }
                                  + (recipe.map { RecipeReach($0).payloadHeaders } ?? [])).map { $0.lowercased() })
        let selecting = Set(venue.reads.selectingHeaders.map { $0.name.lowercased() })
        let secretHeaders = Set([recipe?.passphrase?.location.headerName].compactMap { $0?.lowercased() })
        var remarks = selectingHeaders
        for field in sent.headers where !selecting.contains(field.name.lowercased()) {
            let name = field.name.lowercased()
            guard let value = answered.headers[field.name] else {
                if signed.contains(name) || judgedElsewhere.contains(name) {
                    remarks.append(.failure("the request has no \(field.name) header, which \(venue.id) \(signed.contains(name) ? "signs" : "requires")"))
                } else {
                    remarks.append(.note("the client leaves out the header \(field.name)"))
                }
                continue
            }
            guard value != field.value, !judgedElsewhere.contains(name) else { continue }
            let shown = secretHeaders.contains(name) ? "" : " \(quoted(value)) (the vector's: \(quoted(field.value)))"
            remarks.append(.note("the header \(field.name) is\(shown.isEmpty ? " another value" : shown)"
                                 + (signed.contains(name) ? "; it is signed, so the venue reads what the signature covers" : "")))
        }
        for field in answered.headers where sent.headers[field.name] == nil && !selecting.contains(field.name.lowercased()) {
            let shown = judgedElsewhere.contains(field.name.lowercased()) ? "" : ": \(quoted(field.value))"
            remarks.append(.note("the client adds the header \(field.name)\(shown)"))
        }
        return remarks
    }

    /// The headers of the venue's ``RequestReading/selectingHeaders`` (OKX's `x-simulated-trading`):
    /// a request whose header chooses something else than the vector's (dropped, so the venue
    /// assumes its default; or another value) goes elsewhere, a demo order to the live venue. The
    /// same choice written otherwise (python-okx's `x-simulated-trading: 0` for live) is a note.
    var selectingHeaders: [AnswerRemark] {
        venue.reads.selectingHeaders.compactMap { header in
            let given = sent.headers[header.name]
            let mine = answered.headers[header.name]
            guard given != mine else { return nil }
            let wanted = header.effectiveValue(given)
            if wanted == header.effectiveValue(mine) {
                return .note(mine == nil ? "the client leaves out the header \(header.name), which \(venue.id) reads as \(header.describe(nil))"
                                         : "the client adds the header \(header.name): \(header.describe(mine)), as \(venue.id) reads a request without it")
            }
            let fix = given.map { "send \(header.name): \($0) as given" } ?? "leave the header out, as the vector does"
            let now = mine == nil ? "the request has no \(header.name) header, which \(venue.id) reads as \(header.describe(nil))"
                                  : "the header \(header.name) is \(header.describe(mine))"
            let vector = given == nil ? "the vector's has none (\(header.describe(nil)))" : "the vector's is \(header.describe(given))"
            let reached = header.effectiveValue(mine).flatMap { header.meanings[$0] }
            let meant = wanted.flatMap { header.meanings[$0] }
            let outcome = reached.map { "this request reaches \($0)" + (meant.map { ", not \($0)" } ?? "") } ?? "this request goes elsewhere"
            return .failure("\(now); \(vector). The header selects \(header.selects) at \(venue.id): \(outcome). Fix: \(fix)")
        }
    }
}
