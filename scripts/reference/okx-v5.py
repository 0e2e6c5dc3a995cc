#!/usr/bin/env python3
"""Reference vectors for OKX v5 REST (HMAC API keys).

Written from the official docs, not from sigconform:
  https://www.okx.com/docs-v5/en/#overview-rest-authentication
  (same text: https://www.okx.com/web3/build/docs/waas/rest-authentication)

Rules used:
  * prehash = timestamp + method + requestPath + body. "method ... in UPPERCASE";
    "GET request parameters are counted as requestPath, not body", the docs'
    example is '/api/v5/account/balance?ccy=BTC' — the '?' and the query as sent
    are part of requestPath. body = the raw JSON string sent, omitted for GET.
  * HMAC-SHA256 with the secret's UTF-8 bytes, base64, in OK-ACCESS-SIGN.
  * OK-ACCESS-TIMESTAMP: ISO-8601 UTC with milliseconds, e.g.
    2020-12-08T09:08:57.715Z; the same string is signed.
  * OK-ACCESS-KEY, OK-ACCESS-PASSPHRASE (the passphrase in plain text, not
    signed), Content-Type: application/json on requests with a body.
  * Window: 30 s on either side of the server clock (the docs state the 30 s
    expiry; clients ahead by more are rejected with 50102 as well).

Decided, with reasons:
  * The docs give no worked example with a concrete secret (only
    'CryptoJS.enc.Base64.stringify(CryptoJS.HmacSHA256(timestamp + "GET" +
    "/api/v5/account/balance?ccy=BTC", SecretKey))'), so docs.json is omitted.
  * expect.headers lists OK-ACCESS-SIGN and OK-ACCESS-PASSPHRASE: the passphrase
    is not part of the HMAC but a wrong one fails the request (50105), so a
    correct client must send it exactly.

Run: python3 scripts/reference/okx-v5.py  (rewrites vectors/okx-v5/*.json)
"""
from __future__ import annotations

import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import Clock, Mistake, Venue, compact_json, iso_ms, request, spaced_json  # noqa: E402

VENUE = "okx-v5"
GENERATOR = "scripts/reference/okx-v5.py"
DOCS = "https://www.okx.com/docs-v5/en/#overview-rest-authentication"
DOCS_WAAS = "https://www.okx.com/web3/build/docs/waas/rest-authentication"

CREDENTIALS = {"apiKey": "sc-test-okx-api-key-0001", "secret": "sc-test-okx-secret-do-not-use-0001",
               "passphrase": "sc-test-Passphrase-1"}
WINDOW_MS = 30_000
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte


def request_path(parts) -> str:
    return parts["path"] + ("?" + parts["query"] if parts["query"] else "")


class Okx(Venue):
    """parts: method, path, query, body, ts (ms), optional extra headers."""

    name = VENUE
    generator = GENERATOR

    encoding = "base64"

    def prehash(self, parts, credentials) -> bytes:
        return f"{iso_ms(parts['ts'])}{parts['method']}{request_path(parts)}{parts['body']}".encode("utf-8")

    def wire(self, parts, credentials, sig):
        headers = {
            "OK-ACCESS-KEY": credentials["apiKey"],
            "OK-ACCESS-SIGN": sig,
            "OK-ACCESS-TIMESTAMP": iso_ms(parts["ts"]),
            "OK-ACCESS-PASSPHRASE": credentials["passphrase"],
        }
        if parts["body"]:
            headers["Content-Type"] = "application/json"
        headers.update(parts.get("extra", {}))
        return request(parts["method"], parts["path"], parts["query"], headers, parts["body"])

    def expect_headers(self, parts, credentials, sig):
        return {"OK-ACCESS-SIGN": sig, "OK-ACCESS-PASSPHRASE": credentials["passphrase"]}

    def read_wire(self, request, credentials):
        h = request["headers"]
        prehash = f"{h['OK-ACCESS-TIMESTAMP']}{request['method']}{request_path(request)}{request['body']}"
        return prehash.encode("utf-8"), h["OK-ACCESS-SIGN"]


RULE = Okx(CREDENTIALS)


def get(path, query, ts, **extra):
    return {"method": "GET", "path": path, "query": query, "body": "", "ts": ts, "extra": extra}


def post(path, body, ts, **extra):
    return {"method": "POST", "path": path, "query": "", "body": body, "ts": ts, "extra": extra}


def request_vectors():
    out = []
    t = Clock(CLOCK_START).tick

    ts = t()
    out.append(RULE.valid("get-balance-no-query", "GET without a query: requestPath is the bare path.", ["get", "no-query"],
        get("/api/v5/account/balance", "", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-balance-ccy", "The docs' example request path '/api/v5/account/balance?ccy=BTC': the '?' and the "
        "query are signed.", ["get", "query"], get("/api/v5/account/balance", "ccy=BTC", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-balance-comma-raw", "Comma-separated currencies sent raw.", ["get", "query", "comma"],
        get("/api/v5/account/balance", "ccy=BTC,ETH", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-balance-comma-encoded", "Comma-separated currencies sent as %2C: signed as sent.",
        ["get", "query", "comma", "encoding"], get("/api/v5/account/balance", "ccy=BTC%2CETH%2CUSDT", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-orders-pending", "Four query parameters.", ["get", "query"],
        get("/api/v5/trade/orders-pending", "instType=SPOT&instId=BTC-USDT&ordType=limit&limit=50", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-orders-history-unsorted", "Unsorted query signed in the order sent.", ["get", "query", "order"],
        get("/api/v5/trade/orders-history", "limit=20&instType=SWAP&after=590910403358593024", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-space-percent20", "Space sent and signed as %20 (sub-account label; value chosen to pin "
        "encoding).", ["get", "query", "encoding", "space"],
        get("/api/v5/users/subaccount/list", "subAcct=scTest01&label=desk%20one", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-space-plus", "Space sent and signed as '+'.", ["get", "query", "encoding", "space"],
        get("/api/v5/users/subaccount/list", "label=desk+two", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-plus-literal", "Literal '+' sent and signed as %2B.", ["get", "query", "encoding", "plus"],
        get("/api/v5/users/subaccount/list", "label=a%2Bb", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-at-slash-encoded", "'@' and '/' sent as %40 and %2F.",
        ["get", "query", "encoding", "at-sign", "slash"],
        get("/api/v5/users/subaccount/list", "label=ops%40desk%2Falpha", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-at-slash-raw", "'@' and '/' sent raw.", ["get", "query", "encoding", "at-sign", "slash"],
        get("/api/v5/users/subaccount/list", "label=ops@desk/beta", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-amp-equals", "'&' and '=' inside a value, sent as %26 and %3D.",
        ["get", "query", "encoding", "ampersand", "equals"],
        get("/api/v5/users/subaccount/list", "label=cold%26warm%3Dwallet", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-non-ascii", "Non-ASCII ('Café €') percent-encoded, upper-case hex.",
        ["get", "query", "encoding", "non-ascii"],
        get("/api/v5/users/subaccount/list", "label=Caf%C3%A9%20%E2%82%AC", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-empty-value", "Parameter with an empty value (instId=), signed as sent.",
        ["get", "query", "empty-value"], get("/api/v5/trade/orders-pending", "instType=SPOT&instId=", ts), ts + 300))
    ts = t()
    order = {"instId": "BTC-USDT", "tdMode": "cash", "side": "buy", "ordType": "limit", "px": "42000.1", "sz": "0.01"}
    out.append(RULE.valid("post-order-compact", "Compact JSON body.", ["post", "json-body"],
        post("/api/v5/trade/order", compact_json(order), ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-order-spaced", "json.dumps default separators: valid, the same bytes are signed and sent.",
        ["post", "json-body", "whitespace"], post("/api/v5/trade/order", spaced_json(dict(order, clOrdId="scTest2")),
                                                  ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-leverage-docs-body", "The docs' body example {\"instId\":\"BTC-USDT\",\"lever\":\"5\","
        "\"mgnMode\":\"isolated\"}.", ["post", "json-body"],
        post("/api/v5/account/set-leverage", '{"instId":"BTC-USDT","lever":"5","mgnMode":"isolated"}', ts), ts + 300))
    ts = t()
    batch = [dict(order, clOrdId="scTestB1"), dict(order, side="sell", px="43000", clOrdId="scTestB2")]
    out.append(RULE.valid("post-batch-orders-array", "Top-level JSON array body.", ["post", "json-body", "array"],
        post("/api/v5/trade/batch-orders", compact_json(batch), ts), ts + 300))
    ts = t()
    algo = {"instId": "ETH-USDT-SWAP", "tdMode": "cross", "side": "buy", "ordType": "limit", "px": "2200",
            "sz": "1", "attachAlgoOrds": [{"tpTriggerPx": "2400", "tpOrdPx": "-1", "slTriggerPx": "2100",
                                           "slOrdPx": "-1"}]}
    out.append(RULE.valid("post-nested-attach-algo", "Nested array of objects in the body.", ["post", "json-body", "nested"],
        post("/api/v5/trade/order", compact_json(algo), ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-number-literals", "JSON numbers 0.1 and 1e-8 spelled as literals, signed byte for byte.",
        ["post", "json-body", "decimal"],
        post("/api/v5/account/position/margin-balance",
             '{"instId":"BTC-USDT-SWAP","posSide":"net","type":"add","amt":0.1,"ccy":"USDT","loanTrans":1e-8}', ts),
        ts + 300))
    ts = t()
    out.append(RULE.valid("post-null-and-booleans", "null, true and false in the body.", ["post", "json-body", "null", "boolean"],
        post("/api/v5/trade/order", '{"instId":"BTC-USDT-SWAP","tdMode":"cross","side":"sell","ordType":"market",'
             '"sz":"2","reduceOnly":true,"banAmend":false,"tag":null}', ts), ts + 300))
    ts = t()
    sub = {"subAcct": "scTest03", "type": "1", "label": "交易 desk ✓", "pwd": "sc-test-pw"}
    out.append(RULE.valid("post-non-ascii-raw-utf8", "Non-ASCII label as raw UTF-8 in the body.",
        ["post", "json-body", "non-ascii"], post("/api/v5/users/subaccount/create-subaccount", compact_json(sub), ts),
        ts + 300))
    ts = t()
    out.append(RULE.valid("post-non-ascii-escaped", "The same label as \\u escapes: different bytes, signed as sent.",
        ["post", "json-body", "non-ascii"],
        post("/api/v5/users/subaccount/create-subaccount", json.dumps(sub, separators=(",", ":")), ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-demo-trading-header", "x-simulated-trading: 1 (demo) is a header, not part of the prehash.",
        ["post", "json-body", "headers"],
        post("/api/v5/trade/cancel-order", '{"instId":"BTC-USDT","ordId":"590908157585625111"}', ts,
             **{"x-simulated-trading": "1"}), ts + 300))
    ts = t()
    out.append(RULE.valid("timestamp-zero-millis", "Timestamp on a whole second: the milliseconds are still written (.000Z).",
        ["get", "timestamp"], get("/api/v5/account/positions", "instType=SWAP", ts - ts % 1000), ts - ts % 1000 + 300))
    ts = t()
    out.append(RULE.valid("server-29s-late", "Server 29 s after the timestamp: inside the 30 s window.", ["get", "clock"],
        get("/api/v5/account/config", "", ts), ts + 29_000))
    ts = t()
    out.append(RULE.valid("client-29s-ahead", "Client 29 s ahead of the server: inside the window.", ["get", "clock"],
        get("/api/v5/asset/balances", "ccy=USDT", ts), ts - 29_000))
    return out


def mistake_vectors():
    out = []
    t = Clock(CLOCK_START + 3_600_000).tick
    secret = CREDENTIALS["secret"].encode()

    def pre(ts_text, method, path, body=""):
        return f"{ts_text}{method}{path}{body}".encode()

    ts = t()
    out.append(RULE.invalid("path-mismatch-query-dropped", "GET with a query, but the client signed the path without '?query'.",
        ["get", "query", "path"], get("/api/v5/account/balance", "ccy=BTC", ts), Mistake("path_mismatch", client_prehash=pre(iso_ms(ts), "GET", "/api/v5/account/balance")), ts + 300))
    ts = t()
    out.append(RULE.invalid("path-mismatch-with-host", "Client signed the full URL (scheme and host) instead of the path.",
        ["get", "query", "path"], get("/api/v5/trade/orders-pending", "instType=SPOT", ts), Mistake("path_mismatch", client_prehash=pre(iso_ms(ts), "GET", "https://www.okx.com/api/v5/trade/orders-pending?instType=SPOT")), ts + 300))
    ts = t()
    out.append(RULE.invalid("method-case-lower-get", "Client signed the method as 'get'.", ["get", "method"], get("/api/v5/account/balance", "", ts), Mistake("method_case", client_prehash=pre(iso_ms(ts), "get", "/api/v5/account/balance")), ts + 300))
    ts = t()
    body = '{"instId":"BTC-USDT","ordId":"590908157585625112"}'
    out.append(RULE.invalid("method-case-lower-post", "Client signed the method as 'post'.", ["post", "json-body", "method"],
        post("/api/v5/trade/cancel-order", body, ts), Mistake("method_case", client_prehash=pre(iso_ms(ts), "post", "/api/v5/trade/cancel-order", body)), ts + 300))
    ts = t()
    order = {"instId": "ETH-USDT", "tdMode": "cash", "side": "sell", "ordType": "market", "sz": "0.5"}
    out.append(RULE.invalid("body-encoding-spaced", "Client sent compact JSON but signed json.dumps default.",
        ["post", "json-body"], post("/api/v5/trade/order", compact_json(order), ts), Mistake("body_encoding", client_prehash=pre(iso_ms(ts), "POST", "/api/v5/trade/order", spaced_json(order))), ts + 300))
    ts = t()
    out.append(RULE.invalid("body-encoding-str-dict", "Client signed Python's str(dict) (single quotes) but sent JSON.",
        ["post", "json-body"], post("/api/v5/trade/order", compact_json(order), ts), Mistake("body_encoding", client_prehash=pre(iso_ms(ts), "POST", "/api/v5/trade/order", str(order))), ts + 300))
    ts = t()
    out.append(RULE.invalid("query-encoding-comma-decoded", "Client sent %2C but signed raw commas.", ["get", "query", "encoding"],
        get("/api/v5/account/balance", "ccy=BTC%2CETH", ts), Mistake("query_encoding", client_prehash=pre(iso_ms(ts), "GET", "/api/v5/account/balance?ccy=BTC,ETH")), ts + 300))
    ts = t()
    query = "instType=SPOT&instId=ETH-USDT&ordType=limit"
    out.append(RULE.invalid("unsorted-signed-sorted", "Client sent the query in insertion order but signed it sorted.",
        ["get", "query"], get("/api/v5/trade/orders-pending", query, ts), Mistake("unsorted_params", client_prehash=pre(iso_ms(ts), "GET", "/api/v5/trade/orders-pending?" + "&".join(sorted(query.split("&"))))), ts + 300))
    ts = t()
    out.append(RULE.invalid("clock-drift-late", "Correct signature; the server receives it 32.5 s after its timestamp.",
        ["get", "clock"], get("/api/v5/account/balance", "", ts), Mistake("clock_drift"), ts + WINDOW_MS + 2500))
    ts = t()
    out.append(RULE.invalid("clock-drift-client-ahead", "Correct signature; client clock 33 s ahead of the server.",
        ["get", "clock"], get("/api/v5/account/balance", "ccy=USDT", ts), Mistake("clock_drift"), ts - WINDOW_MS - 3000))
    ts = t()
    out.append(RULE.invalid("timestamp-mismatch-37ms", "Header carries T but the client signed T-37 ms (two clock reads).",
        ["get", "timestamp"], get("/api/v5/account/positions", "", ts), Mistake("timestamp_mismatch", client_prehash=pre(iso_ms(ts - 37), "GET", "/api/v5/account/positions")), ts + 300))
    ts = t()
    out.append(RULE.invalid("timestamp-mismatch-local-hour", "Header in UTC, but the signed timestamp was local time (UTC-3) "
        "labelled 'Z'.", ["get", "timestamp"], get("/api/v5/account/config", "", ts), Mistake("timestamp_mismatch", client_prehash=pre(iso_ms(ts - 3 * 3_600_000), "GET", "/api/v5/account/config")), ts + 300))
    ts = t()
    body = '{"instId":"BTC-USDT-SWAP","lever":"10","mgnMode":"cross"}'
    out.append(RULE.invalid("missing-component-body", "POST signed without its body (timestamp + method + path only).",
        ["post", "json-body"], post("/api/v5/account/set-leverage", body, ts), Mistake("missing_component", client_prehash=pre(iso_ms(ts), "POST", "/api/v5/account/set-leverage")), ts + 300))
    ts = t()
    out.append(RULE.invalid("missing-component-timestamp", "Timestamp left out of the prehash.", ["get", "timestamp"],
        get("/api/v5/asset/balances", "", ts), Mistake("missing_component", client_prehash=pre("", "GET", "/api/v5/asset/balances")), ts + 300))
    ts = t()
    out.append(RULE.invalid("secret-trailing-newline", "HMAC key was the secret plus '\\n'.", ["get", "secret"], get("/api/v5/account/balance", "", ts), Mistake("secret_whitespace", key=secret + b"\n"), ts + 300))
    ts = t()
    out.append(RULE.invalid("wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256, base64.", ["get", "hash"], get("/api/v5/account/balance", "ccy=ETH", ts), Mistake("wrong_hash", hash_name="sha512"), ts + 300))
    ts = t()
    out.append(RULE.invalid("wrong-output-hex", "Right HMAC bytes, lower-case hex instead of base64.", ["get", "output"],
        get("/api/v5/account/balance", "", ts), Mistake("wrong_output_encoding", encoding="hex"), ts + 300))
    # base64url only differs from base64 when '+' or '/' occur: move the clock until they do.
    ts = t()
    while not set(RULE.correct(get("/api/v5/account/bills", "type=2", ts), CREDENTIALS)[1]) & set("+/"):
        ts += 1
    out.append(RULE.invalid("wrong-output-base64url", "Right HMAC bytes, base64url ('-' and '_') instead of base64.",
        ["get", "output"], get("/api/v5/account/bills", "type=2", ts), Mistake("wrong_output_encoding", encoding="base64url"), ts + 300))
    # OKX issues 32-character upper-case hex secrets: valid base64 as well, which invites decoding.
    hex_secret = {"apiKey": CREDENTIALS["apiKey"], "secret": "5C7E57EE0000000000000000000000AA",
                  "passphrase": CREDENTIALS["passphrase"]}
    ts = t()
    out.append(RULE.invalid("secret-base64-decoded", "Hex secret base64-decoded by the client (a Coinbase Exchange habit) "
        "instead of used as UTF-8.", ["get", "secret"], get("/api/v5/account/balance", "", ts), Mistake("wrong_secret_encoding", key=base64.b64decode(hex_secret["secret"], validate=True)), ts + 300, credentials=hex_secret))
    ts = t()
    # Not the passphrase: a passphrase pasted as the secret is credentials_swapped (mistakes.py).
    out.append(RULE.invalid("unexplained-other-secret", "Signed under another secret (a demo-trading key's secret on live): "
        "no single mistake reproduces it.", ["get"], get("/api/v5/account/balance", "", ts), Mistake("unexplained", key=b"sc-test-okx-demo-secret-0001"), ts + 300))
    return out


def main():
    defaults = {"credentials": CREDENTIALS}
    RULE.write_all([
        ("requests", "Valid signed OKX v5 requests: GET with requestPath?query, POST with raw JSON bodies, clock "
         "edges.", [DOCS, DOCS_WAAS], defaults, request_vectors(), 25, 0),
        ("mistakes", "OKX v5 requests as buggy clients sent them, one mistake each.", [DOCS, DOCS_WAAS], defaults,
         mistake_vectors(), 0, 6),
    ])


if __name__ == "__main__":
    main()
