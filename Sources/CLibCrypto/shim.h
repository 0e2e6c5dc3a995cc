#ifndef SIGCONFORM_CLIBCRYPTO_SHIM_H
#define SIGCONFORM_CLIBCRYPTO_SHIM_H
// The OpenSSL 3 interfaces the OpenSSL backend uses (EVP digests and the EVP_MAC API), and
// hmac.h for the one-shot HMAC() that only the benchmark calls, as the slow reference.
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#include <openssl/hmac.h>
#endif
