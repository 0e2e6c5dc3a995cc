import SigConformCore
import SigConformMAC

extension Mistake {
    /// HMAC computed with another hash function.
    package static let wrongHash = Mistake(.wrongHash, name: "hash-function", changesPrehash: false) { attempt, _ in
        HashAlgorithm.allCases.filter { $0 != attempt.hash }.map { hash in
            attempt.with(.wrongHash, "used HMAC-\(hash.rawValue.uppercased()) instead of HMAC-\(attempt.hash.rawValue.uppercased())") { $0.hash = hash }
        }
    }

    /// The MAC written in another encoding than the venue's.
    package static let wrongOutputEncoding = Mistake(.wrongOutputEncoding, name: "output-encoding", changesPrehash: false) { attempt, context in
        ByteEncoding.allCases.filter { candidate in
            candidate != attempt.encoding
                && !(context.recipe.signature.caseInsensitive && [ByteEncoding.hex, .hexUpper].contains(candidate) && [ByteEncoding.hex, .hexUpper].contains(attempt.encoding))
        }.map { encoding in
            attempt.with(.wrongOutputEncoding, "wrote the MAC as \(encoding.rawValue) instead of \(attempt.encoding.rawValue)") { $0.encoding = encoding }
        }
    }

    /// Signed the method in another case than sent.
    package static let methodCase = Mistake(.methodCase, name: "method-case") { attempt, context in
        guard context.recipe.prehash.variables.contains(.method) else { return [] }
        let method = attempt.request.method
        let capitalised = method.prefix(1).uppercased() + method.dropFirst().lowercased()
        return [method.lowercased(), capitalised, method.uppercased()].filter { $0 != method }.map { signed in
            attempt.with(.methodCase, "signed the method as \"\(signed)\" while sending \"\(method)\"") { $0.request.method = signed }
        }
    }
}
