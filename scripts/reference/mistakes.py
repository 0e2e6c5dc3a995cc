"""Invalid vectors for the signing mistakes developers report (issue 16), across venues.

Each family is one function that, given a venue's reference rule (the `engine.Venue` subclass of
that venue's own script, written from the venue's docs), builds requests as a client with that
mistake would have sent them: the wrong signature is computed here with Python's `hmac` and
`hashlib`, never by sigconform. The per-venue scripts stay the owners of their venues' rules;
this module only imports them, and writes `vectors/<venue>/developer-mistakes.json`.

Run from the repository root:

    python3 scripts/reference/mistakes.py

Output is deterministic (fixed secrets and clocks).
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from engine import Clock, Mistake, venue_script  # noqa: E402

GENERATOR = "scripts/reference/mistakes.py"



# Whitespace that `.env` files, copy-paste from a web page and Windows editors leave around a
# secret. The trailing "\n", "\r\n" and single space are in the venues' own mistakes files.
WHITESPACE = [
    ("tab", "a trailing tab (copied from a table)", lambda s: s + "\t"),
    ("bom", "a leading byte-order mark (a file saved as 'UTF-8 with BOM')", lambda s: "\ufeff" + s),
    ("nbsp", "a trailing non-breaking space (copied from a web page)", lambda s: s + "\u00a0"),
    ("two-spaces", "two trailing spaces", lambda s: s + "  "),
]


def secret_whitespace(rule, parts, clock, tags):
    """The HMAC key is the secret with whitespace of another kind around it."""
    out = []
    secret = rule.credentials["secret"]
    for name, label, change in WHITESPACE:
        ts = clock()
        out.append(rule.invalid(f"secret-whitespace-{name}", f"HMAC key was the secret with {label}.", tags + ["secret"],
                         parts(ts), Mistake("secret_whitespace", key=change(secret).encode("utf-8")), ts + 300))
    return out


def credentials_swapped(rule, parts, clock, tags):
    """The HMAC key is another credential: the API key, or the passphrase (venues that have one)."""
    out = []
    ts = clock()
    out.append(rule.invalid("credentials-api-key-as-secret", "HMAC key was the API key instead of the secret.",
                     tags + ["secret"], parts(ts), Mistake("credentials_swapped", key=rule.credentials["apiKey"].encode("utf-8")), ts + 300))
    if "passphrase" in rule.credentials:
        ts = clock()
        out.append(rule.invalid("credentials-passphrase-as-secret", "HMAC key was the passphrase instead of the secret.",
                         tags + ["secret"], parts(ts), Mistake("credentials_swapped", key=rule.credentials["passphrase"].encode("utf-8")), ts + 300))
    return out


def other_secret(rule, parts, clock, tags):
    """The HMAC key is the secret of another key the user holds: here a testnet key's, given with
    an old (rotated) key's secret in `credentials.otherSecrets`, so the vector proves which one
    signed. The key is decoded as this venue decodes its secret (`rule.key`)."""
    others = [f"sc-rotated-{rule.name}-secret-2025-old", f"sc-testnet-{rule.name}-secret-0123456789"]
    ts = clock()
    return [rule.invalid("credentials-testnet-secret", "HMAC key was the testnet key's secret (the second of otherSecrets), "
                         "not the secret of the key the request sends.", tags + ["secret"], parts(ts),
                         Mistake("credentials_swapped", key=rule.key(dict(rule.credentials, secret=others[1]))), ts + 300,
                         credentials={"otherSecrets": others})]


def method_mismatch(rule, parts, clock, tags, signed_methods):
    """The method in the prehash is not the one sent: code shared between GET and POST helpers,
    or a request retried with another method. `parts(ts, method)` builds the sent request."""
    out = []
    for sent, signed in signed_methods:
        ts = clock()
        sent_parts = parts(ts, sent)
        client = rule.prehash(dict(sent_parts, method=signed), rule.credentials)
        out.append(rule.invalid(f"method-signed-{signed.lower()}-sent-{sent.lower()}",
                         f"Client signed the method {signed} but sent {sent}.", tags + ["method"], sent_parts, Mistake("method_mismatch", client_prehash=client), sent_parts.get("server_ms", ts + 300)))
    return out


def parameters_added_after_signing(rule, cases, clock, tags):
    """The query went on the wire with parameters the signature never covered: a request hook
    appended `timestamp`/`recvWindow` after signing, or pagination parameters were added to a
    signed query. `cases`: (id, comment, build(ts) -> (sent parts, signed parts))."""
    out = []
    for vid, comment, build in cases:
        ts = clock()
        sent, signed = build(ts)
        out.append(rule.invalid(vid, comment, tags + ["query", "params-added"], sent, Mistake("missing_component", client=signed),
                                sent.get("server_ms", ts + 300)))
    return out


def recv_window_mismatch(rule, cases, clock, tags):
    """The receive window signed is not the one sent: the client's configured value signed, the
    HTTP layer's default sent (or the reverse). `cases`: (id, comment, build(ts) -> (sent, signed))."""
    out = []
    for vid, comment, build in cases:
        ts = clock()
        sent, signed = build(ts)
        out.append(rule.invalid(vid, comment, tags + ["recv-window"], sent, Mistake("value_mismatch", client=signed), ts + 300))
    return out


def timestamp_units_consistent(rule, cases, clock, tags):
    """The timestamp is in the wrong unit, sent and signed alike (a millisecond clock where the
    venue reads seconds, or the reverse): the signature is right and the venue rejects the time.
    `cases`: (id, comment, build(ts) -> sent parts), `ts` the true clock in ms."""
    out = []
    for vid, comment, build in cases:
        ts = clock()
        out.append(rule.invalid(vid, comment, tags + ["timestamp"], build(ts), Mistake("timestamp_units", signed_correctly=True), ts + 300))
    return out


def timestamp_in_several_places(rule, cases, clock, tags):
    """The sent timestamp also appears elsewhere in the request (a query whose endTime is the
    timestamp, Crypto.com's request id set to the nonce as ccxt does); the client signed another
    clock reading in one of the places or in all of them. `cases`: (id, comment, build(ts) -> (sent, signed))."""
    out = []
    for vid, comment, build in cases:
        ts = clock()
        sent, signed = build(ts)
        out.append(rule.invalid(vid, comment, tags + ["timestamp"], sent, Mistake("timestamp_mismatch", client=signed), ts + 300))
    return out


def kucoin_passphrase_mismatch(kucoin, clock):
    """KuCoin key v2/v3: KC-API-PASSPHRASE must be base64(HMAC-SHA256(secret, passphrase)) when
    KC-API-KEY-VERSION is 2 or 3, the plain passphrase otherwise (kucoin.py, from the docs). The
    signature is right in each of these; the passphrase header is not what the venue expects."""
    rule = kucoin.V
    # The file's test passphrase contains the word "passphrase", which reports redact wherever it
    # appears (a fragment of a credential): these vectors use one without it.
    # Its own API key too: a server (sigconform serve) holds one passphrase per key.
    override = {"apiKey": "sc-test-kucoin-api-key-0042", "passphrase": "sc-test-kc-pp-0042"}
    creds = rule.creds(override)
    signed = rule.sign(creds["passphrase"], creds)
    hex_signed = rule.sign(creds["passphrase"], creds, encoding="hex")
    cases = [
        ("passphrase-plain-under-key-v2", "KC-API-KEY-VERSION 2 sent with the plain passphrase (a key-v1 client upgraded to a v2 key).",
         "2", creds["passphrase"]),
        ("passphrase-signed-as-hex", "Passphrase signed with the secret but hex-encoded instead of base64.", "2", hex_signed),
        ("passphrase-signed-without-version", "Passphrase signed for key v2, but no KC-API-KEY-VERSION header: the venue reads a key-v1 request.",
         None, signed),
    ]
    out = []
    for vid, comment, version, header in cases:
        ts = clock()
        parts = dict(method="GET", path="/api/v1/accounts", query="currency=USDT", body="", ts=str(ts), version=version,
                     passphrase_header=header)
        out.append(rule.invalid(vid, comment, ["get", "passphrase"], parts, Mistake("value_mismatch", signed_correctly=True), ts + 300,
                                credentials=override))
    return out


def main():
    bybit = venue_script("bybit-v5")
    okx = venue_script("okx-v5")
    binance = venue_script("binance-spot")
    venues = [
        (bybit, bybit.RULE, lambda ts: bybit.get("/v5/account/wallet-balance", "accountType=UNIFIED", ts), ["get"]),
        (okx, okx.RULE, lambda ts: okx.get("/api/v5/account/balance", "ccy=BTC", ts), ["get"]),
        (binance, binance.VENUE_RULE,
         lambda ts: binance.parts("GET", "/api/v3/account", f"omitZeroBalances=true&recvWindow=5000&timestamp={ts}"), ["get"]),
    ]
    # Venues that sign the method: the sent request for `method_mismatch`, and the pairs tried.
    gate = venue_script("gateio-v4")
    method_venues = {
        "okx-v5": (lambda ts, method: okx.post("/api/v5/trade/cancel-order", '{"instId":"BTC-USDT","ordId":"590908157585625111"}', ts)
                   if method == "POST" else okx.get("/api/v5/trade/order", "instId=BTC-USDT&ordId=590908157585625111", ts),
                   [("POST", "GET"), ("GET", "POST")]),
    }
    def binance_query(query):
        return binance.parts("GET", "/api/v3/myTrades", query)

    # Parameters the signature never covered, per venue: (id, comment, build(ts) -> (sent, signed)).
    added_after = {
        "binance-spot": [
            ("params-added-after-signing", "Client signed symbol=BTCUSDT&orderId=12345; a request hook then appended recvWindow and timestamp.",
             lambda ts: (binance_query(f"symbol=BTCUSDT&orderId=12345&recvWindow=5000&timestamp={ts}"),
                         binance_query("symbol=BTCUSDT&orderId=12345"))),
            ("params-missing-from-signed-query", "Client signed the query without limit and timestamp, both sent (two parameters missing at once).",
             lambda ts: (binance_query(f"symbol=BTCUSDT&limit=500&fromId=1000&timestamp={ts}"),
                         binance_query("symbol=BTCUSDT&fromId=1000"))),
        ],
        "okx-v5": [
            ("params-added-after-signing", "Client signed ?instType=SPOT&ccy=BTC; a pagination helper then appended limit and after.",
             lambda ts: (okx.get("/api/v5/account/bills", "instType=SPOT&ccy=BTC&limit=20&after=590908157585625111", ts),
                         okx.get("/api/v5/account/bills", "instType=SPOT&ccy=BTC", ts))),
        ],
    }
    recv_window = {
        "binance-spot": [
            ("recv-window-signed-2000-sent-5000", "Client signed recvWindow=2000 (its setting) but sent 5000 (the HTTP layer's default).",
             lambda ts: (binance.parts("GET", "/api/v3/openOrders", f"symbol=BTCUSDT&recvWindow=5000&timestamp={ts}"),
                         binance.parts("GET", "/api/v3/openOrders", f"symbol=BTCUSDT&recvWindow=2000&timestamp={ts}"))),
        ],
        "bybit-v5": [
            ("recv-window-signed-2000-sent-5000", "Client signed recv_window 2000 but sent X-BAPI-RECV-WINDOW: 5000.",
             lambda ts: (bybit.get("/v5/order/realtime", "category=linear&symbol=BTCUSDT", ts, recv=5000),
                         bybit.get("/v5/order/realtime", "category=linear&symbol=BTCUSDT", ts, recv=2000))),
        ],
    }
    for module, rule, parts, tags in venues:
        clock = Clock(module.CLOCK_START + 7_200_000).tick
        vectors = secret_whitespace(rule, parts, clock, tags) + credentials_swapped(rule, parts, clock, tags)
        if module.VENUE in method_venues:
            build, pairs = method_venues[module.VENUE]
            vectors += method_mismatch(rule, build, clock, [], pairs)
        vectors += parameters_added_after_signing(rule, added_after.get(module.VENUE, []), clock, [])
        vectors += recv_window_mismatch(rule, recv_window.get(module.VENUE, []), clock, [])
        if module.VENUE == "binance-spot":
            vectors += timestamp_in_several_places(rule, [
                ("timestamp-also-end-time-signed-90s-earlier", "endTime and timestamp both T; the client signed timestamp T-90 s "
                 "(a second clock read for the signature) and kept endTime T.",
                 lambda ts: (binance.parts("GET", "/api/v3/allOrders", f"symbol=BTCUSDT&startTime={ts - 86_400_000}&endTime={ts}&timestamp={ts}"),
                             binance.parts("GET", "/api/v3/allOrders", f"symbol=BTCUSDT&startTime={ts - 86_400_000}&endTime={ts}&timestamp={ts - 90_000}"))),
            ], clock, ["get"])
        if module.VENUE == "bybit-v5":
            vectors += timestamp_units_consistent(rule, [
                ("timestamp-seconds-sent-and-signed", "X-BAPI-TIMESTAMP in seconds where milliseconds are due, signed as sent.",
                 lambda ts: bybit.get("/v5/account/wallet-balance", "accountType=UNIFIED", ts // 1000)),
            ], clock, ["get"])
        # Last, so the clock of every vector above stays as it was.
        vectors += other_secret(rule, parts, clock, tags)
        rule.write_all([
            ("developer-mistakes", f"{module.VENUE} requests with signing mistakes developers report (issue 16), "
             "computed from the venue's reference rule in " + module.GENERATOR + ".", [module.DOCS],
             {"credentials": module.CREDENTIALS}, vectors, 0, 0),
        ], GENERATOR)

    # gateio-v4 only for the method (its secret mistakes are in its own file).
    clock = Clock(gate.CLOCK_START + 7_200_000).tick

    def gate_parts(ts, method):
        parts = gate.req(method, "/api/v4/spot/orders/12345", ts, query="currency_pair=BTC_USDT")
        parts["server_ms"] = gate.arrival(parts)
        return parts

    vectors = method_mismatch(gate.RULE, gate_parts, clock, [], [("DELETE", "GET"), ("GET", "DELETE")])
    vectors += timestamp_units_consistent(gate.RULE, [
        ("timestamp-milliseconds-sent-and-signed", "Timestamp header in milliseconds where seconds are due, signed as sent.",
         lambda ts: gate.req("GET", "/api/v4/spot/accounts", str(ts))),
    ], clock, ["get"])
    gate.RULE.write_all([
        ("developer-mistakes", f"{gate.VENUE} requests with signing mistakes developers report (issue 16), "
         "computed from the venue's reference rule in " + gate.GENERATOR + ".", [gate.DOCS],
         {"credentials": gate.CREDENTIALS}, vectors, 0, 0),
    ], GENERATOR)


    # mexc (the Binance family rule) and kucoin (the one venue that signs its passphrase).
    mexc = venue_script("mexc")
    clock = Clock(mexc.CLOCK_START + 7_200_000).tick

    def mexc_query(path, params):
        return mexc.pairs_request("GET", path, params)

    vectors = parameters_added_after_signing(mexc.V, [
        ("params-added-after-signing", "Client signed symbol=MXUSDT; a request hook then appended recvWindow and timestamp.",
         lambda ts: (mexc_query("/api/v3/openOrders", [("symbol", "MXUSDT"), ("recvWindow", "5000"), ("timestamp", str(ts))]),
                     mexc_query("/api/v3/openOrders", [("symbol", "MXUSDT")]))),
    ], clock, []) + recv_window_mismatch(mexc.V, [
        ("recv-window-signed-5000-sent-10000", "Client signed recvWindow=5000 (a default) but sent 10000 (its setting).",
         lambda ts: (mexc_query("/api/v3/account", [("recvWindow", "10000"), ("timestamp", str(ts))]),
                     mexc_query("/api/v3/account", [("recvWindow", "5000"), ("timestamp", str(ts))]))),
    ], clock, [])
    mexc.V.write_all([
        ("developer-mistakes", "mexc requests with signing mistakes developers report (issue 16), computed from the venue's "
         "reference rule in " + mexc.GENERATOR + ".", [mexc.DOCS], mexc.V.defaults(), vectors, 0, 0),
    ], GENERATOR)

    cdc = venue_script("cryptocom")
    clock = Clock(1_700_000_000_000 + 7_200_000).tick
    params = {"instrument_name": "BTCUSD-PERP"}

    def cdc_parts(nonce):
        # The request id is the nonce, as ccxt sends it: the value appears twice in the prehash.
        return dict(method="private/get-open-orders", request_id=nonce, params=params, nonce=nonce)

    cdc.RULE.write_all([
        ("developer-mistakes", "cryptocom requests with signing mistakes developers report (issue 16), computed from the venue's "
         "reference rule in " + cdc.GENERATOR + ".", cdc.SOURCES, cdc.RULE.defaults(), timestamp_in_several_places(cdc.RULE, [
             ("nonce-as-id-signed-from-another-reading", "id and nonce are both the nonce N (ccxt's choice); the signed text was "
              "built from a clock reading 75 s earlier, in both places, and the body from N.",
              lambda ts: (cdc_parts(ts), cdc_parts(ts - 75_000))),
         ], clock, ["nonce"]), 0, 0),
    ], GENERATOR)

    kucoin = venue_script("kucoin")
    clock = Clock(kucoin.CLOCK_START + 7_200_000).tick
    kucoin.V.write_all([
        ("developer-mistakes", "kucoin requests with signing mistakes developers report (issue 16), computed from the venue's "
         "reference rule in " + kucoin.GENERATOR + ".", [kucoin.DOCS], kucoin.V.defaults(), kucoin_passphrase_mismatch(kucoin, clock), 0, 0),
    ], GENERATOR)


if __name__ == "__main__":
    main()
