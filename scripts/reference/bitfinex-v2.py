#!/usr/bin/env python3
"""Reference vectors for Bitfinex API v2 authenticated REST calls.

Rule, from the docs' example (https://docs.bitfinex.com/docs/rest-auth) and
the official SDK bitfinexcom/bfx-api-node-rest `lib/rest2.js`
`_makeAuthRequest` (with bfx-api-node-util `genAuthSig`):

    prehash   = "/api" + path + nonce + body
    signature = lower-case hex( HMAC-SHA384( secret as UTF-8, prehash ) )

* path is the path as sent, starting "/v2/..." (the docs write
  `/api/${apiPath}` with apiPath "v2/auth/r/wallets"; the SDK writes
  `/api/v2${path}`: the same bytes). Path parameters such as
  `tBTCUSD:123/trades` or `perf:1D/hist` are part of it, unescaped.
* body is the exact JSON text sent (the SDK signs `JSON.stringify(payload)`
  and sends that same string); an empty payload is sent and signed as "{}".
* Every authenticated call is a POST with Content-Type application/json;
  parameters travel in the JSON body, never in the query (the SDK's auth
  paths carry no query string), so every vector here has query "".
* nonce is `Date.now() * 1000` (microseconds), sent in `bfx-nonce`, and must
  only increase per key. Bitfinex documents no clock window for it, so there
  is no clock_drift vector; time.serverTime is nonce/1000 + 250 ms.

Run:  python3 scripts/reference/bitfinex-v2.py
It rewrites vectors/bitfinex-v2/requests.json and mistakes.json, byte for byte
the same on every run. (No docs.json: Bitfinex publishes no worked example
with a concrete secret.)
"""
from __future__ import annotations

import base64
import json

from engine import Mistake, Venue, compact_json, spaced_json

VENUE = "bitfinex-v2"
GENERATOR = "scripts/reference/bitfinex-v2.py"
SOURCES = [
    "https://docs.bitfinex.com/docs/rest-auth",
    "https://github.com/bitfinexcom/bfx-api-node-rest/blob/master/lib/rest2.js",
    "https://github.com/bitfinexcom/bfx-api-node-util/blob/master/lib/gen_auth_sig.js",
]
API_KEY = "sc-test-bfx-key-0001"
SECRET = "sc-test-bfx-secret-0001"
NONCE0 = 1_700_000_000_000_000  # 2023-11-14T22:13:20Z in microseconds


def prehash(path: str, nonce: int, body: str) -> str:
    return "/api" + path + str(nonce) + body


def wire(path: str, nonce: int, body: str, signature: str, api_key: str = API_KEY) -> dict:
    """The request as the SDK puts it on the wire (header names as in the docs' example)."""
    return {
        "method": "POST",
        "path": path,
        "query": "",
        "headers": {
            "Content-Type": "application/json",
            "bfx-nonce": str(nonce),
            "bfx-apikey": api_key,
            "bfx-signature": signature,
        },
        "body": body,
    }


class Bitfinex(Venue):
    """parts: path, nonce (µs), body as sent."""

    name = VENUE
    generator = GENERATOR
    hash_name = "sha384"

    def prehash(self, parts, creds):
        return prehash(parts["path"], parts["nonce"], parts["body"])

    def wire(self, parts, creds, signature):
        return wire(parts["path"], parts["nonce"], parts["body"], signature, creds["apiKey"])

    def expect_headers(self, parts, creds, signature):
        return {"bfx-signature": signature}

    def read_wire(self, request, creds):
        h = request["headers"]
        return prehash(request["path"], h["bfx-nonce"], request["body"]), h["bfx-signature"]

    def arrival(self, parts):
        return parts["nonce"] // 1000 + 250


RULE = Bitfinex({"apiKey": API_KEY, "secret": SECRET})


def nonce_for(index: int) -> int:
    # Distinct, increasing, with non-round microsecond digits.
    return NONCE0 + index * 1_000_000 + (index * 137) % 1000


# (id, comment, tags, path, body as sent)
VALID = [
    ("wallets-empty-body", "The docs' own example call: POST /v2/auth/r/wallets with the empty payload, sent and signed as \"{}\".",
     ["post", "empty-body", "docs-shape"], "/v2/auth/r/wallets", "{}"),
    ("info-user", "Empty payload on another read endpoint.", ["post", "empty-body"], "/v2/auth/r/info/user", "{}"),
    ("orders-by-symbol", "Path parameter (symbol) appended to the path; empty payload.",
     ["post", "path-param", "empty-body"], "/v2/auth/r/orders/tBTCUSD", "{}"),
    ("order-trades-colon-path", "Path parameter with ':' (symbol:orderId) is signed exactly as sent, unescaped.",
     ["post", "path-param", "colon"], "/v2/auth/r/order/tBTCUSD:123456789/trades", "{}"),
    ("stats-perf-colon-path", "Key with ':' inside the path (perf:1D).",
     ["post", "path-param", "colon"], "/v2/auth/r/stats/perf:1D/hist", "{}"),
    ("positions-empty", "Empty payload.", ["post", "empty-body"], "/v2/auth/r/positions", "{}"),
    ("orders-by-ids", "Array of integers in the body.", ["post", "json-body", "array"],
     "/v2/auth/r/orders", compact_json({"id": [1189428429, 1189428430]})),
    ("orders-hist-range", "Integer millisecond bounds and a limit.", ["post", "json-body", "integers"],
     "/v2/auth/r/orders/tETHUSD/hist", compact_json({"start": 1699990000000, "end": 1700000000000, "limit": 25})),
    ("submit-exchange-limit", "Order submit with string amounts (the docs' recommended form).",
     ["post", "json-body", "order"], "/v2/auth/w/order/submit",
     compact_json({"type": "EXCHANGE LIMIT", "symbol": "tBTCUSD", "price": "36500.5", "amount": "0.001", "flags": 0})),
    ("submit-nested-meta", "Nested object (meta) and a derivatives symbol containing ':'.",
     ["post", "json-body", "nested"], "/v2/auth/w/order/submit",
     compact_json({"type": "LIMIT", "symbol": "tBTCF0:USTF0", "price": "36000", "amount": "-0.25", "lev": 10,
                   "meta": {"aff_code": "sc-test", "make_visible": 1}})),
    ("submit-float-numbers", "JSON numbers 2050.1 and 0.1 as JavaScript's JSON.stringify writes them.",
     ["post", "json-body", "float"], "/v2/auth/w/order/submit",
     '{"type":"EXCHANGE LIMIT","symbol":"tETHUSD","price":2050.1,"amount":0.1}'),
    ("submit-tiny-float", "1e-8 written the JavaScript way (\"1e-8\"; Python would write 1e-08): whatever text is sent is what is signed.",
     ["post", "json-body", "float", "exponent"], "/v2/auth/w/order/submit",
     '{"type":"EXCHANGE MARKET","symbol":"tBTCUSD","amount":1e-8}'),
    ("settings-booleans", "Booleans inside a nested object.", ["post", "json-body", "boolean", "nested"],
     "/v2/auth/w/settings/set", compact_json({"settings": {"api:bfx-sc-test-a": True, "api:bfx-sc-test-b": False}})),
    ("settings-null-value", "null inside a nested object (the SDK drops only top-level nulls).",
     ["post", "json-body", "null", "nested"], "/v2/auth/w/settings/set",
     compact_json({"settings": {"api:bfx-sc-test-c": None}})),
    ("order-multi-ops", "Array of heterogeneous arrays with nested objects (order/multi).",
     ["post", "json-body", "array", "nested"], "/v2/auth/w/order/multi",
     compact_json({"ops": [["oc", {"id": 1189428429}],
                           ["on", {"type": "EXCHANGE LIMIT", "symbol": "tBTCUSD", "price": "30000", "amount": "0.01"}]]})),
    ("cancel-multi-empty-array", "Empty array value.", ["post", "json-body", "array"],
     "/v2/auth/w/order/cancel/multi", compact_json({"id": []})),
    ("cancel-by-cid", "Client id and a date string.", ["post", "json-body"],
     "/v2/auth/w/order/cancel", compact_json({"cid": 12345, "cid_date": "2023-11-14"})),
    ("cancel-big-id", "Large integer id (beyond 32 bits).", ["post", "json-body", "integers"],
     "/v2/auth/w/order/cancel", compact_json({"id": 123456789012345})),
    ("submit-non-ascii-raw", "Non-ASCII text sent as raw UTF-8 (JSON.stringify does not escape it); the UTF-8 bytes are signed.",
     ["post", "json-body", "non-ascii", "utf-8"], "/v2/auth/w/order/submit",
     compact_json({"type": "EXCHANGE LIMIT", "symbol": "tBTCEUR", "price": "33000", "amount": "0.002",
                   "meta": {"note": "Grüße € ✓"}})),
    ("submit-non-ascii-escaped", "The same note sent with \\u escapes (a Python client with ensure_ascii): the escaped text is what is signed.",
     ["post", "json-body", "non-ascii", "escaped"], "/v2/auth/w/order/submit",
     '{"type":"EXCHANGE LIMIT","symbol":"tBTCEUR","price":"33000","amount":"0.002","meta":{"note":"Gr\\u00fc\\u00dfe \\u20ac \\u2713"}}'),
    ("submit-spaced-json", "A Python client that sends json.dumps' default \", \" / \": \" spacing is fine as long as it signs the same text.",
     ["post", "json-body", "whitespace"], "/v2/auth/w/order/submit",
     spaced_json({"type": "EXCHANGE LIMIT", "symbol": "tBTCUSD", "price": "36500", "amount": "0.003"})),
    ("transfer-wallets", "Wallet transfer with several string fields.", ["post", "json-body"], "/v2/auth/w/transfer",
     compact_json({"from": "exchange", "to": "margin", "currency": "USD", "currency_to": "UST", "amount": "50.25"})),
    ("withdraw-empty-string", "Empty string value and an address with mixed case.", ["post", "json-body", "empty-value"],
     "/v2/auth/w/withdraw",
     compact_json({"wallet": "exchange", "method": "bitcoin", "amount": "0.0005",
                   "address": "bc1qscTestAddr0000000000000000000000000", "payment_id": ""})),
    ("deposit-address", "Integer flag in the body.", ["post", "json-body"], "/v2/auth/w/deposit/address",
     compact_json({"wallet": "exchange", "method": "bitcoin", "op_renew": 0})),
    ("ledgers-category", "Currency in the path, filter in the body.", ["post", "json-body", "path-param"],
     "/v2/auth/r/ledgers/USD/hist", compact_json({"category": 28, "limit": 500})),
    ("funding-offer-submit", "Funding offer with a 'f' symbol and string rate.", ["post", "json-body"],
     "/v2/auth/w/funding/offer/submit",
     compact_json({"type": "LIMIT", "symbol": "fUSD", "amount": "150.0", "rate": "0.0002", "period": 2, "flags": 0})),
    ("escapes-in-strings", "JSON string escapes (quote, backslash, slash, newline) are signed as the escaped text.",
     ["post", "json-body", "escaped"], "/v2/auth/w/settings/set",
     '{"settings":{"api:bfx-sc-test-d":"a \\"quoted\\" \\\\ back\\/slash\\nline"}}'),
    ("alerts-type", "Small body with a single string field.", ["post", "json-body"], "/v2/auth/r/alerts",
     compact_json({"type": "price"})),
]


def valid_vectors() -> list:
    vectors = []
    for index, (vid, comment, tags, path, body) in enumerate(VALID):
        nonce = nonce_for(index)
        vectors.append(RULE.valid(vid, comment, tags, {"path": path, "nonce": nonce, "body": body}))
    return vectors


B64_SECRET = "c2MtdGVzdC1iZngtYmFzZTY0LWxvb2tpbmctc2VjcmV0"  # valid base64 test secret
B64_KEY = "sc-test-bfx-key-0002"


def mistake_vectors() -> list:
    """Each entry: a request a buggy client sent, and how it computed its signature."""
    wallets, wallets_body = "/v2/auth/r/wallets", "{}"
    order_path = "/v2/auth/w/order/submit"
    order = {"type": "EXCHANGE LIMIT", "symbol": "tBTCUSD", "price": "36500.5", "amount": "0.001", "flags": 0}
    order_body = compact_json(order)
    euro = {"type": "EXCHANGE LIMIT", "symbol": "tBTCEUR", "price": "33000", "amount": "0.002", "meta": {"note": "€ ✓"}}
    euro_body = compact_json(euro)

    cases = []  # (id, tags, path, nonce, body, mistake, credentials)

    def add(vid, tags, path, index, body, make, credentials=None):
        nonce = NONCE0 + 500_000_000 + index * 1_000_000 + 41
        cases.append((vid, tags, path, nonce, body, make(nonce), credentials))

    add("body-signed-spaced-json", ["body", "whitespace"], order_path, 1, order_body,
        lambda n: ("Sent compact JSON but signed Python json.dumps' default (\", \" and \": \" separators).", Mistake("body_encoding",
                          client_prehash=prehash(order_path, n, spaced_json(order)))))
    add("body-signed-sorted-keys", ["body", "key-order"], order_path, 2, order_body,
        lambda n: ("Sent the keys in insertion order but signed json.dumps(sort_keys=True, compact).", Mistake("body_encoding",
                          client_prehash=prehash(order_path, n, compact_json(dict(sorted(order.items())))))))
    add("body-signed-ascii-escaped", ["body", "non-ascii"], order_path, 3, euro_body,
        lambda n: ("Sent raw UTF-8 (€, ✓) but signed the ensure_ascii form with \\u20ac / \\u2713 escapes.", Mistake("body_encoding",
                          client_prehash=prehash(order_path, n, json.dumps(euro, separators=(",", ":"))))))
    add("nonce-signed-37ms-earlier", ["nonce"], wallets, 4, wallets_body,
        lambda n: ("Read the clock twice: bfx-nonce carries N but the signature covers N - 37000 µs (37 ms).", Mistake("timestamp_mismatch",
                          client_prehash=prehash(wallets, n - 37_000, wallets_body))))
    add("nonce-signed-1ms-earlier", ["nonce"], order_path, 5, order_body,
        lambda n: ("bfx-nonce N, signed N - 1000 µs: two Date.now() calls one millisecond apart.", Mistake("timestamp_mismatch",
                          client_prehash=prehash(order_path, n - 1_000, order_body))))
    add("nonce-signed-in-ms", ["nonce", "units"], wallets, 6, wallets_body,
        lambda n: ("Sent the microsecond nonce but signed milliseconds (nonce // 1000).", Mistake("timestamp_units",
                          client_prehash=prehash(wallets, n // 1000, wallets_body))))
    add("secret-trailing-newline", ["secret"], wallets, 7, wallets_body,
        lambda n: ("Secret read from a file with its trailing newline: key bytes = secret + \"\\n\".", Mistake("secret_whitespace",
                          client_prehash=prehash(wallets, n, wallets_body), key=(SECRET + "\n").encode())))
    add("hmac-sha256", ["hash"], order_path, 8, order_body,
        lambda n: ("HMAC-SHA256 instead of HMAC-SHA384 (copied from another venue), hex.", Mistake("wrong_hash",
                          client_prehash=prehash(order_path, n, order_body), hash_name="sha256")))
    add("hmac-sha512", ["hash"], wallets, 9, wallets_body,
        lambda n: ("HMAC-SHA512 instead of HMAC-SHA384, hex.", Mistake("wrong_hash",
                          client_prehash=prehash(wallets, n, wallets_body), hash_name="sha512")))
    add("signature-base64", ["encoding"], wallets, 10, wallets_body,
        lambda n: ("Correct HMAC-SHA384 but base64 instead of lower-case hex.", Mistake("wrong_output_encoding",
                          client_prehash=prehash(wallets, n, wallets_body), encoding="base64")))
    add("path-without-api-prefix", ["path"], wallets, 11, wallets_body,
        lambda n: ("Signed the URL path \"/v2/auth/r/wallets\" without the \"/api\" prefix the prehash needs.", Mistake("path_mismatch",
                          client_prehash=wallets + str(n) + wallets_body)))
    add("path-with-host", ["path"], order_path, 12, order_body,
        lambda n: ("Signed the full URL (\"https://api.bitfinex.com/v2/...\") instead of \"/api/v2/...\".", Mistake("path_mismatch",
                          client_prehash="https://api.bitfinex.com" + order_path + str(n) + order_body)))
    add("empty-body-left-out", ["body", "component"], wallets, 13, wallets_body,
        lambda n: ("Sent \"{}\" but signed \"/api\" + path + nonce with no body at all.", Mistake("missing_component",
                          client_prehash=prehash(wallets, n, ""))))
    add("base64-secret-decoded", ["secret", "base64"], wallets, 14, wallets_body,
        lambda n: ("The secret happens to be valid base64 and the client decoded it (Kraken habit); Bitfinex uses its UTF-8 bytes.", Mistake("wrong_secret_encoding",
                          client_prehash=prehash(wallets, n, wallets_body), key=base64.b64decode(B64_SECRET))),
        credentials={"apiKey": B64_KEY, "secret": B64_SECRET})
    add("signed-with-rotated-secret", ["secret"], order_path, 15, order_body,
        lambda n: ("Signed with a secret that is not this key's (a rotated one): no single known mistake reproduces it.", Mistake("unexplained",
                          client_prehash=prehash(order_path, n, order_body), key=b"sc-test-bfx-secret-old-0000")))

    vectors = []
    for vid, tags, path, nonce, body, (comment, mistake), credentials in cases:
        vectors.append(RULE.invalid(vid, comment, ["post"] + tags, {"path": path, "nonce": nonce, "body": body}, mistake,
                                    credentials=credentials))
    return vectors


def main() -> None:
    RULE.write("requests", "Valid authenticated Bitfinex v2 REST calls (synthetic, generated from the documented rule)",
               SOURCES, valid_vectors(), RULE.defaults())
    RULE.write("mistakes", "Bitfinex v2 requests as buggy clients sent them, each with the one mistake that explains its signature",
               SOURCES, mistake_vectors(), RULE.defaults())


if __name__ == "__main__":
    main()
