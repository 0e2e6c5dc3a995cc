#!/usr/bin/env python3
"""Reference vectors for BitMart REST API (API key, secret and memo).

Rule, from the docs' "API KEY Interface Authentication" page
(https://developer-pro.bitmart.com/en/part2/auth.html) and its "Authentication Q&A"
(https://developer-pro.bitmart.com/en/part1/question/verify.html):

    prehash   = timestamp + "#" + memo + "#" + queryString
    signature = lower-case hex( HMAC-SHA256( secret as UTF-8, prehash ) )   -> X-BM-SIGN

* timestamp: the X-BM-TIMESTAMP header, milliseconds (UTC); "requests that differ by
  more than 1 minute between the timestamp and the API server time ... will be
  rejected" (Q&A 1): window +/- 60 s.
* memo: chosen by the user when the key is created ("Access Key, Secret Key,
  Memo"), SIGNED BUT NEVER SENT: the vectors carry it as credentials.memo and the
  recipe reads it as {credential:memo}.
* queryString: for GET and DELETE the query string as sent ("curl
  {{host}}/v1/goto?symbol=BMXBTC&side=BUY  # queryString: symbol=BMXBTC&side=BUY");
  for POST and PUT the JSON body ("# queryString: {"symbol":"BMX","side":"BUY"}").
  Empty when there is none (timestamp#memo#).
* Headers: X-BM-KEY (the access key), X-BM-SIGN, X-BM-TIMESTAMP, Content-Type
  application/json.
* Cross-checks: ccxt's bitmart (PyPI package `bitmart` 0.0.141, ccxt 4.5.70 inside)
  signs timestamp + '#' + uid + '#' + (urlencode(query) for GET/DELETE, json(body)
  otherwise), the memo being ccxt's `uid`: the same rule. The official SDK
  bitmart-python-sdk-api 2.8.0 (lib/cloud_client.py) signs the BODY for every
  method, i.e. timestamp#memo# with an empty string for a GET with parameters;
  the docs' own GET example (Q&A 4b: '1589267764859#test001#contract_id=1&category=1')
  and ccxt sign the query. The vectors follow the docs and ccxt; the SDK's form is
  recorded in vectors/bitmart/venue.json notes as unconfirmed.

Docs example credentials (Q&A 4a, public test values): key
80618e45710812162b04892c7ee5ead4a3cc3e56, secret 6c6c9854...df9d9df9, memo test001.
The docs' WebSocket login example publishes a full signature under them
(3ceeb7e1... over '1589267764859#test001#bitmart.WebSocket'); this script checks
that it reproduces before writing anything.

Run:  python3 scripts/reference/bitmart.py
It rewrites vectors/bitmart/{docs,requests,mistakes}.json deterministically.
"""
from __future__ import annotations

import base64

from engine import Mistake, Venue, compact_json, quote, sign, spaced_json

VENUE = "bitmart"
GENERATOR = "scripts/reference/bitmart.py"
DOCS_URL = "https://developer-pro.bitmart.com/en/part2/auth.html"
QA_URL = "https://developer-pro.bitmart.com/en/part1/question/verify.html"
SOURCES = [DOCS_URL, QA_URL]
API_KEY = "sc-test-bitmart-key-0001"
SECRET = "sc-test-bitmart-secret-0001"
MEMO = "sc-test-memo-01"
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte

DOCS_KEY = "80618e45710812162b04892c7ee5ead4a3cc3e56"
DOCS_SECRET = "6c6c98544461bbe71db2bca4c6d7fd0021e0ba9efc215f9c6ad41852df9d9df9"
DOCS_MEMO = "test001"
DOCS_WS_SIGNATURE = "3ceeb7e1b8cb165a975e28a2e2dfaca4d30b358873c0351c1a071d8c83314556"


def prehash(timestamp, memo: str, method: str, query: str, body: str) -> str:
    signed = body if method.upper() in ("POST", "PUT") else query
    return f"{timestamp}#{memo}#{signed}"


def wire(method, path, query, body, timestamp, signature, api_key=API_KEY) -> dict:
    return {
        "method": method,
        "path": path,
        "query": query,
        "headers": {
            "X-BM-KEY": api_key,
            "X-BM-SIGN": signature,
            "X-BM-TIMESTAMP": str(timestamp),
            "Content-Type": "application/json",
        },
        "body": body,
    }


class BitMart(Venue):
    """parts: timestamp (ms), method, path, query as sent, body as sent; the memo is a credential."""

    name = VENUE
    generator = GENERATOR

    def prehash(self, parts, creds):
        return prehash(parts["timestamp"], creds["memo"], parts["method"], parts["query"], parts["body"])

    def wire(self, parts, creds, signature):
        return wire(parts["method"], parts["path"], parts["query"], parts["body"], parts["timestamp"], signature,
                    creds["apiKey"])

    def expect_headers(self, parts, creds, signature):
        return {"X-BM-SIGN": signature}

    def read_wire(self, request, creds):
        # The memo is never sent: the server knows it from the key (X-BM-KEY).
        h = request["headers"]
        text = prehash(h["X-BM-TIMESTAMP"], creds["memo"], request["method"], request["query"], request["body"])
        return text, h["X-BM-SIGN"]


RULE = BitMart({"apiKey": API_KEY, "secret": SECRET, "memo": MEMO})


def urlencoded(pairs) -> str:
    """The query as ccxt's urlencode writes it: insertion order, RFC 3986 escapes (%20 for a space)."""
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)


def docs_vectors() -> list:
    if sign("sha256", DOCS_SECRET.encode(), "1589267764859#test001#bitmart.WebSocket", "hex") != DOCS_WS_SIGNATURE:
        raise SystemExit("bitmart: the docs' WebSocket login signature no longer reproduces")
    credentials = {"apiKey": DOCS_KEY, "secret": DOCS_SECRET, "memo": DOCS_MEMO}
    timestamp = 1589267764859
    published = "1589267764859#test001#contract_id=1&category=1"
    if prehash(timestamp, DOCS_MEMO, "GET", "contract_id=1&category=1", "") != published:
        raise SystemExit("bitmart: the docs' GET pre-sign string is no longer rebuilt")
    comment = ("Docs 'Authentication Q&A' 4b: GET /v1?contract_id=1&category=1 at 1589267764859 with the docs' key, secret "
               "and memo test001; the pre-sign string is the docs' own. The docs print the openssl command but cut its "
               "output, so the signature is computed here; the same credentials reproduce the docs' published WebSocket "
               "login signature 3ceeb7e1... (checked by the script).")
    parts = dict(timestamp=timestamp, method="GET", path="/v1", query="contract_id=1&category=1", body="")
    return [RULE.valid("docs-get-contract", comment, ["doc-example", "get", "query"], parts, timestamp + 250, credentials)]


ORDER = {"symbol": "BTC_USDT", "side": "buy", "type": "limit", "size": "0.001", "price": "36500.5",
         "client_order_id": "sctest0001"}

# (id, comment, tags, method, path, query as sent, body as sent)
VALID = [
    ("wallet-no-query", "GET without parameters: the prehash ends with '#'.", ["get"], "GET", "/account/v1/wallet", "", ""),
    ("wallet-currency", "GET with one parameter.", ["get", "query"], "GET", "/account/v1/wallet", "currency=USDT", ""),
    ("spot-wallet", "Spot wallet, no parameters.", ["get"], "GET", "/spot/v1/wallet", "", ""),
    ("order-detail", "Order detail by id, two parameters in insertion order (the docs: order not required).",
     ["get", "query"], "GET", "/spot/v2/order_detail", urlencoded([("order_id", "118100034543076010"), ("symbol", "BTC_USDT")]), ""),
    ("orders-history-unsorted", "Four parameters in insertion order, not sorted: signed exactly as sent.",
     ["get", "query", "unsorted"], "GET", "/spot/v4/query/history-orders",
     urlencoded([("symbol", "BTC_USDT"), ("orderMode", "spot"), ("startTime", "1699990000000"), ("limit", "100")]), ""),
    ("deposit-address", "Currency with a chain suffix.", ["get", "query"], "GET", "/account/v1/deposit/address",
     urlencoded([("currency", "USDT-TRC20")]), ""),
    ("query-space-encoded", "A space sent as %20 (ccxt's urlencode) and signed as sent.", ["get", "query", "encoding", "space"],
     "GET", "/spot/v4/query/client-order", urlencoded([("clientOrderId", "sc test 1")]), ""),
    ("query-specials-encoded", "'@', ',' and '/' percent-encoded, signed as sent.", ["get", "query", "encoding"], "GET",
     "/spot/v4/query/client-order", urlencoded([("clientOrderId", "a@b,c/d")]), ""),
    ("query-non-ascii", "Non-ASCII text percent-encoded as UTF-8, signed as sent.", ["get", "query", "encoding", "non-ascii"],
     "GET", "/spot/v4/query/client-order", urlencoded([("clientOrderId", "café€")]), ""),
    ("contract-position", "Futures (contract) API: same rule.", ["get", "query", "futures"], "GET", "/contract/private/position",
     urlencoded([("symbol", "BTCUSDT")]), ""),
    ("contract-order-history", "Futures order history with a time range.", ["get", "query", "futures"], "GET",
     "/contract/private/order-history", urlencoded([("symbol", "BTCUSDT"), ("start_time", "1699990000"), ("end_time", "1700000000")]), ""),
    ("delete-like-get", "A DELETE signs its query like a GET.", ["delete", "query"], "DELETE", "/account/v1/withdraw/address",
     urlencoded([("id", "12345")]), ""),
    ("submit-order", "Spot limit order, compact JSON (ccxt's json()).", ["post", "json-body", "order"], "POST",
     "/spot/v2/submit_order", "", compact_json(ORDER)),
    ("submit-order-sdk-spaced", "The official Python SDK sends and signs json.dumps(params): spaced JSON, valid when signed as sent.",
     ["post", "json-body", "whitespace"], "POST", "/spot/v2/submit_order", "", spaced_json(ORDER)),
    ("cancel-order", "Cancel by order id.", ["post", "json-body"], "POST", "/spot/v3/cancel_order", "",
     compact_json({"symbol": "BTC_USDT", "order_id": "118100034543076010"})),
    ("batch-orders-nested", "Nested array of order objects.", ["post", "json-body", "nested", "array"], "POST",
     "/spot/v4/batch_orders", "",
     compact_json({"symbol": "BTC_USDT", "orderParams": [dict(ORDER, client_order_id="sctest0002"),
                                                          dict(ORDER, side="sell", price="37000", client_order_id="sctest0003")]})),
    ("json-numbers", "JSON numbers (0.1, 1e-8) signed as written.", ["post", "json-body", "float", "exponent"], "POST",
     "/contract/private/submit-order", "", '{"symbol":"BTCUSDT","side":1,"type":"limit","leverage":"10","size":10,"price":0.1,"trigger_price":1e-8}'),
    ("json-boolean-null", "true, false and null in the body.", ["post", "json-body", "boolean", "null"], "POST",
     "/contract/private/submit-plan-order", "",
     compact_json({"symbol": "BTCUSDT", "side": 4, "mode": 1, "size": 10, "reduce_only": True, "post_only": False,
                   "preset_take_profit_price": None})),
    ("json-non-ascii-raw", "Raw UTF-8 text in the body.", ["post", "json-body", "non-ascii"], "POST", "/spot/v2/submit_order", "",
     compact_json(dict(ORDER, client_order_id="café-€"))),
    ("json-escapes", "String escapes (quote, backslash, slash) kept as sent.", ["post", "json-body", "escaped"], "POST",
     "/spot/v2/submit_order", "", '{"symbol":"BTC_USDT","side":"buy","type":"market","notional":"5","client_order_id":"q\\"b\\\\s\\/x"}'),
    ("transfer", "Spot to futures transfer.", ["post", "json-body"], "POST", "/account/v1/transfer-contract", "",
     compact_json({"currency": "USDT", "amount": "25.5", "type": "spot_to_contract"})),
    ("empty-json-body", "POST with an empty JSON object: the body '{}' is signed.", ["post", "json-body", "empty"], "POST",
     "/spot/v4/cancel_all", "", "{}"),
    ("memo-with-specials", "A memo with spaces and '#': signed verbatim between the two '#' separators.",
     ["get", "query", "memo"], "GET", "/account/v1/wallet", "currency=BTC", ""),
]

MEMO_SPECIAL = "my bot #2"


def valid_vectors() -> list:
    vectors = []
    for index, (vid, comment, tags, method, path, query, body) in enumerate(VALID):
        timestamp = CLOCK_START + index * 1_009
        credentials = {"memo": MEMO_SPECIAL} if vid == "memo-with-specials" else None
        parts = dict(timestamp=timestamp, method=method, path=path, query=query, body=body)
        vectors.append(RULE.valid(vid, comment, tags, parts, timestamp + 300, credentials))
    return vectors


B64_SECRET = "c2MtdGVzdC1iaXRtYXJ0LWJhc2U2NC1zZWNyZXQ="  # valid base64 test secret


def mistake_vectors() -> list:
    vectors = []

    def add(vid, tags, index, method, path, query, body, make, arrival_delta=300, credentials=None):
        timestamp = CLOCK_START + 900_000 + index * 1_009
        comment, mistake = make(timestamp)
        parts = dict(timestamp=timestamp, method=method, path=path, query=query, body=body)
        vectors.append(RULE.invalid(vid, comment, [method.lower()] + tags, parts, mistake, timestamp + arrival_delta,
                                    credentials))

    wallet = "/account/v1/wallet"
    submit = "/spot/v2/submit_order"
    history = "/spot/v4/query/history-orders"
    pairs = [("symbol", "BTC_USDT"), ("orderMode", "spot"), ("limit", "100")]
    sent = urlencoded(pairs)
    add("query-signed-sorted", ["query", "sorting"], 1, "GET", history, sent, "",
        lambda t: ("Sent the parameters in insertion order but signed them sorted by key.", Mistake("unsorted_params",
                          client_prehash=prehash(t, MEMO, "GET", urlencoded(sorted(pairs)), ""))))
    spaced = urlencoded([("clientOrderId", "sc test 1")])
    add("query-signed-plus-for-space", ["query", "encoding", "space"], 2, "GET", "/spot/v4/query/client-order", spaced, "",
        lambda t: ("Sent %20 but signed '+' for the spaces (urlencode's quote_plus).", Mistake("query_encoding",
                          client_prehash=prehash(t, MEMO, "GET", "clientOrderId=sc+test+1", ""))))
    add("body-signed-spaced", ["body", "whitespace"], 3, "POST", submit, "", compact_json(ORDER),
        lambda t: ("Sent compact JSON but signed json.dumps' spaced JSON.", Mistake("body_encoding",
                          client_prehash=prehash(t, MEMO, "POST", "", spaced_json(ORDER)))))
    add("timestamp-signed-earlier", ["timestamp"], 4, "GET", wallet, "currency=USDT", "",
        lambda t: ("Read the clock twice: X-BM-TIMESTAMP is T, the signed timestamp T - 41 ms.", Mistake("timestamp_mismatch",
                          client_prehash=prehash(t - 41, MEMO, "GET", "currency=USDT", ""))))
    add("timestamp-two-minutes-late", ["clock"], 5, "GET", wallet, "", "",
        lambda t: ("Correct signature, but it arrived 2 minutes after X-BM-TIMESTAMP (the docs: 1 minute).", Mistake("clock_drift",
                          client_prehash=prehash(t, MEMO, "GET", "", ""))), arrival_delta=120_000)
    add("timestamp-signed-in-seconds", ["timestamp", "units"], 6, "GET", wallet, "", "",
        lambda t: ("Sent milliseconds but signed seconds (T // 1000).", Mistake("timestamp_units",
                          client_prehash=prehash(t // 1000, MEMO, "GET", "", ""))))
    add("secret-trailing-newline", ["secret"], 7, "POST", submit, "", compact_json(ORDER),
        lambda t: ("Key bytes = secret + \"\\n\" (read from a file).", Mistake("secret_whitespace",
                          client_prehash=prehash(t, MEMO, "POST", "", compact_json(ORDER)), key=(SECRET + "\n").encode())))
    add("hmac-sha512", ["hash"], 8, "GET", wallet, "currency=USDT", "",
        lambda t: ("HMAC-SHA512 instead of HMAC-SHA256, hex.", Mistake("wrong_hash",
                          client_prehash=prehash(t, MEMO, "GET", "currency=USDT", ""), hash_name="sha512")))
    add("signature-base64", ["encoding"], 9, "POST", submit, "", compact_json(ORDER),
        lambda t: ("HMAC-SHA256 as base64 instead of lower-case hex.", Mistake("wrong_output_encoding",
                          client_prehash=prehash(t, MEMO, "POST", "", compact_json(ORDER)), encoding="base64")))
    add("signature-upper-hex", ["encoding"], 10, "GET", wallet, "", "",
        lambda t: ("HMAC-SHA256 as upper-case hex.", Mistake("wrong_output_encoding",
                          client_prehash=prehash(t, MEMO, "GET", "", ""), encoding="hex-upper")))
    add("base64-secret-decoded", ["secret", "base64"], 11, "GET", wallet, "", "",
        lambda t: ("The secret happens to be valid base64 and the client decoded it; BitMart uses its UTF-8 bytes.", Mistake("wrong_secret_encoding",
                          client_prehash=prehash(t, MEMO, "GET", "", ""), key=base64.b64decode(B64_SECRET))),
        credentials={"apiKey": "sc-test-bitmart-key-0002", "secret": B64_SECRET, "memo": MEMO})
    add("signed-with-other-secret", ["secret"], 12, "POST", submit, "", compact_json(ORDER),
        lambda t: ("Signed with another key's secret: no single known mistake reproduces the signature.", Mistake("unexplained",
                          client_prehash=prehash(t, MEMO, "POST", "", compact_json(ORDER)), key=b"sc-test-bitmart-secret-9999")))
    return vectors


def main() -> None:
    RULE.write("docs", "The BitMart docs' GET signing example (published key, secret and memo; signature computed)",
               SOURCES, docs_vectors())
    RULE.write("requests", "Valid BitMart requests (synthetic, generated from the documented rule; cross-checked with ccxt's bitmart, docs/clients.md)",
               SOURCES, valid_vectors(), RULE.defaults())
    RULE.write("mistakes", "BitMart requests as buggy clients sent them, each with the one mistake that explains its signature",
               SOURCES, mistake_vectors(), RULE.defaults())


if __name__ == "__main__":
    main()
