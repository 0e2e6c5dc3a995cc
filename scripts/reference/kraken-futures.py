#!/usr/bin/env python3
"""Reference vectors for Kraken Futures (`kraken-futures`, futures.kraken.com), HMAC keys.

An API family of Kraken (issue 14) with its own scheme, from the docs
(https://docs.kraken.com/api/docs/guides/futures-rest, "Authentication"):
  - headers APIKey, Authent and, optionally, Nonce;
  - Authent = base64(HMAC-SHA512(base64decode(api_secret), SHA256(postData + Nonce +
    endpointPath))), the SHA-256 digest in raw bytes (so vectors carry expect.prehashHex);
  - postData: "the parameters sent to an HTTP endpoint, formatted as a & concatenated string
    in the form <argument>=<value>"; since 20 Feb 2024 "the full, url-encoded URI component as
    it appears in the request", the decoded form still accepted for now ("backward
    compatible ... we aim to phase out the old method"; support article 360022635592);
  - Nonce "is not required"; when the header is absent it is not in the string;
  - endpointPath: "the URL extension of the endpoint. Example: /api/v3/orderbook".

Rerun: `python3 scripts/reference/kraken-futures.py` rewrites
vectors/kraken-futures/{requests,mistakes}.json deterministically.

Decisions (see also vectors/kraken-futures/venue.json notes):
  - endpointPath strips "/derivatives": requests go to https://futures.kraken.com/derivatives/
    api/v3/..., the docs' example endpointPath is "/api/v3/orderbook", ccxt's krakenfutures
    signs "/api/" + version + "/" + path while sending to .../derivatives/api/, and the docs'
    own sample implementations strip it too. Paths outside /derivatives (the history API,
    /api/history/v2/...) are signed whole, as ccxt does.
  - postData is the query as sent, or the body as sent when the parameters travel in the body
    (ccxt's batchorder: body "json=..."); no vector has both. The decoded form (the old
    method) is a key option "post-data": "decoded", which the server still accepts: a request
    signed that way is checked under both choices and is right under one.
  - No clock window: the nonce is only "continuously incrementing", tolerating brief reordering.
"""
import base64
import hashlib
from collections import OrderedDict
from urllib.parse import quote, unquote_plus

from engine import Clock, Mistake, Venue, b64_secret, compact_json, with_

DOCS = "https://docs.kraken.com/api/docs/guides/futures-rest"
SUPPORT = "https://support.kraken.com/hc/en-us/articles/360022635592-Generate-authentication-strings-REST-API-"
CCXT = "https://github.com/ccxt/ccxt/blob/master/python/ccxt/krakenfutures.py"
GENERATOR = "scripts/reference/kraken-futures.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte
PREFIX = "/derivatives"


def endpoint_path(path: str) -> str:
    return path[len(PREFIX):] if path == PREFIX or path.startswith(PREFIX + "/") else path


def post_data(query: str, body: str, decoded: bool) -> str:
    data = query + body
    return unquote_plus(data) if decoded else data


class KrakenFutures(Venue):
    name = "kraken-futures"
    generator = GENERATOR
    hash_name = "sha512"
    encoding = "base64"
    binary = True
    host = "futures.kraken.com"

    def key(self, creds):
        return base64.b64decode(creds["secret"])

    def prehash(self, parts, creds):
        text = parts.get("signed_data", post_data(parts["query"], parts["body"], parts.get("decoded", False)))
        text += parts.get("nonce") or ""
        text += parts.get("signed_path", endpoint_path(parts["path"]))
        return hashlib.sha256(text.encode("utf-8")).digest()

    def wire(self, parts, creds, signature):
        headers = OrderedDict([("APIKey", creds["apiKey"])])
        if parts.get("nonce"):
            headers["Nonce"] = parts["nonce"]
        headers["Authent"] = signature
        if parts["body"]:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return OrderedDict(method=parts["method"], host=self.host, path=parts["path"], query=parts["query"],
                           headers=headers, body=parts["body"])

    def read_wire(self, request, creds):
        h = request["headers"]
        parts = dict(method=request["method"], path=request["path"], query=request["query"], body=request["body"],
                     nonce=h.get("Nonce"), decoded=self.reading == "decoded")
        return self.prehash(parts, creds), h["Authent"]

    def arrival(self, parts):
        return int(parts.get("nonce") or parts["clock"]) + 300

    reading = "encoded"


V = KrakenFutures({"apiKey": "sc-test-kraken-futures-api-key-0001",
                   "secret": b64_secret("scTestKrakenFuturesSecretDoNotUse", 64)})
clock = Clock(CLOCK_START, 47_000)
D = "/derivatives/api/v3"


def req(method, path, query="", body="", n=0, nonce=True, **extra):
    ms = clock.at(n)
    return dict(method=method, path=path, query=query, body=body, nonce=str(ms) if nonce else None, clock=ms, **extra)


def ccxt_req(method, path, query="", body="", n=0, nonce=False, **extra):
    """A request without the optional Nonce header unless asked (ccxt sends none)."""
    return req(method, path, query, body, n, nonce, **extra)


def q(pairs):
    return "&".join(f"{k}={quote(v, safe='')}" for k, v in pairs)


BATCH = compact_json({"batchOrder": [OrderedDict([("order", "send"), ("order_tag", "1"), ("orderType", "lmt"),
                                                  ("symbol", "PF_XBTUSD"), ("side", "buy"), ("size", 1),
                                                  ("limitPrice", 60000)])]})


def request_vectors():
    req = ccxt_req
    return [
        V.valid("get-accounts-with-nonce", "Account balances with the optional Nonce header: postData empty, then the "
                "nonce, then the path without /derivatives.", ["get", "no-query", "nonce"],
                req("GET", D + "/accounts", n=1, nonce=True)),
        V.valid("get-accounts", "The same call without the optional Nonce header (as ccxt sends it): nothing between "
                "postData and endpointPath.", ["get", "no-query"], req("GET", D + "/accounts", n=2)),
        V.valid("get-open-positions", "Open positions.", ["get", "no-query"], req("GET", D + "/openpositions", n=3)),
        V.valid("get-open-orders", "Open orders.", ["get"],
                req("GET", D + "/openorders", n=4)),
        V.valid("get-fills-since", "Fills since a time: one query parameter with ':' escapes.", ["get", "query", "encoding"],
                req("GET", D + "/fills", q([("lastFillTime", "2026-01-01T00:00:00.000Z")]), n=5, nonce=True)),
        V.valid("get-notifications", "Notifications.", ["get"], req("GET", D + "/notifications", n=6)),
        V.valid("get-leverage-preferences", "Leverage preferences.", ["get"], req("GET", D + "/leveragepreferences", n=7)),
        V.valid("get-initial-margin", "Initial margin of a prospective order: several query parameters in the "
                "client's order.", ["get", "query"],
                req("GET", D + "/initialmargin", "orderType=lmt&symbol=PF_ETHUSD&side=buy&size=2&limitPrice=3500", n=8)),
        V.valid("post-sendorder-query", "Send an order: parameters in the query of a POST (the docs' and ccxt's "
                "form), postData = that query.", ["post", "query"],
                req("POST", D + "/sendorder", "orderType=lmt&symbol=PF_XBTUSD&side=buy&size=1&limitPrice=65000", n=9)),
        V.valid("post-sendorder-client-id", "cliOrdId and reduceOnly added.", ["post", "query"],
                req("POST", D + "/sendorder",
                    "orderType=lmt&symbol=PF_XBTUSD&side=sell&size=2&limitPrice=70000&cliOrdId=sc-kf-0001&reduceOnly=true",
                    n=10, nonce=True)),
        V.valid("post-sendorder-stop", "A stop order: stopPrice and triggerSignal.", ["post", "query"],
                req("POST", D + "/sendorder",
                    "orderType=stp&symbol=PF_XBTUSD&side=sell&size=1&limitPrice=59000&stopPrice=59500&triggerSignal=mark",
                    n=11)),
        V.valid("post-sendorder-form-body", "The same parameters as a form body instead of the query: postData is the body.",
                ["post", "form-body"],
                req("POST", D + "/sendorder", body="orderType=mkt&symbol=PF_ETHUSD&side=buy&size=3", n=12)),
        V.valid("post-cancelorder", "Cancel by order id.", ["post", "query"],
                req("POST", D + "/cancelorder", "order_id=c18f0c17-9971-40e6-8e5b-10df05d422f0", n=13)),
        V.valid("post-cancelallorders-symbol", "Cancel every order of a contract.", ["post", "query"],
                req("POST", D + "/cancelallorders", "symbol=PF_XBTUSD", n=14)),
        V.valid("post-cancelallordersafter", "Dead man's switch.", ["post", "query"],
                req("POST", D + "/cancelallordersafter", "timeout=60", n=15)),
        V.valid("post-editorder", "Edit an order.", ["post", "query"],
                req("POST", D + "/editorder", "orderId=c18f0c17-9971-40e6-8e5b-10df05d422f0&size=2&limitPrice=64000", n=16)),
        V.valid("post-batchorder-query-encoded", "Batch order: the JSON travels URL-encoded in the query and is "
                "signed as it appears in the request (the 2024 rule).", ["post", "query", "encoding", "json"],
                req("POST", D + "/batchorder", "json=" + quote(BATCH, safe=""), n=17)),
        V.valid("post-batchorder-form-body", "Batch order as ccxt sends it: body 'json=' + the JSON, unencoded, "
                "signed as sent.", ["post", "form-body", "json"],
                req("POST", D + "/batchorder", body="json=" + BATCH, n=18)),
        V.valid("post-transfer", "Transfer between margin accounts: a decimal amount.", ["post", "query"],
                req("POST", D + "/transfer", "fromAccount=flex&toAccount=cash&unit=USD&amount=12.5", n=19, nonce=True)),
        V.valid("put-leverage-preferences", "PUT: set the maximum leverage of a contract.", ["put", "query"],
                req("PUT", D + "/leveragepreferences", "symbol=PF_XBTUSD&maxLeverage=10", n=20)),
        V.valid("put-pnl-preferences", "PUT: profit-and-loss currency of a contract.", ["put", "query"],
                req("PUT", D + "/pnlpreferences", "symbol=PF_ETHUSD&pnlPreference=USD", n=21)),
        V.valid("post-orders-status-repeated", "Order status: orderIds repeated, as ccxt writes arrays.",
                ["post", "query", "repeated"],
                req("POST", D + "/orders/status",
                    "orderIds=c18f0c17-9971-40e6-8e5b-10df05d422f0&orderIds=d2a9b1e4-0c7b-4f3a-9a55-6c1e2f3a4b5c", n=22)),
        V.valid("get-history-orders", "History API (/api/history/v2, no /derivatives prefix): the path is signed whole.",
                ["get", "query", "history"], req("GET", "/api/history/v2/orders", f"since={CLOCK_START - 86_400_000}", n=23)),
        V.valid("get-history-executions", "History executions, paging parameters.", ["get", "query", "history"],
                req("GET", "/api/history/v2/executions", f"since={CLOCK_START - 86_400_000}&count=100&sort=asc", n=24,
                    nonce=False)),
        V.valid("post-sendorder-space-encoded", "A cliOrdId with a space, sent as %20 and signed as it appears in the "
                "request (postData encoded).", ["post", "query", "encoding", "space"],
                req("POST", D + "/sendorder", "orderType=lmt&symbol=PF_XBTUSD&side=buy&size=1&limitPrice=61000&cliOrdId=sc%20kf%202",
                    n=25)),
        V.valid("post-sendorder-space-signed-decoded",
                "The same kind of request signed the old way, with postData decoded (' '): Kraken still accepts it "
                "(support article: 'backward compatible ... we aim to phase out the old method'); key option "
                "postData = decoded.", ["post", "query", "encoding", "space", "decoded"],
                req("POST", D + "/sendorder", "orderType=lmt&symbol=PF_XBTUSD&side=buy&size=1&limitPrice=61500&cliOrdId=sc%20kf%203",
                    n=26, decoded=True, nonce=True)),
    ]


def mistake_vectors():
    order = req("POST", D + "/sendorder", "orderType=lmt&symbol=PF_XBTUSD&side=buy&size=1&limitPrice=62000", n=40)
    accounts = lambda n: req("GET", D + "/accounts", n=n)
    utf8 = {"apiKey": V.credentials["apiKey"], "secret": V.credentials["secret"]}
    return [
        V.invalid("path-mismatch-kept-derivatives", "Signed the endpointPath with its /derivatives prefix "
                  "(/derivatives/api/v3/sendorder); Kraken signs /api/v3/sendorder.", ["post", "query", "path"],
                  order, Mistake("path_mismatch", client=with_(order, signed_path=order["path"]))),
        V.invalid("unsorted-params-signed-sorted", "Sent the parameters in insertion order, signed them sorted by key.",
                  ["post", "query"], order,
                  Mistake("unsorted_params", client=with_(order, signed_data="&".join(sorted(order["query"].split("&")))))),
        V.invalid("wrong-hash-hmac-sha256", "HMAC-SHA256 instead of HMAC-SHA512.", ["post", "hash"],
                  order, Mistake("wrong_hash", hash_name="sha256")),
        V.invalid("wrong-output-encoding-hex", "Right HMAC, hex instead of base64.", ["get", "encoding"],
                  accounts(41), Mistake("wrong_output_encoding", encoding="hex")),
        V.invalid("wrong-secret-encoding-utf8", "The base64 secret used as UTF-8 text instead of decoded.", ["get", "secret"],
                  accounts(42), Mistake("wrong_secret_encoding", key=utf8["secret"].encode())),
        V.invalid("timestamp-mismatch-nonce", "Nonce header N, signed N - 3 (read the clock twice).", ["get", "nonce"],
                  accounts(43), Mistake("timestamp_mismatch", client=with_(accounts(43), nonce=str(int(accounts(43)["nonce"]) - 3)))),
        V.invalid("missing-component-nonce", "Sent a Nonce header but left it out of the signed string.", ["get", "nonce"],
                  accounts(44), Mistake("missing_component", client=with_(accounts(44), nonce=None))),
        V.invalid("unexplained-spot-secret", "Signed with the spot key's secret: no single mistake reproduces it.",
                  ["get", "secret"], accounts(45),
                  Mistake("unexplained", key=base64.b64decode(b64_secret("scTestKrakenSecretDoNotUse", 64)))),
    ]


if __name__ == "__main__":
    options = dict(V.defaults(), keyOptions={"post-data": "encoded"})
    requests = request_vectors()
    V.reading = "encoded"
    # The one vector signed the old way is read back as the server reads that form.
    decoded = [v for v in requests if "decoded" in v["tags"]]
    encoded = [v for v in requests if v not in decoded]
    V.write("requests", "Valid signed Kraken Futures requests (futures.kraken.com; /derivatives/api/v3 and "
            "/api/history/v2; parameters in the query or a form body; with and without Nonce); cross-checked "
            "with ccxt's krakenfutures (docs/clients.md).", [DOCS, SUPPORT, CCXT], encoded, options, min_valid=20)
    V.reading = "decoded"
    V.write("requests-decoded", "A Kraken Futures request signed the pre-2024 way (postData decoded), which "
            "Kraken still accepts (key option post-data = decoded).", [SUPPORT], decoded,
            dict(V.defaults(), keyOptions={"post-data": "decoded"}))
    V.reading = "encoded"
    V.write("mistakes", "Kraken Futures requests as buggy clients sent them, each with the one diagnosis that "
            "explains it.", [DOCS, SUPPORT], mistake_vectors(), options, min_classes=7)
