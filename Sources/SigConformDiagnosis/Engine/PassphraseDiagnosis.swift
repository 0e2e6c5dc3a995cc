import SigConformCore
import SigConformMAC

/// Names the mistake behind a passphrase header that is not the passphrase as the venue signs it
/// (KuCoin key v2/v3: `base64(HMAC-SHA256(secret, passphrase))` when `KC-API-KEY-VERSION` says
/// so), for a request whose signature is right. Each value a client plausibly sent is computed
/// and compared with the header; the details never show the passphrase or the header's value.
enum PassphraseDiagnosis {
    static func step(request: HTTPRequest, recipe: HMACRecipe, credentials: Credentials, key: [UInt8], signer: RequestSigner,
                     backend: any MACBackend) -> Diagnosis.Step? {
        guard let field = recipe.passphrase, let signing = field.signing, let passphrase = credentials.passphrase,
              case .header(let name, let prefix) = field.location, let sent = request.headers[name], sent.hasPrefix(prefix) else { return nil }
        let value = Array(sent.dropFirst(prefix.count).utf8)
        func signed(_ message: String, key: [UInt8], hash: HashAlgorithm) -> [UInt8]? {
            try? signer.mac(Array(message.utf8), key: key, hash: hash, backend: backend)
        }
        guard let correctMAC = signed(passphrase, key: key, hash: signing.hash) else { return nil }
        let selects = signing.applies(to: request)
        let version = signing.whenHeader.map { header in "\(header) \(request.headers[header] ?? "(absent)")" } ?? "the venue"
        if !selects {
            // The passphrase was signed, but nothing on the wire asks the venue to expect that.
            guard constantTimeEquals(value, Array(signing.encoding.encode(correctMAC).utf8)) else { return nil }
            let wanted = signing.whenHeader.map { "\($0): \(signing.whenValues.first ?? "")" } ?? "the version header"
            return Diagnosis.Step(.valueMismatch, "sent the signed passphrase without \(wanted), so the venue compares it with the plain passphrase",
                                  fix: fix(signing, header: name))
        }
        let rule = "\(version) requires base64(HMAC-\(signing.hash.rawValue.uppercased())(secret, passphrase))"
        if constantTimeEquals(value, Array(signing.encoding.encode(correctMAC).utf8)) { return nil }
        var candidates: [(String, String)] = [
            (passphrase, "sent the plain passphrase in \(name) where \(rule)"),
            (ByteEncoding.base64.encode(Array(passphrase.utf8)), "sent base64 of the plain passphrase in \(name) where \(rule)"),
        ]
        for encoding in ByteEncoding.allCases where encoding != signing.encoding {
            candidates.append((encoding.encode(correctMAC), "signed the passphrase but encoded it as \(encoding.rawValue) where \(rule)"))
        }
        for hash in [HashAlgorithm.sha1, .sha256, .sha384, .sha512] where hash != signing.hash {
            if let mac = signed(passphrase, key: key, hash: hash) {
                candidates.append((signing.encoding.encode(mac), "signed the passphrase with HMAC-\(hash.rawValue.uppercased()) where \(rule)"))
            }
        }
        if let mac = signed(passphrase, key: Array(passphrase.utf8), hash: signing.hash) {
            candidates.append((signing.encoding.encode(mac), "signed the passphrase with the passphrase as the key instead of the secret"))
        }
        for trimmed in [passphrase.trimmingWhitespaceAndNewlines, passphrase + "\n"] where trimmed != passphrase {
            if let mac = signed(trimmed, key: key, hash: signing.hash) {
                candidates.append((signing.encoding.encode(mac), "signed the passphrase with whitespace \(trimmed.count < passphrase.count ? "trimmed" : "added") (a trailing newline from a file)"))
            }
        }
        return candidates.first { constantTimeEquals(value, Array($0.0.utf8)) }.map { Diagnosis.Step(.valueMismatch, $0.1, fix: fix(signing, header: name)) }
    }
}

extension PassphraseDiagnosis {
    /// The venue's passphrase rule, as one instruction.
    static func fix(_ signing: PassphraseSigning, header: String) -> String {
        let signed = "\(signing.encoding.rawValue)(HMAC-\(signing.hash.rawValue.uppercased())(secret, passphrase))"
        guard let version = signing.whenHeader else { return "send \(signed) in \(header)" }
        return "send \(signed) in \(header) together with \(version): \(signing.whenValues.joined(separator: " or ")); without \(version), send the plain passphrase"
    }
}

private extension String {
    var trimmingWhitespaceAndNewlines: String {
        var scalars = Substring(self).unicodeScalars
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        return String(scalars)
    }
}
