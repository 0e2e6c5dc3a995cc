#!/usr/bin/env python3
"""Reference vectors for KuCoin (`kucoin`; spot host api.kucoin.com, one futures vector).

Rule, from the legacy API docs (https://docs.kucoin.com/#signing-a-message, repo
Kucoin/kucoin-api-docs, source/localizable/index.html.md):
  - KC-API-SIGN = base64(HMAC-SHA256(secret, timestamp + METHOD + endpoint + body));
    "The Method should be UPPER CASE"; "For GET, DELETE request, the endpoint needs to
    contain the query string"; body = the JSON string sent, "" when there is none;
  - KC-API-TIMESTAMP in ms, "must be within 5 seconds" of the server time;
  - KC-API-PASSPHRASE: "For API key-V1.0, please pass requests in plaintext. For API
    key-V2.0, please Specify KC-API-KEY-VERSION as 2 --> Encrypt passphrase with
    HMAC-sha256 via API-Secret --> Encode contents by base64". The universal SDK sends
    KC-API-KEY-VERSION: 3 with the same signed passphrase (KcSigner.java).
  - KC-API-KEY carries the key; every request is application/json.

Rerun: `python3 scripts/reference/kucoin.py` rewrites vectors/kucoin/{docs,requests,
mistakes}.json deterministically.

Decisions:
  - The query enters the prehash PERCENT-DECODED. The docs only say "contain the query
    string". The official SDKs sign the decoded form while sending the encoded one:
    kucoin-universal-sdk (sdk/python/.../default_transport.py) sends
    `urlencode(query)` but signs `raw_query` ("k=v" without encoding);
    kucoin-php-sdk Auth::signature parse_str()-decodes the query before signing
    (commit cfb9355, "decode query to fix sign fail"); kucoin-python-sdk signs the
    unencoded "k=v" string. KuCoin rejected a signature over 'chain=BEP20%28BSC%29'
    and accepted 'chain=BEP20(BSC)' (JKorf/Kucoin.Net#72). Decoding is form decoding
    ('+' is a space), because the universal SDK sends spaces as '+' and signs them as
    spaces. Where a query has nothing to decode the two readings agree.
  - The body is signed byte for byte as sent. The docs ask for JSON without spaces,
    but the official kucoin-python-sdk sends and signs json.dumps() output (", " and
    ": "); consistent bytes are what matters, so one valid vector uses it.
  - Mistake vectors carry the CORRECT passphrase header, so that the signature is the
    only defect and exactly one diagnosis class applies.
  - The universal SDK's primitive vector (sign(b"test_plain", b"test_api_secret") =
    jie/gxS3...) has no request behind it; it is expressed through the one place the
    SDK applies that primitive to a caller-chosen string: KC-API-PASSPHRASE (key
    version 2) for passphrase "test_plain" under secret "test_api_secret".
  - KuCoin has no PUT in the endpoints used here; no PUT vectors.
"""
from collections import OrderedDict

from urllib.parse import unquote_plus

from engine import Clock, Mistake, Venue, compact_json, sorted_keys, sorted_query, spaced, with_

DOCS = "https://docs.kucoin.com/#signing-a-message"
DOCS_V2 = ("https://github.com/Kucoin/kucoin-api-docs/blob/7f01bbefeebb034ba9acc44c115d737816664c48/"
           "source/localizable/index.html.md")
DOCS_V1 = ("https://github.com/Kucoin/kucoin-api-docs/blob/c47118e4af6bb18eb8028e62f70a9a79aee3490f/"
           "source/localizable/index.html.md")
FUTURES_DOCS = ("https://github.com/Kucoin/kucoin-futures-api-docs/blob/"
                "aaa0f168589f887f4496502ad4ad7546f9934f0c/source/localizable/index.en.html.md")
SDK_TREE = ("https://github.com/Kucoin/kucoin-universal-sdk/blob/78c90c77d749e4e57d61e99b7c04f090150e08d2/"
            "sdk/python/kucoin_universal_sdk/internal/infra/")
SDK_TEST = SDK_TREE + "test_default_signer.py"
SDK_TRANSPORT = SDK_TREE + "default_transport.py"
PHP_SDK = "https://github.com/Kucoin/kucoin-php-sdk/blob/eedadf752c46bfba0449f5d4986d3e7c2c243ece/src/Auth.php"
GENERATOR = "scripts/reference/kucoin.py"
CLOCK_START = 1_767_225_600_000  # 2026-01-01T00:00:00Z: fixed, so regenerating never changes a byte
WINDOW_MS = 5000


class KuCoin(Venue):
    name = "kucoin"
    generator = GENERATOR
    host = "api.kucoin.com"
    encoding = "base64"

    def endpoint(self, parts) -> str:
        # Decoded query: see the module docstring (SDK behaviour, JKorf/Kucoin.Net#72).
        return parts["path"] + ("?" + unquote_plus(parts["query"]) if parts["query"] else "")

    def prehash(self, parts, creds=None):
        return parts["ts"] + parts["method"] + self.endpoint(parts) + parts["body"]

    def signed_passphrase(self, version, creds) -> str:
        if version in (None, "1"):
            return creds["passphrase"]
        return self.sign(creds["passphrase"], creds)  # base64(HMAC-SHA256(secret, passphrase))

    def wire(self, parts, creds, signature):
        version = parts.get("version", "2")
        headers = OrderedDict()
        headers["KC-API-KEY"] = creds["apiKey"]
        headers["KC-API-SIGN"] = signature
        headers["KC-API-TIMESTAMP"] = parts["ts"]
        headers["KC-API-PASSPHRASE"] = parts.get("passphrase_header") or self.signed_passphrase(version, creds)
        if version is not None:
            headers["KC-API-KEY-VERSION"] = version
        headers["Content-Type"] = "application/json"
        return OrderedDict(method=parts["method"], host=parts.get("host", self.host), path=parts["path"],
                           query=parts["query"], headers=headers, body=parts["body"])

    def expect_headers(self, parts, creds, signature):
        return OrderedDict([("KC-API-SIGN", signature),
                            ("KC-API-PASSPHRASE", self.signed_passphrase(parts.get("version", "2"), creds))])

    def arrival(self, parts):
        return self.request_time_ms(parts) + 300

    def request_time_ms(self, parts):
        return int(parts["ts"])

    def read_wire(self, request, creds):
        h = request["headers"]
        parts = dict(method=request["method"], path=request["path"], query=request["query"],
                     body=request["body"], ts=h["KC-API-TIMESTAMP"])
        return self.prehash(parts), h["KC-API-SIGN"]

    def accept(self, request, creds, server_time):
        h = request["headers"]
        if h.get("KC-API-KEY-VERSION") in (None, "1") and h["KC-API-PASSPHRASE"] == creds["passphrase"]:
            # KuCoin retired key v1 (https://www.kucoin.com/support/900006465403): every key is v2
            # or later, so a plain passphrase never matches the signed one the server checks.
            return "API key v1 scheme, retired in 2021: passphrase mismatch (400004)"
        if h["KC-API-PASSPHRASE"] != self.signed_passphrase(h.get("KC-API-KEY-VERSION"), creds):
            return "passphrase mismatch (400004)"
        if abs(server_time - int(h["KC-API-TIMESTAMP"])) > WINDOW_MS:
            return "timestamp outside 5 s (400002)"
        return None


V = KuCoin({"apiKey": "sc-test-kucoin-api-key-0001", "secret": "sc-test-kucoin-secret-7f3c9a10",
            "passphrase": "sc-test-passphrase"})
DOC_V1 = {"apiKey": "5c2db93503aa674c74a31734", "secret": "f03a5284-5c39-4aaa-9b20-dea10bdcf8e3",
          "passphrase": "Abc123456"}
DOC_V2 = dict(DOC_V1, passphrase="QWIxMjM0NTY3OCkoKiZeJSQjQA==")
ts = Clock(CLOCK_START, 67_000).text


def req(method, path, query="", body="", n=0, **extra):
    return dict(method=method, path=path, query=query, body=body, ts=ts(n), **extra)


def docs_vectors():
    deposit = dict(method="POST", path="/api/v1/deposit-addresses", query="", body='{"currency":"BTC"}',
                   ts="1547015186532")
    published = "7QP/oM0ykidMdrfNEUmng8eZjg/ZvPafjIqmxiVfYu4="
    out = [
        V.invalid("docs-deposit-addresses-v1",
                  "Docs 'Signing a Message' example as rendered before the key-v2 update (commit "
                  "c47118e, 2020-12-04): POST /api/v1/deposit-addresses {\"currency\":\"BTC\"}, "
                  "plaintext passphrase 'Abc123456', no KC-API-KEY-VERSION (key v1). Published "
                  "KC-API-SIGN 7QP/oM0y... reproduces, but key v1 was retired in 2021 "
                  "(https://www.kucoin.com/support/900006465403): another scheme, which sigconform "
                  "does not check ('unsupported_scheme').",
                  ["doc-example", "post", "json-body", "key-v1"],
                  with_(deposit, version=None), Mistake("unsupported_scheme", signed_correctly=True), credentials=DOC_V1),
        V.invalid("docs-deposit-addresses-v2-passphrase",
                  "DOC DEFECT. Current rendering of the same example: KC-API-KEY-VERSION: 2 and "
                  "KC-API-PASSPHRASE 'QWIxMjM0NTY3OCkoKiZeJSQjQA==', which is only base64 of "
                  "'Ab12345678)(*&^%$#@' and 28 characters long; a key-v2 passphrase header is "
                  "base64(HMAC-SHA256(secret, passphrase)), always 44 characters, so the header is "
                  "wrong for ANY passphrase. KC-API-SIGN (7QP/oM0y...) is correct and is the "
                  "observed signature. Credentials take the passphrase the docs list "
                  "(KC-API-PASSPHRASE = QWIx...==); expect.headers gives the signed header it "
                  "requires. The signature is right; the header is the plain passphrase where key "
                  "v2 wants it signed: 'value_mismatch'.",
                  ["doc-example", "doc-defect", "post", "json-body", "key-v2", "passphrase"],
                  with_(deposit, version="2", passphrase_header="QWIxMjM0NTY3OCkoKiZeJSQjQA=="), Mistake("value_mismatch", observed=published, signed_correctly=True), credentials=DOC_V2),
        V.invalid("docs-futures-deposit-address-copy-defect",
                  "DOC DEFECT. The futures docs edit the example to POST /api/v1/deposit-address "
                  "{\"currency\":\"XBT\"} on api-futures.kucoin.com but print the spot KC-API-SIGN "
                  "7QP/oM0y... unchanged, so it cannot match (path and body both differ from what it "
                  "signs). The curl also sends KC-API-PASSPHRASE 'QWIxMjM0NTY3OCkoKiZeJSQjQA' under "
                  "KC-API-KEY-VERSION 2, wrong for the same reason as the spot v2 example.",
                  ["doc-example", "doc-defect", "post", "json-body", "futures"],
                  dict(method="POST", path="/api/v1/deposit-address", query="", body='{"currency":"XBT"}',
                       ts="1547015186532", version="2", host="api-futures.kucoin.com",
                       passphrase_header="QWIxMjM0NTY3OCkoKiZeJSQjQA"), Mistake("unexplained", observed=published, client=deposit), credentials=DOC_V2),
        V.valid("sdk-sign-primitive-as-passphrase",
                "Official kucoin-universal-sdk unit test: KcSigner.sign(b'test_plain', "
                "b'test_api_secret') = 'jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4='. The SDK "
                "applies that primitive to the passphrase (key v2/v3), so with passphrase "
                "'test_plain' and secret 'test_api_secret' the required KC-API-PASSPHRASE is exactly "
                "the SDK's value (expect.headers). The request itself (GET /api/v1/accounts at the "
                "test's mocked time 1234567890 s) is signed by this script; its KC-API-SIGN is not "
                "an official value.",
                ["sdk-example", "get", "key-v2", "passphrase"],
                dict(method="GET", path="/api/v1/accounts", query="", body="", ts="1234567890000",
                     version="2"),
                credentials={"apiKey": "test_api_key", "secret": "test_api_secret", "passphrase": "test_plain"}),
    ]
    assert out[0]["expect"]["signature"] == published == out[1]["expect"]["signature"]
    assert out[3]["expect"]["headers"]["KC-API-PASSPHRASE"] == "jie/gxS38wLFFaBwl/cAzFbAzlI8MIny96jSXrB+iP4="
    return out


ORDER = OrderedDict([("clientOid", "sc-7f3c-0001"), ("side", "buy"), ("symbol", "BTC-USDT"),
                     ("type", "limit"), ("price", "65000.5"), ("size", "0.001")])


def request_vectors():
    return [
        V.valid("get-accounts-no-query", "GET without query: endpoint is the bare path, body ''.",
                ["get"], req("GET", "/api/v1/accounts", n=1)),
        V.valid("get-accounts-currency-type", "GET with two plain parameters: '?query' is part of the endpoint.",
                ["get", "query"], req("GET", "/api/v1/accounts", "currency=USDT&type=trade", n=2)),
        V.valid("get-orders-filters", "GET /api/v1/orders with seven filters in the order sent (not sorted).",
                ["get", "query", "order"],
                req("GET", "/api/v1/orders",
                    "status=active&symbol=BTC-USDT&side=buy&type=limit&tradeType=TRADE&currentPage=1&pageSize=50",
                    n=3)),
        V.valid("get-fills-time-range", "GET /api/v1/fills with a ms time range.",
                ["get", "query"],
                req("GET", "/api/v1/fills", f"symbol=ETH-USDT&startAt={int(ts(4)) - 86_400_000}&endAt={ts(4)}", n=4)),
        V.valid("get-ledgers-currency-list-raw-comma",
                "Comma-separated currency list sent with a raw ','; nothing to decode.",
                ["get", "query", "encoding"],
                req("GET", "/api/v1/accounts/ledgers", "currency=BTC,ETH&direction=in", n=5)),
        V.valid("get-ledgers-currency-list-encoded-comma",
                "Same list sent as BTC%2CETH: the signed endpoint carries the DECODED ',' (SDK behaviour).",
                ["get", "query", "encoding", "decoded-query"],
                req("GET", "/api/v1/accounts/ledgers", "currency=BTC%2CETH&direction=out", n=6)),
        V.valid("get-withdrawal-quotas-chain-parens",
                "chain 'BEP20(BSC)' sent as BEP20%28BSC%29 and signed decoded: the exact case of "
                "JKorf/Kucoin.Net#72, where KuCoin rejected the encoded prehash.",
                ["get", "query", "encoding", "decoded-query"],
                req("GET", "/api/v1/withdrawals/quotas", "currency=USDT&chain=BEP20%28BSC%29", n=7)),
        V.valid("get-ledgers-biztype-space-percent20",
                "bizType 'KuCoin Bonus' sent with %20, signed with a plain space.",
                ["get", "query", "encoding", "space", "decoded-query"],
                req("GET", "/api/v1/accounts/ledgers", "currency=KCS&bizType=KuCoin%20Bonus", n=8)),
        V.valid("get-ledgers-biztype-space-plus",
                "bizType 'Referral Bonus' sent form-style as Referral+Bonus (what the universal SDK's "
                "urlencode() sends), signed with a plain space.",
                ["get", "query", "encoding", "space", "decoded-query", "sdk-behaviour"],
                req("GET", "/api/v1/accounts/ledgers", "currency=USDT&bizType=Referral+Bonus", n=9)),
        V.valid("get-ledgers-biztype-slash", "bizType 'Airdrop/Fork' sent as Airdrop%2FFork, signed with '/'.",
                ["get", "query", "encoding", "decoded-query"],
                req("GET", "/api/v1/accounts/ledgers", "bizType=Airdrop%2FFork&currency=ETH", n=10)),
        V.valid("get-query-literal-plus",
                "A literal '+' must travel as %2B (a raw '+' would decode to a space); signed as '+'. "
                "'remark' is a free-text parameter chosen to carry the character.",
                ["get", "query", "encoding", "plus", "decoded-query"],
                req("GET", "/api/v1/withdrawals", "currency=USDT&remark=fee%2Btip", n=11)),
        V.valid("get-query-at-sign", "'@' sent as %40, signed as '@'.",
                ["get", "query", "encoding", "decoded-query"],
                req("GET", "/api/v1/withdrawals", "currency=USDT&remark=ops%40desk", n=12)),
        V.valid("get-query-amp-equals",
                "'&' and '=' inside a value sent as %26/%3D; the decoded endpoint shows them raw.",
                ["get", "query", "encoding", "decoded-query"],
                req("GET", "/api/v1/withdrawals", "remark=k%3Dv%26x&currency=USDT", n=13)),
        V.valid("get-query-nonascii", "Non-ASCII remark '房租' sent UTF-8 percent-encoded, signed as raw UTF-8.",
                ["get", "query", "encoding", "non-ascii", "decoded-query"],
                req("GET", "/api/v1/withdrawals", "currency=USDT&remark=%E6%88%BF%E7%A7%9F", n=14)),
        V.valid("get-query-empty-value", "An empty value ('currency=') is kept in the endpoint.",
                ["get", "query", "empty-value"],
                req("GET", "/api/v1/accounts", "currency=&type=main", n=15)),
        V.valid("post-order-limit", "POST /api/v1/orders with a compact JSON body.",
                ["post", "json-body"], req("POST", "/api/v1/orders", body=compact_json(ORDER), n=16)),
        V.valid("post-order-market-funds", "MARKET order by funds.",
                ["post", "json-body"],
                req("POST", "/api/v1/orders",
                    body='{"clientOid":"sc-7f3c-0002","side":"sell","symbol":"ETH-USDT","type":"market","funds":"25"}',
                    n=17)),
        V.valid("post-multi-orders-nested-array", "POST /api/v1/orders/multi: object with an array of objects.",
                ["post", "json-body", "nested"],
                req("POST", "/api/v1/orders/multi",
                    body=compact_json(OrderedDict([("symbol", "BTC-USDT"), ("orderList", [
                        OrderedDict([("clientOid", "sc-ladder-1"), ("side", "buy"), ("type", "limit"),
                                     ("price", "60000"), ("size", "0.001")]),
                        OrderedDict([("clientOid", "sc-ladder-2"), ("side", "buy"), ("type", "limit"),
                                     ("price", "59000"), ("size", "0.002"), ("postOnly", True)])])])),
                    n=18)),
        V.valid("post-json-numbers-bools-null",
                "JSON numbers 0.1 and 1e-8, booleans and null are signed as the exact bytes sent.",
                ["post", "json-body", "numbers"],
                req("POST", "/api/v1/margin/order",
                    body='{"clientOid":"sc-margin-1","side":"buy","symbol":"ETH-USDT","price":0.1,"size":1e-8,'
                         '"autoBorrow":true,"autoRepay":false,"remark":null}', n=19)),
        V.valid("post-json-nonascii-raw", "Non-ASCII text in the JSON body as raw UTF-8.",
                ["post", "json-body", "non-ascii"],
                req("POST", "/api/v2/accounts/inner-transfer",
                    body=compact_json(OrderedDict([("clientOid", "sc-xfer-1"), ("currency", "USDT"),
                                                   ("from", "main"), ("to", "trade"), ("amount", "10"),
                                                   ("remark", "房租 März")])), n=20)),
        V.valid("post-json-nonascii-escaped",
                "The same text sent as \\u escapes: different bytes, signed as sent.",
                ["post", "json-body", "non-ascii"],
                req("POST", "/api/v2/accounts/inner-transfer",
                    body='{"clientOid":"sc-xfer-2","currency":"USDT","from":"trade","to":"main","amount":"10",'
                         '"remark":"\\u623f\\u79df M\\u00e4rz"}', n=21)),
        V.valid("post-json-spaced-sdk-style",
                "Body serialised by json.dumps() defaults (', ' and ': '), sent and signed with the "
                "spaces, as the official kucoin-python-sdk does.",
                ["post", "json-body", "sdk-behaviour"],
                req("POST", "/api/v1/orders", body=spaced(compact_json(ORDER)).replace("0001", "0003"), n=22)),
        V.valid("post-json-special-chars",
                "Characters that would need escaping in a query ('@', ',', '&', '=', '/', '+', space) "
                "are plain bytes in a JSON body.",
                ["post", "json-body", "encoding"],
                req("POST", "/api/v1/orders",
                    body='{"clientOid":"sc-7f3c-0004","side":"buy","symbol":"BTC-USDT","type":"limit",'
                         '"price":"64000","size":"0.001","remark":"ops@desk, k=v&x/y + z"}', n=23)),
        V.valid("post-withdrawal-empty-string-and-bool", "Empty string and false in the body.",
                ["post", "json-body", "empty-value"],
                req("POST", "/api/v3/withdrawals",
                    body='{"currency":"USDT","toAddress":"TXscTestAddress000000000000000000x","amount":"12.5",'
                         '"withdrawType":"ADDRESS","chain":"trx","isInner":false,"remark":"",'
                         '"feeDeductType":"INTERNAL"}', n=24)),
        V.valid("post-bullet-private-empty-body",
                "POST /api/v1/bullet-private (WebSocket token) with no body: the prehash ends at the path.",
                ["post", "empty-body"], req("POST", "/api/v1/bullet-private", n=25)),
        V.valid("delete-order-by-id", "DELETE /api/v1/orders/{orderId}: id in the path, no query.",
                ["delete"], req("DELETE", "/api/v1/orders/5bd6e9286d99522a52e458de", n=26)),
        V.valid("delete-orders-by-symbol", "DELETE /api/v1/orders with a query: the query is in the endpoint.",
                ["delete", "query"], req("DELETE", "/api/v1/orders", "symbol=BTC-USDT&tradeType=TRADE", n=27)),
        V.valid("delete-hf-order-with-symbol", "DELETE /api/v1/hf/orders/{orderId}?symbol=....",
                ["delete", "query"],
                req("DELETE", "/api/v1/hf/orders/6711f73c1ef16c000717bb31", "symbol=ETH-USDT", n=28)),
        V.invalid("key-version-1-explicit", "Key v1 with KC-API-KEY-VERSION: 1: plaintext passphrase, signed as the "
                  "recipe says. Key v1 was retired in 2021: another scheme, which sigconform does not check.",
                  ["get", "key-v1", "passphrase"],
                  req("GET", "/api/v1/accounts", "currency=BTC", n=29, version="1"), Mistake("unsupported_scheme", signed_correctly=True)),
        V.invalid("key-version-1-no-header", "Key v1 without a KC-API-KEY-VERSION header: plaintext passphrase, signed as "
                  "the recipe says. Key v1 was retired in 2021: another scheme, which sigconform does not check.",
                  ["post", "json-body", "key-v1", "passphrase"],
                  req("POST", "/api/v1/orders", body=compact_json(ORDER).replace("0001", "0005"), n=30, version=None),
                  Mistake("unsupported_scheme", signed_correctly=True)),
        V.valid("key-version-3", "KC-API-KEY-VERSION: 3 (universal SDK): signed passphrase, as v2.",
                ["get", "query", "key-v3", "passphrase"],
                req("GET", "/api/v1/accounts", "type=margin", n=31, version="3")),
        V.valid("futures-post-order", "Futures host, same rule: POST /api/v1/orders on api-futures.kucoin.com.",
                ["post", "json-body", "futures"],
                req("POST", "/api/v1/orders",
                    body='{"clientOid":"sc-fut-1","side":"buy","symbol":"XBTUSDTM","leverage":5,'
                         '"type":"limit","price":"65000","size":1}', n=32, host="api-futures.kucoin.com")),
        V.valid("time-client-ahead-4900ms", "Client clock 4.9 s ahead: inside the 5 s window.",
                ["get", "time", "boundary"], req("GET", "/api/v1/accounts", n=33), server_time=int(ts(33)) - 4900),
        V.valid("time-client-behind-5000ms", "Arrives exactly 5 s after the timestamp: accepted.",
                ["get", "time", "boundary"], req("GET", "/api/v1/accounts", n=34), server_time=int(ts(34)) + 5000),
    ]


def mistake_vectors():
    orders = req("GET", "/api/v1/orders", "symbol=ETH-BTC&status=done&side=sell&type=limit", n=40)
    order = req("POST", "/api/v1/orders", body=compact_json(ORDER).replace("0001", "0040"), n=41)
    quotas = req("GET", "/api/v1/withdrawals/quotas", "currency=CTSI&chain=BEP20%28BSC%29", n=42)
    bonus = req("GET", "/api/v1/accounts/ledgers", "currency=USDT&bizType=Referral+Bonus", n=43)
    accounts = lambda n: req("GET", "/api/v1/accounts", "currency=USDT", n=n)
    return [
        V.invalid("unsorted-params-signed-sorted",
                  "Client sent the filters in insertion order but signed them sorted by key "
                  "(the bug of sammchardy/python-kucoin#42).",
                  ["get", "query"], orders, Mistake("unsorted_params", client=with_(orders, query=sorted_query(orders["query"])))),
        V.invalid("body-encoding-spaced-json",
                  "Client sent compact JSON but signed json.dumps(data) with its default spaces, as "
                  "the docs' own Python snippet would.",
                  ["post", "json-body"], order, Mistake("body_encoding", client=with_(order, body=spaced(order["body"])))),
        V.invalid("body-encoding-sorted-keys",
                  "Client sent the body in insertion order but signed it re-serialised with sorted keys.",
                  ["post", "json-body"], order, Mistake("body_encoding", client=with_(order, body=sorted_keys(order["body"])))),
        V.invalid("query-encoding-signed-encoded-form",
                  "Client signed the query as sent (BEP20%28BSC%29); KuCoin verifies the decoded form "
                  "(JKorf/Kucoin.Net#72).",
                  ["get", "query"], quotas, Mistake("query_encoding", client=dict(quotas, path=quotas["path"] + "?" + quotas["query"], query=""))),
        V.invalid("query-encoding-plus-not-decoded",
                  "Client sent Referral+Bonus and signed the '+' literally (percent-decoded without "
                  "form decoding); KuCoin reads '+' as a space.",
                  ["get", "query", "space"], bonus, Mistake("query_encoding", client=dict(bonus, path=bonus["path"] + "?currency=USDT&bizType=Referral+Bonus", query=""))),
        V.invalid("clock-drift-behind", "Correct signature, arrived 7.5 s after its timestamp (window 5 s).",
                  ["get", "time"], accounts(44), Mistake("clock_drift"), server_time=int(ts(44)) + 7500),
        V.invalid("clock-drift-ahead", "Correct signature, client clock 8 s ahead of the server.",
                  ["get", "time"], accounts(45), Mistake("clock_drift"), server_time=int(ts(45)) - 8000),
        V.invalid("timestamp-mismatch-4min",
                  "KC-API-TIMESTAMP is T but the client signed a stale T - 4 min 12.345 s.",
                  ["post", "json-body", "time"], order, Mistake("timestamp_mismatch", client=with_(order, ts=str(int(order["ts"]) - 252_345)))),
        V.invalid("timestamp-units-signed-seconds", "Header in ms, prehash built with seconds (T // 1000).",
                  ["get", "time"], accounts(46), Mistake("timestamp_units", client=with_(accounts(46), ts=str(int(ts(46)) // 1000)))),
        V.invalid("secret-whitespace-trailing-space", "Key = secret + ' ' (copied with a trailing space).",
                  ["get", "secret"], accounts(47), Mistake("secret_whitespace", key=(V.credentials["secret"] + " ").encode())),
        V.invalid("wrong-hash-sha512", "HMAC-SHA512 instead of HMAC-SHA256, base64.",
                  ["post", "hash"], order, Mistake("wrong_hash", hash_name="sha512")),
        V.invalid("wrong-output-encoding-hex",
                  "Right HMAC, sent as 64 hex digits instead of 44 base64 characters "
                  "(emmtte/Cryptocurrency-Portfolio#41).",
                  ["get", "encoding"], accounts(48), Mistake("wrong_output_encoding", encoding="hex")),
        V.invalid("method-case-lowercase", "Client signed 'post' instead of 'POST'.",
                  ["post", "method"], order, Mistake("method_case", client=with_(order, method="post"))),
        V.invalid("path-mismatch-query-omitted", "GET with a query, signed with the bare path.",
                  ["get", "query", "path"], accounts(49), Mistake("path_mismatch", client=with_(accounts(49), query=""))),
        V.invalid("path-mismatch-with-host", "Client signed the full URL 'https://api.kucoin.com/api/v1/...'.",
                  ["get", "query", "path"], accounts(50), Mistake("path_mismatch", client=with_(accounts(50), path="https://api.kucoin.com/api/v1/accounts"))),
        V.invalid("missing-component-body", "POST signed as timestamp + 'POST' + path, body left out.",
                  ["post", "json-body"], order, Mistake("missing_component", client=with_(order, body=""))),
        V.invalid("unexplained-other-secret", "Signed with another key's secret.",
                  ["get", "secret"], accounts(51), Mistake("unexplained", key=b"sc-test-kucoin-other-secret")),
    ]


if __name__ == "__main__":
    V.write("docs", "Official worked examples: the legacy docs' deposit-addresses example (key v1 "
            "rendering valid, key v2 rendering's passphrase header defective), the futures docs' "
            "copy-paste defect, and the universal SDK's signing-primitive unit test.",
            [DOCS, DOCS_V1, DOCS_V2, FUTURES_DOCS, SDK_TEST], docs_vectors(), V.defaults())
    V.write("requests", "Valid signed requests (GET/POST/DELETE; decoded query in the endpoint; JSON "
            "bodies with nesting, numbers, escapes and non-ASCII; key versions 1, 2 and 3; 5 s window).",
            [DOCS, SDK_TRANSPORT, PHP_SDK, "https://github.com/JKorf/Kucoin.Net/issues/72"], request_vectors(), V.defaults())
    V.write("mistakes", "Requests as buggy clients sent them, one diagnosis class each; the passphrase "
            "header is always the correct one.",
            [DOCS, "https://github.com/sammchardy/python-kucoin/issues/42",
             "https://github.com/JKorf/Kucoin.Net/issues/72"], mistake_vectors(), V.defaults())
