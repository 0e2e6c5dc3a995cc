import SigConformCore
import SigConformMAC

/// What can be read off a signature no known mistake reproduces: its length and alphabet say
/// which hash and encoding produced it; the request's parts say what looks off.
enum Evidence {
    static func collect(observed: String, evaluation: VectorEvaluation, recipe: HMACRecipe) -> [String] {
        var facts: [String] = []
        let expectedLength = recipe.signature.encoding.encode(Array(repeating: 0, count: recipe.hash.digestByteCount)).count
        let isHex = Hex.isHex(observed)
        if isHex {
            let bytes = observed.count / 2
            let hashes = HashAlgorithm.allCases.filter { $0.digestByteCount == bytes }.map(\.rawValue)
            facts.append("the observed signature is \(observed.count) hex digits (\(bytes) bytes: \(hashes.isEmpty ? "no known hash" : hashes.joined(separator: "/")))"
                         + (recipe.signature.encoding == .hex || recipe.signature.encoding == .hexUpper ? "" : "; the venue expects \(recipe.signature.encoding.rawValue)"))
        } else if let bytes = Base64.decode(observed) ?? Base64.decode(observed, urlSafe: true) {
            let hashes = HashAlgorithm.allCases.filter { $0.digestByteCount == bytes.count }.map(\.rawValue)
            facts.append("the observed signature is base64 of \(bytes.count) bytes (\(hashes.isEmpty ? "no known hash" : hashes.joined(separator: "/")))"
                         + (recipe.signature.encoding == .base64 ? "" : "; the venue expects \(recipe.signature.encoding.rawValue)"))
        } else {
            facts.append("the observed signature is neither hex nor base64")
        }
        if observed.count != expectedLength {
            facts.append("the venue's signature is \(expectedLength) characters (\(recipe.hash.rawValue), \(recipe.signature.encoding.rawValue)); the observed one is \(observed.count)")
        }
        let request = evaluation.vector.request
        if request.query.contains(" ") || request.query.unicodeScalars.contains(where: { !$0.isASCII }) {
            facts.append("the query contains unencoded spaces or non-ASCII characters")
        }
        if request.body.contains("\": ") || request.body.contains(", \"") {
            facts.append("the JSON body contains spaces after ':' or ','; the exact bytes sent must be the bytes signed")
        }
        if let field = recipe.timestamp, let text = RequestView(request, signature: recipe.signature.location).value(at: field.location),
           TimestampCodec.milliseconds(text, format: field.format) == nil {
            facts.append("the timestamp \"\(text)\" is not in the venue's format \(field.format.rawValue)")
        }
        return facts
    }
}
