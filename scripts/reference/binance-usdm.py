#!/usr/bin/env python3
"""Reference vectors for Binance USD(S)-M futures (`binance-usdm`), HMAC keys.

Rule, from https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info
("SIGNED (TRADE and USER_DATA) Endpoint Security"):
  - totalParams = query string concatenated with the request body (no separator);
  - signature = hex(HMAC-SHA256(secretKey, totalParams)), "not case sensitive";
  - "make sure the signature is the end part of your query string or request body";
  - API key in the `X-MBX-APIKEY` header; `timestamp` in ms; `recvWindow` defaults to
    5000; the server accepts iff timestamp < serverTime + 1000 and
    serverTime - timestamp <= recvWindow.
  - GET parameters go in the query; POST/PUT/DELETE may use the query, an
    application/x-www-form-urlencoded body, or both. No JSON bodies.

Rerun: `python3 scripts/reference/binance-usdm.py` rewrites vectors/binance-usdm/
{docs,requests,mistakes}.json deterministically.

Decisions:
  - Values are percent-encoded (UTF-8, upper-case hex, %20 for space unless a vector
    says otherwise) and signed exactly as sent. Binance spot made encoding-before-
    signing mandatory from 2026-01-15 (spot CHANGELOG, "Time-sensitive notice"); the
    futures page only says the signature covers totalParams, i.e. the bytes sent.
  - No empty-valued parameters: Binance rejects `orderId=` with -1022 even when the
    signature is right (https://dev.binance.vision/t/faq-signature-for-this-request-is-not-valid/176),
    so such a request is not a "valid" vector.
  - Upper-case hex is accepted by the server (docs: "not case sensitive"), so it is
    not used as a wrong_output_encoding mistake here; base64 is.
  - Docs RSA example (PKCS#1 v1.5, key `vE3BDAL1…`): not a vector. The private key
    `test-prv-key.pem` is not published, so the value cannot be recomputed, and it is
    another recipe than HMAC.
"""
from binance_family import BinanceFamily
from engine import (Clock, Mistake, b64_decode_secret, compact_json, drop_param, pairs_request,
                    query_string, replace_param, sorted_query, spaced_json, with_)

DOCS = "https://developers.binance.com/docs/derivatives/usds-margined-futures/general-info"
GENERATOR = "scripts/reference/binance-usdm.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte


class BinanceUsdm(BinanceFamily):
    name = "binance-usdm"
    generator = GENERATOR
    host = "fapi.binance.com"
    api_key_header = "X-MBX-APIKEY"
    hex_case_insensitive = True  # docs: "The signature is not case sensitive."


V = BinanceUsdm({"apiKey": "sc-test-binance-usdm-api-key-0001",
                 "secret": "sc-test-binance-usdm-secret-2f8c1e7a"})
DOC_CREDS = {"apiKey": "dbefbc809e3e83c283a984c3a1459732ea7db1360ca80c5c2c8867408d28cc83",
             "secret": "2b5eb11e18796d12d88f13dc27dbbd02c2cc51ff7059765ed9821957d82bb4d9"}
ts = Clock(CLOCK_START, 61_000).text
req = pairs_request

ORDER = [("symbol", "BTCUSDT"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"),
         ("quantity", "0.010"), ("price", "65000.5")]
BATCH = [{"symbol": "BTCUSDT", "side": "BUY", "type": "LIMIT", "quantity": "0.001",
          "price": "60000", "timeInForce": "GTC", "newClientOrderId": "ladder-1"},
         {"symbol": "ETHUSDT", "side": "SELL", "type": "LIMIT", "quantity": "0.1",
          "price": "4100.25", "timeInForce": "GTX", "reduceOnly": "true"}]


def docs_vectors():
    doc_query = ("symbol=BTCUSDT&side=BUY&type=LIMIT&quantity=1&price=9000&timeInForce=GTC"
                 "&recvWindow=5000&timestamp=1591702613943")
    table_order = ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=9000"
                   "&recvWindow=5000&timestamp=1591702613943")
    mixed_q, mixed_b = ("symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC",
                        "quantity=1&price=9000&recvWindow=5000&timestamp=1591702613943")
    published = "3c661234138461fcc7a7d8746c6558c9842d4e10870d2ecbedf7777cad694af9"
    typo = "f9d0ae5e813ef6ccf15c2b5a434047a0181cb5a342b903b367ca6d27a66e36f2"
    out = [
        V.valid("docs-example1-query",
                "Docs 'Example 1: As a query string', POST /fapi/v1/order, published signature "
                "3c661234... reproduces. (The docs' curl shows 'signature= 3c66...' with a stray "
                "space and host 'fapi/binance.com'; the request here is what the echo|openssl line "
                "signs, sent without those typos.)",
                ["doc-example", "post", "query"],
                dict(method="POST", path="/fapi/v1/order", query=doc_query, body=""),
                credentials=DOC_CREDS),
        V.valid("docs-example2-body",
                "Docs 'Example 2: As a request body': same totalParams as Example 1 sent as an "
                "x-www-form-urlencoded body; same published signature 3c661234....",
                ["doc-example", "post", "form-body"],
                dict(method="POST", path="/fapi/v1/order", query="", body=doc_query),
                credentials=DOC_CREDS),
        V.invalid("docs-example3-mixed-typo",
                  "DOC DEFECT. Docs 'Example 3: Mixed query string and request body' publish "
                  "f9d0ae5e..., which is the HMAC of '...timeInForce=GTCquantity=1...&timestamp= "
                  "1591702613943' WITH a space after 'timestamp=' (as printed in the echo line and "
                  "the requestBody listing). The curl sends 'timestamp=1591702613943' without the "
                  "space; for those bytes the correct signature is 30baaf0f... (computed here, not "
                  "published). No single mistake class inserts a space, hence 'unexplained'.",
                  ["doc-example", "doc-defect", "post", "mixed"],
                  dict(method="POST", path="/fapi/v1/order", query=mixed_q, body=mixed_b), Mistake("unexplained", observed=typo, client=dict(method="POST", path="/fapi/v1/order", query=mixed_q,
                              body=mixed_b.replace("timestamp=", "timestamp= "))),
                  credentials=DOC_CREDS),
        V.invalid("docs-parameter-table-order",
                  "DOC DEFECT. The docs' parameter table and 'queryString' listing put timeInForce "
                  "before quantity, but the published 3c661234... signs quantity,price,timeInForce "
                  "(the echo line's order). A client that sends the listed order with the published "
                  "signature is rejected; the correct signature for the listed order is ec11dcc1.... "
                  "The two orders are neither sorted nor reversed, so no known mistake reproduces it.",
                  ["doc-example", "doc-defect", "post", "query", "order"],
                  dict(method="POST", path="/fapi/v1/order", query=table_order, body=""), Mistake("unexplained", observed=published, client=dict(method="POST", path="/fapi/v1/order", query=doc_query, body="")),
                  credentials=DOC_CREDS),
    ]
    assert out[0]["expect"]["signature"] == published == out[1]["expect"]["signature"]
    assert out[2]["expect"]["signature"].startswith("30baaf0f")
    assert out[3]["expect"]["signature"].startswith("ec11dcc1")
    return out


def request_vectors():
    batch = compact_json(BATCH)
    v = [
        V.valid("get-account-minimal", "GET with timestamp as the only parameter.",
                ["get", "query"], req("GET", "/fapi/v3/account", [("timestamp", ts(1))])),
        V.valid("get-balance-recvwindow-10000",
                "recvWindow=10000 sent and signed; the server clock is 9 s past the timestamp, "
                "inside the request's own window but outside the 5000 default.",
                ["get", "query", "recv-window", "time"],
                req("GET", "/fapi/v3/balance", [("recvWindow", "10000"), ("timestamp", ts(2))]),
                server_time=int(ts(2)) + 9000),
        V.valid("get-open-orders-symbol", "GET with a symbol and timestamp.",
                ["get", "query"],
                req("GET", "/fapi/v1/openOrders", [("symbol", "BTCUSDT"), ("timestamp", ts(3))])),
        V.valid("get-user-trades-range", "GET with six parameters in the order the client chose.",
                ["get", "query"],
                req("GET", "/fapi/v1/userTrades",
                    [("symbol", "ETHUSDT"), ("startTime", str(CLOCK_START - 86_400_000)), ("endTime", str(CLOCK_START)),
                     ("limit", "500"), ("recvWindow", "5000"), ("timestamp", ts(4))])),
        V.valid("get-income-timestamp-first",
                "Parameter order is free: timestamp first, unsorted; signed in the order sent.",
                ["get", "query", "order"],
                req("GET", "/fapi/v1/income",
                    [("timestamp", ts(5)), ("incomeType", "FUNDING_FEE"), ("symbol", "BTCUSDT"),
                     ("limit", "100")])),
        V.valid("get-order-client-id-reserved-chars",
                "origClientOrderId 'grid/bot:42' ('/' and ':' are allowed by the id pattern) sent "
                "percent-encoded as %2F/%3A and signed as sent.",
                ["get", "query", "encoding"],
                req("GET", "/fapi/v1/order",
                    [("symbol", "BTCUSDT"), ("origClientOrderId", "grid/bot:42"), ("timestamp", ts(6))])),
        V.valid("get-position-risk-nonascii-symbol",
                "Non-ASCII symbol (the listed perpetual '币安人生USDT') percent-encoded as UTF-8 with "
                "upper-case hex before signing.",
                ["get", "query", "encoding", "non-ascii"],
                req("GET", "/fapi/v3/positionRisk", [("symbol", "币安人生USDT"), ("timestamp", ts(7))])),
        V.valid("get-position-risk-nonascii-lowercase-hex",
                "Same symbol percent-encoded with lower-case hex digits: still valid, because the "
                "signature covers the bytes as sent.",
                ["get", "query", "encoding", "non-ascii"],
                req("GET", "/fapi/v3/positionRisk", [("symbol", "币安人生USDT"), ("timestamp", ts(8))],
                    upper=False)),
        V.valid("post-order-query-only", "LIMIT order with every parameter in the query string.",
                ["post", "query"],
                req("POST", "/fapi/v1/order", ORDER + [("recvWindow", "5000"), ("timestamp", ts(9))])),
        V.valid("post-order-form-body", "Same order with every parameter in a form body.",
                ["post", "form-body"],
                req("POST", "/fapi/v1/order", body=ORDER + [("timestamp", ts(10))])),
        V.valid("post-order-mixed-query-body",
                "symbol/side/type in the query, the rest in the body: totalParams joins them with "
                "NO '&' ('...type=LIMITtimeInForce=GTC...').",
                ["post", "mixed", "query", "form-body"],
                req("POST", "/fapi/v1/order", ORDER[:3], ORDER[3:] + [("timestamp", ts(11))])),
        V.valid("post-order-client-id-space-percent20",
                "newClientOrderId 'dca leg 1' with spaces sent as %20 in the body.",
                ["post", "form-body", "encoding", "space"],
                req("POST", "/fapi/v1/order",
                    body=ORDER + [("newClientOrderId", "dca leg 1"), ("timestamp", ts(12))])),
        V.valid("post-order-client-id-space-plus",
                "Same value sent form-style with '+' for each space; signed as sent ('+').",
                ["post", "form-body", "encoding", "space"],
                req("POST", "/fapi/v1/order",
                    body=ORDER + [("newClientOrderId", "dca leg 2"), ("timestamp", ts(13))],
                    plus_for_space=True)),
        V.valid("post-order-client-id-literal-plus",
                "A literal '+' in a value travels as %2B and is signed as %2B.",
                ["post", "form-body", "encoding", "plus"],
                req("POST", "/fapi/v1/order",
                    body=ORDER + [("newClientOrderId", "hedge+1"), ("timestamp", ts(14))])),
        V.valid("post-order-client-id-at-comma",
                "'@' and ',' in a value sent as %40 and %2C.",
                ["post", "form-body", "encoding"],
                req("POST", "/fapi/v1/order",
                    body=ORDER + [("newClientOrderId", "ops@desk,7"), ("timestamp", ts(15))])),
        V.valid("post-order-client-id-amp-equals",
                "'&' and '=' inside a value sent as %26 and %3D, so they do not split parameters.",
                ["post", "form-body", "encoding"],
                req("POST", "/fapi/v1/order",
                    body=ORDER + [("newClientOrderId", "k=v&x"), ("timestamp", ts(16))])),
        V.valid("post-order-nonascii-symbol-body",
                "Non-ASCII symbol in a form body, UTF-8 percent-encoded.",
                ["post", "form-body", "encoding", "non-ascii"],
                req("POST", "/fapi/v1/order",
                    body=[("symbol", "币安人生USDT"), ("side", "SELL"), ("type", "MARKET"),
                          ("quantity", "125"), ("timestamp", ts(17))])),
        V.valid("post-order-decimals-as-sent",
                "Trailing zeros are bytes: quantity=1.000 and stopPrice=0.10000000 are signed "
                "exactly as written.",
                ["post", "form-body", "numbers"],
                req("POST", "/fapi/v1/order",
                    body=[("symbol", "BTCUSDT"), ("side", "SELL"), ("type", "STOP_MARKET"),
                          ("quantity", "1.000"), ("stopPrice", "0.10000000"),
                          ("workingType", "MARK_PRICE"), ("priceProtect", "TRUE"),
                          ("timestamp", ts(18))])),
        V.valid("post-batch-orders-body",
                "batchOrders: a compact JSON array (nested objects, strings) percent-encoded as one "
                "form value; the signature covers the encoded JSON.",
                ["post", "form-body", "encoding", "json-in-param"],
                req("POST", "/fapi/v1/batchOrders", body=[("batchOrders", batch), ("timestamp", ts(19))])),
        V.valid("post-batch-orders-query", "Same batchOrders value in the query string.",
                ["post", "query", "encoding", "json-in-param"],
                req("POST", "/fapi/v1/batchOrders", [("batchOrders", batch), ("timestamp", ts(20))])),
        V.valid("put-modify-order-body", "PUT /fapi/v1/order (modify order) with a form body.",
                ["put", "form-body"],
                req("PUT", "/fapi/v1/order",
                    body=[("symbol", "BTCUSDT"), ("orderId", "283194212"), ("side", "BUY"),
                          ("quantity", "0.002"), ("price", "64000"), ("timestamp", ts(21))])),
        V.valid("put-modify-order-query", "PUT /fapi/v1/order with the parameters in the query.",
                ["put", "query"],
                req("PUT", "/fapi/v1/order",
                    [("symbol", "ETHUSDT"), ("origClientOrderId", "swing-2"), ("side", "SELL"),
                     ("quantity", "0.5"), ("price", "4200.10"), ("recvWindow", "2000"),
                     ("timestamp", ts(22))])),
        V.valid("delete-order-query", "DELETE /fapi/v1/order by orderId.",
                ["delete", "query"],
                req("DELETE", "/fapi/v1/order",
                    [("symbol", "BTCUSDT"), ("orderId", "283194212"), ("timestamp", ts(23))])),
        V.valid("delete-all-open-orders", "DELETE /fapi/v1/allOpenOrders with recvWindow=3000.",
                ["delete", "query", "recv-window"],
                req("DELETE", "/fapi/v1/allOpenOrders",
                    [("symbol", "ETHUSDT"), ("recvWindow", "3000"), ("timestamp", ts(24))])),
        V.valid("delete-batch-orders-id-list",
                "orderIdList is a JSON array in the query, sent as %5B1234567%2C2345678%5D.",
                ["delete", "query", "encoding", "json-in-param"],
                req("DELETE", "/fapi/v1/batchOrders",
                    [("symbol", "BTCUSDT"), ("orderIdList", "[1234567,2345678]"), ("timestamp", ts(25))])),
        V.valid("post-leverage-body", "POST /fapi/v1/leverage in a form body.",
                ["post", "form-body"],
                req("POST", "/fapi/v1/leverage",
                    body=[("symbol", "BTCUSDT"), ("leverage", "20"), ("timestamp", ts(26))])),
        V.valid("post-margin-type-query", "POST /fapi/v1/marginType in the query.",
                ["post", "query"],
                req("POST", "/fapi/v1/marginType",
                    [("symbol", "ETHUSDT"), ("marginType", "ISOLATED"), ("timestamp", ts(27))])),
        V.valid("post-position-side-dual", "Boolean parameter as text: dualSidePosition=true.",
                ["post", "form-body"],
                req("POST", "/fapi/v1/positionSide/dual",
                    body=[("dualSidePosition", "true"), ("timestamp", ts(28))])),
        V.valid("post-countdown-cancel-all", "POST /fapi/v1/countdownCancelAll, mixed query and body.",
                ["post", "mixed"],
                req("POST", "/fapi/v1/countdownCancelAll", [("symbol", "BTCUSDT")],
                    [("countdownTime", "120000"), ("timestamp", ts(29))])),
        V.valid("time-client-ahead-999ms",
                "Client clock 999 ms ahead of the server: accepted (timestamp < serverTime + 1000).",
                ["get", "time", "boundary"],
                req("GET", "/fapi/v3/account", [("timestamp", ts(30))]), server_time=int(ts(30)) - 999),
        V.valid("time-at-recvwindow-edge",
                "Arrives exactly recvWindow (5000 ms) after the timestamp: accepted (<=).",
                ["get", "time", "boundary"],
                req("GET", "/fapi/v3/account", [("timestamp", ts(31))]), server_time=int(ts(31)) + 5000),
        V.valid("docs-example3-as-sent",
                "The docs' Example 3 request exactly as its curl sends it (no space after "
                "'timestamp='), with the signature those bytes need (30baaf0f..., computed; the docs "
                "publish f9d0ae5e... for the misprinted string, see docs.json).",
                ["post", "mixed", "derived-from-docs"],
                dict(method="POST", path="/fapi/v1/order",
                     query="symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC",
                     body="quantity=1&price=9000&recvWindow=5000&timestamp=1591702613943"),
                credentials=DOC_CREDS),
    ]
    return v


def mistake_vectors():
    trades = req("GET", "/fapi/v1/userTrades",
                 [("symbol", "BTCUSDT"), ("startTime", str(CLOCK_START - 3_600_000)), ("limit", "50"),
                  ("recvWindow", "5000"), ("timestamp", ts(40))])
    income_insertion = req("GET", "/fapi/v1/income",
                           [("symbol", "ETHUSDT"), ("incomeType", "REALIZED_PNL"), ("timestamp", ts(41)),
                            ("limit", "20")])
    income = with_(income_insertion, query=sorted_query(income_insertion["query"]))  # SENT sorted
    batch = compact_json(BATCH)
    batch_parts = req("POST", "/fapi/v1/batchOrders", body=[("batchOrders", batch), ("timestamp", ts(42))])
    nonascii = req("GET", "/fapi/v3/positionRisk", [("symbol", "币安人生USDT"), ("timestamp", ts(43))])
    spaced_id = req("POST", "/fapi/v1/order", body=ORDER + [("newClientOrderId", "dca leg 9"), ("timestamp", ts(44))])
    order = req("POST", "/fapi/v1/order", ORDER + [("recvWindow", "5000"), ("timestamp", ts(45))])
    mixed = req("POST", "/fapi/v1/order", ORDER[:3], ORDER[3:] + [("recvWindow", "5000"), ("timestamp", ts(46))])
    acct = lambda n: req("GET", "/fapi/v3/account", [("recvWindow", "5000"), ("timestamp", ts(n))])
    b64_secret = "scTestUsdmSecretLooksLikeBase64xAAAAbbbbCCCCddddEEEEffff00001111"
    return [
        V.invalid("unsorted-params-signed-sorted",
                  "Client sent the parameters in insertion order but signed them sorted by key.",
                  ["get", "query"], trades, Mistake("unsorted_params", client=with_(trades, query=sorted_query(trades["query"])))),
        V.invalid("unsorted-params-signed-insertion-order",
                  "Client sent the parameters sorted by key (its HTTP layer sorted them) but signed "
                  "them in insertion order.",
                  ["get", "query"], income, Mistake("unsorted_params", client=income_insertion)),
        V.invalid("body-encoding-batch-orders-spaced-json",
                  "Client sent batchOrders as compact JSON but signed json.dumps' default "
                  "serialisation (', ' and ': ') of the same list.",
                  ["post", "form-body", "json-in-param"], batch_parts, Mistake("body_encoding", client=with_(batch_parts, body=query_string([("batchOrders", spaced_json(BATCH)),
                                                              ("timestamp", ts(42))])))),
        V.invalid("query-encoding-nonascii-signed-raw",
                  "Client sent the symbol percent-encoded but signed the raw UTF-8 characters "
                  "(the pre-2026 habit; Binance now requires encoding before signing).",
                  ["get", "query", "non-ascii"], nonascii, Mistake("query_encoding", client=with_(nonascii, query=f"symbol=币安人生USDT&timestamp={ts(43)}"))),
        V.invalid("query-encoding-space-signed-plus",
                  "Client sent spaces as %20 but signed them as '+' (signed with a form encoder, "
                  "sent with an RFC 3986 one).",
                  ["post", "form-body", "space"], spaced_id, Mistake("query_encoding", client=with_(spaced_id, body=spaced_id["body"].replace("%20", "+")))),
        V.invalid("clock-drift-behind",
                  "Correct signature, but the request reached the server 7.5 s after its timestamp "
                  "(recvWindow 5000).",
                  ["get", "time"], acct(47), Mistake("clock_drift"), server_time=int(ts(47)) + 7500),
        V.invalid("clock-drift-ahead",
                  "Correct signature, but the client clock is 3 s ahead of the server "
                  "(timestamp must be < serverTime + 1000).",
                  ["get", "time"], acct(48), Mistake("clock_drift"), server_time=int(ts(48)) - 3000),
        V.invalid("timestamp-mismatch-37ms",
                  "Client read the clock twice: sent timestamp T but signed T - 37 ms.",
                  ["post", "query", "time"], order, Mistake("timestamp_mismatch", client=with_(order, query=replace_param(order["query"], "timestamp", str(int(ts(45)) - 37))))),
        V.invalid("timestamp-units-signed-seconds",
                  "Client sent timestamp in ms but signed it in seconds (T // 1000).",
                  ["get", "query", "time"], acct(49), Mistake("timestamp_units", client=with_(acct(49), query=replace_param(acct(49)["query"], "timestamp",
                                                             str(int(ts(49)) // 1000))))),
        V.invalid("secret-whitespace-newline",
                  "The secret was read from a file with its trailing newline: key = secret + '\\n'.",
                  ["get", "secret"], acct(50), Mistake("secret_whitespace", key=(V.credentials["secret"] + "\n").encode())),
        V.invalid("wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256, hex.",
                  ["post", "hash"], order, Mistake("wrong_hash", hash_name="sha512")),
        V.invalid("wrong-output-encoding-base64",
                  "Right HMAC, encoded base64 instead of hex.",
                  ["get", "encoding"], acct(51), Mistake("wrong_output_encoding", encoding="base64")),
        V.invalid("path-mismatch-signed-path-and-query",
                  "Client signed '/fapi/v1/order?' + query (path and '?') instead of the bare "
                  "totalParams.",
                  ["post", "query", "path"], order, Mistake("path_mismatch", client=with_(order, query="/fapi/v1/order?" + order["query"]))),
        V.invalid("missing-component-body-of-mixed-request",
                  "Mixed request: client signed only the query string and left the form body out "
                  "of totalParams.",
                  ["post", "mixed"], mixed, Mistake("missing_component", client=with_(mixed, body=""))),
        V.invalid("missing-component-recvwindow",
                  "Client sent recvWindow=5000 but built the signed string without it.",
                  ["post", "query", "recv-window"], order, Mistake("missing_component", client=with_(order, query=drop_param(order["query"], "recvWindow")))),
        V.invalid("wrong-secret-encoding-base64-decoded",
                  "The secret happens to be valid base64 and the client base64-decoded it; Binance "
                  "uses the secret's UTF-8 bytes.",
                  ["get", "secret"], acct(52), Mistake("wrong_secret_encoding", key=b64_decode_secret(b64_secret)),
                  credentials={"apiKey": "sc-test-binance-usdm-api-key-0002", "secret": b64_secret}),
        V.invalid("unexplained-other-secret",
                  "Signed with a different (testnet) secret: no single mistake reproduces it.",
                  ["get", "secret"], acct(53), Mistake("unexplained", key=b"sc-test-binance-usdm-testnet-secret")),
    ]


if __name__ == "__main__":
    V.write("docs", "Official HMAC worked examples from the USD-M futures general-info page, "
            "including the two doc defects, kept as invalid vectors.",
            [DOCS], docs_vectors(), V.defaults())
    V.write("requests", "Valid signed requests (GET/POST/PUT/DELETE, query, form body, mixed, "
            "encodings, time-window boundaries) computed from the documented rule.",
            [DOCS, "https://developers.binance.com/docs/binance-spot-api-docs/CHANGELOG"], request_vectors(), V.defaults())
    V.write("mistakes", "Requests as buggy clients sent them; each carries the wrong signature "
            "the mistake produces and the single diagnosis class that explains it.",
            [DOCS], mistake_vectors(), V.defaults())
