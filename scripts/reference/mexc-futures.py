#!/usr/bin/env python3
"""Reference vectors for MEXC futures (`mexc-futures`, the contract API v1), HMAC keys.

An API family of MEXC (issue 14) that signs unlike MEXC spot. Rule, from the contract docs
(https://mexcdevelop.github.io/apidocs/contract_v1_en/#access-and-authentication):
  - headers ApiKey (the access key), Request-Time (ms), Signature; POST bodies are JSON;
  - "For GET/DELETE requests, sort business parameters in dictionary order, concatenate
    them with &" (the docs' Java helper: a TreeMap by key, each value
    URLEncoder.encode(value).replace("+", "%20"), so upper-case escapes and %20);
    "for POST requests, the parameters to sign are the JSON string (no dictionary sorting)";
  - target string = accessKey + timestamp + parameter string; Signature = hex(HMAC-SHA256(
    secretKey, target)).
ccxt's mexc signs its `contract` section the same way (apiKey + timestamp + the keysorted
urlencoded query for GET/DELETE, + json(params) for POST); docs/clients.md compares.

Rerun: `python3 scripts/reference/mexc-futures.py` rewrites
vectors/mexc-futures/{requests,mistakes}.json deterministically.

Decisions:
  - The server re-sorts: the parameter string is rebuilt from the decoded parameters, sorted
    by key, each value re-encoded as the docs' helper does. So a query sent unsorted but
    signed sorted is valid (one vector), and sent unsorted and signed as sent is the
    `unsorted_params` mistake. Characters the docs' Java helper and RFC 3986 encode
    differently ('*', '~') are avoided.
  - Window: the docs give Recv-Window (optional, seconds, default 10, at most 60); no vector
    sends it. The recipe checks 10 s on both sides; the clock_drift vectors are more than
    60 s off, so their verdicts hold under any Recv-Window.
  - Host: the docs' contract.mexc.com; ccxt sends the same paths to api.mexc.com (the host is
    not signed).
"""
from collections import OrderedDict
from urllib.parse import quote, unquote_plus

from engine import Clock, Mistake, Venue, compact_json, spaced, sorted_keys, with_

DOCS = "https://mexcdevelop.github.io/apidocs/contract_v1_en/#access-and-authentication"
CCXT = "https://github.com/ccxt/ccxt/blob/master/python/ccxt/mexc.py"
GENERATOR = "scripts/reference/mexc-futures.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte
WINDOW_MS = 10_000


def pairs(query: str):
    return [tuple(unquote_plus(x) for x in (item.split("=", 1) + [""])[:2]) for item in query.split("&") if item]


def parameter_string(query: str) -> str:
    """The docs' helper: sorted by key, values percent-encoded (upper-case hex, %20 for space)."""
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in sorted(pairs(query), key=lambda kv: kv[0]))


class MexcFutures(Venue):
    name = "mexc-futures"
    generator = GENERATOR
    host = "contract.mexc.com"

    def prehash(self, parts, creds):
        params = parts["body"] if parts["body"] else parts.get("signed_query", parameter_string(parts["query"]))
        return creds["apiKey"] + parts["ts"] + params

    def wire(self, parts, creds, signature):
        headers = OrderedDict([("ApiKey", creds["apiKey"]), ("Request-Time", parts["ts"]), ("Signature", signature)])
        if parts["body"]:
            headers["Content-Type"] = "application/json"
        return OrderedDict(method=parts["method"], host=self.host, path=parts["path"], query=parts["query"],
                           headers=headers, body=parts["body"])

    def expect_headers(self, parts, creds, signature):
        return None

    def read_wire(self, request, creds):
        h = request["headers"]
        parts = dict(method=request["method"], path=request["path"], query=request["query"], body=request["body"],
                     ts=h["Request-Time"])
        return self.prehash(parts, creds), h["Signature"]

    def arrival(self, parts):
        return int(parts["ts"]) + 300

    def accept(self, request, creds, server_time):
        if abs(server_time - int(request["headers"]["Request-Time"])) > WINDOW_MS:
            return "Request-Time outside the receive window"
        return None


V = MexcFutures({"apiKey": "sc-test-mexc-futures-access-key-01", "secret": "sc-test-mexc-futures-secret-5b2e90af"})
ts = Clock(CLOCK_START, 53_000).text
P = "/api/v1/private"


def req(method, path, query="", body="", n=0, **extra):
    return dict(method=method, path=P + path, query=query, body=body, ts=ts(n), **extra)


ORDER = OrderedDict([("symbol", "BTC_USDT"), ("price", 65000), ("vol", 1), ("leverage", 10), ("side", 1), ("type", 1),
                     ("openType", 1), ("externalOid", "sc-mexc-fut-1")])


def request_vectors():
    return [
        V.valid("get-assets", "Every asset of the futures account, no parameters: the target is key + time.",
                ["get", "no-query"], req("GET", "/account/assets", n=1)),
        V.valid("get-asset-currency", "One currency's asset (a path parameter, not signed).", ["get"],
                req("GET", "/account/asset/USDT", n=2)),
        V.valid("get-open-positions", "Open positions of one contract.", ["get", "query"],
                req("GET", "/position/open_positions", "symbol=BTC_USDT", n=3)),
        V.valid("get-history-positions-sorted", "Four parameters sent in dictionary order.", ["get", "query", "sorted"],
                req("GET", "/position/list/history_positions", "page_num=1&page_size=20&symbol=BTC_USDT&type=1", n=4)),
        V.valid("get-history-orders-unsorted-sent",
                "Parameters sent in the client's order, signed in dictionary order: the server sorts "
                "what it receives, so the order on the wire does not matter.", ["get", "query", "order"],
                req("GET", "/order/list/history_orders", "symbol=ETH_USDT&states=3&page_size=50&page_num=1", n=5)),
        V.valid("get-open-orders-symbol-path", "Open orders: the contract in the path, paging in the query.",
                ["get", "query"], req("GET", "/order/list/open_orders/BTC_USDT", "page_num=1&page_size=20", n=6)),
        V.valid("get-order-by-id", "One order by id (path parameter).", ["get"], req("GET", "/order/get/739113577038255616", n=7)),
        V.valid("get-batch-query-comma-encoded",
                "Batch query: the ids' comma is URL-encoded on the wire and in the signed string "
                "(docs: 'for batch APIs ... these must be URL-encoded during signing').",
                ["get", "query", "encoding", "comma"],
                req("GET", "/order/batch_query", "order_ids=739113577038255616%2C739113577038255617", n=8)),
        V.valid("get-deal-details", "Fills of one order.", ["get"], req("GET", "/order/deal_details/739113577038255616", n=9)),
        V.valid("get-order-deals-range", "Fills of a contract over a time range.", ["get", "query"],
                req("GET", "/order/list/order_deals",
                    f"end_time={CLOCK_START}&page_num=1&page_size=100&start_time={CLOCK_START - 86_400_000}&symbol=BTC_USDT", n=10)),
        V.valid("get-funding-records", "Funding records.", ["get", "query"],
                req("GET", "/position/funding_records", "page_num=1&page_size=20&symbol=ETH_USDT", n=11)),
        V.valid("get-leverage", "Leverage of a contract.", ["get", "query"],
                req("GET", "/position/leverage", "symbol=BTC_USDT", n=12)),
        V.valid("get-position-mode", "Position mode, no parameters.", ["get", "no-query"],
                req("GET", "/position/position_mode", n=13)),
        V.valid("get-tiered-fee-rate", "Fee tier of a contract.", ["get", "query"],
                req("GET", "/account/tiered_fee_rate", "symbol=BTC_USDT", n=14)),
        V.valid("get-query-space-percent20", "A value with a space: %20 on the wire and in the signed string.",
                ["get", "query", "encoding", "space"],
                req("GET", "/order/list/history_orders", "external_oid=sc%20grid%201&symbol=BTC_USDT", n=15)),
        V.valid("post-order-submit", "Place an order: the compact JSON body is the parameter string, unsorted.",
                ["post", "json-body"], req("POST", "/order/submit", body=compact_json(ORDER), n=16)),
        V.valid("post-order-submit-stop-loss", "Order with take-profit and stop-loss prices (decimals).",
                ["post", "json-body", "numbers"],
                req("POST", "/order/submit", body=compact_json(OrderedDict(ORDER, externalOid="sc-mexc-fut-2",
                                                                            stopLossPrice=60000.5, takeProfitPrice=72000.25)), n=17)),
        V.valid("post-cancel-array", "Cancel orders: the body is a JSON array of ids.", ["post", "json-body"],
                req("POST", "/order/cancel", body='["739113577038255616","739113577038255617"]', n=18)),
        V.valid("post-cancel-all", "Cancel every order of a contract.", ["post", "json-body"],
                req("POST", "/order/cancel_all", body='{"symbol":"BTC_USDT"}', n=19)),
        V.valid("post-change-leverage", "Change leverage of a position.", ["post", "json-body"],
                req("POST", "/position/change_leverage", body='{"positionId":1394650,"leverage":20}', n=20)),
        V.valid("post-change-margin", "Add margin: a decimal and a string member.", ["post", "json-body"],
                req("POST", "/position/change_margin", body='{"positionId":1394650,"amount":12.5,"type":"ADD"}', n=21)),
        V.valid("post-change-position-mode", "Switch to one-way mode.", ["post", "json-body"],
                req("POST", "/position/change_position_mode", body='{"positionMode":2}', n=22)),
        V.valid("post-submit-batch-nested", "Batch orders: an array of objects.", ["post", "json-body", "nested"],
                req("POST", "/order/submit_batch",
                    body=compact_json([OrderedDict(ORDER, externalOid="sc-b1"), OrderedDict(ORDER, externalOid="sc-b2", price=64000)]), n=23)),
        V.valid("post-planorder-place", "Trigger (plan) order.", ["post", "json-body"],
                req("POST", "/planorder/place",
                    body='{"symbol":"BTC_USDT","vol":1,"side":1,"openType":1,"triggerPrice":70000,"triggerType":1,'
                         '"executeCycle":1,"orderType":5,"trend":1,"leverage":10}', n=24)),
        V.valid("post-json-spaced", "A JSON body with spaces (json.dumps defaults): signed as sent.",
                ["post", "json-body", "sdk-behaviour"],
                req("POST", "/order/cancel_all", body=spaced('{"symbol":"ETH_USDT"}'), n=25)),
        V.valid("time-client-ahead-9s", "Client clock 9 s ahead: inside the 10 s window.", ["get", "time", "boundary"],
                req("GET", "/account/assets", n=26), server_time=int(ts(26)) - 9000),
        V.valid("time-server-behind-10s", "Arrives 10 s after its Request-Time: accepted.", ["get", "time", "boundary"],
                req("GET", "/position/open_positions", "symbol=ETH_USDT", n=27), server_time=int(ts(27)) + 10_000),
    ]


def mistake_vectors():
    orders = req("GET", "/order/list/history_orders", "symbol=BTC_USDT&states=3&page_num=1&page_size=20", n=40)
    placed = req("POST", "/order/submit", body=compact_json(OrderedDict(ORDER, externalOid="sc-mexc-fut-40")), n=41)
    batch = req("GET", "/order/batch_query", "order_ids=739113577038255618%2C739113577038255619", n=42)
    assets = lambda n: req("GET", "/account/assets", n=n)
    return [
        V.invalid("unsorted-params-signed-as-sent",
                  "Sent and signed the parameters in insertion order; the docs sort them by key.",
                  ["get", "query"], orders, Mistake("unsorted_params", client=with_(orders, signed_query=orders["query"]))),
        V.invalid("query-encoding-comma-raw",
                  "Signed the batch ids with a raw ',' while the docs want it URL-encoded when signing.",
                  ["get", "query", "comma"], batch,
                  Mistake("query_encoding", client=with_(batch, signed_query="order_ids=739113577038255618,739113577038255619"))),
        V.invalid("body-encoding-spaced-json", "Sent compact JSON, signed json.dumps() output with its spaces.",
                  ["post", "json-body"], placed, Mistake("body_encoding", client=with_(placed, body=spaced(placed["body"])))),
        V.invalid("body-encoding-sorted-keys", "Sent the body in insertion order, signed it with sorted keys.",
                  ["post", "json-body"], placed, Mistake("body_encoding", client=with_(placed, body=sorted_keys(placed["body"])))),
        V.invalid("clock-drift-behind", "Correct signature, arrived 75 s after its Request-Time.", ["get", "time"],
                  assets(43), Mistake("clock_drift"), server_time=int(ts(43)) + 75_000),
        V.invalid("timestamp-mismatch", "Request-Time is T, the client signed T - 7 ms.", ["post", "json-body", "time"],
                  placed, Mistake("timestamp_mismatch", client=with_(placed, ts=str(int(placed["ts"]) - 7)))),
        V.invalid("timestamp-units-signed-seconds", "Header in ms, target built with seconds.", ["get", "time"],
                  assets(44), Mistake("timestamp_units", client=with_(assets(44), ts=str(int(ts(44)) // 1000)))),
        V.invalid("secret-whitespace-trailing-space", "Key = secret + ' '.", ["get", "secret"],
                  assets(45), Mistake("secret_whitespace", key=(V.credentials["secret"] + " ").encode())),
        V.invalid("wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256.", ["post", "hash"],
                  placed, Mistake("wrong_hash", hash_name="sha512")),
        V.invalid("wrong-output-encoding-base64", "Right HMAC, base64 instead of hex.", ["get", "encoding"],
                  assets(46), Mistake("wrong_output_encoding", encoding="base64")),
        V.invalid("missing-component-access-key", "Signed timestamp + parameters without the access key in front.",
                  ["get", "query"], orders,
                  Mistake("missing_component", client_prehash=orders["ts"] + parameter_string(orders["query"]))),
        V.invalid("unexplained-spot-secret", "Signed with the spot key's secret: no single mistake reproduces it.",
                  ["get", "secret"], assets(47), Mistake("unexplained", key=b"sc-test-mexc-secret-9d41c07b")),
    ]


if __name__ == "__main__":
    V.write("requests", "Valid signed MEXC futures (contract API) requests computed from the documented rule; "
            "cross-checked with ccxt's mexc contract section (docs/clients.md).", [DOCS, CCXT], request_vectors(),
            V.defaults(), min_valid=20)
    V.write("mistakes", "MEXC futures requests as buggy clients sent them, each with the one diagnosis that explains it.",
            [DOCS], mistake_vectors(), V.defaults(), min_classes=10)
