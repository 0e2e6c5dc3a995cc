#!/usr/bin/env python3
"""Reference vectors for Bybit v5 REST, HMAC (system-generated) API keys.

Written from the official docs, not from sigconform:
  https://bybit-exchange.github.io/docs/v5/guide  (source: bybit-exchange/docs, docs/v5/guide.mdx)

Rules used (all from the guide, "Authentication" / "Create A Request"):
  * prehash = timestamp + API key + recv_window + (queryString for GET | raw
    JSON body for POST), no separators, no method, no path. "queryString (no need
    to sort)": the query is signed exactly as sent; the body "raw_request_body"
    byte for byte (the docs' own example signs '{"category": "option"}' with its
    space).
  * HMAC-SHA256 with the secret's UTF-8 bytes, lower-case hex, in X-BAPI-SIGN.
  * Headers X-BAPI-API-KEY, X-BAPI-TIMESTAMP (UTC ms), X-BAPI-SIGN,
    X-BAPI-RECV-WINDOW (ms, default 5000).
  * Window: server_time - recv_window <= timestamp < server_time + 1000.
  * Bybit v5 private endpoints are GET or POST only.

Decided, with reasons:
  * Every vector sends X-BAPI-RECV-WINDOW. The guide writes the recv_window part
    of the prehash as optional ("(recv_window)") without saying what is signed when
    the header is absent, so no vector depends on that case.
  * The docs publish two prehashes with signatures (410e0f38…, f0da7197…) but NO
    secret, so they cannot be vectors with an expected signature; docs.json is
    omitted. Their prehash construction is still pinned: the vectors
    `docs-prehash-get` and `docs-prehash-post` in requests.json rebuild the docs'
    exact plain text from the docs' inputs (api key 'XXXXXXXXXX') and sign it with
    our own test secret; main() asserts the rebuilt text equals the published one.

Run: python3 scripts/reference/bybit-v5.py  (rewrites vectors/bybit-v5/*.json)
"""
from __future__ import annotations

import base64
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import Clock, Mistake, Venue, compact_json, request, spaced_json  # noqa: E402

VENUE = "bybit-v5"
GENERATOR = "scripts/reference/bybit-v5.py"
DOCS = "https://bybit-exchange.github.io/docs/v5/guide"
DOCS_REPO = "https://github.com/bybit-exchange/docs/blob/main/docs/v5/guide.mdx"

CREDENTIALS = {"apiKey": "scTestBybitKey0001", "secret": "sc-test-bybit-v5-secret-do-not-use-01"}
RECV_WINDOW = 5000
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte

# The docs' published plain texts (no secret published, see the module docstring).
DOCS_PREHASH_GET = "1658384314791XXXXXXXXXX5000category=option&symbol=BTC-29JUL22-25000-C"
DOCS_PREHASH_POST = '1658385579423XXXXXXXXXX5000{"category": "option"}'


class Bybit(Venue):
    """parts: method, path, query, body, ts (ms), recv (the X-BAPI-RECV-WINDOW text), extra headers."""

    name = VENUE
    generator = GENERATOR

    def prehash(self, parts, credentials) -> bytes:
        payload = parts["query"] if parts["method"] == "GET" else parts["body"]
        return f"{parts['ts']}{credentials['apiKey']}{parts['recv']}{payload}".encode("utf-8")

    def wire(self, parts, credentials, sig):
        headers = {
            "X-BAPI-API-KEY": credentials["apiKey"],
            "X-BAPI-TIMESTAMP": str(parts["ts"]),
            "X-BAPI-SIGN": sig,
            "X-BAPI-RECV-WINDOW": str(parts["recv"]),
        }
        if parts["method"] == "POST":
            headers["Content-Type"] = "application/json"
        headers.update(parts.get("extra", {}))
        return request(parts["method"], parts["path"], parts["query"], headers, parts["body"])

    def expect_headers(self, parts, credentials, sig):
        return {"X-BAPI-SIGN": sig}

    def read_wire(self, request, credentials):
        h = request["headers"]
        payload = request["query"] if request["method"] == "GET" else request["body"]
        prehash = f"{h['X-BAPI-TIMESTAMP']}{h['X-BAPI-API-KEY']}{h['X-BAPI-RECV-WINDOW']}{payload}"
        return prehash.encode("utf-8"), h["X-BAPI-SIGN"]


RULE = Bybit(CREDENTIALS)


def get(path, query, ts, recv=RECV_WINDOW, **extra):
    return {"method": "GET", "path": path, "query": query, "body": "", "ts": ts, "recv": recv, "extra": extra}


def post(path, body, ts, recv=RECV_WINDOW, query=""):
    return {"method": "POST", "path": path, "query": query, "body": body, "ts": ts, "recv": recv}


def request_vectors():
    out = []
    t = Clock(CLOCK_START).tick

    ts = t()
    out.append(RULE.valid("get-account-info-no-query", "GET without parameters: the prehash ends right after recv_window.",
        ["get", "no-query"], get("/v5/account/info", "", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-user-query-api-no-query", "GET /v5/user/query-api, no parameters.", ["get", "no-query"],
        get("/v5/user/query-api", "", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-wallet-balance", "GET with one parameter.", ["get", "query"],
        get("/v5/account/wallet-balance", "accountType=UNIFIED", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-wallet-balance-comma-raw", "Comma-separated coin list sent raw.", ["get", "query", "comma"],
        get("/v5/account/wallet-balance", "accountType=UNIFIED&coin=BTC,ETH,USDT", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-wallet-balance-comma-encoded", "Comma-separated coin list sent as %2C: signed as sent.",
        ["get", "query", "comma", "encoding"],
        get("/v5/account/wallet-balance", "accountType=UNIFIED&coin=BTC%2CUSDC", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-order-realtime", "Four parameters in the docs' order.", ["get", "query"],
        get("/v5/order/realtime", "category=linear&symbol=BTCUSDT&openOnly=0&limit=50", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-unsorted", "Unsorted query ('no need to sort'): signed in the order sent.",
        ["get", "query", "order"], get("/v5/order/history", "symbol=ETHUSDT&category=spot&limit=20", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-cursor-encoded", "Pagination cursor carrying '=', '&' and ':' percent-encoded, as Bybit "
        "returns it; signed as sent.", ["get", "query", "encoding", "ampersand", "equals"],
        get("/v5/order/history", "category=linear&limit=50&cursor=page_args%3D1700000000000%26symbol%3DBTCUSDT%3A0",
            ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-space-percent20", "Space sent and signed as %20 (value chosen to pin encoding).",
        ["get", "query", "encoding", "space"],
        get("/v5/order/history", "category=spot&orderLinkId=grid%20bot%2001", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-space-plus", "Space sent and signed as '+'.", ["get", "query", "encoding", "space"],
        get("/v5/order/history", "category=spot&orderLinkId=grid+bot+02", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-plus-literal", "Literal '+' sent and signed as %2B.", ["get", "query", "encoding", "plus"],
        get("/v5/order/history", "category=spot&orderLinkId=a%2Bb-03", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-at-slash-raw", "'@' and '/' sent raw.", ["get", "query", "encoding", "at-sign", "slash"],
        get("/v5/order/history", "category=spot&orderLinkId=desk@alpha/04", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-at-slash-encoded", "'@' and '/' sent as %40 and %2F.",
        ["get", "query", "encoding", "at-sign", "slash"],
        get("/v5/order/history", "category=spot&orderLinkId=desk%40alpha%2F05", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-non-ascii", "Non-ASCII ('€') percent-encoded, upper-case hex.",
        ["get", "query", "encoding", "non-ascii"],
        get("/v5/order/history", "category=spot&orderLinkId=eur%E2%82%AC06", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("get-query-empty-value", "A parameter with an empty value (baseCoin=), signed as sent.",
        ["get", "query", "empty-value"], get("/v5/order/realtime", "category=spot&baseCoin=&limit=10", ts), ts + 300))
    # The docs' own inputs: api key 'XXXXXXXXXX', recv_window 5000, secret unpublished (ours used instead).
    docs_key = {"apiKey": "XXXXXXXXXX", "secret": CREDENTIALS["secret"]}
    out.append(RULE.valid("docs-prehash-get", "The docs' GET example inputs; the prehash equals the docs' published plain "
        f"text '{DOCS_PREHASH_GET}'. The docs publish no secret, so the signature is under our test secret, not "
        f"the docs' 410e0f38…. Source: {DOCS}.", ["get", "query", "doc-prehash"],
        get("/v5/order/realtime", "category=option&symbol=BTC-29JUL22-25000-C", 1658384314791), 1658384314791 + 300,
        credentials=docs_key))
    out.append(RULE.valid("docs-prehash-post", "The docs' POST example inputs; body '{\"category\": \"option\"}' signed with its "
        f"space, prehash equals the docs' published plain text. Signature under our test secret (the docs' "
        f"f0da7197… cannot be checked). Source: {DOCS}.", ["post", "json-body", "doc-prehash"],
        post("/v5/order/create", '{"category": "option"}', 1658385579423), 1658385579423 + 300, credentials=docs_key))
    ts = t()
    order = {"category": "linear", "symbol": "BTCUSDT", "side": "Buy", "orderType": "Limit", "qty": "0.001",
             "price": "42000.5", "timeInForce": "GTC", "orderLinkId": "sc-test-0001", "reduceOnly": False}
    out.append(RULE.valid("post-create-order-compact", "Compact JSON body with a boolean.", ["post", "json-body"],
        post("/v5/order/create", compact_json(order), ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-create-order-spaced", "json.dumps default separators (', ' and ': '), what pybit sends and "
        "signs: valid because the same bytes are signed and sent.", ["post", "json-body", "whitespace"],
        post("/v5/order/create", spaced_json(dict(order, orderLinkId="sc-test-0002")), ts), ts + 300))
    ts = t()
    batch = {"category": "option", "request": [
        {"symbol": "BTC-29DEC23-40000-C", "orderType": "Limit", "side": "Buy", "qty": "0.1", "price": "1200",
         "orderLinkId": "sc-test-b1", "mmp": False},
        {"symbol": "BTC-29DEC23-42000-C", "orderType": "Limit", "side": "Buy", "qty": "0.1", "price": "800",
         "orderLinkId": "sc-test-b2", "mmp": False}]}
    out.append(RULE.valid("post-batch-nested-array", "Batch order: an array of objects nested in the body.",
        ["post", "json-body", "nested", "array"], post("/v5/order/create-batch", compact_json(batch), ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-number-literals", "JSON numbers 0.1 and 1e-8 written as literals; the body is signed byte for "
        "byte, so their spelling matters.", ["post", "json-body", "decimal"],
        post("/v5/position/trading-stop",
             '{"category":"linear","symbol":"ETHUSDT","takeProfit":0.1,"stopLoss":1e-8,"positionIdx":0}', ts),
        ts + 300))
    ts = t()
    out.append(RULE.valid("post-null-and-booleans", "null, true and false in the body.", ["post", "json-body", "null", "boolean"],
        post("/v5/order/create", '{"category":"linear","symbol":"BTCUSDT","side":"Sell","orderType":"Market",'
             '"qty":"0.01","takeProfit":null,"reduceOnly":true,"closeOnTrigger":false}', ts), ts + 300))
    ts = t()
    sub_api = {"subuid": 53888000, "note": "交易 bot ✓", "readOnly": 0,
               "permissions": {"ContractTrade": ["Order", "Position"], "Spot": ["SpotTrade"]}}
    out.append(RULE.valid("post-non-ascii-raw-utf8", "Non-ASCII note as raw UTF-8 inside a nested JSON body.",
        ["post", "json-body", "non-ascii", "nested"], post("/v5/user/create-sub-api", compact_json(sub_api), ts),
        ts + 300))
    ts = t()
    out.append(RULE.valid("post-non-ascii-escaped", "The same note written as \\u escapes (json.dumps default): different "
        "bytes, signed as sent.", ["post", "json-body", "non-ascii"],
        post("/v5/user/create-sub-api", json.dumps(sub_api, separators=(",", ":")), ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-empty-object", "Body '{}' for an endpoint without parameters.", ["post", "json-body"],
        post("/v5/account/upgrade-to-uta", "{}", ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-pretty-printed", "Pretty-printed JSON with newlines, like the docs' first rendering of the POST "
        "plain text; the newlines are signed.", ["post", "json-body", "whitespace"],
        post("/v5/order/cancel-all", '{\n"category": "linear",\n"settleCoin": "USDT"\n}', ts), ts + 300))
    ts = t()
    out.append(RULE.valid("post-amend-order", "Amend order.", ["post", "json-body"],
        post("/v5/order/amend", '{"category":"linear","symbol":"BTCUSDT","orderId":"c6f055d9-7f21-4079-913d-'
             'e6523a9cfffa","qty":"0.002","price":"41900"}', ts), ts + 300))
    ts = t()
    out.append(RULE.valid("recv-window-20000", "X-BAPI-RECV-WINDOW 20000 is part of the prehash; server 15 s after the "
        "timestamp, outside 5000 but inside 20000.", ["get", "query", "recv-window", "clock"],
        get("/v5/position/list", "category=linear&symbol=BTCUSDT", ts, recv=20000), ts + 15_000))
    ts = t()
    out.append(RULE.valid("client-ahead-900ms", "Client 900 ms ahead: inside 'timestamp < server_time + 1000'.",
        ["get", "query", "clock"], get("/v5/account/info", "", ts), ts - 900))
    ts = t()
    out.append(RULE.valid("window-edge-exact", "server_time - recv_window == timestamp: accepted ('<=').",
        ["get", "query", "clock"], get("/v5/account/fee-rate", "category=spot&symbol=BTCUSDT", ts), ts + 5000))
    ts = t()
    out.append(RULE.valid("broker-referer-header", "X-Referer (brokers) travels as a header and is not signed.",
        ["post", "json-body", "headers"],
        dict(post("/v5/order/create", '{"category":"spot","symbol":"BTCUSDT","side":"Buy","orderType":"Market",'
                  '"qty":"10","marketUnit":"quoteCoin"}', ts), extra={"X-Referer": "sc-test-broker"}), ts + 300))
    return out


def mistake_vectors():
    out = []
    t = Clock(CLOCK_START + 3_600_000).tick
    key = CREDENTIALS["apiKey"]
    secret = CREDENTIALS["secret"].encode()

    def pre(ts, payload, recv=RECV_WINDOW, api_key=key):
        return f"{ts}{api_key}{recv}{payload}".encode()

    ts = t()
    query = "category=linear&symbol=BTCUSDT&orderFilter=Order&limit=20"
    out.append(RULE.invalid("unsorted-signed-sorted", "Client sent the query in insertion order but signed it sorted by key.",
        ["get", "query"], get("/v5/order/realtime", query, ts), Mistake("unsorted_params", client_prehash=pre(ts, "&".join(sorted(query.split("&"))))), ts + 300))
    ts = t()
    pairs = ["symbol=ETHUSDT", "category=linear", "limit=5", "cursor=abc"]
    out.append(RULE.invalid("unsorted-sent-sorted", "HTTP layer sorted the query (as pybit does) but the client signed the "
        "insertion order.", ["get", "query"], get("/v5/execution/list", "&".join(sorted(pairs)), ts), Mistake("unsorted_params", client_prehash=pre(ts, "&".join(pairs))), ts + 300))
    ts = t()
    body = {"category": "spot", "symbol": "BTCUSDT", "side": "Buy", "orderType": "Limit", "qty": "0.01",
            "price": "40000"}
    out.append(RULE.invalid("body-encoding-spaced", "Client sent compact JSON but signed json.dumps default (', ' and ': ').",
        ["post", "json-body"], post("/v5/order/create", compact_json(body), ts), Mistake("body_encoding", client_prehash=pre(ts, spaced_json(body))), ts + 300))
    ts = t()
    body = {"symbol": "ETHUSDT", "category": "linear", "side": "Sell", "qty": "1", "orderType": "Market"}
    out.append(RULE.invalid("body-encoding-sorted-keys", "Client sent keys in insertion order but signed a sort_keys=True "
        "serialisation.", ["post", "json-body"], post("/v5/order/create", compact_json(body), ts), Mistake("body_encoding", client_prehash=pre(ts, json.dumps(body, separators=(",", ":"), sort_keys=True))),
        ts + 300))
    ts = t()
    query = "category=linear&limit=50&cursor=page_args%3D1700000000001%26symbol%3DETHUSDT"
    out.append(RULE.invalid("query-encoding-cursor-decoded", "Client sent the cursor percent-encoded but signed it decoded "
        "('=' and '&' raw).", ["get", "query", "encoding"], get("/v5/order/history", query, ts), Mistake("query_encoding", client_prehash=pre(ts, "category=linear&limit=50&cursor=page_args=1700000000001&symbol=ETHUSDT")),
        ts + 300))
    ts = t()
    query = "category=spot&orderLinkId=grid%20bot%2009"
    out.append(RULE.invalid("query-encoding-space-plus", "Client sent %20 for spaces but signed '+' (urlencode style).",
        ["get", "query", "encoding", "space"], get("/v5/order/history", query, ts), Mistake("query_encoding", client_prehash=pre(ts, query.replace("%20", "+"))), ts + 300))
    ts = t()
    out.append(RULE.invalid("clock-drift-late", "Correct signature; request reached the server 7.5 s after its timestamp "
        "(recv_window 5000 + 2500).", ["get", "clock"], get("/v5/account/info", "", ts), Mistake("clock_drift"),
        ts + RECV_WINDOW + 2500))
    ts = t()
    out.append(RULE.invalid("clock-drift-client-ahead", "Correct signature; client clock 3000 ms ahead (limit is +1000).",
        ["get", "clock"], get("/v5/account/wallet-balance", "accountType=UNIFIED", ts), Mistake("clock_drift"), ts - 3000))
    ts = t()
    out.append(RULE.invalid("timestamp-mismatch-1500ms", "X-BAPI-TIMESTAMP carries T but the client signed T-1500 ms (two clock "
        "reads).", ["get", "timestamp"], get("/v5/position/list", "category=linear", ts), Mistake("timestamp_mismatch", client_prehash=pre(ts - 1500, "category=linear")),
        ts + 300))
    ts = t()
    out.append(RULE.invalid("timestamp-units-seconds", "Header in ms, prehash with seconds (T // 1000).", ["post", "timestamp"],
        post("/v5/order/cancel-all", '{"category":"spot"}', ts), Mistake("timestamp_units", client_prehash=pre(ts // 1000, '{"category":"spot"}')), ts + 300))
    ts = t()
    out.append(RULE.invalid("missing-component-recv-window", "recv_window left out of the prehash although the header is sent.",
        ["get", "recv-window"], get("/v5/account/fee-rate", "category=linear", ts), Mistake("missing_component", client_prehash=f"{ts}{key}category=linear".encode()), ts + 300))
    ts = t()
    out.append(RULE.invalid("missing-component-api-key", "API key left out of the prehash.", ["post", "json-body"],
        post("/v5/position/set-leverage", '{"category":"linear","symbol":"BTCUSDT",'
                                  '"buyLeverage":"5","sellLeverage":"5"}', ts), Mistake("missing_component", client_prehash=pre(ts, '{"category":"linear","symbol":"BTCUSDT","buyLeverage":"5","sellLeverage":"5"}',
                           api_key="")), ts + 300))
    ts = t()
    out.append(RULE.invalid("secret-trailing-crlf", "HMAC key was the secret plus '\\r\\n' (pasted from a Windows file).",
        ["get", "secret"], get("/v5/account/info", "", ts), Mistake("secret_whitespace", key=secret + b"\r\n"), ts + 300))
    ts = t()
    out.append(RULE.invalid("wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256, hex.", ["get", "hash"], get("/v5/account/wallet-balance", "accountType=UNIFIED&coin=BTC", ts), Mistake("wrong_hash", hash_name="sha512"), ts + 300))
    ts = t()
    out.append(RULE.invalid("wrong-output-base64", "Right HMAC bytes, base64 instead of lower-case hex.", ["post", "output"],
        post("/v5/order/cancel", '{"category":"linear","symbol":"BTCUSDT","orderId":"1"}',
                                      ts), Mistake("wrong_output_encoding", encoding="base64"), ts + 300))
    # Bybit issues 36-character alphanumeric secrets: valid base64 too, which invites decoding it.
    b64_looking = {"apiKey": key, "secret": "scTestBybitSecretDoNotUse".ljust(36, "0")}
    ts = t()
    out.append(RULE.invalid("secret-base64-decoded", "The alphanumeric secret is also valid base64 and the client decoded it "
        "instead of using its UTF-8 bytes.", ["get", "secret"], get("/v5/account/info", "", ts), Mistake("wrong_secret_encoding", key=base64.b64decode(b64_looking["secret"], validate=True)), ts + 300, credentials=b64_looking))
    ts = t()
    out.append(RULE.invalid("unexplained-other-secret", "Signed under another secret (wrong key pair, e.g. testnet key on "
        "mainnet): no single mistake reproduces it.", ["get"], get("/v5/account/info", "", ts), Mistake("unexplained", key=b"sc-test-bybit-testnet-secret"),
        ts + 300))
    return out


def main():
    # The docs' published plain texts must come out of this script's rule unchanged.
    docs_key = {"apiKey": "XXXXXXXXXX", "secret": CREDENTIALS["secret"]}
    for parts, published in [(get("/v5/order/realtime", "category=option&symbol=BTC-29JUL22-25000-C", 1658384314791),
                              DOCS_PREHASH_GET),
                             (post("/v5/order/create", '{"category": "option"}', 1658385579423), DOCS_PREHASH_POST)]:
        if RULE.prehash(parts, docs_key).decode() != published:
            raise SystemExit(f"prehash rule disagrees with the docs' plain text {published!r}")
    defaults = {"credentials": CREDENTIALS}
    RULE.write_all([
        ("requests", "Valid signed Bybit v5 requests (GET query / POST JSON), including the docs' two prehash "
         "examples signed under a test secret (the docs publish none).", [DOCS, DOCS_REPO], defaults,
         request_vectors(), 25, 0),
        ("mistakes", "Bybit v5 requests as buggy clients sent them, one mistake each.", [DOCS, DOCS_REPO], defaults,
         mistake_vectors(), 0, 6),
    ])


if __name__ == "__main__":
    main()
