#!/usr/bin/env python3
"""Reference vectors for Gemini private REST calls.

Rule, from the docs' "Private API invocation" page
(https://developer.gemini.com/authentication/api-key, formerly
https://docs.gemini.com/rest-api/#private-api-invocation):

    payload   = a JSON object holding "request" (the URL path) and "nonce"
                plus the call's parameters
    b64       = base64(UTF-8 bytes of that JSON text)         -> X-GEMINI-PAYLOAD
    prehash   = b64 (the base64 TEXT, not the JSON)
    signature = lower-case hex( HMAC-SHA384( secret as UTF-8, b64 ) )  -> X-GEMINI-SIGNATURE

* The request is a POST with an empty body; headers Content-Type text/plain,
  Content-Length 0, X-GEMINI-APIKEY, X-GEMINI-PAYLOAD, X-GEMINI-SIGNATURE,
  Cache-Control no-cache (the docs' header table).
* "Whitespace is ignored by the server ... the hashes are always taken on the
  base64 string directly, with no normalization" (docs): any JSON spacing is
  valid as long as the signature covers the base64 that was sent.
* Nonce: two modes, chosen when the key is provisioned (docs, "Private API
  invocation"); the recipe's key option "nonce" names them:
  - "time-based" (requests.json, mistakes.json): a key provisioned with
    "Uses a time based nonce" sends seconds "within +/- 30 seconds" of the
    server's clock. time.serverTime is nonce * 1000 + 400 ms, and the
    clock_drift vectors fall outside +/- 30 s.
  - "increasing" (increasing-nonce.json, docs.json): any other key takes any
    nonce greater than the last one; Gemini recommends milliseconds. ccxt
    (gemini.nonce(): milliseconds; sign(): str(nonce)) sends it as a JSON
    STRING, which these vectors include byte for byte as ccxt builds the
    payload: {"request", "nonce", params...}, compact JSON.

Run:  python3 scripts/reference/gemini.py
It rewrites vectors/gemini/{docs,requests,mistakes}.json deterministically.
"""
from __future__ import annotations

import base64
import json

from engine import Mistake, Venue, compact_json, sign, spaced_json

VENUE = "gemini"
GENERATOR = "scripts/reference/gemini.py"
DOCS_URL = "https://developer.gemini.com/authentication/api-key"
SOURCES = [DOCS_URL, "https://docs.gemini.com/rest-api/#private-api-invocation"]
API_KEY = "sc-test-gemini-key-0001"
SECRET = "sc-test-gemini-secret-0001"
NONCE0 = 1_700_000_000  # seconds: 2023-11-14T22:13:20Z
WINDOW_MS = 30_000


def b64(payload_text: str) -> str:
    return base64.b64encode(payload_text.encode("utf-8")).decode("ascii")


def wire(path: str, payload_b64: str, signature: str, api_key: str = API_KEY) -> dict:
    return {
        "method": "POST",
        "path": path,
        "query": "",
        "headers": {
            "Content-Type": "text/plain",
            "Content-Length": "0",
            "X-GEMINI-APIKEY": api_key,
            "X-GEMINI-PAYLOAD": payload_b64,
            "X-GEMINI-SIGNATURE": signature,
            "Cache-Control": "no-cache",
        },
        "body": "",
    }


class Gemini(Venue):
    """parts: path, text (the JSON payload as the client serialised it)."""

    name = VENUE
    generator = GENERATOR
    hash_name = "sha384"

    def prehash(self, parts, creds):
        return b64(parts["text"])

    def wire(self, parts, creds, signature):
        return wire(parts["path"], b64(parts["text"]), signature, creds["apiKey"])

    def expect_headers(self, parts, creds, signature):
        return {"X-GEMINI-SIGNATURE": signature}

    def read_wire(self, request, creds):
        h = request["headers"]
        return h["X-GEMINI-PAYLOAD"], h["X-GEMINI-SIGNATURE"]


RULE = Gemini({"apiKey": API_KEY, "secret": SECRET})


def payload(path: str, nonce, **params) -> dict:
    body = {"request": path, "nonce": nonce}
    body.update(params)
    return body


def docs_vectors() -> list:
    """The docs' worked example (doc-examples.json id gemini-order-status)."""
    # The docs' JSON, byte for byte: 4-space indent, a blank line, trailing newline.
    text = '{\n    "request": "/v1/order/status",\n    "nonce": 123456,\n\n    "order_id": 18834\n}\n'
    encoded = b64(text)
    published = "337cc8b4ea692cfe65b4a85fcc9f042b2e3f702ac956fd098d600ab15705775017beae402be773ceee10719ff70d710f"
    credentials = {"apiKey": "mykey", "secret": "1234abcd"}
    if sign("sha384", credentials["secret"].encode(), encoded, "hex") != published:
        raise SystemExit("gemini docs example no longer reproduces")
    comment = ("Docs example (doc-examples.json id gemini-order-status), reproduces: /v1/order/status payload (4-space indent, blank line, trailing newline are part "
               "of the signed base64), secret '1234abcd' from the docs' Python snippet, API key 'mykey' from the docs' "
               "sample request. The docs' nonce 123456 is a counter, not a time: the vector names the key option "
               "nonce=increasing (a key without a time-based nonce), under which no clock check applies.")
    vector = RULE.valid("order-status-docs", comment, ["doc-example", "post", "whitespace", "increasing-nonce"],
                        {"path": "/v1/order/status", "text": text}, NONCE0 * 1000, credentials)
    vector["keyOptions"] = {"nonce": "increasing"}
    return [vector]


# (id, comment, tags, path, payload text as sent)
def valid_cases() -> list:
    n = iter(range(NONCE0, NONCE0 + 10_000, 7))
    order = dict(client_order_id="sc-test-order-0001", symbol="btcusd", amount="0.5", price="36500.00",
                 side="buy", type="exchange limit")
    return [
        ("balances", "Smallest payload: request and nonce only, compact JSON.", ["post", "minimal"],
         "/v1/balances", compact_json(payload("/v1/balances", next(n)))),
        ("balances-account", "Master-key call naming a sub-account.", ["post"],
         "/v1/balances", compact_json(payload("/v1/balances", next(n), account="primary"))),
        ("order-new-limit", "New exchange-limit order with string amount and price.", ["post", "order"],
         "/v1/order/new", compact_json(payload("/v1/order/new", next(n), **order))),
        ("order-new-options-array", "Array parameter: options [\"maker-or-cancel\"].", ["post", "order", "array"],
         "/v1/order/new", compact_json(payload("/v1/order/new", next(n), **order, options=["maker-or-cancel"]))),
        ("order-new-stop-limit", "Stop-limit order: stop_price plus an options array.", ["post", "order", "array"],
         "/v1/order/new", compact_json(payload("/v1/order/new", next(n), client_order_id="sc-test-order-0002",
                                               symbol="ethusd", amount="2", price="1900.5", stop_price="1901",
                                               side="sell", type="exchange stop limit",
                                               options=["immediate-or-cancel"]))),
        ("order-status-boolean", "Integer id and a boolean (include_trades: true).", ["post", "boolean"],
         "/v1/order/status", compact_json(payload("/v1/order/status", next(n), order_id=18834, include_trades=True))),
        ("order-status-client-id", "client_order_id with '/', '@', ',' and '+' inside a JSON string.",
         ["post", "special-characters"], "/v1/order/status",
         compact_json(payload("/v1/order/status", next(n), client_order_id="sc/test@bot,run+1"))),
        ("order-cancel", "Cancel by integer id.", ["post"], "/v1/order/cancel",
         compact_json(payload("/v1/order/cancel", next(n), order_id=106817811))),
        ("cancel-session", "Session-wide cancel, no parameters.", ["post", "minimal"], "/v1/order/cancel/session",
         compact_json(payload("/v1/order/cancel/session", next(n)))),
        ("cancel-all", "Cancel all, no parameters.", ["post", "minimal"], "/v1/order/cancel/all",
         compact_json(payload("/v1/order/cancel/all", next(n)))),
        ("active-orders", "Active orders.", ["post", "minimal"], "/v1/orders",
         compact_json(payload("/v1/orders", next(n)))),
        ("mytrades", "Integer filters.", ["post", "integers"], "/v1/mytrades",
         compact_json(payload("/v1/mytrades", next(n), symbol="btcusd", limit_trades=50, timestamp=1699990000))),
        ("mytrades-null", "A null parameter value.", ["post", "null"], "/v1/mytrades",
         compact_json(payload("/v1/mytrades", next(n), symbol="ethusd", limit_trades=None))),
        ("transfers-false", "A false boolean.", ["post", "boolean"], "/v1/transfers",
         compact_json(payload("/v1/transfers", next(n), timestamp=1699990000, limit_transfers=10,
                              show_completed_deposit_advances=False))),
        ("notional-volume", "Path without parameters.", ["post", "minimal"], "/v1/notionalvolume",
         compact_json(payload("/v1/notionalvolume", next(n)))),
        ("new-address-non-ascii-raw", "Label with non-ASCII sent as raw UTF-8 inside the JSON; base64 covers the UTF-8 bytes.",
         ["post", "non-ascii", "utf-8"], "/v1/deposit/btc/newAddress",
         compact_json(payload("/v1/deposit/btc/newAddress", next(n), label="Café wallet € ✓"))),
        ("new-address-non-ascii-escaped", "The same label with \\u escapes (json.dumps ensure_ascii): different base64, equally valid.",
         ["post", "non-ascii", "escaped"], "/v1/deposit/btc/newAddress",
         json.dumps(payload("/v1/deposit/btc/newAddress", next(n), label="Café wallet € ✓"), separators=(",", ":"))),
        ("withdraw", "Withdrawal with address, amount and a client transfer id.", ["post"], "/v1/withdraw/btc",
         compact_json(payload("/v1/withdraw/btc", next(n), address="bc1qscTestAddr0000000000000000000000000",
                              amount="0.0001", client_transfer_id="sc-test-tx-0001"))),
        ("heartbeat", "Heartbeat.", ["post", "minimal"], "/v1/heartbeat",
         compact_json(payload("/v1/heartbeat", next(n)))),
        ("nonce-as-string", "Nonce sent as a JSON string (older clients do this); it is inside the payload, so it is signed as written.",
         ["post", "nonce"], "/v1/balances", compact_json({"request": "/v1/balances", "nonce": str(next(n))})),
        ("spaced-json", "json.dumps default spacing: the server ignores whitespace and hashes the base64 as sent.",
         ["post", "whitespace"], "/v1/order/new", spaced_json(payload("/v1/order/new", next(n), **order))),
        ("pretty-json-trailing-newline", "Indented JSON with a trailing newline, the docs' style.",
         ["post", "whitespace"], "/v1/order/cancel",
         json.dumps(payload("/v1/order/cancel", next(n), order_id=106817812), indent=4) + "\n"),
        ("json-number-floats", "Numbers as JSON numbers 0.1 and 1e-8 (the payload text is signed through its base64, so the spelling is whatever was sent).",
         ["post", "float", "exponent"], "/v1/order/new",
         '{"request":"/v1/order/new","nonce":%d,"symbol":"btcusd","amount":0.1,"price":1e-8,"side":"buy","type":"exchange limit"}' % next(n)),
        ("nested-object", "Nested object and array inside the payload (clearing order with details).",
         ["post", "nested"], "/v1/clearing/new",
         compact_json(payload("/v1/clearing/new", next(n), symbol="btcusd", amount="1", price="36500", side="buy",
                              expires_in_hrs=24, counterparty_id="OM9VNL1G",
                              details={"note": "sc-test", "tags": ["a", "b"]}))),
        ("empty-string-param", "Empty string value.", ["post", "empty-value"], "/v1/order/status",
         compact_json(payload("/v1/order/status", next(n), client_order_id=""))),
        ("account-detail", "Account detail with the account name containing a space.", ["post", "space"], "/v1/account",
         compact_json(payload("/v1/account", next(n), account="sc test sub"))),
        ("tradevolume-tabs", "Tabs and CRLF as JSON whitespace.", ["post", "whitespace"], "/v1/tradevolume",
         '{\t"request":\t"/v1/tradevolume",\r\n\t"nonce":\t%d\r\n}' % next(n)),
    ]


def nonce_of(text: str) -> int:
    return int(json.loads(text)["nonce"])


def signed_vectors(cases, arrival) -> list:
    """Valid vectors for (id, comment, tags, path, payload text) cases; `arrival(text)` is serverTime."""
    vectors = []
    for vid, comment, tags, path, text in cases:
        vectors.append(RULE.valid(vid, comment, tags, {"path": path, "text": text}, arrival(text)))
    return vectors


def valid_vectors() -> list:
    return signed_vectors(valid_cases(), lambda text: nonce_of(text) * 1000 + 400)


MS0 = NONCE0 * 1000 + 123


# (id, comment, tags, path, payload text as sent); keys with an increasing (not time-based) nonce.
def increasing_cases() -> list:
    n = iter(range(MS0, MS0 + 1_000_000, 1_013))
    order = dict(client_order_id="sc-test-order-0101", symbol="btcusd", amount="0.5", price="36500.00",
                 side="buy", type="exchange limit")
    return [
        ("ms-string-balances", "ccxt's shape: nonce in milliseconds as a JSON string, compact JSON.", ["post", "ccxt", "ms", "string-nonce"],
         "/v1/balances", compact_json(payload("/v1/balances", str(next(n))))),
        ("ms-string-order-new", "ccxt's shape for a new order: request, nonce (ms, string), then the parameters.", ["post", "order", "ccxt", "ms", "string-nonce"],
         "/v1/order/new", compact_json(payload("/v1/order/new", str(next(n)), **order))),
        ("ms-string-order-status", "Order status with a numeric order id, ms string nonce.", ["post", "ccxt", "ms", "string-nonce"],
         "/v1/order/status", compact_json(payload("/v1/order/status", str(next(n)), order_id=18834))),
        ("ms-string-mytrades", "Past trades with a limit, ms string nonce.", ["post", "ccxt", "ms", "string-nonce"],
         "/v1/mytrades", compact_json(payload("/v1/mytrades", str(next(n)), symbol="btcusd", limit_trades=50))),
        ("ms-number-balances", "Milliseconds as a JSON number (Gemini's recommendation, written as a number).", ["post", "ms"],
         "/v1/balances", compact_json(payload("/v1/balances", next(n)))),
        ("ms-number-spaced", "Milliseconds, json.dumps' spaced JSON: whitespace is ignored by the server, the base64 is signed as sent.", ["post", "ms", "whitespace"],
         "/v1/notionalvolume", spaced_json(payload("/v1/notionalvolume", next(n)))),
        ("us-number-cancel-all", "Microseconds: larger than any millisecond nonce before it, so still increasing.", ["post", "us"],
         "/v1/order/cancel/all", compact_json(payload("/v1/order/cancel/all", next(n) * 1000))),
        ("counter-heartbeat", "A plain counter (the docs' worked example uses 123456): any increasing integer.", ["post", "counter"],
         "/v1/heartbeat", compact_json(payload("/v1/heartbeat", 7))),
        ("seconds-on-increasing-key", "Seconds are increasing integers too: a time-based client works with this key.", ["post", "seconds"],
         "/v1/balances", compact_json(payload("/v1/balances", NONCE0 + 5))),
    ]


def increasing_vectors() -> list:
    """No clock check applies to these keys; serverTime is an hour after the first nonce anyway."""
    return signed_vectors(increasing_cases(), lambda text: MS0 + 3_600_000)


B64_SECRET = "c2MtdGVzdC1nZW1pbmktYmFzZTY0LWxvb2tpbmctc2VjcmV0"  # valid base64 test secret


def mistake_vectors() -> list:
    path = "/v1/order/new"
    order = dict(client_order_id="sc-test-order-0900", symbol="btcusd", amount="0.25", price="36000.00",
                 side="buy", type="exchange limit")
    vectors = []

    def add(vid, tags, nonce, sent_text, case, arrival_ms=None, credentials=None, route=path):
        comment, mistake = case
        vectors.append(RULE.invalid(vid, comment, ["post"] + tags, {"path": route, "text": sent_text}, mistake,
                                    arrival_ms if arrival_ms is not None else nonce * 1000 + 400, credentials))

    def order_text(nonce, **extra):
        return compact_json(payload(path, nonce, **order, **extra))

    n = NONCE0 + 50_000
    add("payload-reserialised-after-signing", ["payload", "whitespace"], n, order_text(n),
        ("Signed base64 of json.dumps' spaced JSON, then re-serialised the payload compactly for the header.", Mistake("body_encoding",
                client_prehash=b64(spaced_json(payload(path, n, **order))))))
    n += 11
    add("signed-json-not-base64", ["payload"], n, order_text(n),
        ("Signed the JSON text itself instead of its base64 (the docs: hashes are taken on the base64 string).", Mistake("body_encoding",
                client_prehash=order_text(n))))
    n += 11
    add("nonce-outside-window-late", ["clock"], n, order_text(n),
        ("Correct signature, but the time-based nonce (seconds) arrived 32.5 s after it was made: outside +/- 30 s.", Mistake("clock_drift",
                client_prehash=b64(order_text(n)))), arrival_ms=n * 1000 + WINDOW_MS + 2_500)
    n += 11
    add("nonce-outside-window-early", ["clock"], n, order_text(n),
        ("Correct signature, but the client clock runs 33 s ahead of the server's: outside +/- 30 s.", Mistake("clock_drift",
                client_prehash=b64(order_text(n)))), arrival_ms=n * 1000 - WINDOW_MS - 3_000)
    n += 11
    add("payload-rebuilt-with-new-nonce", ["nonce"], n, order_text(n),
        ("Built the payload twice: the header carries nonce N, the signed payload N - 1 (one second earlier).", Mistake("timestamp_mismatch",
                client_prehash=b64(order_text(n - 1)))))
    n += 11
    add("nonce-signed-in-ms", ["nonce", "units"], n, order_text(n),
        ("Sent the nonce in seconds (as a time-based key requires) but signed a payload whose nonce was in milliseconds.", Mistake("timestamp_units",
                client_prehash=b64(order_text(n * 1000)))))
    n += 11
    ms_text = compact_json(payload(path, str(n * 1000 + 250), **order))
    add("ms-nonce-on-time-based-key", ["nonce", "units", "ccxt"], n, ms_text,
        ("ccxt's millisecond nonce (a JSON string) on a key provisioned with a time-based nonce: "
                "Gemini reads it as seconds, some 50,000 years ahead (InvalidNonce). Right on a key without that option "
                "(increasing-nonce.json); the vector names the time-based key.", Mistake("timestamp_units", client_prehash=b64(ms_text), signed_correctly=True)))
    n += 11
    add("secret-trailing-crlf", ["secret"], n, order_text(n),
        ("Secret pasted with a trailing CRLF: key bytes = secret + \"\\r\\n\".", Mistake("secret_whitespace",
                client_prehash=b64(order_text(n)), key=(SECRET + "\r\n").encode())))
    n += 11
    add("hmac-sha256", ["hash"], n, order_text(n),
        ("HMAC-SHA256 instead of HMAC-SHA384, hex.", Mistake("wrong_hash", client_prehash=b64(order_text(n)), hash_name="sha256")))
    n += 11
    add("signature-base64", ["encoding"], n, order_text(n),
        ("HMAC-SHA384 encoded as base64 instead of hex.", Mistake("wrong_output_encoding", client_prehash=b64(order_text(n)), encoding="base64")))
    n += 11
    balances = compact_json(payload("/v1/balances", n))
    add("base64-secret-decoded", ["secret", "base64"], n, balances,
        ("The secret happens to be valid base64 and the client decoded it; Gemini uses its UTF-8 bytes.", Mistake("wrong_secret_encoding",
                client_prehash=b64(balances), key=base64.b64decode(B64_SECRET))),
        credentials={"apiKey": "sc-test-gemini-key-0002", "secret": B64_SECRET}, route="/v1/balances")
    n += 11
    add("signed-with-other-secret", ["secret"], n, order_text(n),
        ("Signed with another key's secret: no single known mistake reproduces the signature.", Mistake("unexplained",
                client_prehash=b64(order_text(n)), key=b"sc-test-gemini-secret-9999")))
    # Beyond the old +/- 5 s search of a nonce inside the base64 payload.
    n += 11
    add("payload-signed-three-minutes-earlier", ["nonce"], n, order_text(n),
        ("Signed a payload built three minutes earlier (a signed order kept for a retry), then sent a header rebuilt with nonce N.",
         Mistake("timestamp_mismatch", client_prehash=b64(order_text(n - 180)))))
    return vectors


def main() -> None:
    defaults = dict(RULE.defaults(), keyOptions={"nonce": "time-based"})
    RULE.write("docs", "The Gemini docs' worked signing example (reproduces)", [DOCS_URL], docs_vectors())
    RULE.write("requests", "Valid Gemini private REST calls, time-based nonce in seconds (synthetic, generated from the documented rule)",
               SOURCES, valid_vectors(), defaults)
    RULE.write("increasing-nonce", "Valid Gemini private REST calls from keys without a time-based nonce: any increasing nonce, "
               "milliseconds as ccxt sends them (synthetic, generated from the documented rule; cross-checked with ccxt, docs/clients.md)",
               SOURCES, increasing_vectors(), dict(RULE.defaults(), keyOptions={"nonce": "increasing"}))
    RULE.write("mistakes", "Gemini requests as buggy clients sent them, each with the one mistake that explains its signature",
               SOURCES, mistake_vectors(), defaults)


if __name__ == "__main__":
    main()
