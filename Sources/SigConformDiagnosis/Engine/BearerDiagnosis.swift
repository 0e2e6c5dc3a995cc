import SigConformCore

/// Diagnoses `Authorization` headers of bearer-token APIs against the exact `Bearer <key>` form.
enum BearerDiagnosis {
    static func diagnose(_ evaluation: VectorEvaluation, recipe: BearerRecipe) -> Diagnosis {
        let venue = evaluation.venue
        func result(_ steps: [Diagnosis.Step], evidence: [String] = []) -> Diagnosis {
            Diagnosis(steps: steps, clientPrehash: nil, correctPrehash: nil, evidence: evidence,
                      venueError: venue.errors.badSignature ?? venue.errors.badKey, docs: venue.docs)
        }
        guard let key = evaluation.vector.credentials.apiKey else { return result([], evidence: ["the vector has no credentials.apiKey"]) }
        guard let sent = evaluation.vector.request.headers[recipe.header] else {
            return result([Diagnosis.Step(.missingBearerPrefix, "the request has no \(recipe.header) header at all")])
        }
        let scheme = recipe.scheme
        let correct = recipe.headerValue(apiKey: key)
        if sent == correct { return result([], evidence: ["the \(recipe.header) header is correct"]) }
        let prefixMistakes: [(String, String)] = [
            (key, "sent the bare key without \"\(scheme) \""),
            ("\(scheme.lowercased()) \(key)", "wrote the scheme in lower case (\"\(scheme.lowercased()) \")"),
            ("\(scheme.uppercased()) \(key)", "wrote the scheme in upper case (\"\(scheme.uppercased()) \")"),
            ("Token \(key)", "used the word \"Token\" instead of \"\(scheme)\""),
            ("Basic \(key)", "used the word \"Basic\" instead of \"\(scheme)\""),
            ("\(scheme)  \(key)", "put two spaces after \"\(scheme)\""),
            ("\(scheme)\(key)", "left out the space after \"\(scheme)\""),
            ("\(scheme) \(scheme) \(key)", "wrote \"\(scheme) \" twice"),
            ("\(scheme): \(key)", "put a colon after \"\(scheme)\""),
        ]
        for (value, detail) in prefixMistakes where value == sent {
            return result([Diagnosis.Step(.missingBearerPrefix, detail)])
        }
        let whitespace: [(String, String)] = [
            ("\(correct)\n", "the key carried a trailing newline"), ("\(correct)\r\n", "the key carried a trailing CRLF"),
            ("\(correct) ", "the key carried a trailing space"), ("\(scheme)  \(key) ", "the key carried surrounding spaces"),
        ]
        for (value, detail) in whitespace where value == sent {
            return result([Diagnosis.Step(.secretWhitespace, detail)])
        }
        var evidence: [String] = []
        if sent.hasPrefix(scheme + " ") {
            evidence.append("the header has the right scheme but another key (\(Redaction.fingerprint(String(sent.dropFirst(scheme.count + 1)))) instead of \(Redaction.fingerprint(key))): a relay key sent to the wrong base URL, or the wrong environment variable")
        } else {
            evidence.append("the header does not start with \"\(scheme) \"")
        }
        return result([], evidence: evidence)
    }
}
