#!/usr/bin/env python3
"""Reference vectors for HTX futures: USDT-margined swaps (`/linear-swap-api`), coin-margined
swaps (`/swap-api`) and coin-margined delivery futures (`/api/v1/contract_*`), all on their own
host api.hbdm.com (or api.hbdm.vn), which is the host line of what is signed.

The rule is HTX's Signature Version 2, the same as spot (htx.py has it in full; this file
imports it): the futures docs give the same four lines, METHOD, host, path and the sorted,
percent-encoded query of AccessKeyId, SignatureMethod, SignatureVersion, Timestamp and a GET's
own parameters; a POST's JSON body is not signed (USDT-M docs, "Signature Authentication": "the
request body in POST should NOT be included"; coin-M swap and futures docs, the same section).
What differs from spot is only where requests go:

* the host: api.hbdm.com (the docs' "https://api.hbdm.com"), or api.hbdm.vn, the docs' domain
  for AWS-hosted clients and ccxt's default contract hostname; whichever the client sends to is
  the one signed, lower case;
* the path: `/linear-swap-api/v1|v3/...`, `/swap-api/v1|v3/...` and `/api/v1/contract_...` are
  signed whole (a client whose base URL ends in /api and signs the path without it is the
  `path_mismatch` mistake in htx.py's mistakes.json).

Run:  python3 scripts/reference/htx-futures.py
It rewrites vectors/htx/futures.json deterministically.
"""
from __future__ import annotations

import urllib.parse

from engine import Mistake, compact_json
from htx import CLOCK_START, FUTURES, RULE, SPOT, auth_params, canonical_params, send_order, utc_text, wire_query

GENERATOR = "scripts/reference/htx-futures.py"
AWS_FUTURES = "api.hbdm.vn"
SOURCES = [
    "https://huobiapi.github.io/docs/usdt_swap/v1/en/#signature-authentication",
    "https://huobiapi.github.io/docs/coin_margined_swap/v1/en/#signature-authentication",
    "https://huobiapi.github.io/docs/dm/v1/en/#signature-authentication",
]
# Apart from the spot vectors' clock, so no two HTX vectors share a Timestamp.
FUTURES_CLOCK = CLOCK_START + 86_400_000

LINEAR = "/linear-swap-api"
ORDER = {"contract_code": "BTC-USDT", "client_order_id": 7100000001, "price": 36500.5, "volume": 1,
         "direction": "buy", "offset": "open", "lever_rate": 5, "order_price_type": "limit"}
COIN_ORDER = dict(ORDER, contract_code="BTC-USD", client_order_id=7100000002)
DELIVERY_ORDER = {"symbol": "BTC", "contract_type": "quarter", "price": 36500.5, "volume": 1, "direction": "sell",
                  "offset": "open", "lever_rate": 10, "order_price_type": "post_only"}

# (id, comment, tags, method, host, path, call parameters (GET), send order, body)
VALID = [
    # USDT-margined swaps, cross margin
    ("linear-cross-account-info", "USDT-M cross account: POST, only the auth query signed.", ["post", "usdt-m"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_cross_account_info", [], "auth-first", compact_json({"margin_account": "USDT"})),
    ("linear-cross-position-info", "USDT-M cross positions of one contract.", ["post", "usdt-m"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_cross_position_info", [], "sorted", compact_json({"contract_code": "BTC-USDT"})),
    ("linear-cross-order", "USDT-M cross limit order; numbers in the body are not signed.", ["post", "usdt-m", "order"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_cross_order", [], "auth-first", compact_json(ORDER)),
    ("linear-cross-batch-order", "USDT-M batch of two orders (orders_data array).", ["post", "usdt-m", "order", "array"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_cross_batchorder", [], "auth-first",
     compact_json({"orders_data": [ORDER, dict(ORDER, client_order_id=7100000003, price=36400, direction="sell")]})),
    ("linear-cross-cancel", "USDT-M cancel of two orders by id (comma list in the body).", ["post", "usdt-m"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_cross_cancel", [], "user-first",
     compact_json({"order_id": "1180000000000000001,1180000000000000002", "contract_code": "BTC-USDT"})),
    ("linear-cross-openorders", "USDT-M open orders, paged.", ["post", "usdt-m"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_cross_openorders", [], "sorted",
     compact_json({"contract_code": "BTC-USDT", "page_index": 1, "page_size": 20})),
    ("linear-cross-lever-rate", "USDT-M cross leverage switch.", ["post", "usdt-m"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_cross_switch_lever_rate", [], "auth-first",
     compact_json({"contract_code": "BTC-USDT", "lever_rate": 20})),
    ("linear-cross-tpsl-nested", "USDT-M take-profit / stop-loss with nested objects (not signed).", ["post", "usdt-m", "nested"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_cross_tpsl_order", [], "auth-first",
     compact_json({"contract_code": "ETH-USDT", "direction": "sell", "volume": 2,
                   "tp_trigger_price": 2500, "tp_order_price_type": "optimal_5",
                   "sl_trigger_price": 1800, "sl_order_price_type": "optimal_5"})),
    ("linear-v3-hisorders", "USDT-M v3 order history: a v3 path on the same host.", ["post", "usdt-m", "v3"],
     "POST", FUTURES, f"{LINEAR}/v3/swap_cross_hisorders", [], "auth-first",
     compact_json({"contract": "BTC-USDT", "margin_account": "USDT", "trade_type": 0, "type": 1, "status": "0",
                   "start_time": 1699990000000, "end_time": 1700000000000, "direct": "next"})),
    ("linear-cross-position-side-get", "USDT-M position mode: a GET whose own parameter is signed, sorted after the auth names.",
     ["get", "query", "usdt-m"], "GET", FUTURES, f"{LINEAR}/v1/swap_cross_position_side", [("margin_account", "USDT")],
     "user-first", ""),
    ("linear-unified-account-get", "USDT-M unified account info, GET with contract_code ('-' stays bare).",
     ["get", "query", "usdt-m", "v3"], "GET", FUTURES, f"{LINEAR}/v3/unified_account_info", [("contract_code", "BTC-USDT")],
     "auth-first", ""),
    # USDT-margined swaps, isolated margin
    ("linear-isolated-account-info", "USDT-M isolated account of one contract.", ["post", "usdt-m", "isolated"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_account_info", [], "auth-first", compact_json({"contract_code": "ETH-USDT"})),
    ("linear-isolated-order", "USDT-M isolated order with a client order id.", ["post", "usdt-m", "isolated", "order"],
     "POST", FUTURES, f"{LINEAR}/v1/swap_order", [], "user-first", compact_json(dict(ORDER, contract_code="ETH-USDT"))),
    ("linear-aws-host", "USDT-M on the AWS domain api.hbdm.vn: that host is the signed host line.", ["post", "usdt-m", "host"],
     "POST", AWS_FUTURES, f"{LINEAR}/v1/swap_cross_account_info", [], "auth-first", compact_json({"margin_account": "USDT"})),
    # Coin-margined swaps
    ("coin-swap-account-info", "Coin-M swap account.", ["post", "coin-m-swap"],
     "POST", FUTURES, "/swap-api/v1/swap_account_info", [], "auth-first", compact_json({"contract_code": "BTC-USD"})),
    ("coin-swap-position-info", "Coin-M swap positions, empty body object.", ["post", "coin-m-swap", "empty-body"],
     "POST", FUTURES, "/swap-api/v1/swap_position_info", [], "sorted", "{}"),
    ("coin-swap-order", "Coin-M swap limit order.", ["post", "coin-m-swap", "order"],
     "POST", FUTURES, "/swap-api/v1/swap_order", [], "auth-first", compact_json(COIN_ORDER)),
    ("coin-swap-cancel-client-id", "Coin-M swap cancel by client order id.", ["post", "coin-m-swap"],
     "POST", FUTURES, "/swap-api/v1/swap_cancel", [], "user-first",
     compact_json({"client_order_id": "7100000002", "contract_code": "BTC-USD"})),
    ("coin-swap-v3-hisorders", "Coin-M swap v3 history.", ["post", "coin-m-swap", "v3"],
     "POST", FUTURES, "/swap-api/v3/swap_hisorders", [], "auth-first",
     compact_json({"contract": "BTC-USD", "trade_type": 0, "type": 1, "status": "0"})),
    ("coin-swap-aws-host", "Coin-M swap on api.hbdm.vn.", ["post", "coin-m-swap", "host"],
     "POST", AWS_FUTURES, "/swap-api/v1/swap_account_info", [], "auth-first", compact_json({"contract_code": "ETH-USD"})),
    # Coin-margined delivery futures
    ("delivery-account-info", "Delivery futures account by symbol.", ["post", "coin-m-futures"],
     "POST", FUTURES, "/api/v1/contract_account_info", [], "auth-first", compact_json({"symbol": "BTC"})),
    ("delivery-position-info", "Delivery futures positions.", ["post", "coin-m-futures"],
     "POST", FUTURES, "/api/v1/contract_position_info", [], "sorted", compact_json({"symbol": "ETH"})),
    ("delivery-order", "Delivery futures post-only order on the quarter contract.", ["post", "coin-m-futures", "order"],
     "POST", FUTURES, "/api/v1/contract_order", [], "user-first", compact_json(DELIVERY_ORDER)),
    ("delivery-cancel", "Delivery futures cancel by id.", ["post", "coin-m-futures"],
     "POST", FUTURES, "/api/v1/contract_cancel", [], "auth-first",
     compact_json({"order_id": "1180000000000000009", "symbol": "BTC"})),
    ("delivery-openorders", "Delivery futures open orders, paged.", ["post", "coin-m-futures"],
     "POST", FUTURES, "/api/v1/contract_openorders", [], "auth-first",
     compact_json({"symbol": "BTC", "page_index": 1, "page_size": 50})),
]


def valid_vectors() -> list:
    vectors = []
    for index, (vid, comment, tags, method, host, path, user, order, body) in enumerate(VALID):
        timestamp = utc_text(FUTURES_CLOCK + index * 61_000)
        query = wire_query(send_order(user, auth_params(timestamp), order))
        vectors.append(RULE.valid(vid, comment, ["futures"] + tags,
                                  dict(method=method, host=host, path=path, query=query, body=body, timestamp=timestamp)))
    return vectors


def mistake_vectors() -> list:
    """Futures requests signed over another host than the one they go to (diagnosed as the
    signed-host form of path_mismatch)."""
    vectors = []
    start = FUTURES_CLOCK + len(VALID) * 61_000 + 600_000

    def add(vid, comment, host_sent, host_signed, path, body, offset):
        timestamp = utc_text(start + offset)
        query = wire_query(auth_params(timestamp))
        parts = dict(method="POST", host=host_sent, path=path, query=query, body=body, timestamp=timestamp)
        signed = "\n".join(["POST", host_signed, path, canonical_params(query)])
        vectors.append(RULE.invalid(vid, comment, ["post", "futures", "host"], parts,
                                    Mistake("path_mismatch", client_prehash=signed)))

    add("futures-signed-spot-host", "Sent to api.hbdm.com but signed the spot host api.huobi.pro (one HTX signer for every "
        "API family).", FUTURES, SPOT, f"{LINEAR}/v1/swap_cross_account_info", compact_json({"margin_account": "USDT"}), 0)
    add("futures-signed-host-with-scheme", "Signed 'https://api.hbdm.com' (the base URL with its scheme) as the host line.",
        FUTURES, f"https://{FUTURES}", "/swap-api/v1/swap_account_info", compact_json({"contract_code": "BTC-USD"}), 61_000)
    add("futures-signed-host-with-port", "Signed 'api.hbdm.com:443' (the URL's netloc with its port) as the host line.",
        FUTURES, f"{FUTURES}:443", "/api/v1/contract_account_info", compact_json({"symbol": "BTC"}), 122_000)
    return vectors


def main() -> None:
    RULE.write("futures", "Valid HTX futures requests (USDT-M swaps, coin-M swaps, coin-M delivery futures on api.hbdm.com "
               "and api.hbdm.vn), synthetic, generated from the documented Signature V2 rule",
               SOURCES, valid_vectors(), RULE.defaults(), min_valid=20, generator=GENERATOR)
    RULE.write("futures-mistakes", "HTX futures requests signed over another host than the one they were sent to",
               SOURCES, mistake_vectors(), RULE.defaults(), generator=GENERATOR)


if __name__ == "__main__":
    main()
