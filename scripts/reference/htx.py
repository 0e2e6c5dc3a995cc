#!/usr/bin/env python3
"""Reference vectors for HTX (Huobi) Signature Version 2 REST calls.

Rule, from the docs (https://huobiapi.github.io/docs/spot/v1/en/#authentication;
the same text in the futures docs for api.hbdm.com) and the docs' FAQ
("Why the signature authentication always fail?"):

    prehash   = METHOD + "\n" + host (lower case) + "\n" + path + "\n" + params
    signature = base64( HMAC-SHA256( secret as UTF-8, prehash ) )

* params: every query parameter except Signature - the four auth parameters
  AccessKeyId, SignatureMethod=HmacSHA256, SignatureVersion=2,
  Timestamp=YYYY-MM-DDThh:mm:ss (UTC, no fraction, no "Z") plus, for GET,
  the call's own parameters - sorted by name in ASCII order, each written
  name=value with the value percent-encoded as UTF-8 with UPPER-case hex
  ("':' is encoded as '%3A', space as '%20'", docs/FAQ), joined with "&".
  RFC 3986 unreserved characters (A-Z a-z 0-9 - _ . ~) stay as they are,
  which is what the official Python SDK's urllib.parse.quote(value, safe='')
  does (HuobiRDCenter/huobi_Python huobi/utils/api_signature.py).
* The server rebuilds that text from the parameters it received, so what is
  signed is the canonical form, not the wire bytes: a client may send the
  parameters in any order and with "+" for a space (the Python SDK sends
  urllib.parse.urlencode output, i.e. "+"), and the canonical text is the
  same. This script therefore decodes each vector's wire query as
  application/x-www-form-urlencoded ("+" = space) and re-encodes it.
* Values with "~" or "*" are avoided: the official Java SDK
  (URLEncoder + "+" -> "%20") writes "~" as %7E and leaves "*" bare, the
  Python SDK does the reverse, so the docs leave them ambiguous.
* The signature is sent URL-encoded as the last query parameter Signature=.
  POST: only the auth parameters are in the query; the JSON body is NOT
  signed (docs; FAQ "The request body in POST should NOT included").
* Window: the docs' 5 minutes (the FAQ says 1 minute; every valid vector
  arrives 300 ms after its Timestamp, every clock_drift vector more than
  5 minutes off, so both readings agree on the verdicts).

Run:  python3 scripts/reference/htx.py
It rewrites vectors/htx/{docs,requests,mistakes}.json deterministically.
"""
from __future__ import annotations

import urllib.parse

from engine import Mistake, Venue, compact_json, quote, server_time, utc_ms, utc_text, vector

VENUE = "htx"
GENERATOR = "scripts/reference/htx.py"
DOCS_URL = "https://huobiapi.github.io/docs/spot/v1/en/#authentication"
SOURCES = [
    DOCS_URL,
    "https://huobiapi.github.io/docs/usdt_swap/v1/en/#signature-authentication",
    "https://github.com/HuobiRDCenter/huobi_Python/blob/master/huobi/utils/api_signature.py",
]
API_KEY = "sc-test-htx-access-key-0001"
SECRET = "sc-test-htx-secret-key-0001"
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte
WINDOW_MS = 5 * 60 * 1000
SPOT, AWS, FUTURES = "api.huobi.pro", "api-aws.huobi.pro", "api.hbdm.com"


def canonical_params(query: str) -> str:
    """The docs' params line, rebuilt from a wire query the way the server reads it."""
    pairs = []
    for part in query.split("&"):
        if not part:
            continue
        name, _, value = part.partition("=")
        name, value = urllib.parse.unquote_plus(name), urllib.parse.unquote_plus(value)
        if name != "Signature":
            pairs.append((name, value))
    pairs.sort(key=lambda pair: pair[0].encode("utf-8"))
    return "&".join(f"{quote(name)}={quote(value)}" for name, value in pairs)


def prehash(method: str, host: str, path: str, query: str) -> str:
    return "\n".join([method.upper(), host.lower(), path, canonical_params(query)])


def auth_params(timestamp: str, api_key: str = API_KEY) -> list:
    return [("AccessKeyId", api_key), ("SignatureMethod", "HmacSHA256"), ("SignatureVersion", "2"),
            ("Timestamp", timestamp)]


ENCODERS = {
    "rfc3986": lambda value: quote(value),                       # %20 for space, upper-case hex
    "form": lambda value: quote(value, plus_for_space=True),     # Python urlencode: "+" for space
    "lower-hex": lambda value: quote(value, upper=False),        # a client that writes %3a
    "raw-colon": lambda value: urllib.parse.quote(value, safe=":"),  # Timestamp's ':' left bare
}


def wire_query(pairs: list, encoding: str = "rfc3986") -> str:
    encode = ENCODERS[encoding]
    return "&".join(f"{name}={encode(value)}" for name, value in pairs)


def with_signature(query: str, signature: str) -> str:
    """The signature goes last, percent-encoded ('+', '/', '=' of base64)."""
    return f"{query}&Signature={quote(signature)}"


def wire(method: str, host: str, path: str, query: str, body: str, signature: str) -> dict:
    headers = {"Content-Type": "application/json"} if method == "POST" else {}
    return {"method": method, "host": host, "path": path, "query": with_signature(query, signature),
            "headers": headers, "body": body}


def arrival(timestamp: str) -> int:
    return utc_ms(timestamp) + 300


class Htx(Venue):
    """parts: method, host, path, query as sent (without Signature), body, timestamp.
    HTX carries every auth value in the query: no expect.headers."""

    name = VENUE
    generator = GENERATOR
    encoding = "base64"

    def prehash(self, parts, creds):
        return prehash(parts["method"], parts["host"], parts["path"], parts["query"])

    def wire(self, parts, creds, signature):
        return wire(parts["method"], parts["host"], parts["path"], parts["query"], parts["body"], signature)

    def read_wire(self, request, creds):
        # The server rebuilds the params line from the decoded query (Signature left out).
        params = dict(p.split("=", 1) for p in request["query"].split("&"))
        signature = urllib.parse.unquote_plus(params["Signature"]) if "Signature" in params else None
        return prehash(request["method"], request["host"], request["path"], request["query"]), signature

    def arrival(self, parts):
        return arrival(parts["timestamp"])


RULE = Htx({"apiKey": API_KEY, "secret": SECRET})


def send_order(user: list, auth: list, order: str) -> list:
    if order == "auth-first":
        return auth + user
    if order == "sorted":
        return sorted(auth + user, key=lambda pair: pair[0])
    return user + auth  # the Python SDK's order: call parameters, then the auth ones


# ---------------------------------------------------------------------------- docs


def docs_vectors() -> list:
    """doc-examples.json id htx-v2-doc-masked: checkable as a pre-signed text only."""
    query = ("AccessKeyId=e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx&SignatureMethod=HmacSHA256&SignatureVersion=2"
             "&Timestamp=2017-05-11T15%3A19%3A30&order-id=1234567890")
    published = ("GET\napi.huobi.pro\n/v1/order/orders\nAccessKeyId=e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx&SignatureMethod="
                 "HmacSHA256&SignatureVersion=2&Timestamp=2017-05-11T15%3A19%3A30&order-id=1234567890")
    if prehash("GET", SPOT, "/v1/order/orders", query) != published:
        raise SystemExit("htx: the docs' pre-signed text is no longer rebuilt")
    comment = ("Docs example (doc-examples.json id htx-v2-doc-masked), PREHASH ONLY. The docs publish the pre-signed "
               "text but mask the key and secret ('e2xxxxxx-…', 'b0xxxxxx-…') and show the signature "
               "'4F65x5A2bLyMWVQj3Aqp+B4w+ivaA7n5Oi2SuYtCJ9o=', reused verbatim in the futures (POST) and Ed25519 "
               "sections, so it is a placeholder that no secret reproduces. The request is therefore given as the "
               "docs' URL WITHOUT its Signature parameter, and expect holds only the docs' pre-signed text: it pins "
               "sorting (AccessKeyId … Timestamp before order-id), the upper-case %3A and the four-line layout. "
               "No expect.signature: a harness must compare the prehash and skip signature checks for this vector.")
    request = {"method": "GET", "host": SPOT, "path": "/v1/order/orders", "query": query, "headers": {}, "body": ""}
    expect = {"prehash": published}
    return [vector("order-orders-docs-masked", comment, ["doc-example", "prehash-only", "get", "query"], request,
                   expect, time=server_time(arrival("2017-05-11T15:19:30")),
                   credentials={"apiKey": "e2xxxxxx-99xxxxxx-84xxxxxx-7xxxx", "secret": "b0xxxxxx-c6xxxxxx-94xxxxxx-dxxxx"})]


# ---------------------------------------------------------------------------- valid

PLACE = {"account-id": "100009", "amount": "10.1", "price": "100.1", "source": "api", "symbol": "ethusdt",
         "type": "buy-limit", "client-order-id": "sc-test-0001"}

# (id, comment, tags, method, host, path, call params, send order, wire encoding, body)
VALID = [
    ("accounts", "GET without call parameters: only the four auth parameters are signed.", ["get"],
     "GET", SPOT, "/v1/account/accounts", [], "auth-first", "rfc3986", ""),
    ("order-by-id", "The docs' endpoint with order-id; lower-case 'order-id' sorts after the capitalised auth names.",
     ["get", "query", "sorting"], "GET", SPOT, "/v1/order/orders", [("order-id", "1234567890")], "user-first", "rfc3986", ""),
    ("open-orders-unsorted", "Sent in the client's own order; the signed text is sorted.", ["get", "query", "sorting"],
     "GET", SPOT, "/v1/order/openOrders", [("symbol", "btcusdt"), ("account-id", "100009"), ("size", "10"), ("side", "buy")],
     "user-first", "rfc3986", ""),
    ("open-orders-presorted", "Parameters already sent in sorted order.", ["get", "query", "sorting"],
     "GET", SPOT, "/v1/order/openOrders", [("account-id", "100009"), ("side", "sell"), ("size", "5"), ("symbol", "ethusdt")],
     "sorted", "rfc3986", ""),
    ("history-hyphen-names", "Names with '-': start-time, end-time, direct, size.", ["get", "query", "sorting"],
     "GET", SPOT, "/v1/order/history",
     [("symbol", "btcusdt"), ("start-time", "1699990000000"), ("end-time", "1700000000000"), ("direct", "next"), ("size", "100")],
     "auth-first", "rfc3986", ""),
    ("balance-path-param", "Account id inside the path.", ["get", "path-param"], "GET", SPOT,
     "/v1/account/accounts/100009/balance", [], "auth-first", "rfc3986", ""),
    ("client-order-special", "clientOrderId with space, '/', '+', '@', ',': signed as %20 %2F %2B %40 %2C.",
     ["get", "query", "encoding", "space"], "GET", SPOT, "/v1/order/orders/getClientOrder",
     [("clientOrderId", "sc test/01+a@b,c")], "user-first", "rfc3986", ""),
    ("client-order-space-as-plus", "Same value sent the Python SDK's way ('+' for space, urlencode): the canonical text still has %20.",
     ["get", "query", "encoding", "space", "wire-plus"], "GET", SPOT, "/v1/order/orders/getClientOrder",
     [("clientOrderId", "sc test/01+a@b,c")], "user-first", "form", ""),
    ("client-order-non-ascii", "Non-ASCII value: UTF-8 bytes, upper-case hex (é -> %C3%A9, € -> %E2%82%AC).",
     ["get", "query", "encoding", "non-ascii"], "GET", SPOT, "/v1/order/orders/getClientOrder",
     [("clientOrderId", "café€1")], "auth-first", "rfc3986", ""),
    ("client-order-amp-equals", "'&' and '=' inside a value are percent-encoded on the wire and in the signed text.",
     ["get", "query", "encoding"], "GET", SPOT, "/v1/order/orders/getClientOrder",
     [("clientOrderId", "a&b=c")], "user-first", "rfc3986", ""),
    ("matchresults-empty-value", "An empty value is signed as 'types=' (the Python SDK signs what it sends; the Java SDK would drop it before sending).",
     ["get", "query", "empty-value"], "GET", SPOT, "/v1/order/matchresults",
     [("symbol", "btcusdt"), ("types", "")], "user-first", "rfc3986", ""),
    ("timestamp-colon-raw-on-wire", "Timestamp sent with bare ':'; the server decodes it and the signed text has %3A.",
     ["get", "query", "encoding", "timestamp"], "GET", SPOT, "/v1/order/openOrders",
     [("account-id", "100009"), ("symbol", "btcusdt")], "auth-first", "raw-colon", ""),
    ("lower-hex-on-wire", "Client sent %3a (lower-case hex) but signed the canonical %3A: valid, the server re-encodes what it decodes.",
     ["get", "query", "encoding", "hex-case"], "GET", SPOT, "/v1/order/openOrders",
     [("symbol", "ethusdt"), ("account-id", "100009")], "user-first", "lower-hex", ""),
    ("ledger-v2", "A v2 endpoint with five call parameters.", ["get", "query", "v2"], "GET", SPOT, "/v2/account/ledger",
     [("accountId", "100009"), ("currency", "usdt"), ("transactTypes", "transfer"), ("sort", "asc"), ("limit", "100")],
     "user-first", "rfc3986", ""),
    ("fee-rate-comma-list", "Comma-separated list: ',' signed as %2C.", ["get", "query", "encoding", "comma"],
     "GET", SPOT, "/v2/reference/transact-fee-rate", [("symbols", "btcusdt,ethusdt,htusdt")], "user-first", "rfc3986", ""),
    ("deposit-withdraw-query", "Mixed-case and hyphenated names together.", ["get", "query", "sorting"],
     "GET", SPOT, "/v1/query/deposit-withdraw",
     [("currency", "usdt"), ("type", "deposit"), ("from", "5"), ("size", "20"), ("direct", "prev")],
     "auth-first", "rfc3986", ""),
    ("aws-host", "The AWS-optimised host is signed as sent (lower case).", ["get", "host"], "GET", AWS,
     "/v1/account/accounts", [], "auth-first", "rfc3986", ""),
    ("email-like-value", "'@' and '.' in a value (sub-user name style).", ["get", "query", "encoding"], "GET", SPOT,
     "/v2/sub-user/user-list", [("fromId", "0"), ("note", "ops@sc-test.example")], "user-first", "rfc3986", ""),
    ("place-order-post", "POST: auth parameters in the query, JSON body not signed.", ["post", "json-body"],
     "POST", SPOT, "/v1/order/orders/place", [], "auth-first", "rfc3986", compact_json(PLACE)),
    ("batch-orders-post", "POST with a JSON array body (not signed).", ["post", "json-body", "array"],
     "POST", SPOT, "/v1/order/batch-orders", [], "auth-first", "rfc3986",
     compact_json([PLACE, dict(PLACE, **{"client-order-id": "sc-test-0002", "price": "100.2"})])),
    ("submit-cancel-empty-body", "POST with an order id in the path and an empty body.", ["post", "empty-body", "path-param"],
     "POST", SPOT, "/v1/order/orders/1234567890/submitcancel", [], "auth-first", "rfc3986", ""),
    ("post-body-types-not-signed", "Body with 0.1, 1e-8, true, null and non-ASCII: none of it is in the prehash.",
     ["post", "json-body", "float", "boolean", "null", "non-ascii"], "POST", SPOT, "/v2/algo-orders", [], "auth-first", "rfc3986",
     '{"accountId":100009,"symbol":"btcusdt","orderPrice":0.1,"orderSize":1e-8,"stopPrice":null,"trailingRate":0.001,"timeInForce":"gtc","clientOrderId":"sc-€-1","orderSide":"buy","orderType":"limit","rebate":true}'),
    ("futures-contract-order", "Futures host api.hbdm.com, path with the /api prefix.", ["post", "json-body", "futures"],
     "POST", FUTURES, "/api/v1/contract_order", [], "auth-first", "rfc3986",
     compact_json({"symbol": "BTC", "contract_type": "quarter", "price": 36500.5, "volume": 1, "direction": "buy",
                   "offset": "open", "lever_rate": 5, "order_price_type": "limit"})),
    ("linear-swap-account", "USDT-margined swap endpoint; nested-free body.", ["post", "json-body", "futures"],
     "POST", FUTURES, "/linear-swap-api/v1/swap_cross_account_info", [], "sorted", "rfc3986",
     compact_json({"margin_account": "USDT"})),
    ("swap-nested-body", "Nested body object on a swap endpoint (not signed).", ["post", "json-body", "nested", "futures"],
     "POST", FUTURES, "/linear-swap-api/v1/swap_cross_tpsl_order", [], "user-first", "rfc3986",
     compact_json({"contract_code": "BTC-USDT", "direction": "sell", "volume": 1,
                   "tp": {"trigger_price": 40000, "order_price": 39990, "order_price_type": "limit"},
                   "sl": {"trigger_price": 33000, "order_price_type": "optimal_5"}})),
    ("futures-transfer-post", "POST transfer between spot and futures; only the auth query is signed.", ["post", "json-body"],
     "POST", SPOT, "/v1/futures/transfer", [], "user-first", "rfc3986",
     compact_json({"currency": "btc", "amount": "0.001", "type": "pro-to-futures"})),
    ("get-many-params", "Seven call parameters in reverse order on the wire.", ["get", "query", "sorting"],
     "GET", SPOT, "/v1/order/matchresults",
     [("size", "50"), ("from", "0"), ("end-time", "1700000000000"), ("start-time", "1699900000000"),
      ("types", "buy-limit,sell-limit"), ("symbol", "btcusdt"), ("direct", "next")], "user-first", "rfc3986", ""),
]


def valid_vectors() -> list:
    vectors = []
    for index, (vid, comment, tags, method, host, path, user, order, encoding, body) in enumerate(VALID):
        timestamp = utc_text(CLOCK_START + index * 61_000)
        query = wire_query(send_order(user, auth_params(timestamp), order), encoding)
        vectors.append(RULE.valid(vid, comment, tags, dict(method=method, host=host, path=path, query=query, body=body,
                                                           timestamp=timestamp)))
    return vectors


# ---------------------------------------------------------------------------- mistakes


def mistake_vectors() -> list:
    vectors = []

    def add(vid, tags, method, host, path, query, body, case, arrival_ms=None):
        comment, mistake = case
        timestamp = urllib.parse.unquote_plus(dict(p.split("=", 1) for p in query.split("&"))["Timestamp"])
        parts = dict(method=method, host=host, path=path, query=query, body=body, timestamp=timestamp)
        vectors.append(RULE.invalid(vid, comment, [method.lower()] + tags, parts, mistake, arrival_ms))

    def text(method, host, path, params_line):
        return "\n".join([method, host, path, params_line])

    t = CLOCK_START + 3_600_000
    ts = utc_text(t)
    user = [("symbol", "btcusdt"), ("account-id", "100009"), ("size", "10"), ("side", "buy")]
    sent = send_order(user, auth_params(ts), "user-first")
    q = wire_query(sent)
    add("params-signed-unsorted", ["query", "sorting"], "GET", SPOT, "/v1/order/openOrders", q, "",
        ("Signed the parameters in the order it sent them (call parameters first, auth last) instead of sorted.", Mistake("unsorted_params",
                client_prehash=text("GET", SPOT, "/v1/order/openOrders", wire_query(sent)))))

    ts = utc_text(t + 61_000)
    sent = send_order(user, auth_params(ts), "auth-first")
    q = wire_query(sent)
    add("params-signed-case-insensitive-order", ["query", "sorting"], "GET", SPOT, "/v1/order/openOrders", q, "",
        ("Sorted the names case-insensitively (localeCompare style), so 'account-id', 'side' and "
                "'size' land among the capitalised auth names: not ASCII order.", Mistake("unsorted_params",
                client_prehash=text("GET", SPOT, "/v1/order/openOrders",
                     wire_query(sorted(sent, key=lambda pair: pair[0].lower()))))))

    ts = utc_text(t + 122_000)
    sent = send_order([("clientOrderId", "sc test@b,c")], auth_params(ts), "user-first")
    q = wire_query(sent)
    add("signed-lower-hex", ["query", "encoding", "hex-case"], "GET", SPOT, "/v1/order/orders/getClientOrder", q, "",
        ("Sent upper-case escapes but signed lower-case hex (%3a, %40, %2c): HTX requires upper case.", Mistake("query_encoding",
                client_prehash=text("GET", SPOT, "/v1/order/orders/getClientOrder",
                     "&".join(f"{k}={quote(v, upper=False)}" for k, v in sorted(sent))))))

    ts = utc_text(t + 183_000)
    sent = send_order([("clientOrderId", "sc test order")], auth_params(ts), "user-first")
    q = wire_query(sent)
    add("signed-plus-for-space", ["query", "encoding", "space"], "GET", SPOT, "/v1/order/orders/getClientOrder", q, "",
        ("Signed urlencode() output ('+' for space) instead of %20.", Mistake("query_encoding",
                client_prehash=text("GET", SPOT, "/v1/order/orders/getClientOrder", urllib.parse.urlencode(sorted(sent))))))

    ts = utc_text(t + 244_000)
    sent = send_order([("note", "ops@sc-test.example"), ("fromId", "0")], auth_params(ts), "user-first")
    q = wire_query(sent)
    add("signed-decoded-values", ["query", "encoding"], "GET", SPOT, "/v2/sub-user/user-list", q, "",
        ("Sent %40 and %3A but signed the decoded characters ('@', ':').", Mistake("query_encoding",
                client_prehash=text("GET", SPOT, "/v2/sub-user/user-list", "&".join(f"{k}={v}" for k, v in sorted(sent))))))

    ts = utc_text(t + 305_000)
    q = wire_query(auth_params(ts))
    add("timestamp-too-old", ["clock"], "GET", SPOT, "/v1/account/accounts", q, "",
        ("Correct signature, but it arrived 5 min 2.5 s after its Timestamp: outside the 5-minute window.", Mistake("clock_drift",
                client_prehash=prehash("GET", SPOT, "/v1/account/accounts", q))),
        arrival_ms=utc_ms(ts) + WINDOW_MS + 2_500)

    ts = utc_text(t + 366_000)
    q = wire_query(auth_params(ts))
    add("timestamp-local-clock-ahead", ["clock"], "GET", SPOT, "/v1/account/accounts", q, "",
        ("Correct signature, but the client clock is 5 min 3 s ahead of the server's.", Mistake("clock_drift",
                client_prehash=prehash("GET", SPOT, "/v1/account/accounts", q))),
        arrival_ms=utc_ms(ts) - WINDOW_MS - 3_000)

    ts = utc_text(t + 427_000)
    q = wire_query(auth_params(ts) + [("symbol", "btcusdt")])
    signed = wire_query(sorted(auth_params(utc_text(t + 426_000)) + [("symbol", "btcusdt")]))
    add("timestamp-signed-1s-earlier", ["timestamp"], "GET", SPOT, "/v1/order/openOrders", q, "",
        ("Formatted the time twice: Timestamp on the wire is T, the signed one T - 1 s.", Mistake("timestamp_mismatch",
                client_prehash=text("GET", SPOT, "/v1/order/openOrders", signed))))

    ts = utc_text(t + 488_000)
    q = wire_query(auth_params(ts))
    signed = wire_query(auth_params(utc_text(t + 488_000 - 3 * 3_600_000)))
    add("timestamp-signed-local-time", ["timestamp", "timezone"], "GET", SPOT, "/v1/account/accounts", q, "",
        ("Sent the UTC Timestamp but signed local time (UTC-3) formatted the same way: T - 3 h.", Mistake("timestamp_mismatch",
                client_prehash=text("GET", SPOT, "/v1/account/accounts", signed))))

    def simple(vid, tags, offset, make, path="/v1/account/accounts", extra=()):
        """A plain signed GET whose only fault is how the client turned the right prehash into a signature."""
        query = wire_query(auth_params(utc_text(t + offset)) + list(extra))
        add(vid, tags, "GET", SPOT, path, query, "", make(prehash("GET", SPOT, path, query)))

    simple("secret-trailing-space", ["secret"], 549_000,
           lambda pre: ("Secret copied with a trailing space: key bytes = secret + \" \".", Mistake("secret_whitespace",
                               client_prehash=pre, key=(SECRET + " ").encode())))
    simple("hmac-sha512", ["hash"], 610_000,
           lambda pre: ("HMAC-SHA512 instead of HMAC-SHA256 (SignatureMethod says HmacSHA256), base64.", Mistake("wrong_hash",
                               client_prehash=pre, hash_name="sha512")))
    simple("signature-hex", ["encoding"], 671_000,
           lambda pre: ("HMAC-SHA256 sent as lower-case hex instead of base64.", Mistake("wrong_output_encoding",
                               client_prehash=pre, encoding="hex")))
    simple("signature-base64url", ["encoding"], 732_000,
           lambda pre: ("base64url alphabet ('-', '_') instead of standard base64.", Mistake("wrong_output_encoding",
                               client_prehash=pre, encoding="base64url")),
           path="/v1/order/openOrders", extra=[("symbol", "ethusdt")])
    simple("method-lower-case", ["method"], 793_000,
           lambda pre: ("Signed \"get\" instead of \"GET\" on the first line.", Mistake("method_case", client_prehash="get" + pre[3:])))

    ts = utc_text(t + 854_000)
    q = wire_query(auth_params(ts))
    body = compact_json({"symbol": "BTC", "contract_type": "quarter", "volume": 1, "direction": "buy", "offset": "open",
                         "lever_rate": 5, "order_price_type": "optimal_5"})
    add("futures-path-without-api-prefix", ["path", "futures"], "POST", FUTURES, "/api/v1/contract_order", q, body,
        ("Base URL https://api.hbdm.com/api, so it signed \"/v1/contract_order\" without the \"/api\" prefix.", Mistake("path_mismatch",
                client_prehash=text("POST", FUTURES, "/v1/contract_order", canonical_params(q)))))

    ts = utc_text(t + 915_000)
    q = wire_query(auth_params(ts) + [("symbol", "btcusdt")])
    add("host-line-missing", ["host", "component"], "GET", SPOT, "/v1/order/openOrders", q, "",
        ("Left the host line out: signed METHOD\\npath\\nparams (three lines).", Mistake("missing_component",
                client_prehash="\n".join(["GET", "/v1/order/openOrders", canonical_params(q)]))))

    simple("signed-with-other-secret", ["secret"], 976_000,
           lambda pre: ("Signed with another key's secret: no single known mistake reproduces the signature.", Mistake("unexplained",
                               client_prehash=pre, key=b"sc-test-htx-secret-key-9999")))
    return vectors


def main() -> None:
    RULE.write("docs", "The HTX docs' Signature V2 example: key and secret are masked, so only its pre-signed text is checked",
               [DOCS_URL], docs_vectors())
    RULE.write("requests", "Valid HTX Signature V2 requests (synthetic, generated from the documented rule)",
               SOURCES, valid_vectors(), RULE.defaults())
    RULE.write("mistakes", "HTX requests as buggy clients sent them, each with the one mistake that explains its signature",
               SOURCES, mistake_vectors(), RULE.defaults())


if __name__ == "__main__":
    main()
