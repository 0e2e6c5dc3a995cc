#!/usr/bin/env python3
"""Reference vectors for Bitget REST API (HMAC keys).

Rule, from the docs' Signature page (https://www.bitget.com/api-doc/common/signature)
and the official SDK BitgetLimited/v3-bitget-api-sdk (bitget-python-sdk-api/bitget/utils.py,
client.py):

    prehash   = timestamp + METHOD + requestPath + ("?" + queryString if any) + body
    signature = base64( HMAC-SHA256( secret as UTF-8, prehash ) )

* timestamp: the ACCESS-TIMESTAMP header, milliseconds since the epoch.
* METHOD upper case; requestPath e.g. /api/v2/spot/trade/place-order.
* queryString: "the request parameter after the ?" - "Need to be sorted in
  ascending alphabetical order by key" (docs). Bitget verifies the query
  PERCENT-DECODED (form decoding, parameter order as sent): ccxt issue #28888
  (40009 while ccxt signed the encoded query) and its fix PR #28890 (ccxt signs
  rawencode(params) and sends urlencode(params)); the official SDK's commit
  d4ef5cb "sign decode" in BitgetLimited/v3-bitget-api-sdk (a $AIUSDT test);
  JKorf/Bitget.Net#48 (%24 rejected). Every valid vector SENDS its parameters
  sorted, so verdicts do not depend on whether the server re-sorts. Vectors
  tagged "decoded-query" are those where the decoded form differs from the
  bytes sent.
* body: the request body string as sent; omitted for a GET. The official
  Python SDK sends and signs json.dumps(params) (spaced), other clients
  compact JSON: both valid when sent and signed alike.
* Headers: ACCESS-KEY, ACCESS-SIGN, ACCESS-TIMESTAMP, ACCESS-PASSPHRASE (the
  passphrase in plain text, not signed), Content-Type application/json,
  locale en-US.
* Window: not stated in the docs; 30 s is assumed [UNCONFIRMED]. Valid
  vectors arrive 300 ms after their timestamp; the clock_drift vectors are
  2 minutes late or 3 minutes early, outside any plausible window.

Run:  python3 scripts/reference/bitget.py
It rewrites vectors/bitget/{docs,requests,mistakes}.json deterministically.
docs.json holds the docs' two published pre-sign strings as PREHASH-ONLY
vectors: the docs show no secret and no signature.
"""
from __future__ import annotations

import base64
import json

from urllib.parse import unquote_plus

from engine import Mistake, Venue, compact_json, quote, server_time, spaced_json, vector

VENUE = "bitget"
GENERATOR = "scripts/reference/bitget.py"
DOCS_URL = "https://www.bitget.com/api-doc/common/signature"
SOURCES = [DOCS_URL, "https://github.com/BitgetLimited/v3-bitget-api-sdk/blob/master/bitget-python-sdk-api/bitget/client.py"]
API_KEY = "sc-test-bitget-key-0001"
SECRET = "sc-test-bitget-secret-0001"
PASSPHRASE = "sc-test-bitget-passphrase"
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte


def prehash(timestamp, method: str, path: str, query: str, body: str) -> str:
    """The query signed percent-decoded, form style ('+' is a space), order as sent."""
    signed = unquote_plus(query)
    return str(timestamp) + method.upper() + path + ("?" + signed if query else "") + body


def prehash_as_sent(timestamp, method: str, path: str, query: str, body: str) -> str:
    """What a client that signs the encoded bytes builds (ccxt before PR #28890): wrong for Bitget."""
    return str(timestamp) + method.upper() + path + ("?" + query if query else "") + body


def wire(method, path, query, body, timestamp, signature, api_key=API_KEY, passphrase=PASSPHRASE) -> dict:
    return {
        "method": method,
        "path": path,
        "query": query,
        "headers": {
            "ACCESS-KEY": api_key,
            "ACCESS-SIGN": signature,
            "ACCESS-TIMESTAMP": str(timestamp),
            "ACCESS-PASSPHRASE": passphrase,
            "Content-Type": "application/json",
            "locale": "en-US",
        },
        "body": body,
    }


class Bitget(Venue):
    """parts: timestamp (ms), method, path, query as sent, body as sent."""

    name = VENUE
    generator = GENERATOR
    encoding = "base64"

    def prehash(self, parts, creds):
        return prehash(parts["timestamp"], parts["method"], parts["path"], parts["query"], parts["body"])

    def wire(self, parts, creds, signature):
        return wire(parts["method"], parts["path"], parts["query"], parts["body"], parts["timestamp"], signature,
                    creds["apiKey"], creds["passphrase"])

    def expect_headers(self, parts, creds, signature):
        return {"ACCESS-SIGN": signature, "ACCESS-PASSPHRASE": creds["passphrase"]}

    def read_wire(self, request, creds):
        h = request["headers"]
        text = prehash(h["ACCESS-TIMESTAMP"], request["method"], request["path"], request["query"], request["body"])
        return text, h.get("ACCESS-SIGN")


RULE = Bitget({"apiKey": API_KEY, "secret": SECRET, "passphrase": PASSPHRASE})


def sorted_query(pairs, encode=quote) -> str:
    return "&".join(f"{k}={encode(v)}" for k, v in sorted(pairs))


def docs_vectors() -> list:
    """The docs' 'Sample Code' pre-sign strings: no secret, no signature published."""
    credentials = {"apiKey": "docs-key-unpublished", "secret": "docs-secret-unpublished",
                   "passphrase": "docs-passphrase-unpublished"}
    timestamp = 16273667805456  # as printed: 14 digits, one more than a millisecond timestamp of 2021
    note = ("PREHASH ONLY: the docs print this pre-sign string but no secret and no signature, so the request carries "
            "no ACCESS-SIGN and expect holds only the prehash (credentials are stand-ins). The docs' timestamp "
            "16273667805456 has 14 digits (a 2021 millisecond time has 13); it is kept as printed and serverTime is "
            "set 300 ms after it only so that no clock check fires.")
    cases = [
        ("depth-get-docs", "GET", "/api/mix/v2/market/depth", "limit=20&symbol=BTCUSDT", "",
         "16273667805456GET/api/mix/v2/market/depth?limit=20&symbol=BTCUSDT",
         "Docs sample 'Get contract depth information': the query is signed after '?', keys sorted. "),
        ("place-order-post-docs", "POST", "/api/v2/mix/order/place-order", "",
         '{"productType":"usdt-futures","symbol":"BTCUSDT","size":"8","marginMode":"crossed","side":"buy","orderType":"limit","clientOid":"channel#123456"}',
         '16273667805456POST/api/v2/mix/order/place-order{"productType":"usdt-futures","symbol":"BTCUSDT","size":"8","marginMode":"crossed","side":"buy","orderType":"limit","clientOid":"channel#123456"}',
         "Docs sample 'Contract order': the compact JSON body follows the path directly. "),
    ]
    vectors = []
    for vid, method, path, query, body, published, lead in cases:
        if prehash(timestamp, method, path, query, body) != published:
            raise SystemExit(f"bitget: docs pre-sign string {vid} is no longer rebuilt")
        request = wire(method, path, query, body, timestamp, "", credentials["apiKey"], credentials["passphrase"])
        del request["headers"]["ACCESS-SIGN"]
        vectors.append(vector(vid, lead + note, ["doc-example", "prehash-only", method.lower()], request,
                              {"prehash": published}, time=server_time(timestamp + 300), credentials=credentials))
    return vectors


ORDER = {"symbol": "BTCUSDT", "side": "buy", "orderType": "limit", "force": "gtc", "price": "36500.5", "size": "0.001",
         "clientOid": "sc-test-0001"}

# (id, comment, tags, method, path, query as sent, body as sent)
VALID = [
    ("assets-no-query", "GET without a query: no '?' in the prehash.", ["get"], "GET", "/api/v2/spot/account/assets", "", ""),
    ("assets-coin", "GET with one parameter.", ["get", "query"], "GET", "/api/v2/spot/account/assets", "coin=USDT", ""),
    ("unfilled-orders", "Two parameters, sent sorted.", ["get", "query"], "GET", "/api/v2/spot/trade/unfilled-orders",
     sorted_query([("symbol", "BTCUSDT"), ("limit", "100")]), ""),
    ("history-orders-range", "Four parameters including ms bounds, sorted.", ["get", "query"], "GET",
     "/api/v2/spot/trade/history-orders",
     sorted_query([("symbol", "BTCUSDT"), ("startTime", "1699990000000"), ("endTime", "1700000000000"), ("limit", "50")]), ""),
    ("mix-all-position", "Futures positions.", ["get", "query", "futures"], "GET", "/api/v2/mix/position/all-position",
     sorted_query([("productType", "USDT-FUTURES"), ("marginCoin", "USDT")]), ""),
    ("mix-account", "Three parameters with upper-case values.", ["get", "query", "futures"], "GET",
     "/api/v2/mix/account/account",
     sorted_query([("symbol", "BTCUSDT"), ("productType", "USDT-FUTURES"), ("marginCoin", "USDT")]), ""),
    ("order-info-encoded-specials", "clientOid with space, '/', '+', '@', ',' sent percent-encoded, signed decoded.",
     ["get", "query", "encoding", "decoded-query"], "GET", "/api/v2/spot/trade/orderInfo",
     sorted_query([("clientOid", "sc test/1+a@b,c")]), ""),
    ("order-info-non-ascii", "Non-ASCII value percent-encoded as UTF-8, signed decoded (the raw UTF-8 text).",
     ["get", "query", "encoding", "non-ascii", "decoded-query"], "GET", "/api/v2/spot/trade/orderInfo",
     sorted_query([("clientOid", "café€")]), ""),
    ("order-info-amp-equals", "'&' and '=' inside a value, percent-encoded; signed decoded, so the signed string has a bare '&' and '=' inside the value.",
     ["get", "query", "encoding", "decoded-query"],
     "GET", "/api/v2/spot/trade/orderInfo", sorted_query([("clientOid", "a&b=c")]), ""),
    ("empty-value", "An empty value (idLessThan=).", ["get", "query", "empty-value"], "GET",
     "/api/v2/spot/trade/history-orders", sorted_query([("symbol", "BTCUSDT"), ("limit", "20"), ("idLessThan", "")]), ""),
    ("plus-for-space", "Space sent as '+' (form style); the decoded value has a space, and the space is signed.", ["get", "query", "space", "decoded-query"],
     "GET", "/api/v2/spot/trade/orderInfo", "clientOid=sc+test+1", ""),
    ("raw-specials-sdk-style", "'@' and ',' left unencoded, as the official SDK writes values; decoded and sent are the same.",
     ["get", "query", "unencoded"], "GET", "/api/v2/spot/trade/orderInfo", "clientOid=a@b,c&symbol=BTCUSDT", ""),
    ("symbol-dollar-encoded", "The SDK's own test case: symbol $AIUSDT sent as %24AIUSDT, signed decoded as $AIUSDT (ccxt #28888, SDK commit d4ef5cb).",
     ["get", "query", "encoding", "decoded-query"], "GET", "/api/v2/spot/market/tickers", "symbol=%24AIUSDT", ""),
    ("symbol-dollar-raw", "The same symbol sent with a raw '$' (ccxt replaces %24 by '$' in the URL): the decoded form is the same.",
     ["get", "query", "unencoded"], "GET", "/api/v2/spot/market/tickers", "symbol=$AIUSDT", ""),
    ("v1-spot-assets", "Older v1 path.", ["get", "v1"], "GET", "/api/spot/v1/account/assets", "", ""),
    ("deposit-address", "Wallet endpoint.", ["get", "query"], "GET", "/api/v2/spot/wallet/deposit-address",
     sorted_query([("coin", "USDT"), ("chain", "trc20")]), ""),
    ("bills-range", "Four parameters.", ["get", "query"], "GET", "/api/v2/spot/account/bills",
     sorted_query([("coin", "USDT"), ("startTime", "1699900000000"), ("endTime", "1700000000000"), ("limit", "100")]), ""),
    ("mix-orders-pending", "Order id and product type.", ["get", "query", "futures"], "GET", "/api/v2/mix/order/orders-pending",
     sorted_query([("productType", "USDT-FUTURES"), ("orderId", "1234567890123456789")]), ""),
    ("place-order-compact", "Spot limit order, compact JSON.", ["post", "json-body", "order"], "POST",
     "/api/v2/spot/trade/place-order", "", compact_json(ORDER)),
    ("place-order-sdk-spaced", "The official Python SDK sends and signs json.dumps(params): spaced JSON, valid.",
     ["post", "json-body", "whitespace"], "POST", "/api/v2/spot/trade/place-order", "", spaced_json(ORDER)),
    ("mix-place-order-hash-in-oid", "Docs-shaped futures order; '#' inside clientOid.", ["post", "json-body", "futures"],
     "POST", "/api/v2/mix/order/place-order", "",
     compact_json({"productType": "usdt-futures", "symbol": "BTCUSDT", "size": "8", "marginMode": "crossed",
                   "marginCoin": "USDT", "side": "buy", "orderType": "limit", "price": "36000",
                   "clientOid": "channel#123456"})),
    ("batch-orders-nested", "Nested array of objects.", ["post", "json-body", "nested", "array"], "POST",
     "/api/v2/spot/trade/batch-orders", "",
     compact_json({"symbol": "BTCUSDT", "orderList": [dict(ORDER, clientOid="sc-test-0002"),
                                                      dict(ORDER, side="sell", price="37000", clientOid="sc-test-0003")]})),
    ("json-numbers-floats", "Numbers 0.1 and 1e-8 written as JSON numbers (as sent, signed as sent).",
     ["post", "json-body", "float", "exponent"], "POST", "/api/v2/spot/trade/place-order", "",
     '{"symbol":"BTCUSDT","side":"buy","orderType":"limit","force":"gtc","price":0.1,"size":1e-8}'),
    ("json-boolean-null", "true, false and null in the body.", ["post", "json-body", "boolean", "null", "futures"], "POST",
     "/api/v2/mix/order/place-order", "",
     compact_json({"symbol": "BTCUSDT", "productType": "USDT-FUTURES", "marginMode": "isolated", "marginCoin": "USDT",
                   "size": "1", "side": "sell", "orderType": "market", "reduceOnly": "YES", "presetStopLossPrice": None,
                   "stpMode": None, "postOnly": False, "hedge": True})),
    ("json-non-ascii-raw", "Raw UTF-8 text in the body.", ["post", "json-body", "non-ascii", "utf-8"], "POST",
     "/api/v2/spot/trade/place-order", "", compact_json(dict(ORDER, clientOid="café-€-✓"))),
    ("json-non-ascii-escaped", "The same text with \\u escapes: a different body, equally valid when signed as sent.",
     ["post", "json-body", "non-ascii", "escaped"], "POST", "/api/v2/spot/trade/place-order", "",
     json.dumps(dict(ORDER, clientOid="café-€-✓"), separators=(",", ":"))),
    ("cancel-order", "Cancel with a long order id string.", ["post", "json-body"], "POST", "/api/v2/spot/trade/cancel-order", "",
     compact_json({"symbol": "BTCUSDT", "orderId": "1234567890123456789"})),
    ("transfer", "Wallet transfer.", ["post", "json-body"], "POST", "/api/v2/spot/wallet/transfer", "",
     compact_json({"fromType": "spot", "toType": "usdt_futures", "amount": "25.5", "coin": "USDT"})),
    ("json-escapes", "String escapes (quote, backslash, slash) kept as sent.", ["post", "json-body", "escaped"], "POST",
     "/api/v2/spot/trade/place-order", "",
     '{"symbol":"BTCUSDT","side":"buy","orderType":"market","size":"5","clientOid":"q\\"b\\\\s\\/x"}'),
]


def valid_vectors() -> list:
    vectors = []
    for index, (vid, comment, tags, method, path, query, body) in enumerate(VALID):
        timestamp = CLOCK_START + index * 1_009
        parts = dict(timestamp=timestamp, method=method, path=path, query=query, body=body)
        vectors.append(RULE.valid(vid, comment, tags, parts, timestamp + 300))
    return vectors


B64_SECRET = "c2MtdGVzdC1iaXRnZXQtYmFzZTY0LXNlY3JldA=="  # valid base64 test secret


def mistake_vectors() -> list:
    vectors = []

    def add(vid, tags, index, method, path, query, body, make, arrival_delta=300, credentials=None):
        timestamp = CLOCK_START + 900_000 + index * 1_009
        comment, mistake = make(timestamp)
        parts = dict(timestamp=timestamp, method=method, path=path, query=query, body=body)
        vectors.append(RULE.invalid(vid, comment, [method.lower()] + tags, parts, mistake, timestamp + arrival_delta,
                                    credentials))

    orders = "/api/v2/spot/trade/history-orders"
    insertion = [("symbol", "BTCUSDT"), ("startTime", "1699990000000"), ("limit", "50")]
    sent_sorted = sorted_query(insertion)
    add("query-signed-insertion-order", ["query", "sorting"], 1, "GET", orders, sent_sorted, "",
        lambda t: ("Sent the parameters sorted (as the docs ask) but signed them in insertion order.", Mistake("unsorted_params",
                          client_prehash=prehash(t, "GET", orders, "&".join(f"{k}={v}" for k, v in insertion), ""))))
    info = "/api/v2/spot/trade/orderInfo"
    spaced = sorted_query([("clientOid", "sc test 1")])
    add("query-signed-encoded-space", ["query", "encoding", "space", "decoded-query"], 2, "GET", info, spaced, "",
        lambda t: ("Sent %20 for the spaces and signed the query as sent (still encoded); Bitget verifies it decoded (40009).", Mistake("query_encoding",
                          client_prehash=prehash_as_sent(t, "GET", info, spaced, ""))))
    dollar = "symbol=%24AIUSDT"
    add("query-signed-encoded-dollar", ["query", "encoding", "decoded-query"], 3, "GET", "/api/v2/spot/market/tickers", dollar, "",
        lambda t: ("ccxt before PR #28890 (issue #28888): sent %24AIUSDT and signed it encoded; Bitget verifies $AIUSDT and answers 40009.", Mistake("query_encoding",
                          client_prehash=prehash_as_sent(t, "GET", "/api/v2/spot/market/tickers", dollar, ""))))
    place = "/api/v2/spot/trade/place-order"
    add("body-signed-spaced", ["body", "whitespace"], 4, "POST", place, "", compact_json(ORDER),
        lambda t: ("Sent compact JSON but signed json.dumps' default spaced JSON.", Mistake("body_encoding",
                          client_prehash=prehash(t, "POST", place, "", spaced_json(ORDER)))))
    add("body-signed-sorted-keys", ["body", "key-order"], 5, "POST", place, "", compact_json(ORDER),
        lambda t: ("Sent keys in insertion order but signed them sorted.", Mistake("body_encoding",
                          client_prehash=prehash(t, "POST", place, "", compact_json(dict(sorted(ORDER.items())))))))
    assets = "/api/v2/spot/account/assets"
    add("timestamp-two-minutes-late", ["clock"], 6, "GET", assets, "", "",
        lambda t: ("Correct signature, but it arrived 2 minutes after ACCESS-TIMESTAMP (window assumed 30 s, unconfirmed).", Mistake("clock_drift",
                          client_prehash=prehash(t, "GET", assets, "", ""))), arrival_delta=120_000)
    add("client-clock-three-minutes-ahead", ["clock"], 7, "GET", assets, "", "",
        lambda t: ("Correct signature, but the client clock is 3 minutes ahead of the server's.", Mistake("clock_drift",
                          client_prehash=prehash(t, "GET", assets, "", ""))), arrival_delta=-180_000)
    add("timestamp-signed-37ms-earlier", ["timestamp"], 8, "POST", place, "", compact_json(ORDER),
        lambda t: ("Read the clock twice: ACCESS-TIMESTAMP is T, the signed timestamp T - 37 ms.", Mistake("timestamp_mismatch",
                          client_prehash=prehash(t - 37, "POST", place, "", compact_json(ORDER)))))
    add("timestamp-signed-1500ms-earlier", ["timestamp"], 9, "GET", assets, "coin=USDT", "",
        lambda t: ("Signed a timestamp taken 1.5 s before the one sent (a retry reused the old signature with a new header).", Mistake("timestamp_mismatch",
                          client_prehash=prehash(t - 1_500, "GET", assets, "coin=USDT", ""))))
    add("timestamp-signed-in-seconds", ["timestamp", "units"], 10, "GET", assets, "", "",
        lambda t: ("Sent milliseconds but signed seconds (T // 1000).", Mistake("timestamp_units",
                          client_prehash=prehash(t // 1000, "GET", assets, "", ""))))
    add("secret-trailing-newline", ["secret"], 11, "GET", assets, "", "",
        lambda t: ("Key bytes = secret + \"\\n\" (read from a file).", Mistake("secret_whitespace",
                          client_prehash=prehash(t, "GET", assets, "", ""), key=(SECRET + "\n").encode())))
    add("hmac-sha512", ["hash"], 12, "POST", place, "", compact_json(ORDER),
        lambda t: ("HMAC-SHA512 instead of HMAC-SHA256, base64.", Mistake("wrong_hash",
                          client_prehash=prehash(t, "POST", place, "", compact_json(ORDER)), hash_name="sha512")))
    add("signature-hex", ["encoding"], 13, "GET", assets, "", "",
        lambda t: ("HMAC-SHA256 as lower-case hex instead of base64.", Mistake("wrong_output_encoding",
                          client_prehash=prehash(t, "GET", assets, "", ""), encoding="hex")))
    add("method-lower-case", ["method"], 14, "POST", place, "", compact_json(ORDER),
        lambda t: ("Signed \"post\" instead of \"POST\".", Mistake("method_case",
                          client_prehash=str(t) + "post" + place + compact_json(ORDER))))
    add("query-left-out-of-path", ["path", "query"], 15, "GET", orders, sent_sorted, "",
        lambda t: ("Signed the request path without its \"?\" + query string.", Mistake("path_mismatch",
                          client_prehash=prehash(t, "GET", orders, "", ""))))
    add("path-with-host", ["path"], 16, "GET", assets, "coin=BTC", "",
        lambda t: ("Signed the full URL https://api.bitget.com/api/v2/... instead of the request path.", Mistake("path_mismatch",
                          client_prehash=prehash(t, "GET", "https://api.bitget.com" + assets, "coin=BTC", ""))))
    add("timestamp-left-out", ["component", "timestamp"], 17, "GET", assets, "", "",
        lambda t: ("Left the timestamp out of the prehash: METHOD + path only.", Mistake("missing_component",
                          client_prehash="GET" + assets)))
    add("base64-secret-decoded", ["secret", "base64"], 18, "GET", assets, "", "",
        lambda t: ("The secret happens to be valid base64 and the client decoded it; Bitget uses its UTF-8 bytes.", Mistake("wrong_secret_encoding",
                          client_prehash=prehash(t, "GET", assets, "", ""), key=base64.b64decode(B64_SECRET))),
        credentials={"apiKey": "sc-test-bitget-key-0002", "secret": B64_SECRET, "passphrase": PASSPHRASE})
    add("signed-with-other-secret", ["secret"], 19, "POST", place, "", compact_json(ORDER),
        lambda t: ("Signed with another key's secret: no single known mistake reproduces the signature.", Mistake("unexplained",
                          client_prehash=prehash(t, "POST", place, "", compact_json(ORDER)), key=b"sc-test-bitget-secret-9999")))
    return vectors


def main() -> None:
    RULE.write("docs", "The Bitget docs' two pre-sign strings (no secret published: prehash-only)", [DOCS_URL],
               docs_vectors())
    RULE.write("requests", "Valid Bitget HMAC requests (synthetic, generated from the documented rule)",
               SOURCES, valid_vectors(), RULE.defaults())
    RULE.write("mistakes", "Bitget requests as buggy clients sent them, each with the one mistake that explains its signature",
               SOURCES, mistake_vectors(), RULE.defaults())


if __name__ == "__main__":
    main()
