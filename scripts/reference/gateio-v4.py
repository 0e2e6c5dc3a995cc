#!/usr/bin/env python3
"""Reference vectors for Gate (Gate.io) APIv4 REST.

Written from the official docs, not from sigconform:
  https://www.gate.io/docs/developers/apiv4/en/#api-signature-string-generation
  (same page: https://www.gate.com/docs/developers/apiv4/en/)
  official SDK: https://github.com/gateio/gateapi-python (gate_api/api_client.py, gen_sign)

Rules used (docs, "APIv4 signed request requirements" and "API Signature string generation"):
  * signature string = Request Method + "\\n" + Request URL + "\\n" + Query String
    + "\\n" + HexEncode(SHA512(Request Payload)) + "\\n" + Timestamp.
  * "Request method in UPPERCASE". "Request URL ... Protocol, host and port are
    not included, e.g. /api/v4/futures/orders" (the /api/v4 prefix is signed).
  * "If no request body, use empty string's hashed result" (cf83e135…927da3e).
  * "Timestamp request header value": signed verbatim. Header `Timestamp` is
    Unix time in seconds; the docs' and SDK's gen_sign put str(time.time()) —
    a decimal fraction — in the header, so two vectors do that.
  * SIGN = HexEncode(HMAC_SHA512(secret, signature_string)), secret as UTF-8,
    lower-case hex. Headers KEY, Timestamp, SIGN.
  * "the gap between its value and current time cannot exceed 60 seconds".

Decided, with reasons — READ THIS, it differs from a naive "as sent" rule:
  * Query String: the docs say "Request query string WITHOUT URL ENCODE. query
    parameters order should be the same as how they are concatenated in the
    request URL", and the official SDK signs unquote_plus(urlencode(params))
    while it sends the encoded form. So the signed query is the sent query,
    in the sent order, percent-decoded with unquote_plus ('+' -> space, UTF-8).
    When the sent query needs no escapes (the docs' example
    'contract=BTC_USD&status=finished&limit=50'; raw ',', '/', '@'; empty
    values) this equals the sent bytes; vectors where it does not are tagged
    `decoded-query`. If the server turns out to verify the raw bytes, exactly
    those vectors (and `query-encoding-signed-encoded`) flip.
  * docs.json holds the docs' two worked examples (key 'key', secret 'secret',
    Timestamp 1541993715); both reproduce.

Run: python3 scripts/reference/gateio-v4.py  (rewrites vectors/gateio-v4/*.json)
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import Clock, Mistake, Venue, compact_json, request, spaced_json  # noqa: E402

VENUE = "gateio-v4"
GENERATOR = "scripts/reference/gateio-v4.py"
DOCS = "https://www.gate.io/docs/developers/apiv4/en/#api-signature-string-generation"
DOCS_REQ = "https://www.gate.io/docs/developers/apiv4/en/#apiv4-signed-request-requirements"
SDK = "https://github.com/gateio/gateapi-python/blob/master/gate_api/api_client.py"
CCXT_GATE = "https://github.com/ccxt/ccxt/blob/master/python/ccxt/gate.py"

CREDENTIALS = {"apiKey": "sc-test-gate-api-key-0001", "secret": "sc-test-gate-secret-do-not-use-0001"}
DOCS_CREDENTIALS = {"apiKey": "key", "secret": "secret"}
WINDOW_MS = 60_000
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte


def signed_query(sent: str) -> str:
    """The query as signed: sent order, percent-decoded ("without URL encode"; SDK: unquote_plus)."""
    return urllib.parse.unquote_plus(sent)


def signature_string(method, path, query_text, body, timestamp) -> bytes:
    body_hash = hashlib.sha512(body.encode("utf-8")).hexdigest()
    return f"{method}\n{path}\n{query_text}\n{body_hash}\n{timestamp}".encode("utf-8")


class Gate(Venue):
    """parts: method, path (with /api/v4), query (as sent), body, ts (header text)."""

    name = VENUE
    generator = GENERATOR

    hash_name = "sha512"

    def prehash(self, parts, credentials) -> bytes:
        return signature_string(parts["method"], parts["path"], signed_query(parts["query"]), parts["body"],
                                parts["ts"])

    def wire(self, parts, credentials, sig):
        headers = {"KEY": credentials["apiKey"], "Timestamp": parts["ts"], "SIGN": sig}
        if parts["body"]:
            headers["Content-Type"] = "application/json"
        return request(parts["method"], parts["path"], parts["query"], headers, parts["body"])

    def expect_headers(self, parts, credentials, sig):
        return {"SIGN": sig}

    def read_wire(self, request, credentials):
        h = request["headers"]
        return signature_string(request["method"], request["path"], signed_query(request["query"]),
                                request["body"], h["Timestamp"]), h["SIGN"]


RULE = Gate(CREDENTIALS)


def req(method, path, ts, query="", body=""):
    """`ts` in ms; the header carries whole seconds unless `ts` is already header text."""
    header = ts if isinstance(ts, str) else str(ts // 1000)
    return {"method": method, "path": path, "query": query, "body": body, "ts": header}


def arrival(parts, delta_ms=300) -> int:
    return int(round(float(parts["ts"]) * 1000)) + delta_ms


def docs_vectors():
    out = []
    rule = Gate(DOCS_CREDENTIALS)
    examples = [
        ("docs-list-futures-orders", "Docs example 1 'List all orders': GET with query, empty body.",
         ["doc-example", "get", "query"],
         req("GET", "/api/v4/futures/orders", "1541993715", "contract=BTC_USD&status=finished&limit=50"),
         "55f84ea195d6fe57ce62464daaa7c3c02fa9d1dde954e4c898289c9a2407a3d6fb3faf24deff16790d726b66ac9f74526668b13bd010"
         "29199cc4fcc522418b8a"),
        ("docs-create-futures-order", "Docs example 2 'Create an order': POST with a compact JSON body, empty "
         "query line.", ["doc-example", "post", "json-body"],
         req("POST", "/api/v4/futures/orders", "1541993715", "",
             '{"contract":"BTC_USD","type":"limit","size":100,"price":6800,"time_in_force":"gtc"}'),
         "eae42da914a590ddf727473aff25fc87d50b64783941061f47a3fdb92742541fc4c2c14017581b4199a1418d54471c269c03a38d788d"
         "802e2c306c37636389f0"),
    ]
    for id, comment, tags, parts, published in examples:
        _, sig = rule.correct(parts, DOCS_CREDENTIALS)
        if sig != published:
            raise SystemExit(f"{id}: docs publish {published}, the docs' rule gives {sig}")
        out.append(rule.valid(id, f"{comment} Key 'key', secret 'secret' as stated by the docs; published SIGN "
                       f"{published[:16]}… reproduces. Source: {DOCS}.", tags, parts, arrival(parts)))
    return out


def request_vectors():
    out = []
    t = Clock(CLOCK_START).tick

    def case(id, comment, tags, parts, delta_ms=300):
        out.append(RULE.valid(id, comment, tags, parts, arrival(parts, delta_ms)))

    case("get-spot-accounts-no-query", "GET without a query: the query line is empty, not omitted.",
         ["get", "no-query"], req("GET", "/api/v4/spot/accounts", t()))
    case("get-spot-accounts-currency", "One query parameter.", ["get", "query"],
         req("GET", "/api/v4/spot/accounts", t(), "currency=USDT"))
    case("get-futures-orders", "Futures orders list, the docs' query shape with other values.", ["get", "query"],
         req("GET", "/api/v4/futures/usdt/orders", t(), "contract=BTC_USDT&status=finished&limit=50"))
    case("get-spot-orders-unsorted", "Unsorted query signed in the order sent (docs: same order as in the URL).",
         ["get", "query", "order"],
         req("GET", "/api/v4/spot/orders", t(), "status=open&currency_pair=ETH_USDT&side=buy&page=1&limit=100"))
    case("get-query-comma-raw", "Comma-separated sub-account ids sent raw.", ["get", "query", "comma"],
         req("GET", "/api/v4/wallet/sub_account_balances", t(), "sub_uid=10001,10002"))
    case("get-query-comma-encoded", "Comma list sent as %2C, signed decoded (',').",
         ["get", "query", "comma", "encoding", "decoded-query"],
         req("GET", "/api/v4/wallet/sub_account_balances", t(), "sub_uid=10003%2C10004"))
    case("get-query-at-slash-raw", "'@' and '/' sent raw: signed as sent.",
         ["get", "query", "encoding", "at-sign", "slash"],
         req("GET", "/api/v4/wallet/withdrawals", t(), "currency=USDT&withdraw_order_id=ops@desk/01"))
    case("get-query-space-percent20", "Spaces sent as %20, signed decoded (' ').",
         ["get", "query", "encoding", "space", "decoded-query"],
         req("GET", "/api/v4/wallet/withdrawals", t(), "currency=USDT&withdraw_order_id=payout%20march%2002"))
    case("get-query-space-plus", "Spaces sent as '+' (what the SDK's urlencode emits), signed as spaces.",
         ["get", "query", "encoding", "space", "decoded-query"],
         req("GET", "/api/v4/wallet/withdrawals", t(), "currency=USDT&withdraw_order_id=payout+april+03"))
    case("get-query-plus-literal", "Literal '+' sent as %2B, signed '+'.",
         ["get", "query", "encoding", "plus", "decoded-query"],
         req("GET", "/api/v4/wallet/withdrawals", t(), "currency=USDT&withdraw_order_id=a%2Bb-04"))
    case("get-query-amp-equals", "'&' and '=' sent as %26 and %3D, signed decoded.",
         ["get", "query", "encoding", "ampersand", "equals", "decoded-query"],
         req("GET", "/api/v4/wallet/withdrawals", t(), "currency=USDT&withdraw_order_id=cold%26warm%3D05"))
    case("get-query-non-ascii", "'Café €' sent percent-encoded, signed as UTF-8 text.",
         ["get", "query", "encoding", "non-ascii", "decoded-query"],
         req("GET", "/api/v4/wallet/withdrawals", t(), "currency=USDT&withdraw_order_id=Caf%C3%A9%20%E2%82%AC"))
    case("get-query-empty-value", "Empty value (currency=), signed as sent.", ["get", "query", "empty-value"],
         req("GET", "/api/v4/spot/accounts", t(), "currency=&limit=10"))
    ts = t()
    case("timestamp-decimal-fraction", "Timestamp header with a fraction, as the docs' gen_sign sends "
         "str(time.time()); the header text is signed verbatim.", ["get", "query", "timestamp"],
         req("GET", "/api/v4/spot/open_orders", f"{ts // 1000}.{ts % 1000:03d}482", "page=1&limit=10"))
    ts = t()
    case("timestamp-decimal-post", "Fractional Timestamp on a POST.", ["post", "json-body", "timestamp"],
         req("POST", "/api/v4/spot/cancel_batch_orders", f"{ts // 1000}.{ts % 1000:03d}9", "",
             '[{"currency_pair":"BTC_USDT","id":"123456"}]'))
    order = {"text": "t-sc-test-01", "currency_pair": "BTC_USDT", "type": "limit", "account": "spot", "side": "buy",
             "amount": "0.001", "price": "42000.5", "time_in_force": "gtc"}
    case("post-spot-order-compact", "Compact JSON body.", ["post", "json-body"],
         req("POST", "/api/v4/spot/orders", t(), body=compact_json(order)))
    case("post-futures-order-spaced", "json.dumps default spacing, as the docs' Python example sends; signed as "
         "sent.", ["post", "json-body", "whitespace"],
         req("POST", "/api/v4/futures/usdt/orders", t(),
             body=spaced_json({"contract": "BTC_USDT", "size": 100, "price": "30", "tif": "gtc"})))
    case("post-batch-orders-array", "Top-level JSON array body.", ["post", "json-body", "array"],
         req("POST", "/api/v4/spot/batch_orders", t(),
             body=compact_json([dict(order, text="t-sc-b1"), dict(order, text="t-sc-b2", side="sell", price="43000")])))
    case("post-price-order-nested", "Nested objects (price-triggered order).", ["post", "json-body", "nested"],
         req("POST", "/api/v4/spot/price_orders", t(), body=compact_json(
             {"trigger": {"price": "100", "rule": ">=", "expiration": 3600},
              "put": {"type": "limit", "side": "buy", "price": "2.15", "amount": "2.00000000", "account": "normal",
                      "time_in_force": "gtc"}, "market": "GT_USDT"})))
    case("post-number-literals-null-bool", "0.1 and 1e-8 number literals, null, true and false; SHA-512 of the "
         "exact body.", ["post", "json-body", "decimal", "null", "boolean"],
         req("POST", "/api/v4/futures/usdt/orders", t(), body='{"contract":"ETH_USDT","size":1,"price":0.1,'
             '"trigger_price":1e-8,"reduce_only":true,"close":false,"text":null}'))
    sub = {"login_name": "sctest01", "remark": "交易 desk ✓"}
    case("post-non-ascii-raw-utf8", "Non-ASCII remark as raw UTF-8 in the body.", ["post", "json-body", "non-ascii"],
         req("POST", "/api/v4/sub_accounts", t(), body=compact_json(sub)))
    case("post-non-ascii-escaped", "The same remark as \\u escapes: different bytes and body hash.",
         ["post", "json-body", "non-ascii"],
         req("POST", "/api/v4/sub_accounts", t(), body=json.dumps(sub, separators=(",", ":"))))
    case("post-query-empty-body", "POST with its parameter in the query and no body (set leverage).",
         ["post", "query", "no-body"],
         req("POST", "/api/v4/futures/usdt/positions/BTC_USDT/leverage", t(), "leverage=10"))
    case("put-futures-amend", "PUT amending a futures order; order id in the path.", ["put", "json-body", "path"],
         req("PUT", "/api/v4/futures/usdt/orders/12345", t(), body='{"size":100,"price":"42000"}'))
    case("patch-spot-amend-query-and-body", "PATCH with both a query and a JSON body.",
         ["patch", "query", "json-body"],
         req("PATCH", "/api/v4/spot/orders/12345", t(), "currency_pair=BTC_USDT", '{"amount":"1.5"}'))
    case("delete-spot-orders-query", "DELETE with a query and no body.", ["delete", "query"],
         req("DELETE", "/api/v4/spot/orders", t(), "currency_pair=BTC_USDT&side=buy"))
    case("delete-order-path-param", "DELETE one order: id in the path, pair in the query.", ["delete", "query", "path"],
         req("DELETE", "/api/v4/spot/orders/12345", t(), "currency_pair=ETH_USDT"))
    case("server-59s-late", "Server 59 s after the Timestamp: inside the 60 s gap.", ["get", "clock"],
         req("GET", "/api/v4/wallet/total_balance", t(), "currency=USDT"), delta_ms=59_000)
    case("client-59s-ahead", "Client 59 s ahead of the server: inside the 60 s gap.", ["get", "clock"],
         req("GET", "/api/v4/wallet/total_balance", t()), delta_ms=-59_000)
    return out


def mistake_vectors():
    out = []
    t = Clock(CLOCK_START + 3_600_000).tick
    secret = CREDENTIALS["secret"].encode()

    def case(id, comment, tags, diagnosis, parts, delta_ms=300, client_key=None, credentials=None, **how):
        out.append(RULE.invalid(id, comment, tags, parts, Mistake(diagnosis, key=client_key, **how),
                                arrival(parts, delta_ms), credentials))

    def sig_str(parts, **changes):
        p = dict(parts, **changes)
        return signature_string(p["method"], p["path"], signed_query(p["query"]), p["body"], p["ts"])

    p = req("POST", "/api/v4/spot/orders", t(), body='{"currency_pair":"BTC_USDT","side":"buy","amount":"1",'
            '"price":"100","type":"limit"}')
    case("method-case-lower", "Client signed the method as 'post'.", ["post", "method"], "method_case", p,
         client_prehash=sig_str(p, method="post"))
    p = req("GET", "/api/v4/spot/orders", t(), "currency_pair=BTC_USDT&status=open")
    case("path-mismatch-no-prefix", "Client signed '/spot/orders' without the /api/v4 prefix.", ["get", "path"],
         "path_mismatch", p, client_prehash=sig_str(p, path="/spot/orders"))
    p = req("GET", "/api/v4/wallet/total_balance", t())
    case("path-mismatch-with-host", "Client signed the full URL with scheme and host.", ["get", "path"],
         "path_mismatch", p, client_prehash=sig_str(p, path="https://api.gateio.ws/api/v4/wallet/total_balance"))
    p = req("POST", "/api/v4/futures/usdt/orders", t(), body='{"contract":"BTC_USDT","size":1,"price":"0",'
            '"tif":"ioc"}')
    case("missing-component-body-hash", "Body-hash line left out: METHOD\\npath\\nquery\\ntimestamp.",
         ["post", "json-body"], "missing_component", p,
         client_prehash=f"POST\n/api/v4/futures/usdt/orders\n\n{p['ts']}".encode())
    p = req("GET", "/api/v4/spot/accounts", t())
    case("missing-component-query-line", "GET without a query: the client omitted the empty query line instead "
         "of keeping it.", ["get", "no-query"], "missing_component", p,
         client_prehash=f"GET\n/api/v4/spot/accounts\n{hashlib.sha512(b'').hexdigest()}\n{p['ts']}".encode())
    body = {"currency_pair": "ETH_USDT", "type": "limit", "side": "sell", "amount": "0.5", "price": "2500"}
    p = req("POST", "/api/v4/spot/orders", t(), body=compact_json(body))
    case("body-encoding-spaced", "Client sent compact JSON but hashed json.dumps default spacing.",
         ["post", "json-body"], "body_encoding", p, client_prehash=sig_str(p, body=spaced_json(body)))
    p = req("GET", "/api/v4/wallet/withdrawals", t(), "currency=USDT&withdraw_order_id=payout%20may%2006")
    case("query-encoding-signed-encoded", "Client signed the query still percent-encoded ('%20') although the "
         "docs want it without URL encoding (' ').", ["get", "query", "encoding", "decoded-query"], "query_encoding",
         p, client_prehash=signature_string("GET", p["path"], p["query"], "", p["ts"]))
    p = req("GET", "/api/v4/spot/my_trades", t(), "currency_pair=BTC_USDT&limit=100&page=2&order_id=12345")
    case("unsorted-signed-sorted", "Client sent the query in insertion order but signed it sorted by key.",
         ["get", "query"], "unsorted_params", p,
         client_prehash=sig_str(p, query="&".join(sorted(p["query"].split("&")))))
    case("clock-drift-late", "Correct signature; server 62.5 s after the Timestamp (gap > 60 s).", ["get", "clock"],
         "clock_drift", req("GET", "/api/v4/spot/accounts", t()), delta_ms=WINDOW_MS + 2500)
    case("clock-drift-client-ahead", "Correct signature; client 63 s ahead of the server.", ["get", "clock"],
         "clock_drift", req("GET", "/api/v4/spot/accounts", t(), "currency=BTC"), delta_ms=-(WINDOW_MS + 3000))
    p = req("GET", "/api/v4/futures/usdt/positions", t())
    case("timestamp-mismatch-1s", "Timestamp header T but the client signed T-1 (clock read twice across a "
         "second boundary).", ["get", "timestamp"], "timestamp_mismatch", p,
         client_prehash=sig_str(p, ts=str(int(p["ts"]) - 1)))
    ts = t()
    p = req("GET", "/api/v4/spot/accounts", ts)
    case("timestamp-units-ms-signed", "Header in seconds, but the signed timestamp was milliseconds.",
         ["get", "timestamp"], "timestamp_units", p, client_prehash=sig_str(p, ts=str(ts)))
    case("secret-trailing-space", "HMAC key was the secret plus a trailing space.", ["get", "secret"],
         "secret_whitespace", req("GET", "/api/v4/spot/accounts", t()), client_key=secret + b" ")
    case("wrong-hash-sha256", "HMAC-SHA256 instead of HMAC-SHA512, hex.", ["get", "hash"], "wrong_hash",
         req("GET", "/api/v4/margin/accounts", t()), hash_name="sha256")
    case("wrong-output-base64", "Right HMAC bytes, base64 instead of hex.", ["get", "output"],
         "wrong_output_encoding", req("GET", "/api/v4/spot/accounts", t(), "currency=GT"), encoding="base64")
    # Gate issues 64-character lower-case hex secrets: valid base64 too.
    hex_secret = {"apiKey": CREDENTIALS["apiKey"], "secret": "5c7e57ee" * 8}
    case("secret-base64-decoded", "Hex secret base64-decoded by the client instead of used as UTF-8.",
         ["get", "secret"], "wrong_secret_encoding", req("GET", "/api/v4/spot/accounts", t()),
         client_key=base64.b64decode(hex_secret["secret"], validate=True), credentials=hex_secret)
    case("unexplained-other-secret", "Signed under another secret (TestNet key on live): no single mistake "
         "reproduces it.", ["get"], "unexplained", req("GET", "/api/v4/spot/accounts", t()),
         client_key=b"sc-test-gate-testnet-secret")
    return out


def futures_vectors():
    """The futures and delivery families (issue 14): /api/v4/futures/{settle}/... and
    /api/v4/delivery/{settle}/... on the same host, signed by the same rule (the docs' worked
    examples are futures calls). ccxt's gate signs them through its `futures`/`delivery` APIs
    and sends the parameters of POST .../positions/... and .../dual_... in the query, which
    these vectors do too."""
    out = []
    t = Clock(CLOCK_START + 7_200_000).tick
    secret = CREDENTIALS["secret"].encode()

    def ok(id, comment, tags, parts, delta_ms=300):
        out.append(RULE.valid(id, comment, ["futures-family"] + tags, parts, arrival(parts, delta_ms)))

    def bad(id, comment, tags, diagnosis, parts, delta_ms=300, client_key=None, **how):
        out.append(RULE.invalid(id, comment, ["futures-family"] + tags, parts, Mistake(diagnosis, key=client_key, **how),
                                arrival(parts, delta_ms)))

    def sig_str(parts, **changes):
        p = dict(parts, **changes)
        return signature_string(p["method"], p["path"], signed_query(p["query"]), p["body"], p["ts"])

    fut = "/api/v4/futures/usdt"
    dlv = "/api/v4/delivery/usdt"
    order = '{"contract":"BTC_USDT","size":1,"price":"65000","tif":"gtc","text":"t-sc-fut-1"}'
    ok("futures-get-accounts", "USDT-settled futures account, no query.", ["get", "no-query"],
       req("GET", fut + "/accounts", t()))
    ok("futures-get-accounts-btc-settle", "BTC-settled (inverse) futures account: the settle is a path segment.",
       ["get", "no-query"], req("GET", "/api/v4/futures/btc/accounts", t()))
    ok("futures-get-positions-holding", "Positions still held.", ["get", "query"],
       req("GET", fut + "/positions", t(), "holding=true"))
    ok("futures-get-position-contract", "One position by contract (path parameter).", ["get"],
       req("GET", fut + "/positions/BTC_USDT", t()))
    ok("futures-get-orders-sorted", "Order list, parameters sent in sorted order (what ccxt sends).", ["get", "query"],
       req("GET", fut + "/orders", t(), "contract=ETH_USDT&limit=100&status=open"))
    ok("futures-get-orders-unsorted", "Order list, parameters in the client's order: signed as sent, not re-sorted.",
       ["get", "query", "order"], req("GET", fut + "/orders", t(), "status=finished&contract=BTC_USDT&limit=20"))
    ok("futures-get-order-by-id", "One order by id.", ["get"], req("GET", fut + "/orders/58828412", t()))
    ok("futures-get-my-trades", "Own trades of a contract.", ["get", "query"],
       req("GET", fut + "/my_trades", t(), "contract=BTC_USDT&limit=100&offset=0"))
    ok("futures-get-account-book-range", "Account book filtered by type and time range.", ["get", "query"],
       req("GET", fut + "/account_book", t(), "type=pnl&from=1700000000&to=1700086400"))
    ok("futures-get-fee", "Fee rates of one contract.", ["get", "query"], req("GET", fut + "/fee", t(), "contract=BTC_USDT"))
    ok("futures-get-orders-text-space", "A text filter with a space sent as %20, signed decoded (' ').",
       ["get", "query", "encoding", "space", "decoded-query"],
       req("GET", fut + "/orders", t(), "contract=BTC_USDT&status=finished&text=t-sc%20bot"))
    ok("futures-post-order", "Create a futures order: compact JSON body, empty query line.", ["post", "json-body"],
       req("POST", fut + "/orders", t(), body=order))
    ok("futures-post-order-reduce-only", "Close-only order: booleans and a negative size in the body.",
       ["post", "json-body"],
       req("POST", fut + "/orders", t(), body='{"contract":"ETH_USDT","size":-3,"price":"0","tif":"ioc",'
           '"reduce_only":true,"text":"t-sc-fut-2"}'))
    ok("futures-post-batch-orders", "Batch orders: the body is a JSON array.", ["post", "json-body", "nested"],
       req("POST", fut + "/batch_orders", t(), body="[" + order + ',{"contract":"BTC_USDT","size":2,"price":"64000",'
           '"tif":"poc","text":"t-sc-fut-3"}]'))
    ok("futures-post-price-order-nested", "Price-triggered order: nested objects in the body.",
       ["post", "json-body", "nested"],
       req("POST", fut + "/price_orders", t(), body='{"initial":{"contract":"BTC_USDT","size":0,"price":"0","tif":"ioc",'
           '"close":true},"trigger":{"strategy_type":0,"price_type":0,"price":"70000","rule":1,"expiration":86400}}'))
    ok("futures-post-leverage-query", "POST with its parameters in the query and no body (ccxt sends "
       "positions/... this way): the query line carries them, the body hash is the empty string's.",
       ["post", "query", "no-body"], req("POST", fut + "/positions/BTC_USDT/leverage", t(), "leverage=10&cross_leverage_limit=0"))
    ok("futures-post-margin-query", "Change position margin: a decimal in the query of a POST.", ["post", "query", "no-body"],
       req("POST", fut + "/positions/ETH_USDT/margin", t(), "change=0.01"))
    ok("futures-post-dual-mode-query", "Switch dual (hedge) mode: a boolean in the query of a POST.", ["post", "query", "no-body"],
       req("POST", fut + "/dual_mode", t(), "dual_mode=true"))
    ok("futures-put-amend-order", "Amend an order: PUT with a JSON body.", ["put", "json-body"],
       req("PUT", fut + "/orders/58828412", t(), body='{"size":2,"price":"64800"}'))
    ok("futures-post-countdown-cancel-all", "Dead man's switch: countdown in the body.", ["post", "json-body"],
       req("POST", fut + "/countdown_cancel_all", t(), body='{"timeout":30,"contract":"BTC_USDT"}'))
    ok("futures-delete-orders-by-contract", "Cancel every open order of a contract and side.", ["delete", "query"],
       req("DELETE", fut + "/orders", t(), "contract=BTC_USDT&side=bid"))
    ok("futures-delete-order-by-id", "Cancel one order.", ["delete"], req("DELETE", fut + "/orders/58828413", t()))
    ok("futures-fractional-timestamp", "Timestamp with a fraction, as the official SDK sends str(time.time()).",
       ["get", "query", "timestamp"], req("GET", fut + "/positions", f"{t() / 1000:.3f}", "holding=false"))
    ok("delivery-get-accounts", "Delivery (dated futures) account.", ["get", "no-query", "delivery"],
       req("GET", dlv + "/accounts", t()))
    ok("delivery-get-positions", "Delivery positions.", ["get", "no-query", "delivery"], req("GET", dlv + "/positions", t()))
    ok("delivery-get-orders", "Delivery orders of a dated contract.", ["get", "query", "delivery"],
       req("GET", dlv + "/orders", t(), "contract=BTC_USDT_20260327&status=finished&limit=50"))
    ok("delivery-post-order", "Create a delivery order.", ["post", "json-body", "delivery"],
       req("POST", dlv + "/orders", t(), body='{"contract":"BTC_USDT_20260327","size":1,"price":"66000","tif":"gtc",'
           '"text":"t-sc-dlv-1"}'))
    ok("delivery-post-leverage-query", "Delivery leverage: parameters in the query of a POST.",
       ["post", "query", "no-body", "delivery"],
       req("POST", dlv + "/positions/BTC_USDT_20260327/leverage", t(), "leverage=5"))
    ok("delivery-get-settlements", "Settlement records of a dated contract.", ["get", "query", "delivery"],
       req("GET", dlv + "/settlements", t(), "contract=BTC_USDT_20260327&limit=10"))
    ok("delivery-delete-order", "Cancel a delivery order.", ["delete", "delivery"],
       req("DELETE", dlv + "/orders/77001234", t()))

    p = req("GET", fut + "/orders", t(), "contract=BTC_USDT&status=open")
    bad("futures-path-mismatch-no-prefix", "Signed '/futures/usdt/orders' without the /api/v4 prefix.", ["get", "path"],
        "path_mismatch", p, client_prehash=sig_str(p, path="/futures/usdt/orders"))
    p = req("POST", fut + "/positions/BTC_USDT/leverage", t(), "leverage=20")
    bad("futures-query-omitted-on-post", "POST with its parameters in the query, signed with an empty query line "
        "(a client that signs the query only for GET).", ["post", "query", "no-body"], "missing_component", p,
        client_prehash=sig_str(p, query=""))
    p = req("POST", fut + "/orders", t(), body=order.replace("t-sc-fut-1", "t-sc-fut-9"))
    bad("futures-body-encoding-spaced", "Sent compact JSON, hashed json.dumps() spacing.", ["post", "json-body"],
        "body_encoding", p, client_prehash=sig_str(p, body=spaced_json(json.loads(p["body"]))))
    p = req("GET", fut + "/my_trades", t(), "limit=100&contract=BTC_USDT")
    bad("futures-unsorted-signed-sorted", "Sent the query unsorted, signed it sorted by key.", ["get", "query"],
        "unsorted_params", p, client_prehash=sig_str(p, query="&".join(sorted(p["query"].split("&")))))
    bad("delivery-clock-drift-late", "Correct signature; server 65 s after the Timestamp (gap > 60 s).",
        ["get", "clock", "delivery"], "clock_drift", req("GET", dlv + "/accounts", t()), delta_ms=WINDOW_MS + 5000)
    bad("futures-wrong-hash-sha256", "HMAC-SHA256 instead of HMAC-SHA512.", ["get", "hash"], "wrong_hash",
        req("GET", fut + "/accounts", t()), hash_name="sha256")
    bad("futures-secret-trailing-newline", "HMAC key was the secret plus '\\n'.", ["get", "secret"],
        "secret_whitespace", req("GET", fut + "/positions", t()), client_key=secret + b"\n")
    return out


def main():
    defaults = {"credentials": CREDENTIALS}
    RULE.write_all([
        ("docs", "Gate APIv4 worked examples from the official docs (key 'key', secret 'secret'); both reproduce.",
         [DOCS], {"credentials": DOCS_CREDENTIALS}, docs_vectors(), 0, 0),
        ("requests", "Valid signed Gate APIv4 requests: GET/POST/PUT/PATCH/DELETE, JSON bodies, decoded query "
         "strings, integer and fractional Timestamp.", [DOCS, DOCS_REQ, SDK], defaults, request_vectors(), 25, 0),
        ("mistakes", "Gate APIv4 requests as buggy clients sent them, one mistake each.", [DOCS, DOCS_REQ, SDK],
         defaults, mistake_vectors(), 0, 6),
        ("futures", "Gate APIv4 futures (/api/v4/futures/{settle}) and delivery (/api/v4/delivery/{settle}) requests: "
         "the same rule on the same host; valid requests and one-mistake requests; cross-checked with ccxt's gate "
         "(docs/clients.md).", [DOCS, DOCS_REQ, SDK, CCXT_GATE], defaults, futures_vectors(), 20, 6),
    ])


if __name__ == "__main__":
    main()
