#!/usr/bin/env python3
"""Reference vectors for Deribit API v2 HTTP signatures (`deribit`).

Rule, from https://docs.deribit.com/#authentication ("Additional authorization method -
Deribit signature credentials"; the same text is embedded in the official generated
clients, https://github.com/deribit/deribit-api-clients):
  - Authorization: deri-hmac-sha256 id=ClientId,ts=Timestamp,sig=Signature,nonce=Nonce
  - RequestData  = UPPERCASE(HTTP_METHOD()) + "\\n" + URI() + "\\n" + RequestBody + "\\n"
    StringToSign = Timestamp + "\\n" + Nonce + "\\n" + RequestData
    Signature    = HEX_STRING(HMAC-SHA256(ClientSecret, StringToSign))
  - "If RequestBody is omitted in RequestData, it's treated as an empty string, so these
    three newline characters must always be present."
  - Timestamp in ms, "valid for 60 seconds since generation"; Nonce is a single-use,
    user-generated string. URI is the path with '?query' (the docs' example URI is
    "/api/v2/private/get_account_summary?currency=BTC").
Private methods are called with GET and query parameters, or with POST and a JSON-RPC
body; Deribit has no PUT/DELETE.

Rerun: `python3 scripts/reference/deribit.py` rewrites vectors/deribit/{requests,
mistakes}.json deterministically.

No docs.json, on purpose:
  - The one official example with a concrete secret is the WebSocket `public/auth`
    grant_type=client_signature example (ClientSecret 'ABCD', ts 1554883365000, nonce
    'fdbmmz79', Data '' -> e20c9cd5...). Its StringToSign is Timestamp\\nNonce\\nData with
    no method, URI or body lines, so no HTTP request has that prehash: it is a different
    recipe, not an HTTP vector. It is checked below (`check_ws_example`) as a self-test
    of the primitive, including the doc defect: the docs' shell line
    `echo -ne "${Timestamp}\\n${Nonce}\\n${Data}\\n"` adds a trailing newline and does NOT
    give the published value; the formula (no trailing newline) does.
  - The HTTP example (ClientId AMANDA / AMANDASECRECT) prints 9bfbc51a... for a timestamp
    and random nonce it does not publish ("Exact value depends on current timestamp"), so
    it cannot be recomputed.
  - The v1 x-deribit-sig example is a retired scheme (plain SHA-256 over a string that
    embeds the secret), not this recipe.

Decisions:
  - The Authorization header uses ',' between fields as in the docs' formula; one valid
    vector uses ', ' as the current docs site renders it.
  - Window: a request is accepted while serverTime - ts <= 60000 ms. The docs say
    nothing about timestamps in the future; no vector depends on it.
"""
from collections import OrderedDict

from engine import (Clock, Mistake, Venue, b64_decode_secret, compact_json, lower_escapes, mac,
                    quote, sorted_query, spaced, with_)

DOCS = "https://docs.deribit.com/#authentication"
CLIENTS = "https://github.com/deribit/deribit-api-clients"
GENERATOR = "scripts/reference/deribit.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte
WINDOW_MS = 60_000


class Deribit(Venue):
    name = "deribit"
    generator = GENERATOR
    host = "www.deribit.com"

    def prehash(self, parts, creds=None):
        uri = parts["path"] + ("?" + parts["query"] if parts["query"] else "")
        body_line = "" if parts.get("omit_body_line") else parts["body"] + "\n"
        return parts["ts"] + "\n" + parts["nonce"] + "\n" + parts["method"] + "\n" + uri + "\n" + body_line

    def authorization(self, parts, signature, creds) -> str:
        sep = parts.get("sep", ",")
        fields = [f"id={creds['apiKey']}", f"ts={parts['ts']}", f"sig={signature}", f"nonce={parts['nonce']}"]
        return "deri-hmac-sha256 " + sep.join(fields)

    def wire(self, parts, creds, signature):
        headers = OrderedDict([("Authorization", self.authorization(parts, signature, creds))])
        if parts["body"]:
            headers["Content-Type"] = "application/json"
        return OrderedDict(method=parts["method"], host=self.host, path=parts["path"],
                           query=parts["query"], headers=headers, body=parts["body"])

    def expect_headers(self, parts, creds, signature):
        return {"Authorization": self.authorization(parts, signature, creds)}

    def arrival(self, parts):
        return self.request_time_ms(parts) + 300

    def request_time_ms(self, parts):
        return int(parts["ts"])

    @staticmethod
    def authorization_fields(request):
        scheme, _, rest = request["headers"]["Authorization"].partition(" ")
        return scheme, dict(f.strip().split("=", 1) for f in rest.split(","))

    def read_wire(self, request, creds):
        _, fields = self.authorization_fields(request)
        parts = dict(method=request["method"], path=request["path"], query=request["query"],
                     body=request["body"], ts=fields["ts"], nonce=fields["nonce"])
        return self.prehash(parts), fields["sig"]

    def accept(self, request, creds, server_time):
        scheme, fields = self.authorization_fields(request)
        if scheme != "deri-hmac-sha256" or fields["id"] != creds["apiKey"]:
            return "scheme or client id"
        if server_time - int(fields["ts"]) > WINDOW_MS:
            return "timestamp older than 60 s"
        return None


def check_ws_example():
    """The WS client_signature doc example: formula reproduces, the shell line does not."""
    published = "e20c9cd5639d41f8bbc88f4d699c4baf94a4f0ee320e9a116b72743c449eb994"
    formula = mac("sha256", b"ABCD", b"1554883365000\nfdbmmz79\n").hex()
    shell = mac("sha256", b"ABCD", b"1554883365000\nfdbmmz79\n\n").hex()
    assert formula == published and shell != published, (formula, shell)


V = Deribit({"apiKey": "sc-test-deribit-id", "secret": "sc-test-deribit-secret-5e8a"})
ts = Clock(CLOCK_START, 71_000).text


def nonce(n: int) -> str:
    return f"sc{n:02d}n{(n * 7919) % 100000:05d}"


def req(method, path, query="", body="", n=0, **extra):
    return dict(method=method, path=path, query=query, body=body, ts=ts(n), nonce=nonce(n), **extra)


def rpc(id, method, params) -> str:
    return compact_json(OrderedDict([("jsonrpc", "2.0"), ("id", id), ("method", method), ("params", params)]))


P = "/api/v2/private/"


def request_vectors():
    return [
        V.valid("get-account-summary-docs-uri",
                "The URI of the docs' shell example, GET /api/v2/private/get_account_summary?currency=BTC; "
                "empty body still contributes its line and newline.",
                ["get", "query"], req("GET", P + "get_account_summary", "currency=BTC", n=1)),
        V.valid("get-account-summaries-no-query", "GET without query: URI is the bare path.",
                ["get"], req("GET", P + "get_account_summaries", n=2)),
        V.valid("get-positions", "GET with two parameters.",
                ["get", "query"], req("GET", P + "get_positions", "currency=ETH&kind=future", n=3)),
        V.valid("get-user-trades-many-params", "Five parameters in the order sent (not sorted).",
                ["get", "query", "order"],
                req("GET", P + "get_user_trades_by_currency",
                    "currency=BTC&kind=option&count=100&include_old=true&sorting=desc", n=4)),
        V.valid("get-buy-market", "private/buy called with GET and query parameters.",
                ["get", "query"],
                req("GET", P + "buy", "amount=10&instrument_name=BTC-PERPETUAL&label=market0000234&type=market", n=5)),
        V.valid("get-sell-limit-decimals", "Decimals in the query are signed as written (price=0.10, amount=1e-8).",
                ["get", "query", "numbers"],
                req("GET", P + "sell", "instrument_name=ETH-PERPETUAL&amount=1e-8&price=0.10&type=limit", n=6)),
        V.valid("get-edit-order", "private/edit with an order id containing dashes.",
                ["get", "query"], req("GET", P + "edit", "order_id=ETH-584864807&amount=4&price=1920.5", n=7)),
        V.valid("get-cancel-all-by-currency", "private/cancel_all_by_currency.",
                ["get", "query"], req("GET", P + "cancel_all_by_currency", "currency=BTC&kind=option", n=8)),
        V.valid("get-label-space-percent20", "Order label 'grid leg' with %20, signed as sent.",
                ["get", "query", "encoding", "space"],
                req("GET", P + "get_order_state_by_label", "currency=BTC&label=" + quote("grid leg"), n=9)),
        V.valid("get-label-space-plus", "Label with '+' for the space (form style), signed as sent.",
                ["get", "query", "encoding", "space"],
                req("GET", P + "get_order_state_by_label",
                    "currency=BTC&label=" + quote("grid leg 2", plus_for_space=True), n=10)),
        V.valid("get-label-literal-plus", "A literal '+' in the label travels as %2B.",
                ["get", "query", "encoding", "plus"],
                req("GET", P + "get_order_state_by_label", "currency=ETH&label=" + quote("hedge+1"), n=11)),
        V.valid("get-label-at-comma-slash", "'@', ',' and '/' percent-encoded.",
                ["get", "query", "encoding"],
                req("GET", P + "get_order_state_by_label", "currency=BTC&label=" + quote("ops@desk,7/12"), n=12)),
        V.valid("get-label-amp-equals", "'&' and '=' inside the label percent-encoded.",
                ["get", "query", "encoding"],
                req("GET", P + "get_order_state_by_label", "label=" + quote("k=v&x") + "&currency=BTC", n=13)),
        V.valid("get-label-nonascii", "Non-ASCII label '房租 März', UTF-8 percent-encoded.",
                ["get", "query", "encoding", "non-ascii"],
                req("GET", P + "get_order_state_by_label", "currency=BTC&label=" + quote("房租 März"), n=14)),
        V.valid("get-label-empty-value", "An empty value ('label=') is part of the URI.",
                ["get", "query", "empty-value"],
                req("GET", P + "get_open_orders_by_currency", "currency=BTC&kind=future&label=", n=15)),
        V.valid("post-buy-jsonrpc", "POST with a JSON-RPC body: the body line is the exact JSON sent.",
                ["post", "json-body"],
                req("POST", P + "buy", body=rpc(5275, "private/buy", OrderedDict(
                    [("instrument_name", "ETH-PERPETUAL"), ("amount", 40), ("type", "market"),
                     ("label", "market0000234")])), n=16)),
        V.valid("post-create-combo-nested-array", "JSON-RPC params with an array of objects.",
                ["post", "json-body", "nested"],
                req("POST", P + "create_combo", body=rpc(6, "private/create_combo", {"trades": [
                    OrderedDict([("instrument_name", "BTC-27MAR26-100000-C"), ("amount", "1"), ("direction", "buy")]),
                    OrderedDict([("instrument_name", "BTC-27MAR26-110000-C"), ("amount", "1"),
                                 ("direction", "sell")])]}), n=17)),
        V.valid("post-sell-numbers-bools-null", "Numbers 0.1 and 1e-8, booleans and null in the body, as written.",
                ["post", "json-body", "numbers"],
                req("POST", P + "sell",
                    body='{"jsonrpc":"2.0","id":7,"method":"private/sell","params":{"instrument_name":"BTC-PERPETUAL",'
                         '"amount":10,"price":0.1,"max_show":1e-8,"post_only":true,"reduce_only":false,'
                         '"trigger":null}}', n=18)),
        V.valid("post-label-nonascii-raw", "Non-ASCII label as raw UTF-8 in the JSON body.",
                ["post", "json-body", "non-ascii"],
                req("POST", P + "buy", body=rpc(8, "private/buy", OrderedDict(
                    [("instrument_name", "BTC-PERPETUAL"), ("amount", 10), ("type", "limit"), ("price", 60000),
                     ("label", "房租 März")])), n=19)),
        V.valid("post-label-nonascii-escaped", "The same label as \\u escapes: other bytes, signed as sent.",
                ["post", "json-body", "non-ascii"],
                req("POST", P + "buy",
                    body='{"jsonrpc":"2.0","id":9,"method":"private/buy","params":{"instrument_name":"BTC-PERPETUAL",'
                         '"amount":10,"type":"limit","price":60000,"label":"\\u623f\\u79df M\\u00e4rz"}}', n=20)),
        V.valid("post-label-special-chars", "Characters that need escaping in a query are plain in JSON.",
                ["post", "json-body", "encoding"],
                req("POST", P + "edit_by_label", body=rpc(10, "private/edit_by_label", OrderedDict(
                    [("label", "ops@desk, k=v&x/y + z"), ("instrument_name", "ETH-PERPETUAL"), ("amount", 5),
                     ("price", 1900.25)])), n=21)),
        V.valid("post-with-query-and-body", "A POST carrying both a query and a body: both are signed.",
                ["post", "query", "json-body"],
                req("POST", P + "cancel", "order_id=ETH-SLIS-12",
                    body=rpc(11, "private/cancel", {"order_id": "ETH-SLIS-12"}), n=22)),
        V.valid("post-empty-params", "JSON-RPC call with empty params object.",
                ["post", "json-body"], req("POST", P + "get_subaccounts", body=rpc(12, "private/get_subaccounts", {}),
                                           n=23)),
        V.valid("header-fields-comma-space",
                "Authorization fields separated by ', ' as the current docs site renders the header; "
                "the signature does not change.",
                ["get", "query", "header-format"],
                req("GET", P + "get_account_summary", "currency=ETH", n=24, sep=", ")),
        V.valid("nonce-uuid-shaped", "A longer, UUID-shaped nonce: any single-use string is allowed.",
                ["get", "query", "nonce"],
                dict(req("GET", P + "get_positions", "currency=BTC", n=25), nonce="3f2a9c1e-7b4d-4e8a-9f60-0d1c2b3a4e5f")),
        V.valid("time-59999ms-old", "Arrives 59.999 s after its timestamp: inside the 60 s validity.",
                ["get", "time", "boundary"], req("GET", P + "get_account_summaries", n=26),
                server_time=int(ts(26)) + 59_999),
        V.valid("time-client-ahead-2s", "Client clock 2 s ahead of the server.",
                ["get", "time"], req("GET", P + "get_account_summaries", n=27), server_time=int(ts(27)) - 2000),
    ]


def mistake_vectors():
    trades = req("GET", P + "get_user_trades_by_currency", "currency=ETH&kind=future&count=20&sorting=asc", n=40)
    buy = req("POST", P + "buy", body=rpc(40, "private/buy", OrderedDict(
        [("instrument_name", "BTC-PERPETUAL"), ("amount", 20), ("type", "limit"), ("price", 61000.5)])), n=41)
    label = req("GET", P + "get_order_state_by_label", "currency=BTC&label=" + quote("grid/leg 3"), n=42)
    summary = lambda n: req("GET", P + "get_account_summary", "currency=BTC&extended=true", n=n)
    b64_secret = "scTestDeribitSecretLooksLikeBase64AAAAbbbbCC="  # 44 characters, valid base64
    return [
        V.invalid("unsorted-params-signed-sorted", "Client sent insertion order, signed the query sorted by key.",
                  ["get", "query"], trades, Mistake("unsorted_params", client=with_(trades, query=sorted_query(trades["query"])))),
        V.invalid("body-encoding-spaced-json", "Client sent compact JSON-RPC but signed json.dumps' spaced form.",
                  ["post", "json-body"], buy, Mistake("body_encoding", client=with_(buy, body=spaced(buy["body"])))),
        V.invalid("query-encoding-signed-decoded", "Client sent the label percent-encoded, signed it decoded.",
                  ["get", "query"], label, Mistake("query_encoding", client=with_(label, query="currency=BTC&label=grid/leg 3"))),
        V.invalid("query-encoding-lowercase-hex", "Client sent %2F/%20 but signed %2f/%20.",
                  ["get", "query", "hex-case"], label, Mistake("query_encoding", client=with_(label, query=lower_escapes(label["query"])))),
        V.invalid("clock-drift-stale-62s", "Correct signature, received 62.5 s after its timestamp (valid 60 s).",
                  ["get", "time"], summary(43), Mistake("clock_drift"), server_time=int(ts(43)) + 62_500),
        V.invalid("clock-drift-stale-10min", "Correct signature, client clock 10 minutes behind.",
                  ["get", "time"], summary(44), Mistake("clock_drift"), server_time=int(ts(44)) + 600_000),
        V.invalid("timestamp-mismatch-250ms", "Header ts=T, signed T - 250 ms.",
                  ["post", "json-body", "time"], buy, Mistake("timestamp_mismatch", client=with_(buy, ts=str(int(buy["ts"]) - 250)))),
        V.invalid("timestamp-units-signed-seconds", "Header ts in ms, signed in seconds.",
                  ["get", "time"], summary(45), Mistake("timestamp_units", client=with_(summary(45), ts=str(int(ts(45)) // 1000)))),
        V.invalid("secret-whitespace-newline", "Key = secret + '\\n'.",
                  ["get", "secret"], summary(46), Mistake("secret_whitespace", key=(V.credentials["secret"] + "\n").encode())),
        V.invalid("wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256, hex.",
                  ["post", "hash"], buy, Mistake("wrong_hash", hash_name="sha512")),
        V.invalid("wrong-output-encoding-base64", "Right HMAC, base64 instead of hex.",
                  ["get", "encoding"], summary(47), Mistake("wrong_output_encoding", encoding="base64")),
        V.invalid("method-case-lowercase", "Client signed 'post' instead of 'POST'.",
                  ["post", "method"], buy, Mistake("method_case", client=with_(buy, method="post"))),
        V.invalid("path-mismatch-query-omitted", "URI signed without its '?query'.",
                  ["get", "query", "path"], summary(48), Mistake("path_mismatch", client=with_(summary(48), query=""))),
        V.invalid("path-mismatch-full-url", "Client signed the full URL 'https://www.deribit.com/api/v2/...'.",
                  ["get", "query", "path"], summary(49), Mistake("path_mismatch", client=with_(summary(49), path="https://www.deribit.com" + P + "get_account_summary"))),
        V.invalid("missing-component-empty-body-line",
                  "GET with no body: the client dropped the empty body line and its newline (the docs: "
                  "'these three newline characters must always be present').",
                  ["get", "query"], summary(50), Mistake("missing_component", client=with_(summary(50), omit_body_line=True))),
        V.invalid("wrong-secret-encoding-base64-decoded",
                  "The client secret happens to be valid base64 and the client decoded it; Deribit uses "
                  "its UTF-8 bytes.",
                  ["get", "secret"], summary(51), Mistake("wrong_secret_encoding", key=b64_decode_secret(b64_secret)),
                  credentials={"apiKey": "sc-test-deribit-id-2", "secret": b64_secret}),
        V.invalid("unexplained-other-secret", "Signed with the test.deribit.com key's secret.",
                  ["get", "secret"], summary(52), Mistake("unexplained", key=b"sc-test-deribit-testnet-secret")),
    ]


if __name__ == "__main__":
    check_ws_example()
    V.write("requests", "Valid signed HTTP requests (GET with query, POST with JSON-RPC bodies, encodings, "
            "header formatting, 60 s validity) computed from the documented StringToSign.",
            [DOCS, CLIENTS], request_vectors(), V.defaults())
    V.write("mistakes", "Requests as buggy clients sent them, one diagnosis class each.",
            [DOCS], mistake_vectors(), V.defaults())
