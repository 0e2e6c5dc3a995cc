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

    /// The copies of a parameter the venue reads: all of them, unless the parameter is in both
    /// the query and the body, where the venue's ``RequestReading/bothParts`` picks one part.
    /// `ignored` are the copies it does not read; `undecided` when no source says which it reads.
    func readCopies(_ copies: [RequestParameters.Parameter]) -> (read: [RequestParameters.Parameter], ignored: [RequestParameters.Parameter], undecided: Bool) {
        guard Set(copies.compactMap(\.place.part)).count > 1 else { return (copies, [], false) }
        guard let chosen = venue.reads.bothParts else { return (copies, [], true) }
        let read = copies.filter { $0.place.part == nil || $0.place.part == chosen }
        return (read, copies.filter { $0.place.part != nil && $0.place.part != chosen }, false)
    }

    /// The vector's parameters in the answer.
    var parameters: [AnswerRemark] {
        let given = parameters(of: sent)
        let answer = parameters(of: answered)
        let skipped = authFieldNames
        let chosenByClient = Set(venue.hmac?.clientFields ?? [])
        var remarks: [AnswerRemark] = []
        var grouped = GroupedNotes()
        for name in given.names where !skipped.contains(name) {
            let expected = readCopies(given.all(name)).read
            let copies = answer.all(name)
            let (found, ignored, undecided) = readCopies(copies)
            let place = expected[0].place
            if chosenByClient.contains(name), let mine = found.first, !sameParameterValue(expected[0].value, mine.value) {
                remarks.append(.note("the client picks its own \(name) \(quoted(scalarText(mine.value))) (the vector's: \(quoted(scalarText(expected[0].value)))), which \(venue.id) leaves to the client"))
                continue
            }
            if found.isEmpty {
                remarks.append(.failure("the parameter \(name) is missing (the vector sends \(name)=\(quoted(scalarText(expected[0].value))) in the \(place))"))
                continue
            }
            if undecided {
                remarks.append(.failure("the parameter \(name) is sent in both the query and the body (\(listed(copies))), and no source says which copy \(venue.id) reads: send it once"))
                continue
            }
            if !ignored.isEmpty {
                let read = found[0].place
                if ignored.allSatisfy({ sameParameterValue($0.value, found[0].value) }) {
                    grouped.add(name, under: "twice with the same value, in the \(ignored[0].place) and the \(read); \(venue.id) reads the \(read)'s", verb: ("is sent", "are sent"))
                } else {
                    remarks.append(.failure("the parameter \(name) is sent twice with different values: \(listed(copies)); \(venue.id) reads the \(read)'s, but one request should say one thing: send it once"))
                    continue
                }
            }
            remarks += valueRemarks(name, expected: expected, found: found)
            if found[0].place != place, !copies.contains(where: { $0.place == place }) {
                grouped.add(name, under: "from the \(place) to the \(found[0].place)", verb: ("moved", "moved"))
            } else if found[0].place == place, found.count == expected.count, zip(expected, found).contains(where: { $0.written != $1.written }),
                      zip(expected, found).allSatisfy({ ParameterMatch(expected: $0.value, found: $1.value) == .same }) {
                remarks.append(.note("the parameter \(name) is written \(quoted(found[0].written)) (the vector's: \(quoted(expected[0].written)))"))
            }
        }
        remarks += grouped.notes
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

    /// Whether the copies the venue reads say what the vector's say: value by value in order, with
    /// members the client added inside a value as notes; a repeated key's values in another order
    /// pass only where the venue reads them as a set (``RequestReading/repeatedKeysUnordered``).
    func valueRemarks(_ name: String, expected: [RequestParameters.Parameter], found: [RequestParameters.Parameter]) -> [AnswerRemark] {
        let wanted = expected.map { quoted(scalarText($0.value)) }.joined(separator: ", ")
        let values = found.map { quoted(scalarText($0.value)) }.joined(separator: ", ")
        let changed = AnswerRemark.failure("the parameter \(name) is \(values) in the \(found[0].place), the vector's is \(wanted)")
        guard found.count == expected.count else { return [changed] }
        let matches = zip(expected, found).map { ParameterMatch(expected: $0.value, found: $1.value) }
        if !matches.contains(.different) {
            return matches.flatMap { match -> [AnswerRemark] in
                guard case .extended(let added) = match else { return [] }
                return added.map { .note("the client adds \(name)\($0) inside the parameter \(name)") }
            }
        }
        guard expected.count > 1, Self.sameValuesInAnyOrder(expected, found) else { return [changed] }
        let reordered = "the parameter \(name) repeats its values in another order: \(values) (the vector's: \(wanted))"
        return venue.reads.repeatedKeysUnordered
            ? [.note(reordered + "; \(venue.id) reads a repeated key as a set of values")]
            : [.failure(reordered + "; no source says \(venue.id) reads them as a set, so their order may change what is asked")]
    }

    /// Whether `found` holds the same values as `expected`, each once, in any order.
    static func sameValuesInAnyOrder(_ expected: [RequestParameters.Parameter], _ found: [RequestParameters.Parameter]) -> Bool {
        var unmatched = found.map(\.value)
        for item in expected {
            guard let index = unmatched.firstIndex(where: { sameParameterValue(item.value, $0) }) else { return false }
            unmatched.remove(at: index)
        }
        return unmatched.isEmpty
    }

    func listed(_ copies: [RequestParameters.Parameter]) -> String {
        copies.map { "\(quoted(scalarText($0.value))) in the \($0.place)" }.joined(separator: ", ")
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

/// Notes about several parameters that share a sentence ("the parameters symbol, side moved
/// from the query to the form body"), in the order first seen.
struct GroupedNotes {
    private var names: [String: [String]] = [:]
    private var verbs: [String: (one: String, many: String)] = [:]
    private var order: [String] = []

    mutating func add(_ name: String, under sentence: String, verb: (one: String, many: String)) {
        if names[sentence] == nil {
            order.append(sentence)
            verbs[sentence] = verb
        }
        names[sentence, default: []].append(name)
    }

    var notes: [AnswerRemark] {
        order.map { sentence in
            let group = names[sentence] ?? []
            let verb = verbs[sentence] ?? ("", "")
            return .note(group.count == 1 ? "the parameter \(group[0]) \(verb.one) \(sentence)"
                                          : "the parameters \(group.joined(separator: ", ")) \(verb.many) \(sentence)")
        }
    }
}
