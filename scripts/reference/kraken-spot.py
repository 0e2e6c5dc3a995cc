#!/usr/bin/env python3
"""Reference vectors for Kraken Spot REST private endpoints.

Written from the official docs, not from sigconform:
  https://docs.kraken.com/api/docs/guides/spot-rest-auth
  (also https://docs.kraken.com/exchange/guides/rest/authentication)

Rules used (all from that page):
  * API-Sign = base64( HMAC-SHA512( key = base64decode(secret),
                                    msg = URI path bytes + SHA256(nonce + POST data) ) )
    "HMAC-SHA512 of (URI path + SHA256(nonce + POST data)) and base64 decoded
    secret API key". SHA256(...) is the raw 32-byte digest, so the prehash is
    binary and the vectors carry expect.prehashHex.
  * "The URI path used for API-Sign should be the part starting with
    '/0/private'". POST data = the exact body sent, which contains `nonce`.
  * `nonce`: "always increasing, unsigned 64-bit integer", a body parameter.
    Headers: API-Key (public key), API-Sign.
  * Bodies are application/x-www-form-urlencoded; the docs' code samples also
    sign a JSON string body as nonce + JSON text (json.loads(data)["nonce"]),
    which AddOrderBatch needs for its nested orders: two vectors use JSON.

Decided, with reasons:
  * Kraken has no timestamp window (only nonce monotonicity, which one vector
    cannot show); time.serverTime is given anyway (nonce ms + 300) and no
    clock_drift vectors exist.
  * No secret_whitespace vectors: the key is base64-DECODED, and a lenient
    decoder (Python's b64decode, most SDKs) drops a trailing newline or space,
    giving the same key bytes and the same signature; a strict decoder fails
    before any signature exists. Neither is a signature-level mistake.
  * The docs publish no API (public) key for their example: docs.json uses the
    placeholder 'sc-test-kraken-docs-example-public-key' in API-Key; it is not
    signed.

Run: python3 scripts/reference/kraken-spot.py  (rewrites vectors/kraken-spot/*.json)
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import Clock, Mistake, Venue, b64_secret, compact_json, request, spaced_json, split_query  # noqa: E402

VENUE = "kraken-spot"
GENERATOR = "scripts/reference/kraken-spot.py"
DOCS = "https://docs.kraken.com/api/docs/guides/spot-rest-auth"
DOCS_ALT = "https://docs.kraken.com/exchange/guides/rest/authentication"
FORM = "application/x-www-form-urlencoded; charset=utf-8"
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte

CREDENTIALS = {"apiKey": "sc-test-kraken-api-key-0001", "secret": b64_secret("scTestKrakenSecretDoNotUse", 64)}
DOCS_CREDENTIALS = {
    "apiKey": "sc-test-kraken-docs-example-public-key",
    "secret": "kQH5HW/8p1uGOVjbgWA7FunAmGO8lsSUXNsu3eow76sz84Q18fWxnyRzBHCd3pd5nE9qa99HAZtuZuj6F1huXg==",
}
DOCS_SIGNATURE = "4/dpxb3iT4tp/ZCVEwSnEsLxx0bqyhLpdfOpc6fn7OR8+UClSV5n9E6aSS8MPtnRfp32bAb0nmbRn6H8ndwLUQ=="
DOCS_PREHASH_HEX = ("2f302f707269766174652f4164644f7264657223a1c1b34c6a11d641af0f24684896cb90f66fb991125c83dc357bdc"
                    "3dc146f1")


def message(path: str, nonce: str, body: str) -> bytes:
    return path.encode("utf-8") + hashlib.sha256((nonce + body).encode("utf-8")).digest()


class Kraken(Venue):
    """parts: path, body, nonce (the text in the body), content type."""

    name = VENUE
    generator = GENERATOR

    hash_name = "sha512"
    encoding = "base64"
    binary = True

    def key(self, credentials) -> bytes:
        return base64.b64decode(credentials["secret"], validate=True)

    def prehash(self, parts, credentials) -> bytes:
        return message(parts["path"], parts["nonce"], parts["body"])

    def wire(self, parts, credentials, sig):
        headers = {"API-Key": credentials["apiKey"], "API-Sign": sig, "Content-Type": parts["type"]}
        return request("POST", parts["path"], "", headers, parts["body"])

    def expect_headers(self, parts, credentials, sig):
        return {"API-Sign": sig}

    def read_wire(self, request, credentials):
        # The nonce is the one in the body, form or JSON, as the server parses it.
        body = request["body"]
        if request["headers"]["Content-Type"].startswith("application/json"):
            nonce = str(json.loads(body)["nonce"])
        else:
            nonce = dict(split_query(body))["nonce"]
        return message(request["path"], nonce, body), request["headers"]["API-Sign"]


RULE = Kraken(CREDENTIALS)


def form(path, body, nonce):
    """`body` may contain '{n}' where the nonce goes (it need not come first)."""
    return {"path": path, "body": body.format(n=nonce), "nonce": str(nonce), "type": FORM}


def json_body(path, value, nonce, dump=compact_json):
    return {"path": path, "body": dump(dict({"nonce": nonce}, **value)), "nonce": str(nonce),
            "type": "application/json"}


def docs_vectors():
    out = []
    parts = form("/0/private/AddOrder", "nonce={n}&ordertype=limit&pair=XBTUSD&price=37500&type=buy&volume=1.25",
                 1616492376594)
    docs_rule = Kraken(DOCS_CREDENTIALS)
    prehash, sig = docs_rule.correct(parts, DOCS_CREDENTIALS)
    if sig != DOCS_SIGNATURE or prehash.hex() != DOCS_PREHASH_HEX:
        raise SystemExit(f"Kraken docs example does not reproduce: {sig}")
    out.append(docs_rule.valid("docs-add-order", "Docs API-Sign example: AddOrder buy 1.25 XBTUSD @ 37500, nonce "
                        f"1616492376594. Published API-Sign {DOCS_SIGNATURE} reproduces. API-Key is a placeholder "
                        f"(the docs publish none; it is not signed). Source: {DOCS}.",
                        ["doc-example", "post", "form-body"], parts, 1616492376594 + 300))
    return out


def request_vectors():
    out = []
    t = Clock(CLOCK_START).tick

    def case(id, comment, tags, parts, nonce):
        out.append(RULE.valid(id, comment, tags, parts, nonce + 300))

    n = t()
    case("balance-nonce-only", "Body is only the nonce.", ["post", "form-body", "minimal"],
         form("/0/private/Balance", "nonce={n}", n), n)
    n = t()
    case("balance-ex", "BalanceEx, nonce only.", ["post", "form-body", "minimal"],
         form("/0/private/BalanceEx", "nonce={n}", n), n)
    n = t()
    case("trade-balance-asset", "One parameter after the nonce.", ["post", "form-body"],
         form("/0/private/TradeBalance", "nonce={n}&asset=ZUSD", n), n)
    n = t()
    case("open-orders-flags", "Boolean flag and userref.", ["post", "form-body"],
         form("/0/private/OpenOrders", "nonce={n}&trades=true&userref=1234567", n), n)
    n = t()
    case("closed-orders-range", "Start/end range.", ["post", "form-body"],
         form("/0/private/ClosedOrders", f"nonce={{n}}&start={n // 1000 - 86400}&end={n // 1000}&closetime=both", n), n)
    n = t()
    case("query-orders-comma-raw", "Comma-delimited txid list sent raw.", ["post", "form-body", "comma"],
         form("/0/private/QueryOrders", "nonce={n}&txid=OBCMZD-JIEE7-77TH3F,OMMDB2-FSB6Z-7W3HPO&trades=true", n), n)
    n = t()
    case("query-orders-comma-encoded", "Comma-delimited txid list sent as %2C: signed as sent.",
         ["post", "form-body", "comma", "encoding"],
         form("/0/private/QueryOrders", "nonce={n}&txid=OBCMZD-JIEE7-77TH3F%2COMMDB2-FSB6Z-7W3HPO", n), n)
    n = t()
    case("add-order-limit", "Limit order like the docs' example, other values.", ["post", "form-body"],
         form("/0/private/AddOrder", "nonce={n}&ordertype=limit&pair=XXBTZUSD&price=42000.5&type=sell&volume=0.25", n),
         n)
    n = t()
    case("add-order-nonce-not-first", "nonce in the middle of the body: SHA256 covers nonce + the whole body, so "
         "the nonce digits appear twice in its input.", ["post", "form-body", "order"],
         form("/0/private/AddOrder", "ordertype=market&pair=XETHZUSD&nonce={n}&type=buy&volume=1", n), n)
    n = t()
    case("add-order-tiny-decimals", "Decimals 0.1 and 0.00000001 (1e-8).", ["post", "form-body", "decimal"],
         form("/0/private/AddOrder", "nonce={n}&ordertype=limit&pair=XXBTZUSD&price=0.1&type=buy&volume=0.00000001",
              n), n)
    n = t()
    case("add-order-oflags-comma", "oflags list 'post,fciq' sent raw.", ["post", "form-body", "comma"],
         form("/0/private/AddOrder", "nonce={n}&ordertype=limit&pair=XXBTZUSD&price=41000&type=buy&volume=0.5"
              "&oflags=post,fciq&cl_ord_id=6d1b345e-2821-40e2-ad83-4ecb18a06876", n), n)
    n = t()
    case("add-order-otp", "Two-factor 'otp' parameter in the body.", ["post", "form-body"],
         form("/0/private/AddOrder", "nonce={n}&ordertype=market&pair=XXBTZEUR&type=sell&volume=0.1&otp=123456", n), n)
    n = t()
    case("cancel-order", "CancelOrder by txid.", ["post", "form-body"],
         form("/0/private/CancelOrder", "nonce={n}&txid=OYVGEW-VYV5B-UUEXSK", n), n)
    n = t()
    case("cancel-all", "CancelAll, nonce only.", ["post", "form-body", "minimal"],
         form("/0/private/CancelAll", "nonce={n}", n), n)
    n = t()
    case("withdraw-space-percent20", "Withdrawal key name with spaces as %20.", ["post", "form-body", "encoding",
                                                                                  "space"],
         form("/0/private/Withdraw", "nonce={n}&asset=XBT&key=my%20cold%20wallet&amount=0.725", n), n)
    n = t()
    case("withdraw-space-plus", "Spaces as '+' (form style).", ["post", "form-body", "encoding", "space"],
         form("/0/private/Withdraw", "nonce={n}&asset=XBT&key=my+hot+wallet&amount=0.1", n), n)
    n = t()
    case("withdraw-plus-literal", "Literal '+' as %2B.", ["post", "form-body", "encoding", "plus"],
         form("/0/private/Withdraw", "nonce={n}&asset=ETH&key=a%2Bb&amount=1.5", n), n)
    n = t()
    case("withdraw-at-encoded", "'@' as %40.", ["post", "form-body", "encoding", "at-sign"],
         form("/0/private/Withdraw", "nonce={n}&asset=USDT&key=ops%40desk&amount=250", n), n)
    n = t()
    case("withdraw-slash-raw", "'/' sent raw.", ["post", "form-body", "encoding", "slash"],
         form("/0/private/Withdraw", "nonce={n}&asset=USDT&key=desk/alpha&amount=100", n), n)
    n = t()
    case("withdraw-amp-equals", "'&' and '=' in a value as %26 and %3D.",
         ["post", "form-body", "encoding", "ampersand", "equals"],
         form("/0/private/Withdraw", "nonce={n}&asset=USDC&key=cold%26warm%3Dwallet&amount=10", n), n)
    n = t()
    case("withdraw-non-ascii", "Non-ASCII key name ('Café €') percent-encoded.",
         ["post", "form-body", "encoding", "non-ascii"],
         form("/0/private/Withdraw", "nonce={n}&asset=XBT&key=Caf%C3%A9%20%E2%82%AC&amount=0.01", n), n)
    n = t()
    case("ledgers-empty-values", "Parameters with empty values (asset=, start=), signed as sent.",
         ["post", "form-body", "empty-value"],
         form("/0/private/Ledgers", "nonce={n}&asset=&type=all&start=", n), n)
    n = t()
    case("earn-allocate-subpath", "Deeper URI path (/0/private/Earn/Allocate).", ["post", "form-body", "path"],
         form("/0/private/Earn/Allocate", "nonce={n}&amount=100.00&strategy_id=ESRFUO3-Q62XD-WIOIL7", n), n)
    n = t()
    micro = n * 1000 + 123
    case("nonce-microseconds", "16-digit microsecond nonce: any increasing uint64 is accepted.",
         ["post", "form-body", "nonce"], form("/0/private/Balance", "nonce={n}", micro), n)
    n = t()
    batch = {"orders": [
        {"ordertype": "limit", "price": "40000", "type": "buy", "volume": "0.1", "cl_ord_id": "sc-test-b1"},
        {"ordertype": "limit", "price": "45000.5", "type": "sell", "volume": "0.1", "oflags": "post"}],
        "pair": "BTC/USD", "deadline": "2023-11-14T22:30:00.000Z", "validate": False}
    case("json-add-order-batch", "AddOrderBatch with a compact JSON body (nested array of objects, boolean); "
         "signed as nonce + JSON text.", ["post", "json-body", "nested", "array"],
         json_body("/0/private/AddOrderBatch", batch, n), n)
    n = t()
    withdraw = {"asset": "XBT", "key": "Café €", "amount": 0.1, "max_fee": 1e-08, "address": None}
    case("json-withdraw-non-ascii-null", "JSON body (json.dumps default spacing) with non-ASCII escaped as \\u, "
         "floats 0.1 and 1e-08, and null; signed byte for byte.", ["post", "json-body", "non-ascii", "null",
                                                                   "decimal"],
         json_body("/0/private/Withdraw", withdraw, n, dump=spaced_json), n)
    return out


def mistake_vectors():
    out = []
    t = Clock(CLOCK_START + 3_600_000).tick
    raw_secret = CREDENTIALS["secret"].encode("utf-8")

    def case(id, comment, tags, diagnosis, parts, nonce, client_key=None, credentials=None, **how):
        out.append(RULE.invalid(id, comment, tags, parts, Mistake(diagnosis, key=client_key, **how), nonce + 300,
                                credentials))

    n = t()
    case("secret-not-decoded", "Client used the base64 TEXT of the secret as the HMAC key instead of decoding it.",
         ["post", "form-body", "secret"], "wrong_secret_encoding", form("/0/private/Balance", "nonce={n}", n), n,
         client_key=raw_secret)
    n = t()
    case("secret-not-decoded-add-order", "Same mistake on AddOrder.", ["post", "form-body", "secret"],
         "wrong_secret_encoding",
         form("/0/private/AddOrder", "nonce={n}&ordertype=limit&pair=XXBTZUSD&price=40000&type=buy&volume=0.1", n), n,
         client_key=raw_secret)
    n = t()
    case("wrong-hash-sha256", "HMAC-SHA256 instead of HMAC-SHA512, base64.", ["post", "form-body", "hash"],
         "wrong_hash", form("/0/private/Balance", "nonce={n}", n), n, hash_name="sha256")
    n = t()
    case("wrong-output-hex", "Right HMAC bytes, hex instead of base64.", ["post", "form-body", "output"],
         "wrong_output_encoding", form("/0/private/TradeBalance", "nonce={n}&asset=ZEUR", n), n, encoding="hex")
    n = t()
    parts = form("/0/private/OpenOrders", "nonce={n}&trades=false", n)
    case("path-mismatch-full-url", "Client signed the full URL instead of the path from '/0/private'.",
         ["post", "form-body", "path"], "path_mismatch", parts, n,
         client_prehash=message("https://api.kraken.com/0/private/OpenOrders", parts["nonce"], parts["body"]))
    n = t()
    parts = form("/0/private/Balance", "nonce={n}", n)
    case("path-mismatch-no-version", "Client signed '/private/Balance', without the '/0' version prefix.",
         ["post", "form-body", "path"], "path_mismatch", parts, n,
         client_prehash=message("/private/Balance", parts["nonce"], parts["body"]))
    n = t()
    parts = form("/0/private/ClosedOrders", "nonce={n}&trades=true", n)
    case("missing-component-nonce-prefix", "Inner SHA-256 over the POST data only, without the nonce prefix.",
         ["post", "form-body", "nonce"], "missing_component", parts, n,
         client_prehash=message("/0/private/ClosedOrders", "", parts["body"]))
    n = t()
    parts = form("/0/private/Balance", "nonce={n}", n)
    case("missing-component-path", "URI path left out: the HMAC input is only SHA256(nonce + POST data).",
         ["post", "form-body", "path"], "missing_component", parts, n,
         client_prehash=hashlib.sha256((parts["nonce"] + parts["body"]).encode()).digest())
    n = t()
    parts = form("/0/private/AddOrder", "nonce={n}&ordertype=market&pair=XXBTZUSD&type=buy&volume=0.2", n)
    earlier = form("/0/private/AddOrder", "nonce={n}&ordertype=market&pair=XXBTZUSD&type=buy&volume=0.2", n - 37)
    case("nonce-mismatch-37", "Client signed the body built with nonce N-37, then rebuilt it with a fresh nonce N "
         "before sending.", ["post", "form-body", "nonce"], "timestamp_mismatch", parts, n,
         client_prehash=message(earlier["path"], earlier["nonce"], earlier["body"]))
    n = t()
    body = "nonce={n}&type=buy&pair=XETHZUSD&ordertype=limit&volume=2&price=2100"
    parts = form("/0/private/AddOrder", body, n)
    case("unsorted-signed-sorted", "Client sent form fields in insertion order but signed them sorted by key.",
         ["post", "form-body"], "unsorted_params", parts, n,
         client_prehash=message(parts["path"], parts["nonce"], "&".join(sorted(parts["body"].split("&")))))
    n = t()
    parts = form("/0/private/Withdraw", "nonce={n}&asset=XBT&key=my%20cold%20wallet&amount=0.5", n)
    case("form-encoding-space-plus", "Client sent %20 for spaces in the form body but signed '+'.",
         ["post", "form-body", "encoding", "space"], "query_encoding", parts, n,
         client_prehash=message(parts["path"], parts["nonce"], parts["body"].replace("%20", "+")))
    n = t()
    value = {"orders": [{"ordertype": "market", "type": "sell", "volume": "0.05"}], "pair": "ETH/USD"}
    parts = json_body("/0/private/AddOrderBatch", value, n)
    case("body-encoding-json-spaced", "Client sent compact JSON but signed json.dumps default spacing.",
         ["post", "json-body"], "body_encoding", parts, n,
         client_prehash=message(parts["path"], parts["nonce"], spaced_json(dict({"nonce": n}, **value))))
    n = t()
    case("unexplained-other-secret", "Signed under another (valid base64) secret: no single mistake reproduces it.",
         ["post", "form-body"], "unexplained", form("/0/private/Balance", "nonce={n}", n), n,
         client_key=base64.b64decode(b64_secret("scTestKrakenOtherSecret", 64)))
    def signed_earlier(vector_id, comment, path, body, earlier_by_ms):
        """The body signed with a nonce read `earlier_by_ms` before the one it is sent with."""
        n = t()
        earlier = form(path, body, n - earlier_by_ms)
        case(vector_id, comment, ["post", "form-body", "nonce"], "timestamp_mismatch", form(path, body, n), n,
             client_prehash=message(earlier["path"], earlier["nonce"], earlier["body"]))

    # Beyond the old +/- 5 s search of a nonce inside the SHA-256: the full drift search finds it.
    signed_earlier("nonce-mismatch-four-minutes", "Client signed the body built with a nonce read four minutes earlier (a signed "
                   "request kept for a retry), then rebuilt the body with a fresh nonce N before sending.",
                   "/0/private/AddOrder", "nonce={n}&ordertype=limit&pair=XXBTZUSD&price=39000&type=sell&volume=0.3", 240_000)
    # Near the edge of the +/- 10 min drift search, which the budget pays in full since the inner
    # SHA-256 runs four candidates per pass (issue 16).
    signed_earlier("nonce-mismatch-nine-minutes", "Client signed the body built with a nonce read 9 min 3.21 s earlier, then "
                   "rebuilt the body with a fresh nonce N before sending.",
                   "/0/private/CancelOrder", "nonce={n}&txid=OQCLML-BW3P3-BUCMWZ", 543_210)
    return out


def main():
    defaults = {"credentials": CREDENTIALS}
    RULE.write_all([
        ("docs", "Kraken Spot REST API-Sign example from the official docs (reproduces).", [DOCS, DOCS_ALT],
         {"credentials": DOCS_CREDENTIALS}, docs_vectors(), 0, 0),
        ("requests", "Valid signed Kraken Spot private requests: form bodies (encodings, nonce position, empty "
         "values) and two JSON bodies.", [DOCS, DOCS_ALT], defaults, request_vectors(), 25, 0),
        ("mistakes", "Kraken Spot private requests as buggy clients sent them, one mistake each.", [DOCS, DOCS_ALT],
         defaults, mistake_vectors(), 0, 6),
    ])


if __name__ == "__main__":
    main()
