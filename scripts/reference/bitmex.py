#!/usr/bin/env python3
"""Reference vectors for BitMEX (`bitmex`).

Rule, from https://www.bitmex.com/app/apiKeysUsage ("Authenticating with an API Key"
and "Full sample calculation"):
  - headers `api-key`, `api-expires` ("A UNIX timestamp after which the request is no
    longer valid ... UNIX timestamps are in seconds"), `api-signature`;
  - api-signature = hex(HMAC_SHA256(apiSecret, verb + path + expires + data));
    path includes the query string exactly as sent ("Be sure to HMAC *exactly* what is
    sent on the wire": the docs' filter example keeps '+' for a space);
  - data is "exactly equal to the raw body you send to the server", JSON or form
    encoded, '' when there is none.
The legacy `api-nonce` header (same layout, nonce instead of expires) is "no longer
supported" per the current page; its two worked examples, reproduced in BitMEX's
official connectors (official-http/vba/hexhash.vbs), go to legacy-nonce.json.

Rerun: `python3 scripts/reference/bitmex.py` rewrites vectors/bitmex/{docs,requests,
mistakes,legacy-nonce}.json deterministically.

Decisions:
  - A request is valid while serverTime < api-expires * 1000 (brief; the docs say the
    request is invalid "after" that moment). Synthetic clients set expires = now + 5 s,
    as the official node-swagger and mIRC connectors do;
    serverTime is 300 ms after "now" unless a vector says otherwise.
  - The hex case of api-signature is not documented, so no upper-case-hex vectors;
    base64 is used for wrong_output_encoding.
  - Legacy nonce vectors are `valid` under the legacy recipe (the signature reproduces);
    the file's description says the server no longer accepts the scheme.
"""
from collections import OrderedDict

from engine import (Mistake, Venue, b64_decode_secret, compact_json, quote, sorted_keys,
                    sorted_query, spaced, with_)

DOCS = "https://www.bitmex.com/app/apiKeysUsage"
CONNECTORS = "https://github.com/BitMEX/api-connectors/blob/9f8f5e699732424b6fb0f70d25782c3accadcce2/official-http/vba/hexhash.vbs"
GENERATOR = "scripts/reference/bitmex.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte
LEAD_S = 5  # synthetic clients sign with expires = now + 5 s


class Bitmex(Venue):
    name = "bitmex"
    generator = GENERATOR
    host = "www.bitmex.com"
    time_header = "api-expires"

    def prehash(self, parts, creds=None):
        path = parts["path"] + ("?" + parts["query"] if parts["query"] else "")
        return parts["method"] + path + parts[self.time_header] + parts["body"]

    def wire(self, parts, creds, signature):
        headers = OrderedDict()
        headers[self.time_header] = parts[self.time_header]
        headers["api-key"] = creds["apiKey"]
        headers["api-signature"] = signature
        if parts["body"]:
            headers["Content-Type"] = parts.get("content_type", "application/json")
        return OrderedDict(method=parts["method"], host=self.host, path=parts["path"],
                           query=parts["query"], headers=headers, body=parts["body"])

    def expect_headers(self, parts, creds, signature):
        return {"api-signature": signature}

    def arrival(self, parts):
        return self.request_time_ms(parts) + 300

    def request_time_ms(self, parts):
        return (int(parts["api-expires"]) - LEAD_S) * 1000

    def rebuild(self, request):
        return dict(method=request["method"], path=request["path"], query=request["query"],
                    body=request["body"], **{self.time_header: request["headers"][self.time_header]})

    def read_wire(self, request, creds):
        return self.prehash(self.rebuild(request)), request["headers"]["api-signature"]

    def accept(self, request, creds, server_time):
        if request["headers"]["api-key"] != creds["apiKey"]:
            return "api-key"
        if not server_time < int(request["headers"]["api-expires"]) * 1000:
            return "This request has expired"
        return None


class BitmexNonce(Bitmex):
    """The retired api-nonce layout: verb + path + nonce + data."""
    time_header = "api-nonce"

    def request_time_ms(self, parts):
        return int(parts["api-nonce"])  # the examples' nonces are ms clock readings

    def accept(self, request, creds, server_time):
        return None  # the examples pin the recipe only: no expiry to check


CREDS = {"apiKey": "sc-test-bitmex-key-01", "secret": "sc-test-bitmex-secret-4b9e2d71"}
V = Bitmex(CREDS)
DOC_CREDS = {"apiKey": "LAqUlngMIQkIUjXMUreyu3qn", "secret": "chNOOS4KvNXR_Xq4k4c9qsfoKWvnDecLATCRlcBwyKDYnWgO"}
DOC_ORDER = '{"symbol":"XBTM15","price":219.0,"clOrdID":"mm_bitmex_1a/oemUeQ4CAJZgP3fjHsA","orderQty":98}'
DOC_FILTER = "filter=%7B%22symbol%22%3A+%22XBTM15%22%7D"


def expires(n: int) -> str:
    return str(CLOCK_START // 1000 + LEAD_S + n * 61)


def req(method, path, query="", body="", n=0, form=False):
    parts = {"method": method, "path": path, "query": query, "body": body, "api-expires": expires(n)}
    if form:
        parts["content_type"] = "application/x-www-form-urlencoded"
    return parts


def q(value: str, plus=False) -> str:
    return quote(value, plus_for_space=plus)


def docs_vectors():
    def doc(method, path, query, body, exp):
        return {"method": method, "path": path, "query": query, "body": body, "api-expires": exp}
    out = [
        V.valid("docs-expires-get",
                "Docs 'Full sample calculation': GET /api/v1/instrument, api-expires 1518064236 → "
                "published c7682d43... reproduces.",
                ["doc-example", "get"], doc("GET", "/api/v1/instrument", "", "", "1518064236"),
                credentials=DOC_CREDS),
        V.valid("docs-expires-get-query",
                "Docs sample with a URL-encoded JSON filter; '+' for the space is signed as sent → "
                "e2f42254... reproduces.",
                ["doc-example", "get", "query", "encoding", "space"],
                doc("GET", "/api/v1/instrument", DOC_FILTER, "", "1518064237"), credentials=DOC_CREDS),
        V.valid("docs-expires-post",
                "Docs sample POST /api/v1/order with a JSON body signed verbatim ('219.0' stays "
                "'219.0') → 1749cd2c... reproduces.",
                ["doc-example", "post", "json-body", "numbers"],
                doc("POST", "/api/v1/order", "", DOC_ORDER, "1518064238"), credentials=DOC_CREDS),
    ]
    assert [v["expect"]["signature"][:8] for v in out] == ["c7682d43", "e2f42254", "1749cd2c"]
    return out


def legacy_vectors():
    N = BitmexNonce(DOC_CREDS)
    out = [
        N.valid("docs-legacy-nonce-get",
                "Legacy api-nonce example (old bitmex.com/app/apiKeys page, reproduced in BitMEX's "
                "official connectors): GET with the JSON filter, nonce 1429631577690 → 9f1753e2....",
                ["doc-example", "legacy-nonce", "get", "query"],
                {"method": "GET", "path": "/api/v1/instrument", "query": DOC_FILTER, "body": "",
                 "api-nonce": "1429631577690"}),
        N.valid("docs-legacy-nonce-post",
                "Legacy api-nonce POST example (body uses 'quantity'), nonce 1429631577995 → c8f371f0....",
                ["doc-example", "legacy-nonce", "post", "json-body"],
                {"method": "POST", "path": "/api/v1/order", "query": "",
                 "body": DOC_ORDER.replace("orderQty", "quantity"), "api-nonce": "1429631577995"}),
    ]
    assert [v["expect"]["signature"][:8] for v in out] == ["9f1753e2", "c8f371f0"]
    return N, out


ORDER = OrderedDict([("symbol", "XBTUSD"), ("side", "Buy"), ("orderQty", 100), ("ordType", "Limit"),
                     ("clOrdID", "sc-bm-0001"), ("text", "grid leg")])


def json_order(**changes):
    order = OrderedDict(ORDER)
    order.update(changes)
    return compact_json(order)


def request_vectors():
    return [
        V.valid("get-wallet-no-query", "GET without query or body: verb + path + expires.",
                ["get"], req("GET", "/api/v1/user/wallet", n=1)),
        V.valid("get-wallet-currency", "GET with a query: '?currency=XBt' is part of the signed path.",
                ["get", "query"], req("GET", "/api/v1/user/wallet", "currency=XBt", n=2)),
        V.valid("get-order-filter-plus-space",
                "JSON filter form-encoded ('+' for the space, as in the docs' sample), signed as sent.",
                ["get", "query", "encoding", "space"],
                req("GET", "/api/v1/order", "symbol=XBTUSD&filter=" + q('{"open": true}', plus=True)
                    + "&count=100&reverse=true", n=3)),
        V.valid("get-order-filter-percent20-space", "Same filter with %20 for the space, signed as sent.",
                ["get", "query", "encoding", "space"],
                req("GET", "/api/v1/order", "symbol=XBTUSD&filter=" + q('{"open": true}') + "&count=50", n=4)),
        V.valid("get-trade-history-encoded-colons",
                "ISO timestamps with ':' percent-encoded (%3A) in the query.",
                ["get", "query", "encoding"],
                req("GET", "/api/v1/execution/tradeHistory",
                    "symbol=ETHUSD&startTime=" + q("2026-01-01T00:00:00.000Z") + "&count=500", n=5)),
        V.valid("get-trade-history-raw-colons",
                "The same kind of query sent with raw ':' (legal in a query): signed raw, as sent.",
                ["get", "query", "encoding"],
                req("GET", "/api/v1/execution/tradeHistory",
                    "symbol=ETHUSD&startTime=2026-01-01T00:00:00.000Z&count=500", n=6)),
        V.valid("get-position-columns-json-array",
                "columns is a JSON array: '[', '\"' and ',' percent-encoded.",
                ["get", "query", "encoding", "json-in-param"],
                req("GET", "/api/v1/position", "columns=" + q('["symbol","currentQty","avgEntryPrice"]'), n=7)),
        V.valid("get-order-filter-text-literal-plus", "A literal '+' inside the filter travels as %2B.",
                ["get", "query", "encoding", "plus"],
                req("GET", "/api/v1/order", "filter=" + q('{"text":"hedge+1"}') + "&count=10", n=8)),
        V.valid("get-order-filter-text-nonascii", "Non-ASCII text in the filter, UTF-8 percent-encoded.",
                ["get", "query", "encoding", "non-ascii"],
                req("GET", "/api/v1/order", "filter=" + q('{"text":"房租 März"}'), n=9)),
        V.valid("get-order-filter-text-at-amp-equals", "'@', '&', '=' and ',' inside the filter, percent-encoded.",
                ["get", "query", "encoding"],
                req("GET", "/api/v1/order", "filter=" + q('{"text":"ops@desk, k=v&x"}') + "&reverse=false", n=10)),
        V.valid("get-query-empty-value", "An empty value ('symbol=') is part of the signed path.",
                ["get", "query", "empty-value"],
                req("GET", "/api/v1/execution/tradeHistory", "symbol=&count=10", n=11)),
        V.valid("post-order-json", "POST /api/v1/order with a compact JSON body.",
                ["post", "json-body"], req("POST", "/api/v1/order", body=json_order(price=65000.5), n=12)),
        V.valid("post-order-json-float-as-written",
                "A body with '219.0' and '1e-8' written by hand: signed as the exact bytes, no number "
                "re-formatting.",
                ["post", "json-body", "numbers"],
                req("POST", "/api/v1/order",
                    body='{"symbol":"XBTUSD","orderQty":1,"price":219.0,"pegOffsetValue":1e-8,'
                         '"pegPriceType":"TrailingStopPeg","ordType":"Stop","stopPx":0.1}', n=13)),
        V.valid("post-order-json-nonascii-raw", "Non-ASCII order text as raw UTF-8 in the JSON body.",
                ["post", "json-body", "non-ascii"],
                req("POST", "/api/v1/order", body=json_order(price=64000, text="房租 März"), n=14)),
        V.valid("post-order-json-nonascii-escaped", "The same text as \\u escapes: different bytes, signed as sent.",
                ["post", "json-body", "non-ascii"],
                req("POST", "/api/v1/order",
                    body='{"symbol":"XBTUSD","side":"Buy","orderQty":100,"price":64000,"ordType":"Limit",'
                         '"text":"\\u623f\\u79df M\\u00e4rz"}', n=15)),
        V.valid("post-order-form-body", "POST /api/v1/order as an x-www-form-urlencoded body (%20 for spaces).",
                ["post", "form-body", "encoding", "space"],
                req("POST", "/api/v1/order",
                    body="symbol=XBTUSD&side=Sell&orderQty=100&price=70000&ordType=Limit&text=" + q("take profit"),
                    n=16, form=True)),
        V.valid("post-order-form-body-plus-space", "Form body with '+' for spaces, signed as sent.",
                ["post", "form-body", "encoding", "space"],
                req("POST", "/api/v1/order",
                    body="symbol=XBTUSD&side=Sell&orderQty=50&price=71000&ordType=Limit&text="
                         + q("take profit 2", plus=True), n=17, form=True)),
        V.valid("post-order-bulk-nested", "POST /api/v1/order/bulk: an object holding an array of orders.",
                ["post", "json-body", "nested"],
                req("POST", "/api/v1/order/bulk",
                    body=compact_json({"orders": [
                        OrderedDict([("symbol", "XBTUSD"), ("side", "Buy"), ("orderQty", 100), ("price", 60000),
                                     ("execInst", "ParticipateDoNotInitiate")]),
                        OrderedDict([("symbol", "XBTUSD"), ("side", "Buy"), ("orderQty", 200), ("price", 59000.5),
                                     ("clOrdID", "sc-bm-ladder-2")])]}), n=18)),
        V.valid("post-position-leverage", "POST /api/v1/position/leverage with a float leverage.",
                ["post", "json-body", "numbers"],
                req("POST", "/api/v1/position/leverage", body='{"symbol":"XBTUSD","leverage":12.5}', n=19)),
        V.valid("post-position-isolate-bool-null", "Booleans and null in the body.",
                ["post", "json-body"],
                req("POST", "/api/v1/position/isolate", body='{"symbol":"ETHUSD","enabled":false,"text":null}', n=20)),
        V.valid("post-cancel-all-after", "POST /api/v1/order/cancelAllAfter (dead man's switch).",
                ["post", "json-body"], req("POST", "/api/v1/order/cancelAllAfter", body='{"timeout":60000}', n=21)),
        V.valid("put-order-amend-json", "PUT /api/v1/order (amend) with a JSON body.",
                ["put", "json-body"],
                req("PUT", "/api/v1/order",
                    body='{"orderID":"6f3b1c2e-8d4a-4e5b-9c7d-0a1b2c3d4e5f","price":64900.5,"orderQty":200}', n=22)),
        V.valid("put-order-amend-form", "PUT /api/v1/order (amend) with a form body.",
                ["put", "form-body"],
                req("PUT", "/api/v1/order", body="origClOrdID=sc-bm-0001&leavesQty=50&price=65100",
                    n=23, form=True)),
        V.valid("delete-order-json-body", "DELETE /api/v1/order carrying an array of order ids in a JSON body.",
                ["delete", "json-body", "nested"],
                req("DELETE", "/api/v1/order",
                    body='{"orderID":["6f3b1c2e-8d4a-4e5b-9c7d-0a1b2c3d4e5f","0b1c2d3e-4f5a-6b7c-8d9e-0f1a2b3c4d5e"],'
                         '"text":"cancel both"}', n=24)),
        V.valid("delete-order-query", "DELETE /api/v1/order with the id in the query.",
                ["delete", "query"],
                req("DELETE", "/api/v1/order", "clOrdID=sc-bm-0001", n=25)),
        V.valid("delete-order-all-form", "DELETE /api/v1/order/all with a form body.",
                ["delete", "form-body", "encoding"],
                req("DELETE", "/api/v1/order/all", body="symbol=XBTUSD&text=" + q("flatten @ close"),
                    n=26, form=True)),
        V.valid("time-one-ms-before-expiry", "Server clock 1 ms before api-expires: still valid.",
                ["get", "time", "boundary"], req("GET", "/api/v1/user/margin", "currency=all", n=27),
                server_time=int(expires(27)) * 1000 - 1),
        V.valid("time-expires-one-minute-ahead", "expires set a minute ahead; the server is 55 s before it.",
                ["get", "time"], req("GET", "/api/v1/user/margin", n=28),
                server_time=(int(expires(28)) - 55) * 1000),
    ]


def mistake_vectors():
    orders = req("GET", "/api/v1/order", "symbol=XBTUSD&reverse=true&count=20&filter=" + q('{"open":true}'), n=40)
    order = req("POST", "/api/v1/order", body=json_order(price=65500, clOrdID="sc-bm-0040"), n=41)
    spacey = req("GET", "/api/v1/order", "filter=" + q('{"text": "grid leg"}') + "&count=5", n=42)
    wallet = lambda n: req("GET", "/api/v1/user/wallet", "currency=XBt", n=n)
    b64_secret = "scTestBitmexSecretLooksLikeBase64xAAAAbbbbCCCCdd"  # 48 characters, valid base64
    return [
        V.invalid("unsorted-params-signed-sorted", "Client sent insertion order but signed the query sorted by key.",
                  ["get", "query"], orders, Mistake("unsorted_params", client=with_(orders, query=sorted_query(orders["query"])))),
        V.invalid("body-encoding-spaced-json", "Client sent compact JSON but signed json.dumps' spaced form.",
                  ["post", "json-body"], order, Mistake("body_encoding", client=with_(order, body=spaced(order["body"])))),
        V.invalid("body-encoding-sorted-keys",
                  "Client signed the body re-serialised with sorted keys, sent it in insertion order "
                  "(the pitfall BitMEX's own node examples warn about).",
                  ["post", "json-body"], order, Mistake("body_encoding", client=with_(order, body=sorted_keys(order["body"])))),
        V.invalid("query-encoding-percent20-signed-plus", "Client sent %20 for spaces but signed '+'.",
                  ["get", "query", "space"], spacey, Mistake("query_encoding", client=with_(spacey, query=spacey["query"].replace("%20", "+")))),
        V.invalid("query-encoding-signed-decoded", "Client sent the filter percent-encoded but signed it decoded.",
                  ["get", "query"], orders, Mistake("query_encoding", client=with_(orders, query='symbol=XBTUSD&reverse=true&count=20&filter={"open":true}'))),
        V.invalid("clock-drift-expired", "Correct signature, but the server received it 2.5 s after api-expires.",
                  ["get", "time"], wallet(43), Mistake("clock_drift"), server_time=int(expires(43)) * 1000 + 2500),
        V.invalid("clock-drift-expired-long", "Correct signature, client clock a minute behind: expired on arrival.",
                  ["get", "time"], wallet(44), Mistake("clock_drift"), server_time=int(expires(44)) * 1000 + 60_000),
        V.invalid("timestamp-mismatch-5s", "api-expires header is E but the client signed E - 5 (two clock reads).",
                  ["post", "json-body", "time"], order, Mistake("timestamp_mismatch", client=with_(order, **{"api-expires": str(int(order["api-expires"]) - 5)}))),
        V.invalid("timestamp-units-signed-ms", "api-expires header in seconds, signed in milliseconds (E * 1000).",
                  ["get", "time"], wallet(45), Mistake("timestamp_units", client=with_(wallet(45), **{"api-expires": str(int(expires(45)) * 1000)}))),
        V.invalid("secret-whitespace-newline", "Key = secret + '\\n'.",
                  ["get", "secret"], wallet(46), Mistake("secret_whitespace", key=(CREDS["secret"] + "\n").encode())),
        V.invalid("wrong-hash-sha384", "HMAC-SHA384 instead of HMAC-SHA256, hex.",
                  ["post", "hash"], order, Mistake("wrong_hash", hash_name="sha384")),
        V.invalid("wrong-output-encoding-base64", "Right HMAC, base64 instead of hex.",
                  ["get", "encoding"], wallet(47), Mistake("wrong_output_encoding", encoding="base64")),
        V.invalid("method-case-lowercase", "Client signed 'get' instead of 'GET'.",
                  ["get", "method"], wallet(48), Mistake("method_case", client=with_(wallet(48), method="get"))),
        V.invalid("path-mismatch-query-omitted",
                  "GET with a query, signed without '?query' (BitMEX/api-connectors#212).",
                  ["get", "query", "path"], orders, Mistake("path_mismatch", client=with_(orders, query=""))),
        V.invalid("path-mismatch-prefix-missing", "Client signed '/order' instead of '/api/v1/order'.",
                  ["post", "path"], order, Mistake("path_mismatch", client=with_(order, path="/order"))),
        V.invalid("missing-component-expires", "Client signed verb + path + body and left expires out.",
                  ["post", "json-body", "time"], order, Mistake("missing_component", client=with_(order, **{"api-expires": ""}))),
        V.invalid("wrong-secret-encoding-base64-decoded",
                  "The secret happens to be valid base64 and the client decoded it; BitMEX uses its "
                  "UTF-8 bytes.",
                  ["get", "secret"], wallet(49), Mistake("wrong_secret_encoding", key=b64_decode_secret(b64_secret)),
                  credentials={"apiKey": "sc-test-bitmex-key-02", "secret": b64_secret}),
        V.invalid("unexplained-other-secret", "Signed with the testnet key's secret.",
                  ["get", "secret"], wallet(50), Mistake("unexplained", key=b"sc-test-bitmex-testnet-secret")),
    ]


if __name__ == "__main__":
    V.write("docs", "The three api-expires worked examples of the 'API Keys Usage' page.",
            [DOCS], docs_vectors(), V.defaults())
    N, legacy = legacy_vectors()
    N.write("legacy-nonce", "The two worked examples of the retired api-nonce scheme (header api-nonce "
            "instead of api-expires, same string layout). The current docs say the scheme is no "
            "longer supported; these vectors pin the recipe only.",
            [CONNECTORS, DOCS], legacy, N.defaults())
    V.write("requests", "Valid signed requests (GET/POST/PUT/DELETE, query exactly as sent, JSON and form "
            "bodies, expiry boundaries) computed from the documented rule.",
            [DOCS], request_vectors(), V.defaults())
    V.write("mistakes", "Requests as buggy clients sent them, one diagnosis class each.",
            [DOCS, "https://github.com/BitMEX/api-connectors/issues/212"], mistake_vectors(), V.defaults())
