"""Invalid vectors for mistakes in the text a client signs (issue 16): digest text mix-ups, path
and host variants, form fields signed in another order, values percent-encoded for signing but
sent raw.

Like `mistakes.py`, this module owns no venue rule: it imports each venue's reference script
(written from that venue's docs) and builds the requests a client with one mistake sent, the
wrong signature computed here with Python's `hmac`, `hashlib` and `base64`, never by sigconform.
It writes `vectors/<venue>/text-mistakes.json`.

Run from the repository root:

    python3 scripts/reference/text-mistakes.py

Output is deterministic (fixed secrets and clocks).
"""
from __future__ import annotations

import base64
import hashlib
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from engine import Clock, Mistake, mac, quote, uuid4_for  # noqa: E402
from mistakes import venue_script  # noqa: E402

GENERATOR = "scripts/reference/text-mistakes.py"
SUITE = "text-mistakes"


def description(module) -> str:
    return (f"{module.VENUE} requests with mistakes in the signed text that developers report (issue 16): "
            f"digests, paths, hosts, parameter order and encoding; computed from the venue's reference rule in "
            f"{module.GENERATOR}.")


def mac_of(rule, parts) -> bytes:
    """The correct MAC bytes of `parts` under the venue's rule."""
    pre = rule.prehash(parts, rule.credentials)
    return mac(rule.hash_name, rule.key(rule.credentials), pre if isinstance(pre, bytes) else pre.encode("utf-8"))


def base64_of_hex(rule, parts) -> str:
    """`base64.b64encode(hmac.hexdigest().encode())`: the hex text encoded again."""
    return base64.b64encode(mac_of(rule, parts).hex().encode()).decode()


def hex_of_base64(rule, parts) -> str:
    """The base64 text of the MAC written out as hex (`Buffer.from(b64).toString('hex')`)."""
    return base64.b64encode(mac_of(rule, parts)).hex()


def write(module, rule, vectors) -> None:
    sources = [getattr(module, "DOCS", None) or getattr(module, "DOCS_URL", None) or module.SOURCES[0]]
    rule.write_all([(SUITE, description(module), sources,
                     {"credentials": rule.credentials}, vectors, 0, 0)], GENERATOR)


# --- venues ---------------------------------------------------------------------------------

def okx_vectors():
    okx = venue_script("okx-v5")
    rule, tick = okx.RULE, Clock(okx.CLOCK_START + 10_800_000).tick
    out = []

    def add(vid, comment, tags, parts, mistake):
        out.append(rule.invalid(vid, comment, tags, parts, mistake, parts["ts"] + 300))

    parts = okx.get("/api/v5/account/balance", "ccy=BTC", tick())
    add("digest-base64-of-hex", "Client base64-encoded the HMAC's hex digest text (b64encode(hexdigest().encode())) instead of its bytes.",
        ["get", "digest"], parts, Mistake("wrong_output_encoding", observed=base64_of_hex(rule, parts)))
    parts = okx.get("/api/v5/account/balance", "ccy=BTC", tick())
    add("path-doubled-slash", "Client joined a base URL ending in '/' with a path starting with '/' and signed '//api/v5/…'; the HTTP library sent '/api/v5/…'.",
        ["get", "path"], parts, Mistake("path_mismatch", client=dict(parts, path="//api/v5/account/balance")))
    parts = okx.get("/api/v5/account/balance", "", tick())
    add("path-stray-question-mark", "Client signed '/api/v5/account/balance?' (path + '?' + an empty query string) and sent the path without '?'.",
        ["get", "path"], parts, Mistake("path_mismatch", client=dict(parts, path="/api/v5/account/balance?")))
    parts = okx.get("/api/v5/account/balance", "ccy=BTC", tick())
    add("path-no-prefix-no-slash", "Client signed the endpoint relative to a base URL ending in '/api/': 'v5/account/balance?ccy=BTC', without '/api/'.",
        ["get", "path"], parts, Mistake("path_mismatch", client=dict(parts, path="v5/account/balance")))
    # Three mistakes in one signer (issue 16): the path signed without its query, HMAC-SHA512,
    # and the MAC written as hex.
    parts = okx.get("/api/v5/account/balance", "ccy=BTC", tick())
    add("three-mistakes-no-query-sha512-hex", "One signer, three mistakes: signed the path without '?ccy=BTC', used HMAC-SHA512, and wrote the MAC as hex.",
        ["get", "path", "hash", "encoding"], parts,
        Mistake("path_mismatch", also=("wrong_hash", "wrong_output_encoding"), client=dict(parts, query=""), hash_name="sha512", encoding="hex"))
    write(okx, rule, out)


def bitget_vectors():
    bitget = venue_script("bitget")
    rule, tick = bitget.RULE, Clock(bitget.CLOCK_START + 10_800_000).tick
    out = []

    def parts(method, path, query="", body=""):
        return dict(timestamp=tick(), method=method, path=path, query=query, body=body)

    def add(vid, comment, tags, p, mistake):
        out.append(rule.invalid(vid, comment, [p["method"].lower()] + tags, p, mistake, p["timestamp"] + 300))

    p = parts("GET", "/api/v2/spot/account/assets", "coin=USDT")
    add("digest-base64-of-hex", "Client base64-encoded the HMAC's hex digest text instead of its bytes.",
        ["digest"], p, Mistake("wrong_output_encoding", observed=base64_of_hex(rule, p)))
    p = parts("GET", "/api/v2/spot/account/assets")
    add("path-stray-question-mark", "Client always appended '?' to the path, also with no query: signed '/api/v2/spot/account/assets?'.",
        ["path"], p, Mistake("path_mismatch", client_prehash=f"{p['timestamp']}GET/api/v2/spot/account/assets?"))
    # The venue verifies the decoded query; the client signed its own percent-encoding of the
    # values it then sent raw (':' is legal in a query).
    p = parts("GET", "/api/v2/spot/trade/orderInfo", "clientOid=sc:order:0001")
    add("query-signed-encoded-sent-raw", "Client signed clientOid percent-encoded (sc%3Aorder%3A0001) but sent it raw (sc:order:0001); Bitget signs the decoded value.",
        ["query", "encoding"], p, Mistake("query_encoding",
                                          client_prehash=f"{p['timestamp']}GET/api/v2/spot/trade/orderInfo?clientOid={quote('sc:order:0001')}"))
    write(bitget, rule, out)


def bybit_vectors():
    bybit = venue_script("bybit-v5")
    rule, tick = bybit.RULE, Clock(bybit.CLOCK_START + 10_800_000).tick
    parts = bybit.get("/v5/account/wallet-balance", "accountType=UNIFIED", tick())
    out = [rule.invalid("digest-hex-of-base64", "Client hex-encoded the base64 text of the MAC instead of the MAC bytes.", ["get", "digest"],
                        parts, Mistake("wrong_output_encoding", observed=hex_of_base64(rule, parts)), parts["ts"] + 300)]
    write(bybit, rule, out)


def binance_vectors():
    binance = venue_script("binance-spot")
    rule, tick = binance.VENUE_RULE, Clock(binance.CLOCK_START + 10_800_000).tick
    ts = tick()
    parts = binance.parts("GET", "/api/v3/account", f"omitZeroBalances=true&recvWindow=5000&timestamp={ts}")
    out = [rule.invalid("digest-hex-of-base64", "Client hex-encoded the base64 text of the MAC instead of the MAC bytes.", ["get", "digest"],
                        parts, Mistake("wrong_output_encoding", observed=hex_of_base64(rule, parts)), ts + 300)]
    write(binance, rule, out)


def kraken_vectors():
    kraken = venue_script("kraken-spot")
    rule, tick = kraken.RULE, Clock(kraken.CLOCK_START + 10_800_000).tick
    out = []

    def inner_as_text(parts, decode):
        digest = hashlib.sha256((parts["nonce"] + parts["body"]).encode("utf-8")).digest()
        return parts["path"].encode("utf-8") + decode(digest).encode("utf-8")

    def add(vid, comment, tags, parts, mistake):
        out.append(rule.invalid(vid, comment, ["post"] + tags, parts, mistake, int(parts["nonce"]) + 300))

    path = "/0/private/AddOrder"
    body = "nonce={n}&ordertype=limit&pair=XXBTZUSD&type=buy&volume=0.01&price=37000"
    parts = kraken.form(path, body, tick())
    add("inner-digest-utf8-lossy", "Client decoded the binary SHA-256 of nonce+postdata as UTF-8 (errors='replace': U+FFFD for invalid bytes) and signed path + that text.",
        ["digest"], parts, Mistake("wrong_output_encoding", client_prehash=inner_as_text(parts, lambda d: d.decode("utf-8", errors="replace"))))
    parts = kraken.form(path, body, tick())
    add("inner-digest-latin1", "Client kept the SHA-256 of nonce+postdata as a 'binary' (Latin-1) string and the HMAC library encoded it as UTF-8.",
        ["digest"], parts, Mistake("wrong_output_encoding", client_prehash=inner_as_text(parts, lambda d: d.decode("latin-1"))))
    nonce = tick()
    fields = [("nonce", str(nonce)), ("pair", "XETHZUSD"), ("type", "sell"), ("ordertype", "limit"), ("price", "2100.5"),
              ("volume", "1.25"), ("oflags", "post"), ("timeinforce", "GTC")]
    sent = urllib.parse.urlencode(fields)
    parts = {"path": path, "body": sent, "nonce": str(nonce), "type": kraken.FORM}
    add("form-signed-sorted-eight-fields", "Client sent eight form fields in insertion order but signed them sorted by key (a sorted dict in its signer).",
        ["form-body", "sorting"], parts, Mistake("unsorted_params", client=dict(parts, body=urllib.parse.urlencode(sorted(fields)))))
    write(kraken, rule, out)


def bitstamp_vectors():
    bitstamp = venue_script("bitstamp-v2")
    rule, tick = bitstamp.RULE, Clock(bitstamp.CLOCK_START + 10_800_000).tick
    out = []

    def add(vid, comment, tags, path, body, make):
        nonce, timestamp = uuid4_for("bitstamp-v2-text-mistake:" + vid), tick()
        parts = dict(method="POST", path=path, query="", content_type=bitstamp.FORM, nonce=nonce, timestamp=timestamp, body=body)
        out.append(rule.invalid(vid, comment, ["post"] + tags, parts, make(parts), timestamp + 400))

    fields = [("price", "36500.5"), ("amount", "0.001"), ("limit_price", "37000"), ("daily_order", "True")]
    add("form-signed-sorted", "Client sent the form fields in insertion order but signed them sorted by key.", ["form", "sorting"],
        "/api/v2/buy/btcusd/", bitstamp.form(fields),
        lambda p: Mistake("unsorted_params", client=dict(p, body=bitstamp.form(sorted(fields)))))
    add("host-without-www", "Client signed the host 'bitstamp.net' while sending the request to www.bitstamp.net.", ["host"],
        "/api/v2/balance/", "", lambda p: Mistake("path_mismatch", client_prehash=bitstamp.prehash(
            p["method"], p["path"], "", p["content_type"], p["nonce"], p["timestamp"], "").replace("POST" + bitstamp.HOST, "POSTbitstamp.net", 1)))
    write(bitstamp, rule, out)


def gate_vectors():
    gate = venue_script("gateio-v4")
    rule, tick = gate.RULE, Clock(gate.CLOCK_START + 10_800_000).tick
    out = []

    def add(vid, comment, tags, parts, mistake):
        out.append(rule.invalid(vid, comment, [parts["method"].lower()] + tags, parts, mistake, gate.arrival(parts)))

    parts = gate.req("GET", "/api/v4/spot/orders", tick(), query="currency_pair=BTC_USDT&status=open")
    add("path-doubled-slash", "Client joined the prefix '/api/v4/' with the endpoint '/spot/orders' and signed '/api/v4//spot/orders'; the HTTP library sent one slash.",
        ["path"], parts, Mistake("path_mismatch", client=dict(parts, path="/api/v4//spot/orders")))
    parts = gate.req("GET", "/api/v4/spot/orders", tick(), query="currency_pair=BTC_USDT&status=open")
    add("path-no-prefix-no-slash", "Client signed the endpoint relative to the base URL: 'spot/orders', without '/api/v4/'.",
        ["path"], parts, Mistake("path_mismatch", client=dict(parts, path="spot/orders")))
    parts = gate.req("GET", "/api/v4/spot/orders", tick(), query="currency_pair=BTC_USDT&status=open")
    add("path-full-url-empty-query-line", "Client signed the full URL with its query as the path line and left the query line empty.",
        ["path"], parts, Mistake("path_mismatch", client=dict(parts, path="https://api.gateio.ws/api/v4/spot/orders?currency_pair=BTC_USDT&status=open", query="")))
    parts = gate.req("GET", "/api/v4/wallet/sub_account_balances", tick(), query="sub_uid=10001,10002")
    add("query-signed-encoded-sent-raw", "Client signed sub_uid percent-encoded (10001%2C10002) but sent the comma raw; Gate signs the decoded query.",
        ["query", "encoding"], parts, Mistake("query_encoding", client_prehash=gate.signature_string(
            "GET", "/api/v4/wallet/sub_account_balances", "sub_uid=" + quote("10001,10002"), "", parts["ts"])))
    # Three mistakes in one signer (issue 16: "the wrong hash, the wrong body hash and no query
    # line"): HMAC-SHA256, the body's SHA-512 in upper-case hex, the empty query line left out.
    body = '{"currency_pair":"BTC_USDT","side":"buy","amount":"0.001","price":"30000"}'
    parts = gate.req("POST", "/api/v4/spot/orders", tick(), body=body)
    body_hash = hashlib.sha512(body.encode()).hexdigest().upper()
    add("three-mistakes-sha256-upper-body-hash-no-query-line", "One signer, three mistakes: HMAC-SHA256 instead of SHA-512, the body's SHA-512 written in upper-case hex, and the (empty) query line left out.",
        ["body", "hash", "digest"], parts,
        Mistake("wrong_hash", also=("wrong_output_encoding", "missing_component"), hash_name="sha256",
                client_prehash=f"POST\n/api/v4/spot/orders\n{body_hash}\n{parts['ts']}"))
    write(gate, rule, out)


def htx_vectors():
    htx = venue_script("htx")
    rule, tick = htx.RULE, Clock(htx.CLOCK_START + 10_800_000).tick
    out = []

    def add(vid, comment, tags, host, path, user, make):
        timestamp = htx.utc_text(tick())
        query = htx.wire_query(htx.auth_params(timestamp) + user)
        parts = dict(method="GET", host=host, path=path, query=query, body="", timestamp=timestamp)
        out.append(rule.invalid(vid, comment, ["get"] + tags, parts, make(parts), htx.arrival(timestamp)))

    user = [("symbol", "btcusdt"), ("size", "10")]
    add("path-full-url-empty-query-line", "Client signed the full URL with its query as the path line and an empty parameter line.",
        ["path"], htx.SPOT, "/v1/order/openOrders", user,
        lambda p: Mistake("path_mismatch", client=dict(p, path=f"https://{htx.SPOT}/v1/order/openOrders?{p['query']}", query="")))
    add("host-default-signed-aws-sent", "Client sent the request to api-aws.huobi.pro but signed the default host api.huobi.pro.",
        ["host"], htx.AWS, "/v1/account/accounts", [], lambda p: Mistake("path_mismatch", client=dict(p, host=htx.SPOT)))
    add("host-with-port", "Client signed the host with its port (api.huobi.pro:443), as its URL parser wrote it.",
        ["host"], htx.SPOT, "/v1/account/accounts", [], lambda p: Mistake("path_mismatch", client=dict(p, host=htx.SPOT + ":443")))
    # Encoded for signing, then encoded again by the canonicaliser: '%3A' signed as '%253A'.
    def double_encoded(p):
        pairs = sorted((urllib.parse.unquote_plus(k), urllib.parse.unquote_plus(v))
                       for k, v in (item.split("=", 1) for item in p["query"].split("&")))
        line = "&".join(f"{quote(k)}={quote(quote(v))}" for k, v in pairs)
        return Mistake("query_encoding", client_prehash="\n".join(["GET", htx.SPOT, "/v1/order/openOrders", line]))

    add("params-signed-double-encoded", "Client percent-encoded the values, then built the canonical parameter line encoding them again ('%3A' became '%253A').",
        ["query", "encoding"], htx.SPOT, "/v1/order/openOrders", user, double_encoded)
    write(htx, rule, out)


def main():
    okx_vectors()
    bitget_vectors()
    bybit_vectors()
    binance_vectors()
    kraken_vectors()
    bitstamp_vectors()
    gate_vectors()
    htx_vectors()


if __name__ == "__main__":
    main()
