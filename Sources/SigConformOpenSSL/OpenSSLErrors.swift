internal import CLibCrypto
import SigConformMAC

/// Turns OpenSSL's thread-local error queue into ``MACError`` values.
enum OpenSSLErrors {
    /// The backend identifier used in every error this module throws.
    static let backendID = "openssl"

    /// A failure of `operation`, carrying every error OpenSSL queued on this thread
    /// (which also empties the queue, so the next failure does not report stale entries).
    static func failure(_ operation: String) -> MACError {
        .libraryFailure(backend: backendID, operation: operation, detail: drainQueue())
    }

    /// Pops every queued error and renders them oldest first, `; `-separated.
    static func drainQueue() -> String {
        var messages: [String] = []
        while true {
            let code = ERR_get_error()
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
            messages.append(String(decoding: bytes, as: UTF8.self))
        }
        return messages.isEmpty ? "OpenSSL queued no error detail" : messages.joined(separator: "; ")
    }
}
