#!/usr/bin/env python3
"""Reference vectors for Binance Spot REST, HMAC-SHA256 keys.

Written from the official docs, not from sigconform:
  https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
  https://github.com/binance/binance-spot-api-docs/blob/master/rest-api.md
  (older revision with the body and mixed examples:
   https://github.com/binance/binance-spot-api-docs/blob/6ad97145cfa9d48977e9c8b6f6ec8ad9d7eb8e86/rest-api.md)

Rules used (each from the pages above):
  * prehash = the query string as sent (without the trailing `&signature=…`)
    concatenated WITHOUT separator to the request body as sent — "The signature
    payload of your request is the query string concatenated without separator
    to the HTTP body".
  * HMAC-SHA256, key = the secret's UTF-8 bytes, lower-case hex. "Signatures
    generated using HMAC are not case-sensitive", so an upper-case observed
    signature is accepted (vector `uppercase-hex-signature`).
  * `signature` is the LAST parameter: of the body when the body carries
    parameters, otherwise of the query string (docs curl examples).
  * Non-ASCII must be percent-encoded (upper-case hex of the UTF-8 bytes) before
    signing; the server hashes the bytes it received, so any other percent-encoding
    choice (`+` or `%20`, `@` or `%40`) is valid as long as the same bytes are
    signed and sent.
  * API key in the `X-MBX-APIKEY` header. `timestamp` (ms) and optional
    `recvWindow` (ms, default 5000, max 60000, up to three decimals) are params.
    Accepted when timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.

Decided, with reasons:
  * No empty-valued parameters in valid vectors: Binance's own FAQ
    (https://dev.binance.vision/t/faq-signature-for-this-request-is-not-valid/176)
    lists a parameter sent with no value (e.g. `orderId=`) as a cause of -1022,
    so the server does not simply hash such bytes as received.
  * No JSON bodies: Binance Spot REST only accepts query strings and
    application/x-www-form-urlencoded bodies.
  * The docs' RSA and Ed25519 examples are not in docs.json: their private keys
    are unpublished (and the REST Ed25519 value is not an Ed25519 signature at
    all: 343 base64 characters, some 256 bytes, RSA-2048-sized, where an Ed25519
    signature is 64 bytes), and they are not HMAC.

Run: python3 scripts/reference/binance-spot.py  (rewrites vectors/binance-spot/*.json)
"""
from __future__ import annotations

import base64
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import Clock, Mistake, Venue, encode, mac, request, split_query  # noqa: E402

VENUE = "binance-spot"
GENERATOR = "scripts/reference/binance-spot.py"
DOCS = "https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security"
DOCS_REPO = "https://github.com/binance/binance-spot-api-docs/blob/master/rest-api.md"
DOCS_OLD = "https://github.com/binance/binance-spot-api-docs/blob/6ad97145cfa9d48977e9c8b6f6ec8ad9d7eb8e86/rest-api.md"
FAQ = "https://dev.binance.vision/t/faq-signature-for-this-request-is-not-valid/176"

CREDENTIALS = {
    "apiKey": "sc-test-binance-spot-api-key-0000000000000000000000000000000000",
    "secret": "sc-test-binance-spot-secret-do-not-use-00000000000000000000000000",
}
DEFAULT_RECV_WINDOW = 5000
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte

# The docs' published test credentials (rest-api.md, "SIGNED Endpoint Examples").
DOCS_CREDENTIALS = {
    "apiKey": "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
    "secret": "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j",
}


class Binance(Venue):
    """parts: method, path, query (as sent, no signature), body (as sent, no signature)."""

    name = VENUE
    generator = GENERATOR

    def prehash(self, parts, credentials) -> bytes:
        # "query string concatenated without separator to the HTTP body" (request-security page).
        return (parts["query"] + parts["body"]).encode("utf-8")

    def wire(self, parts, credentials, sig):
        query, body = parts["query"], parts["body"]
        # `signature` goes last: in the body when the body carries parameters (docs curl examples).
        if body:
            body = f"{body}&signature={sig}"
        else:
            query = f"{query}&signature={sig}" if query else f"signature={sig}"
        headers = {"X-MBX-APIKEY": credentials["apiKey"]}
        if parts["body"]:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return request(parts["method"], parts["path"], query, headers, body)

    def read_wire(self, request, credentials):
        # The server takes `signature` off where it was sent and signs query + body as they arrived.
        query, body = request["query"], request["body"]
        where = "body" if body else "query"
        pairs = split_query(body if body else query)
        name, sig = pairs[-1]
        assert name == "signature", f"signature is not the last parameter of the {where}"
        rest = "&".join(f"{k}={v}" for k, v in pairs[:-1])
        return (query + rest if body else rest + body), sig

    def same_signature(self, seen, want):
        return seen.lower() == want  # HMAC signatures "are not case-sensitive" (request-security page)


VENUE_RULE = Binance(CREDENTIALS)


def parts(method, path, query, body=""):
    return {"method": method, "path": path, "query": query, "body": body}


def valid_case(out, id, comment, tags, method, path, query, body, ts, server_ms=None, credentials=None,
               observed=None):
    out.append(VENUE_RULE.valid(id, comment, tags, parts(method, path, query, body),
                         server_ms if server_ms is not None else ts + 300, credentials, observed))


def mistake_case(out, id, comment, tags, diagnosis, method, path, query, body, ts, client_prehash=None,
                 client_key=None, hash_name=None, encoding=None, server_ms=None, credentials=None):
    mistake = Mistake(diagnosis, client_prehash=client_prehash, key=client_key, hash_name=hash_name, encoding=encoding)
    out.append(VENUE_RULE.invalid(id, comment, tags, parts(method, path, query, body), mistake,
                                  server_ms if server_ms is not None else ts + 300, credentials))


def signature(key: bytes, prehash: str, hash_name: str = "sha256", encoding: str = "hex") -> str:
    return encode(mac(hash_name, key, prehash.encode("utf-8")), encoding)


def docs_vectors():
    """The four HMAC examples of the docs, with the docs' credentials; all must reproduce."""
    out = []
    examples = [
        ("docs-hmac-query", "Docs HMAC example: POST /api/v3/order, every parameter in the query string.",
         ["doc-example", "post", "query"], DOCS_REPO,
         "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
         "", "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"),
        ("docs-hmac-body", "Docs HMAC example 1 of the pre-2025-12 revision: the same parameters as a form body.",
         ["doc-example", "post", "form-body"], DOCS_OLD, "",
         "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
         "c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"),
        ("docs-hmac-mixed", "Docs HMAC example 3 of the pre-2025-12 revision: query and body mixed; "
         "'There is no & between \"GTC\" and \"quantity=1\"'.",
         ["doc-example", "post", "query", "form-body", "mixed"], DOCS_OLD,
         "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
         "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
         "0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77"),
        ("docs-hmac-non-ascii", "Docs HMAC example with the non-ASCII symbol '１２３４５６', percent-encoded "
         "(upper-case hex of the UTF-8 bytes) before signing.",
         ["doc-example", "post", "query", "non-ascii", "encoding"], DOCS_REPO,
         "symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC"
         "&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559",
         "", "e1353ec6b14d888f1164ae9af8228a3dbd508bc82eb867db8ab6046442f33ef3"),
    ]
    for id, comment, tags, source, query, body, published in examples:
        _, correct = VENUE_RULE.correct(parts("POST", "/api/v3/order", query, body), DOCS_CREDENTIALS)
        if correct != published:
            # Never hide a doc defect: a non-reproducing example would become an invalid vector.
            raise SystemExit(f"{id}: docs publish {published}, the docs' rule gives {correct}")
        # docs.json's defaults hold the docs' credentials, so the vectors carry no override.
        out.append(Binance(DOCS_CREDENTIALS).valid(id, f"{comment} Source: {source}. Published signature {published} reproduces.", tags,
            parts("POST", "/api/v3/order", query, body), 1499827319559 + 300))
    return out


def request_vectors():
    out = []
    clock = Clock(CLOCK_START)
    t = clock.tick
    get, post, put, delete = "GET", "POST", "PUT", "DELETE"

    ts = t()
    valid_case(out, "get-account-timestamp-only", "Signed GET whose only parameter is timestamp; the prehash is "
               "just 'timestamp=…'.", ["get", "query", "minimal"], get, "/api/v3/account", f"timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-account-recv-window", "GET with a boolean flag and an explicit recvWindow before timestamp.",
               ["get", "query", "recv-window"], get, "/api/v3/account",
               f"omitZeroBalances=true&recvWindow=5000&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-open-orders-timestamp-first", "recvWindow after timestamp: parameter order is free, the "
               "server hashes what it received.", ["get", "query", "order"], get, "/api/v3/openOrders",
               f"symbol=BTCUSDT&timestamp={ts}&recvWindow=10000", "", ts, server_ms=ts + 7000)
    ts = t()
    valid_case(out, "get-all-orders-many-params", "Six parameters, none sorted; signed in the order sent.",
               ["get", "query"], get, "/api/v3/allOrders",
               f"symbol=ETHBTC&orderId=0&startTime={ts - 86_400_000}&endTime={ts}&limit=500&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-my-trades-unsorted", "timestamp first, then symbol and limit: an unsorted query is valid "
               "when signed exactly as sent.", ["get", "query", "order"], get, "/api/v3/myTrades",
               f"timestamp={ts}&symbol=BNBUSDT&limit=1000", "", ts)
    ts = t()
    valid_case(out, "get-query-at-encoded", "'@' sent and signed as %40 (sub-account e-mail).",
               ["get", "query", "encoding", "at-sign"], get, "/sapi/v1/sub-account/list",
               f"email=alice%40example.com&isFreeze=false&page=1&limit=10&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-at-raw", "'@' sent and signed raw: also valid, the bytes agree.",
               ["get", "query", "encoding", "at-sign"], get, "/sapi/v1/sub-account/list",
               f"email=bob@example.com&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-comma-raw", "Comma-separated symbols list sent raw.",
               ["get", "query", "encoding", "comma"], get, "/sapi/v1/margin/isolated/account",
               f"symbols=BTCUSDT,BNBUSDT&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-comma-encoded", "Comma-separated symbols list sent as %2C.",
               ["get", "query", "encoding", "comma"], get, "/sapi/v1/margin/isolated/account",
               f"symbols=BTCUSDT%2CETHUSDT%2CBNBUSDT&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-slash-colon-encoded", "Client order id with '/' and ':' percent-encoded.",
               ["get", "query", "encoding", "slash"], get, "/api/v3/order",
               f"symbol=BTCUSDT&origClientOrderId=desk%2Falpha%3A0001&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-slash-colon-raw", "Client order id with '/' and ':' sent raw.",
               ["get", "query", "encoding", "slash"], get, "/api/v3/order",
               f"symbol=BTCUSDT&origClientOrderId=desk/alpha:0002&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-space-percent20", "Spaces sent and signed as %20.",
               ["get", "query", "encoding", "space"], get, "/sapi/v1/capital/withdraw/history",
               f"coin=USDT&withdrawOrderId=payout%20march%202024&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-space-plus", "Spaces sent and signed as '+' (form style, what urlencode emits).",
               ["get", "query", "encoding", "space"], get, "/sapi/v1/capital/withdraw/history",
               f"coin=USDT&withdrawOrderId=payout+april+2024&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-plus-literal", "A literal '+' sent and signed as %2B.",
               ["get", "query", "encoding", "plus"], get, "/sapi/v1/capital/withdraw/history",
               f"coin=USDT&withdrawOrderId=a%2Bb-7&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "get-query-non-ascii", "Fullwidth-digit symbol percent-encoded before signing (docs rule).",
               ["get", "query", "encoding", "non-ascii"], get, "/api/v3/openOrders",
               f"symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "post-order-query", "POST with every parameter in the query string, empty body.",
               ["post", "query"], post, "/api/v3/order",
               f"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01&price=42000.5&recvWindow=5000"
               f"&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "post-order-form-body", "POST with every parameter in a form body; signature last in the body.",
               ["post", "form-body"], post, "/api/v3/order", "",
               f"symbol=ETHUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1.25&price=2250.00&timestamp={ts}", ts)
    ts = t()
    valid_case(out, "post-order-mixed", "Query and body mixed: concatenated with no '&' between them.",
               ["post", "query", "form-body", "mixed"], post, "/api/v3/order",
               "symbol=BNBUSDT&side=BUY&type=LIMIT&timeInForce=GTC",
               f"quantity=3&price=305.1&recvWindow=5000&timestamp={ts}", ts)
    ts = t()
    valid_case(out, "post-order-tiny-decimals", "Decimals 0.1 and 0.00000001 (1e-8) as decimal strings in the body.",
               ["post", "form-body", "decimal"], post, "/api/v3/order", "",
               f"symbol=ETHBTC&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.00000001&price=0.1&timestamp={ts}", ts)
    ts = t()
    valid_case(out, "post-order-stop-limit", "STOP_LOSS_LIMIT with many parameters and a client id containing '_' and '-'.",
               ["post", "form-body"], post, "/api/v3/order", "",
               f"symbol=BTCUSDT&side=SELL&type=STOP_LOSS_LIMIT&timeInForce=GTC&quantity=0.002&price=39000"
               f"&stopPrice=39500&newClientOrderId=sc_test-stop-01&newOrderRespType=FULL&timestamp={ts}", ts)
    ts = t()
    valid_case(out, "post-withdraw-amp-equals", "'&' and '=' inside a value, sent and signed as %26 and %3D.",
               ["post", "form-body", "encoding", "ampersand", "equals"], post, "/sapi/v1/capital/withdraw/apply", "",
               f"coin=USDT&network=TRX&address=TXscTestAddress000000000000000000&amount=10.5"
               f"&name=cold%26warm%3Dwallet&timestamp={ts}", ts)
    ts = t()
    valid_case(out, "post-withdraw-non-ascii-body", "Non-ASCII ('Café €') percent-encoded in a form body.",
               ["post", "form-body", "encoding", "non-ascii"], post, "/sapi/v1/capital/withdraw/apply", "",
               f"coin=USDT&network=BSC&address=0x5c0000000000000000000000000000000000test&amount=25"
               f"&name=Caf%C3%A9%20%E2%82%AC&timestamp={ts}", ts)
    ts = t()
    valid_case(out, "put-order-amend-keep-priority", "PUT with its parameters in the query string.",
               ["put", "query"], put, "/api/v3/order/amend/keepPriority",
               f"symbol=BTCUSDT&orderId=12345&newQty=0.5&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "delete-order-query", "DELETE with its parameters in the query string.",
               ["delete", "query"], delete, "/api/v3/order",
               f"symbol=BTCUSDT&orderId=4&timestamp={ts}", "", ts)
    ts = t()
    valid_case(out, "delete-open-orders-form-body", "DELETE with a form body (allowed for POST, PUT and DELETE).",
               ["delete", "form-body"], delete, "/api/v3/openOrders", "", f"symbol=ETHUSDT&timestamp={ts}", ts)
    ts = t()
    valid_case(out, "recv-window-decimal", "recvWindow with three decimals (6000.346, allowed by the docs); "
               "the server is 5800 ms behind the timestamp: outside the default 5000, inside 6000.346.",
               ["get", "query", "recv-window", "clock"], get, "/api/v3/account",
               f"recvWindow=6000.346&timestamp={ts}", "", ts, server_ms=ts + 5800)
    ts = t()
    valid_case(out, "recv-window-max", "recvWindow=60000 (the maximum); server 59 s after the timestamp.",
               ["get", "query", "recv-window", "clock"], get, "/api/v3/account",
               f"recvWindow=60000&timestamp={ts}", "", ts, server_ms=ts + 59_000)
    ts = t()
    valid_case(out, "client-ahead-900ms", "Client clock 900 ms ahead: still inside 'timestamp < serverTime + 1000'.",
               ["get", "query", "clock"], get, "/api/v3/account", f"timestamp={ts}", "", ts, server_ms=ts - 900)
    ts = t()
    valid_case(out, "window-edge-exact", "serverTime - timestamp == recvWindow exactly (5000): accepted ('<=').",
               ["get", "query", "clock"], get, "/api/v3/account", f"timestamp={ts}", "", ts, server_ms=ts + 5000)
    ts = t()
    upper = signature(CREDENTIALS["secret"].encode(), f"symbol=BTCUSDT&timestamp={ts}").upper()
    valid_case(out, "uppercase-hex-signature", "Observed signature in UPPER-case hex: accepted, because the docs "
               "say 'Signatures generated using HMAC are not case-sensitive'. expect.signature stays lower-case.",
               ["get", "query", "hex-case"], get, "/api/v3/openOrders", f"symbol=BTCUSDT&timestamp={ts}", "", ts,
               observed=upper)
    return out


def mistake_vectors():
    out = []
    clock = Clock(CLOCK_START + 3_600_000)
    t = clock.tick
    secret = CREDENTIALS["secret"].encode()

    ts = t()
    sent = f"symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=0.01&price=42000&timestamp={ts}"
    signed = "&".join(sorted(sent.split("&")))
    mistake_case(out, "unsorted-signed-sorted", "Client sent parameters in insertion order but signed them sorted "
                 "by key.", ["post", "query"], "unsorted_params", "POST", "/api/v3/order", sent, "", ts,
                 client_prehash=signed)
    ts = t()
    pairs = ["limit=50", "symbol=ETHUSDT", f"timestamp={ts}", "fromId=1200"]
    sent = "&".join(sorted(pairs))
    mistake_case(out, "unsorted-sent-sorted", "Client sent the parameters sorted (its HTTP library sorts) but "
                 "signed them in insertion order.", ["get", "query"], "unsorted_params", "GET", "/api/v3/myTrades",
                 sent, "", ts, client_prehash="&".join(pairs))
    ts = t()
    sent = f"email=alice%40example.com&timestamp={ts}"
    mistake_case(out, "query-encoding-at-decoded", "Client sent '%40' but signed the raw '@'.",
                 ["get", "query", "encoding"], "query_encoding", "GET", "/sapi/v1/sub-account/list", sent, "", ts,
                 client_prehash=f"email=alice@example.com&timestamp={ts}")
    ts = t()
    sent = f"symbol=%EF%BC%91%EF%BC%92%EF%BC%93&timestamp={ts}"
    mistake_case(out, "query-encoding-lowercase-hex", "Client sent upper-case escapes but signed lower-case ones "
                 "(%ef%bc%91…).", ["get", "query", "encoding", "non-ascii"], "query_encoding", "GET",
                 "/api/v3/openOrders", sent, "", ts, client_prehash=sent.replace("%EF%BC%9", "%ef%bc%9"))
    ts = t()
    sent = f"coin=USDT&withdrawOrderId=payout%20may%202024&timestamp={ts}"
    mistake_case(out, "query-encoding-space-plus", "Client sent %20 for spaces but signed '+'.",
                 ["get", "query", "encoding", "space"], "query_encoding", "GET", "/sapi/v1/capital/withdraw/history",
                 sent, "", ts, client_prehash=sent.replace("%20", "+"))
    # The docs' non-ASCII example signed over raw UTF-8: the "forgot to percent-encode" bug.
    docs_query = ("symbol=%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96&side=BUY&type=LIMIT&timeInForce=GTC"
                  "&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559")
    raw = docs_query.replace("%EF%BC%91%EF%BC%92%EF%BC%93%EF%BC%94%EF%BC%95%EF%BC%96", "１２３４５６")
    observed = signature(DOCS_CREDENTIALS["secret"].encode(), raw)
    if observed != "ca2cdfbf21d2e2958de492c7f2dd1f059dd2ed4d4459d26a5ec7928db50c8d4f":
        raise SystemExit("raw-UTF-8 signature of the docs' non-ASCII example differs from venues-reference.md")
    mistake_case(out, "query-encoding-docs-non-ascii-raw", "The docs' non-ASCII example (docs credentials) signed "
                 "over the raw UTF-8 symbol instead of its percent-encoding: rejected with -1022 since 2026-01. "
                 f"Source: {DOCS_REPO}.", ["post", "query", "encoding", "non-ascii", "doc-example"], "query_encoding",
                 "POST", "/api/v3/order", docs_query, "", 1499827319559, client_prehash=raw,
                 credentials=DOCS_CREDENTIALS)
    ts = t()
    mistake_case(out, "clock-drift-late", "Correct signature, but the server clock is 7.5 s past the timestamp "
                 "(recvWindow 5000 + 2500 ms).", ["get", "query", "clock"], "clock_drift", "GET", "/api/v3/account",
                 f"timestamp={ts}", "", ts, server_ms=ts + DEFAULT_RECV_WINDOW + 2500)
    ts = t()
    mistake_case(out, "clock-drift-client-ahead", "Correct signature, client clock 3000 ms ahead of the server "
                 "('1000ms ahead of the server's time').", ["get", "query", "clock"], "clock_drift", "GET",
                 "/api/v3/account", f"recvWindow=10000&timestamp={ts}", "", ts, server_ms=ts - 3000)
    ts = t()
    mistake_case(out, "timestamp-mismatch-37ms", "Client signed timestamp T-37 ms, then rebuilt the query with a "
                 "fresh clock read T.", ["get", "query", "timestamp"], "timestamp_mismatch", "GET",
                 "/api/v3/openOrders", f"symbol=BTCUSDT&timestamp={ts}", "", ts,
                 client_prehash=f"symbol=BTCUSDT&timestamp={ts - 37}")
    ts = t()
    mistake_case(out, "timestamp-units-seconds", "Client sent timestamp in ms but signed it in seconds (T // 1000).",
                 ["get", "query", "timestamp"], "timestamp_units", "GET", "/api/v3/account",
                 f"recvWindow=5000&timestamp={ts}", "", ts, client_prehash=f"recvWindow=5000&timestamp={ts // 1000}")
    ts = t()
    mistake_case(out, "secret-trailing-newline", "HMAC key was the secret plus a trailing newline (read from a file).",
                 ["get", "query", "secret"], "secret_whitespace", "GET", "/api/v3/account", f"timestamp={ts}", "", ts,
                 client_key=secret + b"\n")
    ts = t()
    mistake_case(out, "secret-trailing-space", "HMAC key was the secret plus a trailing space.",
                 ["post", "form-body", "secret"], "secret_whitespace", "POST", "/api/v3/order", "",
                 f"symbol=BTCUSDT&side=BUY&type=MARKET&quoteOrderQty=100&timestamp={ts}", ts, client_key=secret + b" ")
    ts = t()
    mistake_case(out, "wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256, hex encoded.",
                 ["get", "query", "hash"], "wrong_hash", "GET", "/api/v3/account", f"timestamp={ts}", "", ts,
                 hash_name="sha512")
    ts = t()
    mistake_case(out, "wrong-hash-sha384", "HMAC-SHA384 instead of HMAC-SHA256, hex encoded.",
                 ["delete", "query", "hash"], "wrong_hash", "DELETE", "/api/v3/order",
                 f"symbol=BTCUSDT&orderId=77&timestamp={ts}", "", ts, hash_name="sha384")
    ts = t()
    mistake_case(out, "wrong-output-base64", "Correct HMAC-SHA256 bytes, but base64 instead of hex.",
                 ["get", "query", "output"], "wrong_output_encoding", "GET", "/api/v3/account",
                 f"timestamp={ts}", "", ts, encoding="base64")
    ts = t()
    query, body = "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC", f"quantity=0.5&price=41000&timestamp={ts}"
    mistake_case(out, "missing-component-body", "Mixed request: client signed only the query string and left the "
                 "body out of the prehash.", ["post", "mixed", "query", "form-body"], "missing_component", "POST",
                 "/api/v3/order", query, body, ts, client_prehash=query)
    # A 64-character alphanumeric secret (the shape Binance issues) is also valid base64.
    b64_looking = {"apiKey": CREDENTIALS["apiKey"],
                   "secret": "scTestBinanceSpotSecretDoNotUse".ljust(64, "0")}
    ts = t()
    mistake_case(out, "secret-base64-decoded", "Secret is 64 alphanumerics, so also valid base64; the client "
                 "base64-decoded it (a Kraken/Coinbase habit) instead of using its UTF-8 bytes.",
                 ["get", "query", "secret"], "wrong_secret_encoding", "GET", "/api/v3/account", f"timestamp={ts}", "",
                 ts, client_key=base64.b64decode(b64_looking["secret"], validate=True), credentials=b64_looking)
    ts = t()
    mistake_case(out, "unexplained-other-secret", "Signed with a different secret (key/secret pair mismatch): no "
                 "single mistake reproduces it.", ["get", "query"], "unexplained", "GET", "/api/v3/account",
                 f"timestamp={ts}", "", ts, client_key=b"sc-test-some-other-secret")
    return out


def main():
    defaults = {"credentials": CREDENTIALS}
    VENUE_RULE.write_all([
        ("docs", "Binance Spot REST HMAC-SHA256 examples from the official API docs (all reproduce). The docs' RSA "
         "and Ed25519 examples are omitted: unpublished private keys, not HMAC.", [DOCS_REPO, DOCS_OLD, DOCS],
         {"credentials": DOCS_CREDENTIALS}, docs_vectors(), 0, 0),
        ("requests", "Valid signed Binance Spot REST requests: query, form body, mixed, encodings, recvWindow and "
         "clock edges.", [DOCS, DOCS_REPO, FAQ], defaults, request_vectors(), 25, 0),
        ("mistakes", "Binance Spot REST requests as buggy clients sent them, one mistake each.", [DOCS, DOCS_REPO],
         defaults, mistake_vectors(), 0, 6),
    ])


if __name__ == "__main__":
    main()
