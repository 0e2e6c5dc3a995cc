#!/usr/bin/env python3
"""Reference vectors for Bitstamp HTTP API v2 authentication (X-Auth-Version v2).

Rule, from the docs' Authentication section (https://www.bitstamp.net/api/#section/Authentication)
and its official Python sample (reproduced in public copies, e.g. the one
quoted at https://www.ruby-forum.com/t/bitstamp-api-authentication/263119):

    prehash   = "BITSTAMP " + api_key + METHOD + "www.bitstamp.net" + path
                + query + content_type + nonce + timestamp + "v2" + body
    signature = lower-case hex( HMAC-SHA256( secret as UTF-8, prehash ) )

* No separators anywhere (a newline-separated string is a documented
  third-party error).
* query: the query string as sent WITHOUT the leading "?", "" when there is
  none. The official sample only shows the empty case ("'' (empty string) in
  message represents any query parameters or an empty string in case there
  are none"); the "no ?" reading follows the docs' description of the query
  component and is UNCONFIRMED, so only three vectors carry a query (tag
  "query-unconfirmed"). Private endpoints are POSTs that normally carry none.
* content_type: the Content-Type header value as sent, and omitted (with the
  header) when the body is empty. Form bodies use
  application/x-www-form-urlencoded; the body is signed exactly as sent,
  whatever its percent-encoding ("+" or %20 for a space).
* Headers: X-Auth ("BITSTAMP " + key), X-Auth-Signature, X-Auth-Nonce (a UUID4,
  36 characters, single use), X-Auth-Timestamp (ms), X-Auth-Version "v2",
  Content-Type. The sample emits lower-case hex (hexdigest()); older C#
  samples upper-case it and the server is said to accept both [unconfirmed],
  so upper-case hex is not used as a mistake here.
* Window: X-Auth-Timestamp must be within 150 s of the server's clock
  [UNCONFIRMED: from memory of the docs, not re-read]. Valid vectors arrive
  400 ms after their timestamp.
* Nonces are UUID4s derived from a fixed seed per vector, for determinism.

Run:  python3 scripts/reference/bitstamp-v2.py
It rewrites vectors/bitstamp-v2/{requests,mistakes}.json deterministically.
(No docs.json: Bitstamp publishes no worked example with a concrete secret.)
"""
from __future__ import annotations

import base64
import urllib.parse

from engine import Mistake, Venue, compact_json, quote, spaced_json, uuid4_for

VENUE = "bitstamp-v2"
GENERATOR = "scripts/reference/bitstamp-v2.py"
SOURCES = [
    "https://www.bitstamp.net/api/#section/Authentication",
    "https://www.ruby-forum.com/t/bitstamp-api-authentication/263119",
]
HOST = "www.bitstamp.net"
API_KEY = "sc-test-bitstamp-key-0001"
SECRET = "sc-test-bitstamp-secret-0001"
CLOCK_START = 1_700_000_000_000  # 2023-11-14T22:13:20Z: fixed, so regenerating never changes a byte
WINDOW_MS = 150_000
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def prehash(method, path, query, content_type, nonce, timestamp, body, api_key=API_KEY) -> str:
    return ("BITSTAMP " + api_key + method + HOST + path + query + (content_type if body else "")
            + nonce + str(timestamp) + "v2" + body)


def wire(method, path, query, content_type, nonce, timestamp, body, signature, api_key=API_KEY) -> dict:
    headers = {
        "X-Auth": "BITSTAMP " + api_key,
        "X-Auth-Signature": signature,
        "X-Auth-Nonce": nonce,
        "X-Auth-Timestamp": str(timestamp),
        "X-Auth-Version": "v2",
    }
    if body:
        headers["Content-Type"] = content_type
    return {"method": method, "host": HOST, "path": path, "query": query, "headers": headers, "body": body}


class Bitstamp(Venue):
    """parts: method, path, query, content_type, nonce, timestamp (ms), body as sent."""

    name = VENUE
    generator = GENERATOR

    def prehash(self, parts, creds):
        return prehash(parts["method"], parts["path"], parts["query"], parts["content_type"], parts["nonce"],
                       parts["timestamp"], parts["body"], creds["apiKey"])

    def wire(self, parts, creds, signature):
        return wire(parts["method"], parts["path"], parts["query"], parts["content_type"], parts["nonce"],
                    parts["timestamp"], parts["body"], signature, creds["apiKey"])

    def expect_headers(self, parts, creds, signature):
        return {"X-Auth": "BITSTAMP " + creds["apiKey"], "X-Auth-Signature": signature, "X-Auth-Version": "v2"}

    def read_wire(self, request, creds):
        h = request["headers"]
        assert h["X-Auth"].startswith("BITSTAMP ") and request["host"] == HOST
        text = prehash(request["method"], request["path"], request["query"], h.get("Content-Type", ""),
                       h["X-Auth-Nonce"], h["X-Auth-Timestamp"], request["body"], h["X-Auth"][len("BITSTAMP "):])
        return text, h["X-Auth-Signature"]


RULE = Bitstamp({"apiKey": API_KEY, "secret": SECRET})


def form(pairs, space="+") -> str:
    """A form body; space '+' as urlencode writes it, or '%20' as quote() does."""
    if space == "+":
        return urllib.parse.urlencode(pairs)
    return "&".join(f"{quote(k)}={quote(v)}" for k, v in pairs)


# (id, comment, tags, path, query, content type, body)
VALID = [
    ("balance-empty-body", "No body: no Content-Type header and no content type in the string to sign.",
     ["post", "empty-body"], "/api/v2/balance/", "", FORM, ""),
    ("balance-pair-empty-body", "Pair in the path, empty body.", ["post", "empty-body", "path-param"],
     "/api/v2/balance/btcusd/", "", FORM, ""),
    ("user-transactions-docs-shape", "The official sample's call: user_transactions with the form body offset=1.",
     ["post", "form-body", "docs-shape"], "/api/v2/user_transactions/", "", FORM, form([("offset", "1")])),
    ("user-transactions-paging", "Three form fields.", ["post", "form-body"], "/api/v2/user_transactions/btcusd/", "", FORM,
     form([("offset", "0"), ("limit", "100"), ("sort", "desc")])),
    ("buy-limit", "Limit buy with decimal amount and price.", ["post", "form-body", "order"], "/api/v2/buy/btcusd/", "", FORM,
     form([("amount", "0.001"), ("price", "36500.5")])),
    ("sell-limit-daily", "Limit sell with limit_price and daily_order=True.", ["post", "form-body", "order", "boolean"],
     "/api/v2/sell/btceur/", "", FORM,
     form([("amount", "0.25"), ("price", "34000"), ("limit_price", "33900"), ("daily_order", "True")])),
    ("buy-market", "Market buy.", ["post", "form-body", "order"], "/api/v2/buy/market/btcusd/", "", FORM,
     form([("amount", "0.0005")])),
    ("buy-instant", "Instant buy (the sample's xrpeur shape).", ["post", "form-body", "order"],
     "/api/v2/buy/instant/xrpeur/", "", FORM, form([("amount", "100")])),
    ("cancel-order", "Cancel by a 16-digit id.", ["post", "form-body"], "/api/v2/cancel_order/", "", FORM,
     form([("id", "1453282316578816")])),
    ("order-status-client-id", "Order status by client_order_id with '/', '@', ',' (percent-encoded in the body as sent).",
     ["post", "form-body", "encoding"], "/api/v2/order_status/", "", FORM,
     form([("client_order_id", "sc/test@a,b")])),
    ("open-orders-all", "Empty body on a list endpoint.", ["post", "empty-body"], "/api/v2/open_orders/all/", "", FORM, ""),
    ("btc-withdrawal", "Withdrawal with an address.", ["post", "form-body"], "/api/v2/btc_withdrawal/", "", FORM,
     form([("amount", "0.001"), ("address", "bc1qscTestAddr0000000000000000000000000")])),
    ("xrp-withdrawal-plus-space", "Memo with spaces encoded as '+' (urlencode): signed as sent.",
     ["post", "form-body", "space", "plus"], "/api/v2/xrp_withdrawal/", "", FORM,
     form([("amount", "25"), ("address", "rScTestAddr000000000000000000000"), ("destination_tag", "12345"),
           ("memo", "sc test memo")])),
    ("xrp-withdrawal-pct20-space", "The same memo encoded with %20: also signed as sent, so equally valid.",
     ["post", "form-body", "space"], "/api/v2/xrp_withdrawal/", "", FORM,
     form([("amount", "25"), ("address", "rScTestAddr000000000000000000000"), ("destination_tag", "12345"),
           ("memo", "sc test memo")], space="%20")),
    ("form-non-ascii", "Non-ASCII value percent-encoded as UTF-8 (é, €).", ["post", "form-body", "non-ascii"],
     "/api/v2/buy/btceur/", "", FORM, form([("amount", "0.01"), ("price", "33000"), ("client_order_id", "café-€-1")])),
    ("form-non-ascii-raw", "Non-ASCII sent as raw UTF-8 bytes in the form body: the UTF-8 bytes are signed.",
     ["post", "form-body", "non-ascii", "utf-8"], "/api/v2/buy/btceur/", "", FORM,
     "amount=0.01&price=33000&client_order_id=café-€-2"),
    ("form-empty-value", "An empty value (client_order_id=).", ["post", "form-body", "empty-value"], "/api/v2/buy/btcusd/", "",
     FORM, form([("amount", "0.002"), ("price", "36000"), ("client_order_id", "")])),
    ("form-amp-equals", "'&' and '=' inside a value, percent-encoded.", ["post", "form-body", "encoding"],
     "/api/v2/order_status/", "", FORM, form([("client_order_id", "a&b=c")])),
    ("websockets-token", "Empty body.", ["post", "empty-body"], "/api/v2/websockets_token/", "", FORM, ""),
    ("trading-fees", "Empty body.", ["post", "empty-body"], "/api/v2/fees/trading/", "", FORM, ""),
    ("crypto-transactions", "Two numeric form fields.", ["post", "form-body"], "/api/v2/crypto-transactions/", "", FORM,
     form([("limit", "50"), ("offset", "0")])),
    ("json-body-nested", "JSON body, Content-Type application/json, signed as sent: nested object and array. Illustrative: most private endpoints take form bodies, but the rule signs whatever content type and body are sent.",
     ["post", "json-body", "nested"], "/api/v2/earn/subscribe/", "", JSON,
     compact_json({"currency": "ETH", "amount": "1.5", "term": "FLEXIBLE", "options": {"auto_renew": True, "tags": ["a", "b"]}})),
    ("json-body-floats-null", "JSON numbers 0.1 and 1e-8 as written, and null.", ["post", "json-body", "float", "null"],
     "/api/v2/earn/subscribe/", "", JSON,
     '{"currency":"BTC","amount":0.1,"min_rate":1e-8,"reference":null,"confirm":false}'),
    ("json-body-non-ascii", "JSON with raw UTF-8 text.", ["post", "json-body", "non-ascii"], "/api/v2/earn/subscribe/", "",
     JSON, compact_json({"currency": "EUR", "amount": "10", "note": "Grüße €"})),
    ("query-single-param", "Query in the URL: signed without its '?' (rule unconfirmed, see the script).",
     ["post", "query", "query-unconfirmed", "empty-body"], "/api/v2/user_transactions/", "offset=1", FORM, ""),
    ("query-and-form-body", "Query plus a form body: query, then content type, nonce, timestamp, v2, body.",
     ["post", "query", "query-unconfirmed", "form-body"], "/api/v2/user_transactions/btcusd/", "limit=10&sort=asc", FORM,
     form([("offset", "5")])),
    ("query-encoded-values", "Query with percent-encoded ',' and space, signed byte for byte as sent.",
     ["post", "query", "query-unconfirmed", "encoding"], "/api/v2/crypto-transactions/",
     "currencies=btc%2Ceth&note=a%20b", FORM, ""),
]


def valid_vectors() -> list:
    vectors = []
    for index, (vid, comment, tags, path, query, content_type, body) in enumerate(VALID):
        nonce = uuid4_for("bitstamp-v2:" + vid)
        timestamp = CLOCK_START + index * 1_017
        parts = dict(method="POST", path=path, query=query, content_type=content_type, nonce=nonce,
                     timestamp=timestamp, body=body)
        vectors.append(RULE.valid(vid, comment, tags, parts, timestamp + 400))
    return vectors


B64_SECRET = "c2MtdGVzdC1iaXRzdGFtcC1iYXNlNjQtc2VjcmV0"  # valid base64 test secret


def mistake_vectors() -> list:
    vectors = []
    order_path, order_fields = "/api/v2/buy/btcusd/", [("amount", "0.001"), ("price", "36500.5")]
    order_body = form(order_fields)

    def add(vid, tags, index, path, content_type, body, make, arrival_delta=400, credentials=None, method="POST"):
        nonce = uuid4_for("bitstamp-v2-mistake:" + vid)
        timestamp = CLOCK_START + 600_000 + index * 1_017
        comment, mistake = make(nonce, timestamp)
        parts = dict(method=method, path=path, query="", content_type=content_type, nonce=nonce,
                     timestamp=timestamp, body=body)
        vectors.append(RULE.invalid(vid, comment, ["post"] + tags, parts, mistake, timestamp + arrival_delta,
                                    credentials))

    def signed(path, content_type, body, api_key=API_KEY, method="POST"):
        return lambda n, t: prehash(method, path, "", content_type, n, t, body, api_key)

    add("form-sent-json-signed", ["body", "form"], 1, order_path, FORM, order_body,
        lambda n, t: ("Sent the form body amount=…&price=… but signed the same fields as compact JSON.", Mistake("body_encoding",
                             client_prehash=prehash("POST", order_path, "", FORM, n, t, compact_json(dict(order_fields))))))
    json_path = "/api/v2/earn/subscribe/"
    json_fields = {"currency": "ETH", "amount": "1.5", "term": "FLEXIBLE"}
    add("json-sent-compact-signed-spaced", ["body", "json", "whitespace"], 2, json_path, JSON, compact_json(json_fields),
        lambda n, t: ("Sent compact JSON but signed json.dumps' default spaced JSON.", Mistake("body_encoding",
                             client_prehash=prehash("POST", json_path, "", JSON, n, t, spaced_json(json_fields)))))
    memo_fields = [("amount", "25"), ("address", "rScTestAddr000000000000000000000"), ("memo", "sc test memo")]
    add("form-sent-pct20-signed-plus", ["body", "form", "space"], 3, "/api/v2/xrp_withdrawal/", FORM,
        form(memo_fields, space="%20"),
        lambda n, t: ("The HTTP library re-encoded the form body with %20 after the client signed urlencode()'s '+' (percent-encoding of a key=value string: query_encoding, as for Kraken's form bodies).", Mistake("query_encoding",
                             client_prehash=prehash("POST", "/api/v2/xrp_withdrawal/", "", FORM, n, t, form(memo_fields)))))
    add("timestamp-too-old", ["clock"], 4, order_path, FORM, order_body,
        lambda n, t: ("Correct signature, but it arrived 152.5 s after X-Auth-Timestamp: outside the 150 s window (window unconfirmed).", Mistake("clock_drift",
                             client_prehash=signed(order_path, FORM, order_body)(n, t))),
        arrival_delta=WINDOW_MS + 2_500)
    add("timestamp-signed-37ms-earlier", ["timestamp"], 5, order_path, FORM, order_body,
        lambda n, t: ("Read the clock twice: X-Auth-Timestamp is T, the signed timestamp T - 37 ms.", Mistake("timestamp_mismatch",
                             client_prehash=signed(order_path, FORM, order_body)(n, t - 37))))
    add("timestamp-signed-in-seconds", ["timestamp", "units"], 6, "/api/v2/balance/", FORM, "",
        lambda n, t: ("X-Auth-Timestamp in milliseconds, but the string to sign used seconds (T // 1000).", Mistake("timestamp_units",
                             client_prehash=prehash("POST", "/api/v2/balance/", "", FORM, n, t // 1000, ""))))
    add("secret-trailing-newline", ["secret"], 7, "/api/v2/balance/", FORM, "",
        lambda n, t: ("Secret read from a file with a trailing newline: key bytes = secret + \"\\n\".", Mistake("secret_whitespace",
                             client_prehash=signed("/api/v2/balance/", FORM, "")(n, t), key=(SECRET + "\n").encode())))
    add("hmac-sha512", ["hash"], 8, order_path, FORM, order_body,
        lambda n, t: ("HMAC-SHA512 instead of HMAC-SHA256, hex.", Mistake("wrong_hash",
                             client_prehash=signed(order_path, FORM, order_body)(n, t), hash_name="sha512")))
    add("signature-base64", ["encoding"], 9, "/api/v2/balance/", FORM, "",
        lambda n, t: ("HMAC-SHA256 encoded as base64 instead of hex.", Mistake("wrong_output_encoding",
                             client_prehash=signed("/api/v2/balance/", FORM, "")(n, t), encoding="base64")))
    add("method-lower-case", ["method"], 10, order_path, FORM, order_body,
        lambda n, t: ("Signed \"post\" (the HTTP library's lower-case verb) instead of \"POST\".", Mistake("method_case",
                             client_prehash=signed(order_path, FORM, order_body, method="post")(n, t))))
    add("path-without-api-prefix", ["path"], 11, "/api/v2/balance/", FORM, "",
        lambda n, t: ("Base URL https://www.bitstamp.net/api, so it signed \"/v2/balance/\" without the \"/api\" prefix.", Mistake("path_mismatch",
                             client_prehash=signed("/v2/balance/", FORM, "")(n, t))))
    add("content-type-left-out", ["component", "content-type"], 12, order_path, FORM, order_body,
        lambda n, t: ("Body present, but the content type was left out of the string to sign (it is omitted only for an empty body).", Mistake("missing_component",
                             client_prehash=prehash("POST", order_path, "", FORM, n, t, order_body).replace(FORM, "", 1))))
    add("api-key-left-out", ["component", "api-key"], 13, "/api/v2/balance/", FORM, "",
        lambda n, t: ("Signed \"BITSTAMP \" without the API key after it.", Mistake("missing_component",
                             client_prehash=signed("/api/v2/balance/", FORM, "", api_key="")(n, t))))
    add("base64-secret-decoded", ["secret", "base64"], 14, "/api/v2/balance/", FORM, "",
        lambda n, t: ("The secret happens to be valid base64 and the client decoded it; Bitstamp uses its UTF-8 bytes.", Mistake("wrong_secret_encoding",
                             client_prehash=prehash("POST", "/api/v2/balance/", "", FORM, n, t, "", "sc-test-bitstamp-key-0002"),
                             key=base64.b64decode(B64_SECRET))),
        credentials={"apiKey": "sc-test-bitstamp-key-0002", "secret": B64_SECRET})
    add("newline-separated-components", ["separators"], 15, order_path, FORM, order_body,
        lambda n, t: ("Joined the components with newlines, as some third-party write-ups show: no listed mistake class covers separators.", Mistake("unexplained",
                             client_prehash="\n".join(["BITSTAMP " + API_KEY, "POST", HOST, order_path, "", FORM, n, str(t), "v2", order_body]))))
    add("signed-with-other-secret", ["secret"], 16, order_path, FORM, order_body,
        lambda n, t: ("Signed with another key's secret: no single known mistake reproduces the signature.", Mistake("unexplained",
                             client_prehash=signed(order_path, FORM, order_body)(n, t), key=b"sc-test-bitstamp-secret-9999")))
    return vectors


def main() -> None:
    RULE.write("requests", "Valid Bitstamp API v2 authenticated requests (synthetic, generated from the documented rule)",
               SOURCES, valid_vectors(), RULE.defaults())
    RULE.write("mistakes", "Bitstamp v2 requests as buggy clients sent them, each with the one mistake that explains its signature",
               SOURCES, mistake_vectors(), RULE.defaults())


if __name__ == "__main__":
    main()
