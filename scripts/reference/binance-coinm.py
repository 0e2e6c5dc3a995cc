#!/usr/bin/env python3
"""Reference vectors for Binance COIN-M futures (`binance-coinm`, the /dapi family), HMAC keys.

Rule, from https://developers.binance.com/docs/derivatives/coin-margined-futures/general-info
("SIGNED (TRADE and USER_DATA) Endpoint Security"), the same as USD(S)-M's:
  - totalParams = query string concatenated with the request body (no separator);
  - signature = hex(HMAC-SHA256(secretKey, totalParams)), "not case sensitive", the end part
    of the query string or request body;
  - API key in the `X-MBX-APIKEY` header; `timestamp` in ms; `recvWindow` defaults to 5000;
    accepted iff timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow;
  - host dapi.binance.com, paths /dapi/v1/… and /dapi/v2/…; symbols such as BTCUSD_PERP and
    BTCUSD_250627, quantities in contracts.

ccxt (binancecoinm, the dapiPrivate API) signs the same way: docs/clients.md compares every
vector. Rerun: `python3 scripts/reference/binance-coinm.py` rewrites
vectors/binance-coinm/{requests,mistakes}.json deterministically.

Decisions (as for binance-usdm): values percent-encoded (UTF-8, upper-case hex) and signed
exactly as sent; no empty-valued parameters in valid vectors; upper-case hex is accepted.
"""
from binance_family import BinanceFamily
from engine import (Clock, Mistake, b64_decode_secret, drop_param, pairs_request, replace_param,
                    sorted_query, with_)

DOCS = "https://developers.binance.com/docs/derivatives/coin-margined-futures/general-info"
GENERATOR = "scripts/reference/binance-coinm.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte


class BinanceCoinm(BinanceFamily):
    name = "binance-coinm"
    generator = GENERATOR
    host = "dapi.binance.com"
    api_key_header = "X-MBX-APIKEY"
    hex_case_insensitive = True  # docs: "The signature is not case sensitive."


V = BinanceCoinm({"apiKey": "sc-test-binance-coinm-api-key-0001",
                  "secret": "sc-test-binance-coinm-secret-7d41b0c2"})
ts = Clock(CLOCK_START, 67_000).text
req = pairs_request

ORDER = [("symbol", "BTCUSD_PERP"), ("side", "BUY"), ("type", "LIMIT"), ("timeInForce", "GTC"),
         ("quantity", "3"), ("price", "64000.1")]


def request_vectors():
    return [
        V.valid("get-account", "GET with timestamp as the only parameter.", ["get", "query"],
                req("GET", "/dapi/v1/account", [("timestamp", ts(1))])),
        V.valid("get-balance-recvwindow", "recvWindow=10000 sent and signed; the server clock is 8 s past the "
                "timestamp, inside the request's own window.", ["get", "query", "recv-window", "time"],
                req("GET", "/dapi/v1/balance", [("recvWindow", "10000"), ("timestamp", ts(2))]),
                server_time=int(ts(2)) + 8000),
        V.valid("get-position-risk-pair", "Positions of one pair (pair=BTCUSD covers every BTCUSD contract).",
                ["get", "query"], req("GET", "/dapi/v1/positionRisk", [("pair", "BTCUSD"), ("timestamp", ts(3))])),
        V.valid("get-open-orders-perp", "Open orders of the perpetual contract.", ["get", "query"],
                req("GET", "/dapi/v1/openOrders", [("symbol", "BTCUSD_PERP"), ("timestamp", ts(4))])),
        V.valid("get-open-orders-quarterly", "A delivery contract symbol with its date suffix.", ["get", "query"],
                req("GET", "/dapi/v1/openOrders", [("symbol", "ETHUSD_250627"), ("timestamp", ts(5))])),
        V.valid("get-user-trades-range", "Six parameters in the order the client chose.", ["get", "query"],
                req("GET", "/dapi/v1/userTrades", [("symbol", "BTCUSD_PERP"), ("startTime", str(CLOCK_START - 86_400_000)),
                                                   ("endTime", str(CLOCK_START)), ("limit", "100"), ("recvWindow", "5000"),
                                                   ("timestamp", ts(6))])),
        V.valid("get-income-timestamp-first", "Parameter order is free: timestamp first; signed as sent.",
                ["get", "query", "order"],
                req("GET", "/dapi/v1/income", [("timestamp", ts(7)), ("incomeType", "FUNDING_FEE"), ("symbol", "BTCUSD_PERP")])),
        V.valid("get-all-orders-sorted", "Parameters sent sorted by key (as ccxt's callers often do); signed as sent.",
                ["get", "query", "sorted"],
                req("GET", "/dapi/v1/allOrders", [("limit", "50"), ("symbol", "BTCUSD_PERP"), ("timestamp", ts(8))])),
        V.valid("get-adl-quantile", "ADL quantile, no symbol.", ["get", "query"],
                req("GET", "/dapi/v1/adlQuantile", [("timestamp", ts(9))])),
        V.valid("get-commission-rate", "Commission rate of one contract.", ["get", "query"],
                req("GET", "/dapi/v1/commissionRate", [("symbol", "BTCUSD_PERP"), ("timestamp", ts(10))])),
        V.valid("post-order-query", "LIMIT order with every parameter in the query.", ["post", "query", "order"],
                req("POST", "/dapi/v1/order", ORDER + [("timestamp", ts(11))])),
        V.valid("post-order-form-body", "The same order as an x-www-form-urlencoded body.", ["post", "form-body", "order"],
                req("POST", "/dapi/v1/order", body=ORDER + [("timestamp", ts(12))])),
        V.valid("post-order-mixed", "Mixed: part in the query, part in the body; totalParams is query + body with "
                "no separator.", ["post", "mixed", "order"],
                req("POST", "/dapi/v1/order", ORDER[:3], ORDER[3:] + [("timestamp", ts(13))])),
        V.valid("post-order-client-id-space", "newClientOrderId with a space, sent as %20 and signed as sent.",
                ["post", "query", "space", "encoding"],
                req("POST", "/dapi/v1/order", ORDER + [("newClientOrderId", "coin m 1"), ("timestamp", ts(14))])),
        V.valid("post-order-client-id-specials", "newClientOrderId with '/', '@' and ',' percent-encoded.",
                ["post", "query", "encoding"],
                req("POST", "/dapi/v1/order", ORDER + [("newClientOrderId", "a/b@c,d"), ("timestamp", ts(15))])),
        V.valid("post-market-reduce-only", "MARKET order with reduceOnly.", ["post", "query", "order"],
                req("POST", "/dapi/v1/order", [("symbol", "ETHUSD_PERP"), ("side", "SELL"), ("type", "MARKET"),
                                               ("quantity", "10"), ("reduceOnly", "true"), ("timestamp", ts(16))])),
        V.valid("post-leverage", "Change the initial leverage.", ["post", "query"],
                req("POST", "/dapi/v1/leverage", [("symbol", "BTCUSD_PERP"), ("leverage", "20"), ("timestamp", ts(17))])),
        V.valid("post-margin-type", "Change the margin type.", ["post", "form-body"],
                req("POST", "/dapi/v1/marginType", body=[("symbol", "BTCUSD_PERP"), ("marginType", "ISOLATED"),
                                                         ("timestamp", ts(18))])),
        V.valid("post-position-margin", "Add isolated margin (amount in the coin).", ["post", "query"],
                req("POST", "/dapi/v1/positionMargin", [("symbol", "BTCUSD_PERP"), ("amount", "0.01"), ("type", "1"),
                                                        ("timestamp", ts(19))])),
        V.valid("delete-order", "Cancel by orderId.", ["delete", "query"],
                req("DELETE", "/dapi/v1/order", [("symbol", "BTCUSD_PERP"), ("orderId", "12345678901"), ("timestamp", ts(20))])),
        V.valid("delete-all-open-orders", "Cancel every open order of a contract.", ["delete", "query"],
                req("DELETE", "/dapi/v1/allOpenOrders", [("symbol", "BTCUSD_PERP"), ("timestamp", ts(21))])),
        V.valid("put-listen-key-less-order-modify", "PUT (modify order) signs like the others.", ["put", "query"],
                req("PUT", "/dapi/v1/order", [("symbol", "BTCUSD_PERP"), ("side", "BUY"), ("orderId", "12345678902"),
                                              ("quantity", "2"), ("price", "63000"), ("timestamp", ts(22))])),
        V.valid("get-v2-leverage-bracket", "The v2 path of the family.", ["get", "query", "v2"],
                req("GET", "/dapi/v2/leverageBracket", [("symbol", "BTCUSD_PERP"), ("timestamp", ts(23))])),
        V.valid("get-account-recvwindow-max", "recvWindow at its maximum, 60000.", ["get", "query", "recv-window"],
                req("GET", "/dapi/v1/account", [("recvWindow", "60000"), ("timestamp", ts(24))]),
                server_time=int(ts(24)) + 59_000),
    ]


def mistake_vectors():
    trades = req("GET", "/dapi/v1/userTrades", [("symbol", "BTCUSD_PERP"), ("limit", "50"), ("recvWindow", "5000"),
                                                ("timestamp", ts(40))])
    order = req("POST", "/dapi/v1/order", ORDER + [("recvWindow", "5000"), ("timestamp", ts(41))])
    spaced = req("POST", "/dapi/v1/order", body=ORDER + [("newClientOrderId", "coin m 9"), ("timestamp", ts(42))])
    acct = lambda n: req("GET", "/dapi/v1/account", [("recvWindow", "5000"), ("timestamp", ts(n))])
    b64_secret = "scTestCoinmSecretLooksLikeBase64xAAAAbbbbCCCCddddEEEEffff0000222"
    return [
        V.invalid("unsorted-params-signed-sorted", "Sent the parameters in insertion order, signed them sorted by key.",
                  ["get", "query"], trades, Mistake("unsorted_params", client=with_(trades, query=sorted_query(trades["query"])))),
        V.invalid("query-encoding-space-signed-plus", "Sent spaces as %20 but signed them as '+'.",
                  ["post", "form-body", "space"], spaced, Mistake("query_encoding", client=with_(spaced, body=spaced["body"].replace("%20", "+")))),
        V.invalid("clock-drift-behind", "Correct signature, but it reached the server 6 s after its timestamp "
                  "(recvWindow 5000).", ["get", "time"], acct(43), Mistake("clock_drift"), server_time=int(ts(43)) + 6000),
        V.invalid("timestamp-mismatch", "Read the clock twice: sent T, signed T - 12 ms.", ["post", "query", "time"],
                  order, Mistake("timestamp_mismatch", client=with_(order, query=replace_param(order["query"], "timestamp", str(int(ts(41)) - 12))))),
        V.invalid("timestamp-units-signed-seconds", "Sent ms, signed seconds.", ["get", "query", "time"], acct(44), Mistake("timestamp_units", client=with_(acct(44), query=replace_param(acct(44)["query"], "timestamp", str(int(ts(44)) // 1000))))),
        V.invalid("missing-component-recvwindow", "Sent recvWindow=5000 but signed without it.", ["post", "query", "recv-window"],
                  order, Mistake("missing_component", client=with_(order, query=drop_param(order["query"], "recvWindow")))),
        V.invalid("secret-whitespace-newline", "key = secret + '\\n'.", ["get", "secret"], acct(45), Mistake("secret_whitespace", key=(V.credentials["secret"] + "\n").encode())),
        V.invalid("wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256.", ["post", "hash"], order, Mistake("wrong_hash", hash_name="sha512")),
        V.invalid("wrong-output-encoding-base64", "Right HMAC, base64 instead of hex.", ["get", "encoding"], acct(46), Mistake("wrong_output_encoding", encoding="base64")),
        V.invalid("wrong-secret-encoding-base64-decoded", "The secret looks like base64 and the client decoded it.",
                  ["get", "secret"], acct(47), Mistake("wrong_secret_encoding", key=b64_decode_secret(b64_secret)),
                  credentials={"apiKey": "sc-test-binance-coinm-api-key-0002", "secret": b64_secret}),
        V.invalid("unexplained-usdm-secret", "Signed with the USD-M key's secret: no single mistake reproduces it.",
                  ["get", "secret"], acct(48), Mistake("unexplained", key=b"sc-test-binance-usdm-secret-2f8c1e7a")),
    ]


if __name__ == "__main__":
    V.write("requests", "Valid signed COIN-M (/dapi) requests computed from the documented rule; cross-checked with "
            "ccxt's binancecoinm (docs/clients.md).", [DOCS], request_vectors(), V.defaults())
    V.write("mistakes", "COIN-M requests as buggy clients sent them, each with the one diagnosis that explains it.",
            [DOCS], mistake_vectors(), V.defaults())
