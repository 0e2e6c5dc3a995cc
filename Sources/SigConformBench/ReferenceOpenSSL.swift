internal import CLibCrypto
import SigConformMAC

/// libcrypto called directly, in the loops `openssl speed` runs, as the yardstick for both backends.
///
/// - digests: one preallocated `EVP_MD_CTX`, `EVP_DigestInit_ex2` / `EVP_DigestUpdate` /
///   `EVP_DigestFinal_ex` per message (what `speed` times, minus its per-call implicit fetch);
/// - HMAC: one keyed `EVP_MAC_CTX`, `EVP_MAC_init(ctx, NULL, 0, NULL)` / `EVP_MAC_update` /
///   `EVP_MAC_final` per message, exactly `openssl speed -hmac`'s loop in OpenSSL 3;
/// - `HMAC()`: OpenSSL 3's one-shot function, which fetches the digest on every call.
///
/// This is benchmark code only: sigconform's OpenSSL backend never calls `HMAC()`.
enum ReferenceOpenSSL {
    static func benchCase(_ spec: MACWorkloads.Spec, implementation: String) -> BenchCase? {
        guard let loop = Loop(spec) else { return nil }
        let box = Box(loop)
        return .local(spec.workload, implementation, bytesPerOperation: spec.bytesPerOperation) { box.value.run() }
    }

    static func oneShotCase(_ spec: MACWorkloads.Spec) -> BenchCase {
        let message = MACWorkloads.message(spec.length)
        let key = MACWorkloads.key
        let md = Box(spec.algorithm == .sha512 ? EVP_sha512() : EVP_sha256())
        return .local(spec.workload, "openssl-oneshot", bytesPerOperation: nil) {
            var output = InlineArray<64, UInt8>(repeating: 0)
            var length: UInt32 = 0
            let ok = withUnsafeMutableBytes(of: &output) { out in
                HMAC(md.value, key, Int32(key.count), message, message.count, out.baseAddress!.assumingMemoryBound(to: UInt8.self), &length)
            }
            precondition(ok != nil, "HMAC() failed")
            return UInt64(output[0])
        }
    }

    /// One workload's libcrypto state, created once and reused for every operation.
    final class Loop {
        let message: [UInt8]
        private let digestContext: OpaquePointer?
        private let md: OpaquePointer?
        private let macContext: OpaquePointer?
        private var output = [UInt8](repeating: 0, count: 64)

        init?(_ spec: MACWorkloads.Spec) {
            message = MACWorkloads.message(spec.length)
            let name = spec.algorithm == .sha512 ? "SHA2-512" : "SHA2-256"
            if spec.keyed {
                md = nil
                digestContext = nil
                guard let mac = EVP_MAC_fetch(nil, "HMAC", nil), let context = EVP_MAC_CTX_new(mac) else { return nil }
                EVP_MAC_free(mac)
                macContext = context
                let keyed = "digest".withCString { parameterName in
                    name.withCString { value in
                        let parameters = [
                            OSSL_PARAM_construct_utf8_string(parameterName, UnsafeMutablePointer(mutating: value), 0),
                            OSSL_PARAM_construct_end(),
                        ]
                        return EVP_MAC_init(context, MACWorkloads.key, MACWorkloads.key.count, parameters)
                    }
                }
                guard keyed == 1 else { return nil }
            } else {
                macContext = nil
                guard let fetched = EVP_MD_fetch(nil, name, nil), let context = EVP_MD_CTX_new() else { return nil }
                md = fetched
                digestContext = context
            }
        }

        deinit {
            EVP_MD_CTX_free(digestContext)
            EVP_MD_free(md)
            EVP_MAC_CTX_free(macContext)
        }

        func run() -> UInt64 {
            var length = 0
            if let macContext {
                let ok = EVP_MAC_init(macContext, nil, 0, nil) == 1
                    && EVP_MAC_update(macContext, message, message.count) == 1
                    && EVP_MAC_final(macContext, &output, &length, output.count) == 1
                precondition(ok, "EVP_MAC loop failed")
            } else {
                var digestLength: UInt32 = 0
                let ok = EVP_DigestInit_ex2(digestContext, md, nil) == 1
                    && EVP_DigestUpdate(digestContext, message, message.count) == 1
                    && EVP_DigestFinal_ex(digestContext, &output, &digestLength) == 1
                precondition(ok, "EVP digest loop failed")
            }
            return UInt64(output[0])
        }
    }
}
