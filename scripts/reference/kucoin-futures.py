#!/usr/bin/env python3
"""Reference vectors for KuCoin Futures (`kucoin-futures`, own host api-futures.kucoin.com).

An API family of KuCoin (issue 14). The futures docs' "Signing a Message" section
(Kucoin/kucoin-futures-api-docs, source/localizable/index.en.html.md) gives the spot rule
unchanged, and kucoin.py holds it: KC-API-SIGN = base64(HMAC-SHA256(secret, timestamp +
METHOD + endpoint + body)), the endpoint carrying '?' + the query for GET/DELETE, the query
signed percent-decoded (see kucoin.py's docstring for the evidence), KC-API-PASSPHRASE
plain for key v1 and base64(HMAC-SHA256(secret, passphrase)) for key v2/v3, a 5 s window
on KC-API-TIMESTAMP (ms). ccxt's kucoinfutures inherits kucoin's sign() and only points
the `futuresPrivate` API at https://api-futures.kucoin.com; docs/clients.md compares.

Rerun: `python3 scripts/reference/kucoin-futures.py` rewrites
vectors/kucoin-futures/{requests,mistakes}.json deterministically.

Decisions: the futures docs' own example is a copy of the spot one with a signature that
cannot match (kept in vectors/kucoin/docs.json as a doc defect), so this venue has no
docs.json. Symbols are futures contracts (XBTUSDTM, ETHUSDTM, XBTUSDM); sizes are lots.
"""
from collections import OrderedDict

from engine import Clock, Mistake, compact_json, sorted_keys, sorted_query, spaced, with_
from kucoin import KuCoin

DOCS = ("https://github.com/Kucoin/kucoin-futures-api-docs/blob/"
        "aaa0f168589f887f4496502ad4ad7546f9934f0c/source/localizable/index.en.html.md")
NEW_DOCS = "https://www.kucoin.com/docs-new/authentication"
CCXT = "https://github.com/ccxt/ccxt/blob/master/python/ccxt/kucoinfutures.py"
GENERATOR = "scripts/reference/kucoin-futures.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte


class KuCoinFutures(KuCoin):
    name = "kucoin-futures"
    generator = GENERATOR
    host = "api-futures.kucoin.com"


V = KuCoinFutures({"apiKey": "sc-test-kucoin-futures-api-key-0001", "secret": "sc-test-kucoin-futures-secret-4e81b2d7",
                   "passphrase": "sc-test-futures-passphrase"})
ts = Clock(CLOCK_START, 71_000).text


def req(method, path, query="", body="", n=0, **extra):
    return dict(method=method, path=path, query=query, body=body, ts=ts(n), **extra)


ORDER = OrderedDict([("clientOid", "sc-fut-0001"), ("side", "buy"), ("symbol", "XBTUSDTM"), ("leverage", 5),
                     ("type", "limit"), ("price", "65000"), ("size", 1), ("marginMode", "ISOLATED")])


def order(n, **changes):
    return req("POST", "/api/v1/orders", body=compact_json(OrderedDict(ORDER, **changes)), n=n)


def request_vectors():
    return [
        V.valid("get-account-overview", "Account overview of the USDT margin currency.", ["get", "query"],
                req("GET", "/api/v1/account-overview", "currency=USDT", n=1)),
        V.valid("get-account-overview-no-query", "Account overview without a query: the endpoint is the bare path.",
                ["get"], req("GET", "/api/v1/account-overview", n=2)),
        V.valid("get-position", "One position by contract.", ["get", "query"],
                req("GET", "/api/v1/position", "symbol=XBTUSDTM", n=3)),
        V.valid("get-positions", "Every position of one margin currency.", ["get", "query"],
                req("GET", "/api/v1/positions", "currency=USDT", n=4)),
        V.valid("get-orders-filters", "Order list with four filters, in the order the client chose.",
                ["get", "query"],
                req("GET", "/api/v1/orders", "status=done&symbol=XBTUSDTM&side=buy&type=limit", n=5)),
        V.valid("get-fills-range", "Fills of an inverse contract over a time range.", ["get", "query"],
                req("GET", "/api/v1/fills", f"symbol=XBTUSDM&startAt={CLOCK_START - 86_400_000}&endAt={CLOCK_START}", n=6)),
        V.valid("get-recent-fills", "Recent fills (no parameters).", ["get"], req("GET", "/api/v1/recentFills", n=7)),
        V.valid("get-open-orders-value", "Open order value of a contract.", ["get", "query"],
                req("GET", "/api/v1/openOrders", "symbol=ETHUSDTM", n=8)),
        V.valid("get-funding-history", "Funding history with paging filters.", ["get", "query"],
                req("GET", "/api/v1/funding-history", "symbol=XBTUSDTM&reverse=true&maxCount=50", n=9)),
        V.valid("get-max-open-size-v2", "The v2 path of the family, three parameters.", ["get", "query", "v2"],
                req("GET", "/api/v2/getMaxOpenSize", "symbol=XBTUSDTM&price=65000&leverage=10", n=10)),
        V.valid("get-risk-limit-path-param", "Risk limit levels: the contract is a path segment.", ["get"],
                req("GET", "/api/v1/contracts/risk-limit/XBTUSDTM", n=11)),
        V.valid("get-transaction-history-type-comma",
                "Two transaction types sent as type=RealisedPNL%2CTransferIn, signed decoded (',').",
                ["get", "query", "encoding", "decoded-query"],
                req("GET", "/api/v1/transaction-history", "type=RealisedPNL%2CTransferIn&currency=USDT", n=12)),
        V.valid("get-stop-orders-space-plus",
                "A value with a space sent form-style as '+', signed as a space (decoded query).",
                ["get", "query", "encoding", "space", "decoded-query"],
                req("GET", "/api/v1/stopOrders", "symbol=XBTUSDTM&clientOid=sc+stop+1", n=13)),
        V.valid("post-order-limit", "POST /api/v1/orders: a limit order with leverage, compact JSON.",
                ["post", "json-body"], order(14)),
        V.valid("post-order-market-reduce-only", "Market order with reduceOnly (a JSON boolean).",
                ["post", "json-body"],
                req("POST", "/api/v1/orders",
                    body='{"clientOid":"sc-fut-0002","side":"sell","symbol":"ETHUSDTM","type":"market",'
                         '"size":3,"reduceOnly":true}', n=15)),
        V.valid("post-order-test", "The test-order endpoint signs as a real order.", ["post", "json-body"],
                req("POST", "/api/v1/orders/test", body=compact_json(OrderedDict(ORDER, clientOid="sc-fut-0003")), n=16)),
        V.valid("post-stop-order", "A take-profit/stop-loss order on /api/v1/st-orders.", ["post", "json-body"],
                req("POST", "/api/v1/st-orders",
                    body='{"clientOid":"sc-fut-0004","side":"buy","symbol":"XBTUSDTM","leverage":3,"type":"limit",'
                         '"price":"64000","size":2,"triggerStopUpPrice":"70000","triggerStopDownPrice":"60000",'
                         '"stopPriceType":"TP"}', n=17)),
        V.valid("post-orders-multi-array", "Batch orders: the body is a JSON array of orders.",
                ["post", "json-body", "nested"],
                req("POST", "/api/v1/orders/multi",
                    body=compact_json([OrderedDict(ORDER, clientOid="sc-fut-b1"),
                                       OrderedDict(ORDER, clientOid="sc-fut-b2", price="64500")]), n=18)),
        V.valid("post-deposit-margin", "Add isolated margin; a JSON number with a fraction.",
                ["post", "json-body", "numbers"],
                req("POST", "/api/v1/position/margin/deposit-margin",
                    body='{"symbol":"XBTUSDTM","margin":0.01,"bizNo":"sc-margin-0001"}', n=19)),
        V.valid("post-auto-deposit-status", "Auto-deposit margin switch; a boolean body member.",
                ["post", "json-body"],
                req("POST", "/api/v1/position/margin/auto-deposit-status",
                    body='{"symbol":"XBTUSDTM","status":false}', n=20)),
        V.valid("post-change-cross-leverage-v2", "Cross-margin leverage (v2 path); leverage as a string.",
                ["post", "json-body", "v2"],
                req("POST", "/api/v2/changeCrossUserLeverage", body='{"symbol":"ETHUSDTM","leverage":"10"}', n=21)),
        V.valid("post-json-spaced-sdk-style",
                "Body serialised by json.dumps() defaults (', ' and ': '): sent and signed with the spaces.",
                ["post", "json-body", "sdk-behaviour"],
                req("POST", "/api/v1/orders", body=spaced(compact_json(OrderedDict(ORDER, clientOid="sc-fut-0005"))), n=22)),
        V.valid("post-json-nonascii", "Non-ASCII remark as raw UTF-8 in the body.", ["post", "json-body", "non-ascii"],
                req("POST", "/api/v1/orders",
                    body=compact_json(OrderedDict(ORDER, clientOid="sc-fut-0006", remark="止盈 März")), n=23)),
        V.valid("post-bullet-private-empty-body", "WebSocket token: POST with no body; the prehash ends at the path.",
                ["post", "empty-body"], req("POST", "/api/v1/bullet-private", n=24)),
        V.valid("delete-order-by-id", "Cancel by order id (a path segment).", ["delete"],
                req("DELETE", "/api/v1/orders/5cdfc138b21023a909e5ad55", n=25)),
        V.valid("delete-orders-by-symbol", "Cancel every open order of a contract: the query is in the endpoint.",
                ["delete", "query"], req("DELETE", "/api/v1/orders", "symbol=XBTUSDTM", n=26)),
        V.valid("delete-order-by-client-oid", "Cancel by client order id with its contract.", ["delete", "query"],
                req("DELETE", "/api/v1/orders/client-order/sc-fut-0001", "symbol=XBTUSDTM", n=27)),
        V.invalid("key-version-1-no-header", "Key v1 without KC-API-KEY-VERSION: plaintext passphrase, signed as the "
                  "recipe says. Key v1 was retired in 2021: another scheme, which sigconform does not check.",
                  ["get", "query", "key-v1", "passphrase"],
                  req("GET", "/api/v1/account-overview", "currency=XBT", n=28, version=None), Mistake("unsupported_scheme", signed_correctly=True)),
        V.valid("key-version-3", "KC-API-KEY-VERSION: 3: signed passphrase, as v2.", ["get", "query", "key-v3", "passphrase"],
                req("GET", "/api/v1/positions", "currency=XBT", n=29, version="3")),
        V.valid("time-client-ahead-4900ms", "Client clock 4.9 s ahead: inside the 5 s window.", ["get", "time", "boundary"],
                req("GET", "/api/v1/position", "symbol=ETHUSDTM", n=30), server_time=int(ts(30)) - 4900),
        V.valid("time-client-behind-5000ms", "Arrives exactly 5 s after its timestamp: accepted.", ["get", "time", "boundary"],
                req("GET", "/api/v1/position", "symbol=XBTUSDM", n=31), server_time=int(ts(31)) + 5000),
    ]


def mistake_vectors():
    orders = req("GET", "/api/v1/orders", "symbol=XBTUSDTM&status=active&side=sell", n=40)
    placed = order(41, clientOid="sc-fut-0040")
    history = req("GET", "/api/v1/transaction-history", "type=RealisedPNL%2CTransferIn&currency=USDT", n=42)
    overview = lambda n: req("GET", "/api/v1/account-overview", "currency=USDT", n=n)
    return [
        V.invalid("unsorted-params-signed-sorted", "Sent the filters in insertion order, signed them sorted by key.",
                  ["get", "query"], orders, Mistake("unsorted_params", client=with_(orders, query=sorted_query(orders["query"])))),
        V.invalid("body-encoding-spaced-json", "Sent compact JSON, signed json.dumps() output with its spaces.",
                  ["post", "json-body"], placed, Mistake("body_encoding", client=with_(placed, body=spaced(placed["body"])))),
        V.invalid("body-encoding-sorted-keys", "Sent the body in insertion order, signed it with sorted keys.",
                  ["post", "json-body"], placed, Mistake("body_encoding", client=with_(placed, body=sorted_keys(placed["body"])))),
        V.invalid("query-encoding-signed-encoded-form",
                  "Signed the query as sent (%2C); KuCoin verifies the decoded form (JKorf/Kucoin.Net#72).",
                  ["get", "query"], history,
                  Mistake("query_encoding", client=dict(history, path=history["path"] + "?" + history["query"], query=""))),
        V.invalid("clock-drift-behind", "Correct signature, arrived 7.5 s after its timestamp (window 5 s).",
                  ["get", "time"], overview(43), Mistake("clock_drift"), server_time=int(ts(43)) + 7500),
        V.invalid("timestamp-mismatch", "KC-API-TIMESTAMP is T, the client signed T - 1.2 s.", ["post", "json-body", "time"],
                  placed, Mistake("timestamp_mismatch", client=with_(placed, ts=str(int(placed["ts"]) - 1200)))),
        V.invalid("timestamp-units-signed-seconds", "Header in ms, prehash built with seconds.", ["get", "time"],
                  overview(44), Mistake("timestamp_units", client=with_(overview(44), ts=str(int(ts(44)) // 1000)))),
        V.invalid("secret-whitespace-trailing-newline", "Key = secret + '\\n'.", ["get", "secret"],
                  overview(45), Mistake("secret_whitespace", key=(V.credentials["secret"] + "\n").encode())),
        V.invalid("wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256, base64.", ["post", "hash"],
                  placed, Mistake("wrong_hash", hash_name="sha512")),
        V.invalid("wrong-output-encoding-hex", "Right HMAC, sent as hex instead of base64.", ["get", "encoding"],
                  overview(46), Mistake("wrong_output_encoding", encoding="hex")),
        V.invalid("method-case-lowercase", "Signed 'post' instead of 'POST'.", ["post", "method"],
                  placed, Mistake("method_case", client=with_(placed, method="post"))),
        V.invalid("path-mismatch-query-omitted", "GET with a query, signed with the bare path.", ["get", "query", "path"],
                  overview(47), Mistake("path_mismatch", client=with_(overview(47), query=""))),
        V.invalid("missing-component-body", "POST signed without its body.", ["post", "json-body"],
                  placed, Mistake("missing_component", client=with_(placed, body=""))),
        V.invalid("unexplained-spot-secret", "Signed with the spot key's secret: no single mistake reproduces it.",
                  ["get", "secret"], overview(48), Mistake("unexplained", key=b"sc-test-kucoin-secret-7f3c9a10")),
    ]


if __name__ == "__main__":
    V.write("requests", "Valid signed KuCoin Futures requests (api-futures.kucoin.com; GET/POST/DELETE, decoded "
            "query, JSON bodies, key versions 1/2/3, 5 s window); cross-checked with ccxt's kucoinfutures "
            "(docs/clients.md).", [DOCS, NEW_DOCS, CCXT], request_vectors(), V.defaults(), min_valid=20)
    V.write("mistakes", "KuCoin Futures requests as buggy clients sent them, one diagnosis class each; the "
            "passphrase header is always the correct one.", [DOCS, "https://github.com/JKorf/Kucoin.Net/issues/72"],
            mistake_vectors(), V.defaults(), min_classes=10)
