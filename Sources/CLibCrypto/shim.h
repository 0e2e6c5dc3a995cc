#ifndef SIGCONFORM_CLIBCRYPTO_SHIM_H
#define SIGCONFORM_CLIBCRYPTO_SHIM_H
// Only the OpenSSL 3 interfaces the OpenSSL backend uses: EVP digests and the EVP_MAC API.
#include <openssl/evp.h>
#include <openssl/core_names.h>
#include <openssl/params.h>
#include <openssl/err.h>
#include <openssl/crypto.h>
#include <openssl/opensslv.h>
#endif
