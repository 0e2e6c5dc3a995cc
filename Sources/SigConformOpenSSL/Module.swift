/// sigconform OpenSSL backend: digests and HMAC on libcrypto (OpenSSL 3 EVP_MD / EVP_MAC).
