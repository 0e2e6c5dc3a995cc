import SigConformCore

/// The time fields of a signer's answer: a client may use the clock it is given or its own,
/// within the venue's window of the vector's clock (the evaluator checks the window against
/// ``vectorClock(_:venue:)`` and reports a timestamp outside it); here, what changed, and
/// whether a field that appears twice (query and form body, body and a header payload) says
/// the same thing both times.
struct AnswerClock {
    let vector: Vector
    let sent: HTTPRequest
    let answered: HTTPRequest
    /// The venue under the key choices the verdict is for (Gemini's nonce mode).
    let venue: Venue
    let evaluation: VectorEvaluation

    /// The venue's clock when the vector's request arrived: its `time.serverTime`, else the
    /// vector's own timestamp (a request that is right as given was made at its own time).
    /// `nil` for an expiry (BitMEX's `api-expires` is not the time of the request) or when
    /// the venue has no timestamp window.
    static func vectorClock(_ vector: Vector, venue: Venue) -> Int64? {
        if let serverTime = vector.time.serverTime { return serverTime }
        guard let base = venue.hmac else { return nil }
        let recipe = base.keyOptions.isEmpty ? base : base.choosing(base.keyChoiceCombinations(keeping: vector.keyChoices)[0])
        guard let field = recipe.timestamp, let window = field.window, !window.isExpiry,
              let text = RequestView(vector.request, signature: recipe.signature.location).value(at: field.location) else { return nil }
        return TimestampCodec.milliseconds(text, format: field.format)
    }

    var remarks: [AnswerRemark] {
        guard let recipe = venue.hmac else { return [] }
        let before = RequestView(sent, signature: nil)
        let after = RequestView(answered, signature: nil)
        var remarks: [AnswerRemark] = []
        if let field = recipe.timestamp {
            remarks += changes(of: "timestamp", at: field.location, before: before, after: after, recipe: recipe) { old, new in
                guard let a = TimestampCodec.milliseconds(old, format: field.format),
                      let b = TimestampCodec.milliseconds(new, format: field.format) else { return "" }
                let window = evaluation.clock.map { ", \(Self.windowText($0))" } ?? (field.window == nil ? ", which the venue does not compare with its clock" : "")
                return b == a ? "" : " (\(abs(b - a)) ms \(b > a ? "later" : "earlier")\(window))"
            }
        }
        if let field = recipe.nonce, field.location != recipe.timestamp?.location {
            remarks += changes(of: "nonce", at: field.location, before: before, after: after, recipe: recipe) { _, _ in
                recipe.timestamp == nil ? "; the venue asks only that a key's nonces increase" : ""
            }
        }
        if let location = recipe.recvWindow?.location {
            remarks += changes(of: "receive window", at: location, before: before, after: after, recipe: recipe) { _, _ in "" }
        }
        return remarks
    }

    /// A note when the field's value changed, and a failure when the answer carries it twice
    /// with different values (a venue reads one of them; which one is its business).
    func changes(of label: String, at location: FieldLocation, before: RequestView, after: RequestView, recipe: HMACRecipe,
                 detail: (String, String) -> String) -> [AnswerRemark] {
        var remarks: [AnswerRemark] = []
        if let name = location.parameterName {
            let reach = RecipeReach(recipe)
            var everywhere = RecipeReach(query: true, body: true)
            everywhere.payloadHeaders = reach.payloadHeaders
            let found = RequestParameters(answered, reach: everywhere).all(name)
            let values = Set(found.map { scalarText($0.value) })
            if values.count > 1 {
                let listed = found.map { "\($0.place) \(quoted(scalarText($0.value)))" }.joined(separator: ", ")
                remarks.append(.failure("the \(label) \(name) appears \(found.count) times with different values: \(listed)"))
            }
        }
        let old = before.value(at: location)
        let new = after.value(at: location)
        switch (old, new) {
        case let (old?, new?) where old != new:
            remarks.append(.note("the \(label) is \(quoted(new)) (the vector's: \(quoted(old)))\(detail(old, new))"))
        case (nil, let new?) where location.parameterName == nil:
            // An added parameter is noted with the request's other parameters (AnswerIntent).
            remarks.append(.note("the client adds the \(label) \(quoted(new)) (\(location))"))
        case (.some, nil):
            remarks.append(.failure("the request has no \(label) (\(location))"))
        default: break
        }
        return remarks
    }

    static func windowText(_ clock: ClockCheck) -> String {
        clock.isExpiry ? clock.summary : "the venue accepts up to \(clock.allowedPast) ms behind and under \(clock.allowedFuture) ms ahead of its clock"
    }
}
