#!/usr/bin/env python3
"""Reference vectors for the Crypto.com Exchange API v1 private REST methods.

Rule, from the docs' "Digital Signature" section
(https://exchange-developer.crypto.com/exchange/v1/rest-ws/index.html#digital-signature):

    1. sort the "params" keys in ascending order;
    2. concatenate key + value with no spaces and no delimiters -> parameter string;
    3. prehash = method + id + api_key + parameter string + nonce;
    4. signature = lower-case hex( HMAC-SHA256( secret as UTF-8, prehash ) ), sent as "sig".

Everything travels in the JSON body POSTed to /exchange/v1/{method}:
{"id", "method", "api_key", "params", "nonce", "sig"}; nonce is the time in ms
and must be within 60 s of the server's clock (INVALID_NONCE, 40102).

The docs give three helpers that DISAGREE beyond flat string parameters:

  * JavaScript `objectToString` / `arrayToString`: sorted keys, nested objects
    and arrays flattened recursively with no depth limit, scalars through JS
    string conversion: true -> "true", false -> "false", null -> "null",
    0.1 -> "0.1", 1e-8 -> "1e-8".
  * Python `params_to_str` (MAX_LEVEL 3): str() of the value: True -> "True",
    1e-8 -> "1e-08", and a nested dict outside a list becomes Python's repr
    "{'a': 'b'}" (lists of plain strings even raise).
  * Java `SigningUtil` (MAX_LEVEL 3, written as the verifying side:
    verifySignature compares with equalsIgnoreCase): true -> "true",
    null -> "null", Doubles via BigDecimal.stripTrailingZeros().toPlainString():
    1e-8 -> "0.00000001", 1.0 -> "1".

THIS SCRIPT FOLLOWS THE JAVASCRIPT READING. Reasons: it is the only helper
that handles every JSON shape, it spells booleans and null as JSON does, and
the Java (server-style) helper agrees with it on booleans, null, strings,
integers and nested objects/arrays up to the depth used here (< 3). Where the
readings differ the vector is tagged "reading-js" and its comment says what
the Python and Java helpers would sign. The docs also require numbers to be
sent as strings ("All numbers must be strings"), which sidesteps the float
question for well-behaved clients; the float vectors exist to pin the reading.
Nesting is kept below depth 3 so MAX_LEVEL never truncates.

Run:  python3 scripts/reference/cryptocom.py
It rewrites vectors/cryptocom/{requests,mistakes}.json deterministically.
(No docs.json: the docs' examples name a secret but publish no signature.)
"""
from __future__ import annotations

import base64
import json
from decimal import Decimal

from engine import Mistake, Venue

VENUE = "cryptocom"
GENERATOR = "scripts/reference/cryptocom.py"
DOCS_URL = "https://exchange-developer.crypto.com/exchange/v1/rest-ws/index.html#digital-signature"
SOURCES = [DOCS_URL, "https://exchange-developer.crypto.com/exchange/v1/rest-ws/index.html#request-format"]
API_KEY = "sc-test-cdc-key-0001"
SECRET = "sc-test-cdc-secret-0001"
NONCE0 = 1_700_000_000_000
WINDOW_MS = 60_000


def js_number(value) -> str:
    """ECMAScript Number::toString (ES2023 7.1.12.1) for finite numbers.

    Python's repr and JavaScript both print the shortest digits that round-trip,
    so only the layout (plain, fraction or exponent form) has to be redone.
    """
    if isinstance(value, bool):
        raise TypeError("booleans are not numbers here")
    if isinstance(value, int):
        return str(value)
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    _, digit_tuple, exponent = Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digit_tuple)).lstrip("0")
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    digits, k = stripped, len(stripped)
    n = k + exponent  # value = 0.digits * 10**n
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    head = digits[0] + ("." + digits[1:] if k > 1 else "")
    return sign + head + "e" + ("+" if n - 1 > 0 else "-") + str(abs(n - 1))


def js_scalar(value) -> str:
    """How the docs' JavaScript helper turns a leaf into text ("" + value)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return js_number(value)
    return value


def array_string(items) -> str:
    return "".join(object_string(item) if isinstance(item, dict)
                   else array_string(item) if isinstance(item, list)
                   else js_scalar(item) for item in items)


def object_string(params) -> str:
    """The parameter string: keys sorted (code-unit order), key + value, recursively."""
    if params is None:
        return ""
    out = []
    for key in sorted(params, key=lambda k: k.encode("utf-16-be")):
        value = params[key]
        if isinstance(value, list):
            out.append(key + array_string(value))
        elif isinstance(value, dict):
            out.append(key + object_string(value))
        else:
            out.append(key + js_scalar(value))
    return "".join(out)


def prehash(method: str, request_id, api_key: str, params, nonce) -> str:
    return method + str(request_id) + api_key + object_string(params) + str(nonce)


def js_json(value, ensure_ascii: bool = False) -> str:
    """JSON.stringify's output: compact, insertion order, numbers spelled the JS way."""
    if isinstance(value, dict):
        return "{" + ",".join(json.dumps(k, ensure_ascii=ensure_ascii) + ":" + js_json(v, ensure_ascii)
                              for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ",".join(js_json(v, ensure_ascii) for v in value) + "]"
    if isinstance(value, float) or (isinstance(value, int) and not isinstance(value, bool)):
        return js_number(value)
    return json.dumps(value, ensure_ascii=ensure_ascii)


def body_text(request_id, method, api_key, params, nonce, signature, ensure_ascii=False, spaced=False) -> str:
    document = {"id": request_id, "method": method, "api_key": api_key, "params": params, "nonce": nonce, "sig": signature}
    if spaced:
        return json.dumps(document, ensure_ascii=ensure_ascii)
    return js_json(document, ensure_ascii)


def wire(method: str, body: str) -> dict:
    return {"method": "POST", "path": "/exchange/v1/" + method, "query": "",
            "headers": {"Content-Type": "application/json"}, "body": body}


class CryptoCom(Venue):
    """parts: method, request_id, params, nonce, options (how the body JSON is written).
    api_key, nonce and sig all travel in the body: no expect.headers."""

    name = VENUE
    generator = GENERATOR

    def prehash(self, parts, creds):
        return prehash(parts["method"], parts["request_id"], creds["apiKey"], parts["params"], parts["nonce"])

    def wire(self, parts, creds, signature):
        options = parts.get("options", {})
        return wire(parts["method"], body_text(parts["request_id"], parts["method"], creds["apiKey"], parts["params"],
                                               parts["nonce"], signature, options.get("ensure_ascii", False),
                                               options.get("spaced", False)))

    def read_wire(self, request, creds):
        document = json.loads(request["body"])
        text = prehash(document["method"], document["id"], document["api_key"], document["params"], document["nonce"])
        return text, document["sig"]


RULE = CryptoCom({"apiKey": API_KEY, "secret": SECRET})


ORDER_LIST = {
    "contingency_type": "LIST",
    "order_list": [
        {"instrument_name": "ONE_USDT", "side": "BUY", "type": "LIMIT", "price": "0.24", "quantity": "1.0"},
        {"instrument_name": "ONE_USDT", "side": "BUY", "type": "STOP_LIMIT", "price": "0.27", "quantity": "1.0",
         "trigger_price": "0.26"},
    ],
}
LIMIT = {"instrument_name": "BTCUSD-PERP", "side": "BUY", "type": "LIMIT", "price": "36500.5", "quantity": "0.01",
         "client_oid": "sc-test-0001", "time_in_force": "GOOD_TILL_CANCEL"}

# (id, comment, tags, method, request id, params, credentials or None, nonce override or None, body options)
VALID = [
    ("docs-js-example-inputs", "The docs' JavaScript example inputs (id \"11\", get-order-detail, order_id \"53287421324\", "
     "nonce \"1587846358253\", key 'token', secret 'secretKey'); the docs print no signature, so the expected values come "
     "from this script. id and nonce are JSON strings, as in the example.",
     ["docs-inputs", "string-id"], "private/get-order-detail", "11", {"order_id": "53287421324"},
     {"apiKey": "token", "secret": "secretKey"}, "1587846358253", {}),
    ("docs-python-example-inputs", "The docs' Python example inputs (create-order-list with two orders, key 'API_KEY', "
     "secret 'SECRET_KEY', id \"14\"); all three helpers agree on this all-string list of objects.",
     ["docs-inputs", "list", "nested"], "private/create-order-list", "14", ORDER_LIST,
     {"apiKey": "API_KEY", "secret": "SECRET_KEY"}, None, {}),
    ("account-summary-empty-params", "params {}: the parameter string is empty.", ["empty-params"],
     "private/get-account-summary", 1, {}, None, None, {}),
    ("user-balance-empty-params", "params {} on user-balance.", ["empty-params"], "private/user-balance", 2, {}, None, None, {}),
    ("create-order-limit", "Limit order: seven string parameters sorted by key.", ["order", "sorting"],
     "private/create-order", 3, LIMIT, None, None, {}),
    ("create-order-exec-inst-list", "A list of plain strings: exec_inst [\"POST_ONLY\"] flattens to exec_instPOST_ONLY.",
     ["order", "list"], "private/create-order", 4, dict(LIMIT, client_oid="sc-test-0002", exec_inst=["POST_ONLY"]), None, None, {}),
    ("create-order-market-notional", "Market order with notional.", ["order"], "private/create-order", 5,
     {"instrument_name": "BTC_USD", "side": "BUY", "type": "MARKET", "notional": "100"}, None, None, {}),
    ("cancel-order", "Cancel by order_id string.", ["cancel"], "private/cancel-order", 6, {"order_id": "6530219466236720401"},
     None, None, {}),
    ("cancel-all-orders", "Cancel all on one instrument.", ["cancel"], "private/cancel-all-orders", 7,
     {"instrument_name": "BTCUSD-PERP"}, None, None, {}),
    ("open-orders-integer", "A JSON integer (page_size 20) is signed as \"20\" by every helper.", ["integers"],
     "private/get-open-orders", 8, {"instrument_name": "BTCUSD-PERP", "page_size": 20}, None, None, {}),
    ("order-history-range", "Millisecond bounds as strings plus an integer limit.", ["integers"],
     "private/get-order-history", 9,
     {"instrument_name": "BTCUSD-PERP", "start_time": "1699990000000", "end_time": "1700000000000", "limit": 100},
     None, None, {}),
    ("get-trades", "Trades for an instrument.", [], "private/get-trades", 10, {"instrument_name": "ETH_USD", "limit": 20},
     None, None, {}),
    ("create-withdrawal-empty-tag", "Empty string value: the key is followed directly by the next key.", ["empty-value"],
     "private/create-withdrawal", 11,
     {"currency": "BTC", "amount": "0.5", "address": "bc1qscTestAddr0000000000000000000000000", "address_tag": "",
      "network_id": "BTC", "client_wid": "sc-test-wd-1"}, None, None, {}),
    ("deposit-address", "Single parameter.", [], "private/get-deposit-address", 12, {"currency": "BTC"}, None, None, {}),
    ("boolean-values", "Booleans: JS and Java helpers write \"true\"/\"false\" (used here); the Python helper would write "
     "\"True\"/\"False\".", ["boolean", "reading-js"], "private/create-order", 13,
     dict(LIMIT, client_oid="sc-test-0003", reduce_only=False, is_isolated=True), None, None, {}),
    ("null-value", "null: every helper writes \"null\" for a JSON null.", ["null"], "private/create-order", 14,
     dict(LIMIT, client_oid="sc-test-0004", ref_price=None), None, None, {}),
    ("nested-object", "Nested object outside a list: JS and Java recurse (sorted key + value); the Python helper would "
     "write Python's repr of the dict.", ["nested", "reading-js"], "private/create-order", 15,
     dict(LIMIT, client_oid="sc-test-0005", tags={"strategy": "grid", "desk": "b"}), None, None, {}),
    ("non-ascii-raw", "Non-ASCII value sent as raw UTF-8 in the body; the parameter string holds the same characters.",
     ["non-ascii", "utf-8"], "private/create-order", 16, dict(LIMIT, client_oid="café-€-✓"), None, None, {}),
    ("non-ascii-escaped-body", "The same value sent with \\u escapes in the JSON: the server signs the decoded value, so "
     "the signature equals that of a raw-UTF-8 body with the same id and nonce.",
     ["non-ascii", "escaped"], "private/create-order", 16, dict(LIMIT, client_oid="café-€-✓"), None, None,
     {"ensure_ascii": True, "nonce_from": "non-ascii-raw"}),
    ("json-number-floats", "JSON numbers 0.1 and 1e-8 (the docs ask for strings): JS reading \"0.1\"/\"1e-8\" (used "
     "here); Java would sign \"0.1\"/\"0.00000001\", Python \"0.1\"/\"1e-08\".",
     ["float", "exponent", "reading-js"], "private/create-order", 17,
     {"instrument_name": "BTCUSD-PERP", "side": "SELL", "type": "LIMIT", "price": 0.1, "quantity": 1e-8}, None, None, {}),
    ("special-characters", "Value with space, '/', '+', '@', ',', '&', '=': no encoding anywhere, raw characters signed.",
     ["special-characters"], "private/create-order", 18, dict(LIMIT, client_oid="sc test/1+a@b,c&d=e"), None, None, {}),
    ("cancel-order-list", "List of objects, each sorted inside.", ["list", "nested", "cancel"], "private/cancel-order-list",
     19, {"contingency_type": "LIST",
          "order_list": [{"instrument_name": "ONE_USDT", "order_id": "2015106383706015873"},
                         {"order_id": "2015119459882149857", "instrument_name": "ONE_USDT"}]}, None, None, {}),
    ("advanced-open-orders", "A method under private/advanced/ with empty params.", ["empty-params"],
     "private/advanced/get-open-orders", 20, {}, None, None, {}),
    ("id-zero", "id 0.", ["id"], "private/get-account-summary", 0, {"currency": "USD"}, None, None, {}),
    ("spaced-body", "Body written with json.dumps' spacing: the signature is over method, id, key, parameter string and "
     "nonce, not the body text, so spacing does not matter.", ["whitespace"], "private/get-order-detail", 21,
     {"order_id": "6530219466236720402"}, None, None, {"spaced": True}),
    ("params-unsorted-in-body", "Parameters written unsorted in the body; sorting happens when the string is built.",
     ["sorting"], "private/create-order", 22,
     {"time_in_force": "IMMEDIATE_OR_CANCEL", "quantity": "2", "price": "1900.25", "type": "LIMIT", "side": "SELL",
      "instrument_name": "ETHUSD-PERP"}, None, None, {}),
    ("subaccount-transfer", "Several string parameters including UUID-like ids.", [], "private/create-subaccount-transfer",
     23, {"from": "11111111-2222-3333-4444-555555555555", "to": "66666666-7777-8888-9999-000000000000",
          "currency": "USDT", "amount": "12.5"}, None, None, {}),
]


def valid_vectors() -> list:
    vectors, nonces = [], {}
    for index, (vid, comment, tags, method, request_id, params, credentials, nonce, options) in enumerate(VALID):
        nonce = nonce or nonces.get(options.get("nonce_from")) or NONCE0 + index * 1_013
        nonces[vid] = nonce
        parts = dict(method=method, request_id=request_id, params=params, nonce=nonce, options=options)
        vectors.append(RULE.valid(vid, comment, tags, parts, int(nonce) + 300, credentials))
    return vectors


B64_SECRET = "c2MtdGVzdC1jZGMtYmFzZTY0LWxvb2tpbmctc2VjcmV0"  # valid base64 test secret


def unsorted_string(params) -> str:
    """A buggy parameter string: keys in insertion order at every level."""
    out = []
    for key, value in params.items():
        if isinstance(value, list):
            out.append(key + "".join(unsorted_string(v) if isinstance(v, dict) else js_scalar(v) for v in value))
        elif isinstance(value, dict):
            out.append(key + unsorted_string(value))
        else:
            out.append(key + js_scalar(value))
    return "".join(out)


def top_sorted_only(params) -> str:
    """Sorted at the top level, but nested objects left in insertion order."""
    return "".join(key + ("".join(unsorted_string(v) for v in params[key]) if isinstance(params[key], list)
                          else js_scalar(params[key])) for key in sorted(params))


def mistake_vectors() -> list:
    vectors = []
    order = "private/create-order"
    params = dict(LIMIT, client_oid="sc-test-0900")
    nested_list = {"contingency_type": "LIST", "order_list": [
        {"side": "BUY", "instrument_name": "ONE_USDT", "type": "LIMIT", "price": "0.24", "quantity": "1.0"},
        {"side": "SELL", "instrument_name": "ONE_USDT", "type": "LIMIT", "price": "0.30", "quantity": "1.0"}]}

    def add(vid, tags, index, method, params_, make, arrival_delta=300, credentials=None):
        nonce = NONCE0 + 800_000 + index * 1_013
        request_id = 100 + index
        api_key = credentials["apiKey"] if credentials else API_KEY
        comment, mistake = make(request_id, nonce, api_key)
        parts = dict(method=method, request_id=request_id, params=params_, nonce=nonce)
        vectors.append(RULE.invalid(vid, comment, tags, parts, mistake, nonce + arrival_delta, credentials))

    add("params-unsorted", ["params", "sorting"], 1, order, params,
        lambda r, n, k: ("Concatenated the parameters in the order they were written, without sorting the keys.", Mistake("unsorted_params",
                                client_prehash=order + str(r) + k + unsorted_string(params) + str(n))))
    add("nested-keys-unsorted", ["params", "sorting", "nested"], 2, "private/create-order-list", nested_list,
        lambda r, n, k: ("Sorted the top-level keys but not the keys inside each order_list object.", Mistake("unsorted_params",
                                client_prehash="private/create-order-list" + str(r) + k + top_sorted_only(nested_list) + str(n))))
    add("signed-params-json", ["params", "json"], 3, order, params,
        lambda r, n, k: ("Put the params object's compact JSON in the prehash instead of the key+value parameter string.", Mistake("body_encoding",
                                client_prehash=order + str(r) + k + js_json(params) + str(n))))
    add("nonce-late", ["clock"], 4, order, params,
        lambda r, n, k: ("Correct signature, but it arrived 62.5 s after its nonce time: outside the 60 s window.", Mistake("clock_drift",
                                client_prehash=prehash(order, r, k, params, n))), arrival_delta=WINDOW_MS + 2_500)
    add("nonce-ahead", ["clock"], 5, "private/user-balance", {},
        lambda r, n, k: ("Correct signature, but the client clock is 63 s ahead of the server's.", Mistake("clock_drift",
                                client_prehash=prehash("private/user-balance", r, k, {}, n))), arrival_delta=-WINDOW_MS - 3_000)
    add("nonce-signed-37ms-earlier", ["nonce"], 6, order, params,
        lambda r, n, k: ("Read the clock twice: the body's nonce is N, the signed one N - 37 ms.", Mistake("timestamp_mismatch",
                                client_prehash=prehash(order, r, k, params, n - 37))))
    add("nonce-signed-in-seconds", ["nonce", "units"], 7, "private/user-balance", {},
        lambda r, n, k: ("Sent the nonce in milliseconds but signed seconds (N // 1000).", Mistake("timestamp_units",
                                client_prehash=prehash("private/user-balance", r, k, {}, n // 1000))))
    add("secret-trailing-newline", ["secret"], 8, "private/user-balance", {},
        lambda r, n, k: ("Key bytes = secret + \"\\n\".", Mistake("secret_whitespace",
                                client_prehash=prehash("private/user-balance", r, k, {}, n), key=(SECRET + "\n").encode())))
    add("hmac-sha512", ["hash"], 9, order, params,
        lambda r, n, k: ("HMAC-SHA512 instead of HMAC-SHA256, hex.", Mistake("wrong_hash",
                                client_prehash=prehash(order, r, k, params, n), hash_name="sha512")))
    add("signature-base64", ["encoding"], 10, order, params,
        lambda r, n, k: ("HMAC-SHA256 as base64 instead of hex.", Mistake("wrong_output_encoding",
                                client_prehash=prehash(order, r, k, params, n), encoding="base64")))
    add("id-left-out", ["component", "id"], 11, order, params,
        lambda r, n, k: ("Left the request id out: method + api_key + parameter string + nonce.", Mistake("missing_component",
                                client_prehash=order + k + object_string(params) + str(n))))
    add("api-key-left-out", ["component", "api-key"], 12, "private/get-account-summary", {},
        lambda r, n, k: ("Left the api_key out of the prehash.", Mistake("missing_component",
                                client_prehash="private/get-account-summary" + str(r) + object_string({}) + str(n))))
    add("base64-secret-decoded", ["secret", "base64"], 13, "private/user-balance", {},
        lambda r, n, k: ("The secret happens to be valid base64 and the client decoded it; Crypto.com uses its UTF-8 bytes.", Mistake("wrong_secret_encoding",
                                client_prehash=prehash("private/user-balance", r, k, {}, n), key=base64.b64decode(B64_SECRET))),
        credentials={"apiKey": "sc-test-cdc-key-0002", "secret": B64_SECRET})
    add("signed-with-other-secret", ["secret"], 14, order, params,
        lambda r, n, k: ("Signed with another key's secret: no single known mistake reproduces the signature.", Mistake("unexplained",
                                client_prehash=prehash(order, r, k, params, n), key=b"sc-test-cdc-secret-9999")))
    return vectors


def self_check() -> None:
    """The JS number spelling this script relies on."""
    cases = {0.1: "0.1", 1e-8: "1e-8", 2.5: "2.5", 1.0: "1", 36500.5: "36500.5", 1e21: "1e+21", 1e20: "100000000000000000000",
             0.000001: "0.000001", 1.5e-7: "1.5e-7", 123456789.125: "123456789.125", -0.25: "-0.25", 7: "7"}
    for value, text in cases.items():
        if js_number(value) != text:
            raise SystemExit(f"js_number({value!r}) = {js_number(value)!r}, expected {text!r}")


def main() -> None:
    self_check()
    RULE.write("requests", "Valid Crypto.com Exchange v1 private requests; parameter string per the docs' "
               "JavaScript helper (synthetic, generated from the documented rule)", SOURCES, valid_vectors(), RULE.defaults())
    RULE.write("mistakes", "Crypto.com Exchange v1 requests as buggy clients sent them, each with the one mistake "
               "that explains its signature", SOURCES, mistake_vectors(), RULE.defaults())


if __name__ == "__main__":
    main()
