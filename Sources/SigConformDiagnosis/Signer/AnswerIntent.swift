import SigConformCore

/// Whether a signer's answer asks the venue for the same thing as the vector's request, and
/// how its bytes differ: the method and path must be the same, and every parameter the vector
/// gives must be there with the same value after decoding, in any place the venue's signature
/// covers (query, form body, JSON body, a signed base64 JSON header). Auth and time fields are
/// left to ``AnswerClock`` and the evaluator. What a client may change freely (order, encoding,
/// place, headers the venue neither signs nor requires, parameters it adds) is a note.
struct AnswerIntent {
    let sent: HTTPRequest
    let answered: HTTPRequest
    let venue: Venue

    var remarks: [AnswerRemark] {
        var remarks = requestLine
        remarks += parameters
        remarks += headers
        return remarks
    }

    /// Method, path and host.
    var requestLine: [AnswerRemark] {
        var remarks: [AnswerRemark] = []
        if answered.method != sent.method {
            remarks.append(answered.method.uppercased() == sent.method.uppercased()
                ? .note("the method is written \(answered.method) (the vector's: \(sent.method))")
                : .failure("the method is \(answered.method), the vector's request is a \(sent.method)"))
        }
        if answered.path != sent.path {
            remarks.append(.failure("the path is \(quoted(answered.path)), the vector's is \(quoted(sent.path))"))
        }
        if let host = sent.host, let other = answered.host, host.lowercased() != other.lowercased() {
            remarks.append(.failure("the host is \(quoted(other)), the vector's is \(quoted(host))"))
        } else if sent.host != nil, answered.host == nil {
            remarks.append(.note("the answer names no host (the vector's: \(quoted(sent.host ?? ""))); the venue's own is assumed"))
        }
        return remarks
    }

    /// The names of auth and time fields, which the evaluator and ``AnswerClock`` judge.
    var authFieldNames: Set<String> {
        guard let recipe = venue.hmac else { return [] }
        var locations = [recipe.signature.location, recipe.timestamp?.location, recipe.nonce?.location, recipe.apiKey?.location,
                         recipe.recvWindow?.location, recipe.passphrase?.location].compactMap { $0 }
        for option in recipe.keyOptions {
            for choice in option.choices {
                locations += [choice.timestamp?.location, choice.nonce?.location, choice.recvWindow?.location].compactMap { $0 }
            }
        }
        return Set(locations.compactMap(\.parameterName))
    }

    func parameters(of request: HTTPRequest) -> RequestParameters {
        switch venue.auth {
        case .hmac(let recipe): RequestParameters(request, recipe: recipe)
        case .bearer: RequestParameters(request, reach: RecipeReach(query: true, body: true))
        }
    }

    /// The vector's parameters in the answer.
    var parameters: [AnswerRemark] {
        let given = parameters(of: sent)
        let answer = parameters(of: answered)
        let skipped = authFieldNames
        let chosenByClient = Set(venue.hmac?.clientFields ?? [])
        var remarks: [AnswerRemark] = []
        var moves: [String: [String]] = [:]
        var moveOrder: [String] = []
        for name in given.names where !skipped.contains(name) {
            let expected = given.all(name)
            let found = answer.all(name)
            let place = expected[0].place
            if chosenByClient.contains(name), let mine = found.first, !sameParameterValue(expected[0].value, mine.value) {
                remarks.append(.note("the client picks its own \(name) \(quoted(scalarText(mine.value))) (the vector's: \(quoted(scalarText(expected[0].value)))), which \(venue.id) leaves to the client"))
            } else if found.isEmpty {
                remarks.append(.failure("the parameter \(name) is missing (the vector sends \(name)=\(quoted(scalarText(expected[0].value))) in the \(place))"))
            } else if found.count != expected.count || !zip(expected, found).allSatisfy({ sameParameterValue($0.value, $1.value) }) {
                let values = found.map { quoted(scalarText($0.value)) }.joined(separator: ", ")
                let wanted = expected.map { quoted(scalarText($0.value)) }.joined(separator: ", ")
                remarks.append(.failure("the parameter \(name) is \(values) in the \(found[0].place), the vector's is \(wanted)"))
            } else if found[0].place != place {
                let move = "from the \(place) to the \(found[0].place)"
                if moves[move] == nil { moveOrder.append(move) }
                moves[move, default: []].append(name)
            } else if zip(expected, found).contains(where: { $0.written != $1.written }) {
                remarks.append(.note("the parameter \(name) is written \(quoted(found[0].written)) (the vector's: \(quoted(expected[0].written)))"))
            }
        }
        for move in moveOrder {
            let names = moves[move] ?? []
            remarks.append(.note(names.count == 1 ? "the parameter \(names[0]) moved \(move)" : "the parameters \(names.joined(separator: ", ")) moved \(move)"))
        }
        let known = Set(given.names)
        for name in answer.names where !known.contains(name) {
            let item = answer.all(name)[0]
            remarks.append(.note("the client adds the parameter \(name)=\(quoted(scalarText(item.value))) in the \(item.place)"))
        }
        for place in Set(answer.items.map(\.place)) {
            let givenOrder = given.items.filter { $0.place == place && answer.all($0.name).contains { $0.place == place } }.map(\.name)
            let answerOrder = answer.items.filter { $0.place == place && known.contains($0.name) }.map(\.name)
            if givenOrder.count == answerOrder.count, givenOrder != answerOrder {
                remarks.append(.note("the \(place)'s parameters are in another order: \(answerOrder.joined(separator: ", ")) (the vector's: \(givenOrder.joined(separator: ", ")))"))
            }
        }
        if answer.items.isEmpty, given.items.isEmpty, answered.body != sent.body {
            remarks.append(.failure("the body is \(answered.body.utf8.count) bytes \(quoted(answered.body)), the vector's is \(sent.body.utf8.count) bytes \(quoted(sent.body))"))
        }
        return remarks
    }

    /// Headers added, dropped or changed. Headers the venue signs must stay (their values may
    /// change: the signature covers them); auth headers are the evaluator's, time headers
    /// ``AnswerClock``'s; anything else is a note.
    var headers: [AnswerRemark] {
        let recipe = venue.hmac
        let signed = Set((recipe.map { RecipeReach($0).signedHeaders } ?? []).map { $0.lowercased() })
        let judgedElsewhere = Set(([recipe?.timestamp?.location, recipe?.nonce?.location, recipe?.apiKey?.location,
                                    recipe?.passphrase?.location, recipe?.recvWindow?.location].compactMap { $0?.headerName }
                                  + (recipe.map { RecipeReach($0).payloadHeaders } ?? [])).map { $0.lowercased() })
        let secretHeaders = Set([recipe?.passphrase?.location.headerName].compactMap { $0?.lowercased() })
        var remarks: [AnswerRemark] = []
        for field in sent.headers {
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
        for field in answered.headers where sent.headers[field.name] == nil {
            let shown = judgedElsewhere.contains(field.name.lowercased()) ? "" : ": \(quoted(field.value))"
            remarks.append(.note("the client adds the header \(field.name)\(shown)"))
        }
        return remarks
    }
}

extension FieldLocation {
    /// The parameter or member name at this location, when it is one (not a header).
    var parameterName: String? {
        switch self {
        case .query(let name), .body(let name), .parameter(let name): name
        case .encodedHeaderMember(_, let member): member
        case .header, .headerParameter: nil
        }
    }

    /// The header this location is in, when it is one.
    var headerName: String? {
        switch self {
        case .header(let name, _), .headerParameter(let name, _, _): name
        case .query, .body, .parameter, .encodedHeaderMember: nil
        }
    }
}
