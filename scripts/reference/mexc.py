#!/usr/bin/env python3
"""Reference vectors for MEXC spot API v3 (`mexc`).

Rule, from https://mexcdevelop.github.io/apidocs/spot_v3_en/#signed (source repo
mexcdevelop/apidocs, file spot_v3_en/index.html, deploy 00de0db of 2025-08-08):
  - "totalParams is defined as the query string concatenated with the request body";
    signature = HMAC-SHA256(secretKey, totalParams), hex, sent as `signature` in the
    query string or request body; API key in the `X-MEXC-APIKEY` header;
  - "if there are special symbols such as comma in the parameter value, these symbols
    need to be URL encoded when signing, and encode only support uppercase";
  - "The signature is support lowercase only." (Chinese page: "签名 目前只支持小写");
  - `timestamp` in ms, `recvWindow` default 5000, max 60000; accept iff
    timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.

Rerun: `python3 scripts/reference/mexc.py` rewrites vectors/mexc/{docs,requests,
mistakes}.json deterministically.

Decisions:
  - Hex case. The brief and venues-reference.md (section 16) call MEXC hex
    case-insensitive, which the pre-2022 docs said ("not case sensitive"). Every docs
    revision since 2022-10 says "The signature is support lowercase only" (checked in
    the mexcdevelop/apidocs history). The current docs win: upper-case hex is a
    `wrong_output_encoding` mistake here, and the self-check compares exactly.
  - Percent-encoding: values are encoded with upper-case hex before signing, as the
    docs require; lower-case escapes in the signed string are a `query_encoding` mistake.
  - Bodies are application/x-www-form-urlencoded, as in the docs' curl examples. The
    docs' prose also mentions "request body with content type application/json" but
    gives no example of where `signature` goes or how a JSON body enters totalParams,
    so no JSON-body vector is claimed valid.
  - No empty-valued parameters (same reasoning as Binance, whose rule MEXC copies; the
    semi-official mexc-api JS client strips empty values before signing).
"""
import hashlib
import hmac
from binance_family import BinanceFamily
from engine import (Clock, Mistake, b64_decode_secret, compact_json, drop_param, lower_escapes,
                    pairs_request, query_string, replace_param, sorted_query, spaced_json, with_)

DOCS = "https://mexcdevelop.github.io/apidocs/spot_v3_en/#signed"
DOCS_SOURCE = ("https://github.com/mexcdevelop/apidocs/blob/00de0dbb4e57c62dc400c4fee4b1063e3898f123/spot_v3_en/index.html")
GENERATOR = "scripts/reference/mexc.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte


class Mexc(BinanceFamily):
    name = "mexc"
    generator = GENERATOR
    host = "api.mexc.com"
    api_key_header = "X-MEXC-APIKEY"
    hex_case_insensitive = False  # docs: "The signature is support lowercase only."


V = Mexc({"apiKey": "sc-test-mexc-api-key-0001", "secret": "sc-test-mexc-secret-9d41c07b"})
DOC_CREDS = {"apiKey": "mx0aBYs33eIilxBWC5", "secret": "45d0b3c26f2644f19bfb98b07741b2f5"}
ts = Clock(CLOCK_START, 59_000).text
req = pairs_request

ORDER = [("symbol", "MXUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("quantity", "50"),
         ("price", "2.3456")]
BATCH = [{"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "quantity": "0.0002",
          "price": "64000", "newClientOrderId": "grid-1"},
         {"symbol": "ETHUSDT", "side": "SELL", "type": "LIMIT", "quantity": "0.01",
          "price": "4100.5", "newClientOrderId": "grid-2"}]
WITHDRAW = [("coin", "USDT"), ("netWork", "TRC20"), ("address", "TXscTestAddress000000000000000000x"),
            ("amount", "25.5")]


def docs_vectors():
    doc = "symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000&timestamp=1644489390087"
    example1 = "323c96ab85a745712e95e63cad28903dd8292e4a905e99c4ee3932023843a117"
    out = [
        V.invalid("docs-example1-body-defect",
                  "DOC DEFECT. Docs 'Example 1' signs this form body with openssl and prints "
                  "323c96ab...; 'Example 2' runs the identical echo|openssl command and prints "
                  "fd3e4e85..., which is the correct HMAC. 323c96ab... is HMAC-SHA256 of the EMPTY "
                  "string under the docs' secret (checked below with Python's hmac): the published "
                  "command signed nothing, i.e. the whole totalParams was left out of the prehash.",
                  ["doc-example", "doc-defect", "post", "form-body"],
                  dict(method="POST", path="/api/v3/order", query="", body=doc), Mistake("missing_component", observed=example1), credentials=DOC_CREDS),
        V.valid("docs-example2-body",
                "Docs 'Example 2': same totalParams, published fd3e4e85... reproduces. The docs' "
                "curl sends it as a form body (-d), like Example 1.",
                ["doc-example", "post", "form-body"],
                dict(method="POST", path="/api/v3/order", query="", body=doc),
                credentials=DOC_CREDS),
        V.valid("docs-example3-mixed",
                "Docs 'Example 3': query 'symbol=BTCUSDT&side=BUY&type=LIMIT' + body "
                "'quantity=1&...', concatenated with no '&' ('...LIMITquantity=1...'); published "
                "d1a67661... reproduces.",
                ["doc-example", "post", "mixed"],
                dict(method="POST", path="/api/v3/order", query="symbol=BTCUSDT&side=BUY&type=LIMIT",
                     body="quantity=1&price=11&recvWindow=5000&timestamp=1644489390087"),
                credentials=DOC_CREDS),
    ]
    # Example 1's value is the HMAC of the empty message (found by sigconform's diagnosis,
    # confirmed here independently).
    assert hmac.new(DOC_CREDS["secret"].encode(), b"", hashlib.sha256).hexdigest() == example1
    assert out[1]["expect"]["signature"].startswith("fd3e4e85")
    assert out[2]["expect"]["signature"].startswith("d1a67661")
    return out


def request_vectors():
    batch = compact_json(BATCH)
    return [
        V.valid("get-account-minimal", "GET /api/v3/account with timestamp only.",
                ["get", "query"], req("GET", "/api/v3/account", [("timestamp", ts(1))])),
        V.valid("get-account-recvwindow-max",
                "recvWindow=60000 (the documented maximum); the server clock is 59 s past the "
                "timestamp.",
                ["get", "query", "recv-window", "time"],
                req("GET", "/api/v3/account", [("recvWindow", "60000"), ("timestamp", ts(2))]),
                server_time=int(ts(2)) + 59_000),
        V.valid("get-open-orders-symbol", "GET /api/v3/openOrders with a symbol.",
                ["get", "query"],
                req("GET", "/api/v3/openOrders", [("symbol", "MXUSDT"), ("timestamp", ts(3))])),
        V.valid("get-my-trades-range", "GET /api/v3/myTrades with a time range, unsorted order.",
                ["get", "query", "order"],
                req("GET", "/api/v3/myTrades",
                    [("symbol", "BTCUSDT"), ("startTime", str(CLOCK_START - 86_400_000)), ("endTime", str(CLOCK_START)),
                     ("limit", "100"), ("timestamp", ts(4))])),
        V.valid("get-order-client-id-reserved-chars",
                "origClientOrderId 'grid/bot:42' sent and signed as %2F/%3A (upper-case hex).",
                ["get", "query", "encoding"],
                req("GET", "/api/v3/order",
                    [("symbol", "MXUSDT"), ("origClientOrderId", "grid/bot:42"), ("timestamp", ts(5))])),
        V.valid("get-deposit-address-network", "GET /api/v3/capital/deposit/address.",
                ["get", "query"],
                req("GET", "/api/v3/capital/deposit/address",
                    [("coin", "USDT"), ("network", "TRC20"), ("timestamp", ts(6))])),
        V.valid("get-deposit-history-network-parens",
                "Network name 'BEP20(BSC)': parentheses percent-encoded as %28/%29 and signed so.",
                ["get", "query", "encoding"],
                req("GET", "/api/v3/capital/deposit/hisrec",
                    [("coin", "USDT"), ("network", "BEP20(BSC)"), ("limit", "100"), ("timestamp", ts(7))])),
        V.valid("get-withdraw-history", "GET /api/v3/capital/withdraw/history with a status filter.",
                ["get", "query"],
                req("GET", "/api/v3/capital/withdraw/history",
                    [("coin", "USDT"), ("status", "7"), ("limit", "50"), ("recvWindow", "10000"),
                     ("timestamp", ts(8))])),
        V.valid("get-sub-account-list", "GET /api/v3/sub-account/list with paging.",
                ["get", "query"],
                req("GET", "/api/v3/sub-account/list",
                    [("subAccount", "scTestSub0001"), ("page", "1"), ("limit", "10"), ("timestamp", ts(9))])),
        V.valid("post-order-query", "LIMIT order with every parameter in the query string.",
                ["post", "query"],
                req("POST", "/api/v3/order", ORDER + [("recvWindow", "5000"), ("timestamp", ts(10))])),
        V.valid("post-order-form-body", "Same order in an x-www-form-urlencoded body.",
                ["post", "form-body"],
                req("POST", "/api/v3/order", body=ORDER + [("timestamp", ts(11))])),
        V.valid("post-order-mixed-query-body",
                "symbol/side/type in the query, the rest in the body, joined with no '&'.",
                ["post", "mixed"],
                req("POST", "/api/v3/order", ORDER[:3], ORDER[3:] + [("timestamp", ts(12))])),
        V.valid("post-order-market-quote-qty", "MARKET order by quoteOrderQty; '10.50' signed as written.",
                ["post", "query", "numbers"],
                req("POST", "/api/v3/order",
                    [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "MARKET"), ("quoteOrderQty", "10.50"),
                     ("newClientOrderId", "dca-2026-01"), ("timestamp", ts(13))])),
        V.valid("post-withdraw-remark-space-percent20", "Withdrawal remark 'rent March' with %20 for the space.",
                ["post", "query", "encoding", "space"],
                req("POST", "/api/v3/capital/withdraw", WITHDRAW + [("remark", "rent March"), ("timestamp", ts(14))])),
        V.valid("post-withdraw-remark-space-plus", "Same remark form-style with '+' for the space, signed as sent.",
                ["post", "form-body", "encoding", "space"],
                req("POST", "/api/v3/capital/withdraw",
                    body=WITHDRAW + [("remark", "rent April"), ("timestamp", ts(15))], plus_for_space=True)),
        V.valid("post-withdraw-remark-literal-plus", "A literal '+' in the remark travels as %2B.",
                ["post", "query", "encoding", "plus"],
                req("POST", "/api/v3/capital/withdraw", WITHDRAW + [("remark", "fee+tip"), ("timestamp", ts(16))])),
        V.valid("post-withdraw-remark-at-comma-slash", "'@', ',' and '/' in the remark: %40, %2C, %2F.",
                ["post", "query", "encoding"],
                req("POST", "/api/v3/capital/withdraw",
                    WITHDRAW + [("remark", "ops@desk, ref 7/12"), ("timestamp", ts(17))])),
        V.valid("post-withdraw-remark-amp-equals", "'&' and '=' inside the remark: %26 and %3D.",
                ["post", "form-body", "encoding"],
                req("POST", "/api/v3/capital/withdraw",
                    body=WITHDRAW + [("remark", "k=v&x=y"), ("timestamp", ts(18))])),
        V.valid("post-withdraw-remark-nonascii", "Non-ASCII remark '房租 März', UTF-8 percent-encoded (upper-case hex).",
                ["post", "query", "encoding", "non-ascii"],
                req("POST", "/api/v3/capital/withdraw", WITHDRAW + [("remark", "房租 März"), ("timestamp", ts(19))])),
        V.valid("post-batch-orders-query",
                "batchOrders (compact JSON list) URL-encoded with upper-case hex, as the docs require "
                "for commas in batch parameters.",
                ["post", "query", "encoding", "json-in-param"],
                req("POST", "/api/v3/batchOrders", [("batchOrders", batch), ("timestamp", ts(20))])),
        V.valid("post-batch-orders-body", "Same batchOrders value in a form body.",
                ["post", "form-body", "encoding", "json-in-param"],
                req("POST", "/api/v3/batchOrders", body=[("batchOrders", batch), ("timestamp", ts(21))])),
        V.valid("post-virtual-sub-account-note", "Sub-account note 'desk A' with a space (%20).",
                ["post", "query", "encoding", "space"],
                req("POST", "/api/v3/sub-account/virtualSubAccount",
                    [("subAccount", "scTestSub0002"), ("note", "desk A"), ("timestamp", ts(22))])),
        V.valid("post-capital-transfer-body", "Universal transfer in a form body.",
                ["post", "form-body"],
                req("POST", "/api/v3/capital/transfer",
                    body=[("fromAccountType", "SPOT"), ("toAccountType", "FUTURES"), ("asset", "USDT"),
                          ("amount", "100"), ("timestamp", ts(23))])),
        V.valid("delete-order-query", "DELETE /api/v3/order by orderId.",
                ["delete", "query"],
                req("DELETE", "/api/v3/order",
                    [("symbol", "MXUSDT"), ("orderId", "C02__443776347957968896"), ("timestamp", ts(24))])),
        V.valid("delete-open-orders-symbol-list",
                "DELETE /api/v3/openOrders for two symbols: the comma is sent and signed as %2C.",
                ["delete", "query", "encoding"],
                req("DELETE", "/api/v3/openOrders", [("symbol", "BTCUSDT,ETHUSDT"), ("timestamp", ts(25))])),
        V.valid("delete-order-form-body", "DELETE with its parameters in a form body.",
                ["delete", "form-body"],
                req("DELETE", "/api/v3/order",
                    body=[("symbol", "MXUSDT"), ("origClientOrderId", "dca-2026-01"), ("timestamp", ts(26))])),
        V.valid("put-user-data-stream-keepalive", "PUT /api/v3/userDataStream (listenKey keep-alive, signed on MEXC).",
                ["put", "query"],
                req("PUT", "/api/v3/userDataStream",
                    [("listenKey", "pqia91ma19a5s61cv6a81va65sdf19v8a65a1a5s61cv6a81va65sdf19v8a65a1"),
                     ("timestamp", ts(27))])),
        V.valid("time-client-ahead-999ms", "Client clock 999 ms ahead: accepted.",
                ["get", "time", "boundary"],
                req("GET", "/api/v3/account", [("timestamp", ts(28))]), server_time=int(ts(28)) - 999),
        V.valid("time-at-recvwindow-edge", "Arrives exactly 5000 ms after the timestamp: accepted.",
                ["get", "time", "boundary"],
                req("GET", "/api/v3/account", [("timestamp", ts(29))]), server_time=int(ts(29)) + 5000),
        V.valid("docs-example2-as-query-string",
                "The docs' Example 2 parameters sent in the query string instead of the body: same "
                "totalParams, same signature fd3e4e85....",
                ["post", "query", "derived-from-docs"],
                dict(method="POST", path="/api/v3/order",
                     query="symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=11&recvWindow=5000"
                           "&timestamp=1644489390087", body=""),
                credentials=DOC_CREDS),
    ]


def mistake_vectors():
    trades = req("GET", "/api/v3/myTrades",
                 [("symbol", "MXUSDT"), ("startTime", str(CLOCK_START - 3_600_000)), ("limit", "20"), ("timestamp", ts(40))])
    batch_parts = req("POST", "/api/v3/batchOrders", [("batchOrders", compact_json(BATCH)), ("timestamp", ts(41))])
    cancel = req("DELETE", "/api/v3/openOrders", [("symbol", "BTCUSDT,ETHUSDT"), ("timestamp", ts(42))])
    order = req("POST", "/api/v3/order", ORDER + [("recvWindow", "5000"), ("timestamp", ts(43))])
    acct = lambda n: req("GET", "/api/v3/account", [("recvWindow", "5000"), ("timestamp", ts(n))])
    hex_secret = "5ce7a0b1d2c3f4e5a6b7c8d9e0f1a2b3"  # shaped like a MEXC secret: 32 hex, also valid base64
    return [
        V.invalid("unsorted-params-signed-sorted",
                  "Client sent insertion order but signed the parameters sorted by key.",
                  ["get", "query"], trades, Mistake("unsorted_params", client=with_(trades, query=sorted_query(trades["query"])))),
        V.invalid("body-encoding-batch-orders-spaced-json",
                  "Client sent batchOrders as compact JSON but signed json.dumps' spaced form.",
                  ["post", "query", "json-in-param"], batch_parts, Mistake("body_encoding", client=with_(batch_parts, query=query_string([("batchOrders", spaced_json(BATCH)),
                                                               ("timestamp", ts(41))])))),
        V.invalid("query-encoding-lowercase-hex",
                  "Client sent %2C but signed %2c: the docs say the encoding 'only support uppercase'.",
                  ["delete", "query", "hex-case"], cancel, Mistake("query_encoding", client=with_(cancel, query=lower_escapes(cancel["query"])))),
        V.invalid("query-encoding-comma-signed-raw",
                  "Client sent the symbol list as BTCUSDT%2CETHUSDT but signed the raw comma, which "
                  "the docs say must be URL-encoded when signing.",
                  ["delete", "query"], cancel, Mistake("query_encoding", client=with_(cancel, query=cancel["query"].replace("%2C", ",")))),
        V.invalid("clock-drift-behind", "Correct signature, arrived 7.5 s after the timestamp (recvWindow 5000).",
                  ["get", "time"], acct(44), Mistake("clock_drift"), server_time=int(ts(44)) + 7500),
        V.invalid("clock-drift-ahead", "Correct signature, client clock 3 s ahead of the server.",
                  ["get", "time"], acct(45), Mistake("clock_drift"), server_time=int(ts(45)) - 3000),
        V.invalid("timestamp-mismatch-1500ms", "Sent timestamp T, signed T - 1500 ms.",
                  ["post", "query", "time"], order, Mistake("timestamp_mismatch", client=with_(order, query=replace_param(order["query"], "timestamp", str(int(ts(43)) - 1500))))),
        V.invalid("timestamp-units-signed-seconds", "Sent timestamp in ms, signed it in seconds.",
                  ["get", "query", "time"], acct(46), Mistake("timestamp_units", client=with_(acct(46), query=replace_param(acct(46)["query"], "timestamp",
                                                             str(int(ts(46)) // 1000))))),
        V.invalid("secret-whitespace-crlf", "Key = secret + '\\r\\n' (secret pasted from a Windows file).",
                  ["get", "secret"], acct(47), Mistake("secret_whitespace", key=(V.credentials["secret"] + "\r\n").encode())),
        V.invalid("wrong-hash-sha384", "HMAC-SHA384 instead of HMAC-SHA256, hex.",
                  ["post", "hash"], order, Mistake("wrong_hash", hash_name="sha384")),
        V.invalid("wrong-output-encoding-uppercase-hex",
                  "Right HMAC as upper-case hex; MEXC docs: 'The signature is support lowercase only.'",
                  ["get", "encoding", "hex-case"], acct(48), Mistake("wrong_output_encoding", encoding="hex-upper")),
        V.invalid("wrong-output-encoding-base64", "Right HMAC, base64 instead of hex.",
                  ["post", "encoding"], order, Mistake("wrong_output_encoding", encoding="base64")),
        V.invalid("path-mismatch-signed-path-and-query",
                  "Client signed '/api/v3/order?' + query instead of the bare totalParams.",
                  ["post", "query", "path"], order, Mistake("path_mismatch", client=with_(order, query="/api/v3/order?" + order["query"]))),
        V.invalid("missing-component-recvwindow", "Sent recvWindow=5000 but left it out of the signed string.",
                  ["post", "query", "recv-window"], order, Mistake("missing_component", client=with_(order, query=drop_param(order["query"], "recvWindow")))),
        V.invalid("wrong-secret-encoding-hex-secret-decoded",
                  "A 32-hex-digit secret is also valid base64; the client base64-decoded it instead "
                  "of using its UTF-8 bytes.",
                  ["get", "secret"], acct(49), Mistake("wrong_secret_encoding", key=b64_decode_secret(hex_secret)),
                  credentials={"apiKey": "sc-test-mexc-api-key-0002", "secret": hex_secret}),
        V.invalid("unexplained-other-secret", "Signed with another key's secret.",
                  ["get", "secret"], acct(50), Mistake("unexplained", key=b"sc-test-mexc-other-secret")),
    ]


if __name__ == "__main__":
    V.write("docs", "Official worked examples from the MEXC spot v3 'SIGNED' section; Example 1's "
            "published signature is a doc defect, kept as an invalid vector.",
            [DOCS, DOCS_SOURCE], docs_vectors(), V.defaults())
    V.write("requests", "Valid signed requests (GET/POST/PUT/DELETE, query, form body, mixed, "
            "upper-case percent-encoding, time-window boundaries) computed from the documented rule.",
            [DOCS], request_vectors(), V.defaults())
    V.write("mistakes", "Requests as buggy clients sent them, one diagnosis class each.",
            [DOCS], mistake_vectors(), V.defaults())
