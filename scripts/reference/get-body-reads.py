#!/usr/bin/env python3
"""Reference vectors for a body sent with a GET, which OKX and Bybit do not read.

Written from the venues' docs, not from sigconform:
  * OKX (docs-v5, REST Authentication > Signature): "GET request parameters are counted as
    requestPath, not body"; the body is the JSON string of a request that has one.
  * Bybit v5 (docs/v5/guide.mdx, "Create A Request"): GET signs
    timestamp + api_key + recv_window + queryString, POST the same + jsonBodyString.

So the venue reads a GET without its body: the text it verifies has no body in it, and the
parameters a client put there never arrive. Each case is a pair:
  * `--query`: valid, the parameters in the query as the docs ask;
  * `…-signed-body`: the parameters sent as a JSON body with the GET and signed with it, as a
    client that builds every request the POST way does (ccxt issue 1911 is this mistake at
    bitFlyer). The venue rebuilds the text without the body: the signature does not match.
  * `…-unsigned-body`: the same body sent but signed without it. The signature is right for
    what the venue reads, but the parameters in the body never reach it: the request does not
    ask what the client meant, so it is invalid too (the model server below rejects it).
Diagnosis: `body_not_read` for both.

sigconform's recipes say so with `reads.ignoresBody: ["GET"]`.

Run:  python3 scripts/reference/get-body-reads.py
It rewrites vectors/okx-v5/reads.json and vectors/bybit-v5/reads.json deterministically.
"""
from __future__ import annotations

import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from engine import Clock, Mistake, venue_script  # noqa: E402

GENERATOR = "scripts/reference/get-body-reads.py"



okx = venue_script("okx-v5")
bybit = venue_script("bybit-v5")


def unread_body(request) -> str | None:
    if request["method"] == "GET" and request["body"]:
        return "a GET's body is not read: its parameters never arrive"
    return None


class OkxReads(okx.Okx):
    """OKX with the docs' GET rule made explicit: a GET's body is neither signed nor read."""

    generator = GENERATOR

    def prehash(self, parts, credentials) -> bytes:
        return super().prehash(dict(parts, body="") if parts["method"] == "GET" else parts, credentials)

    def read_wire(self, request, credentials):
        return super().read_wire(dict(request, body="") if request["method"] == "GET" else request, credentials)

    def accept(self, request, creds, server_time):
        return unread_body(request)


class BybitReads(bybit.Bybit):
    """Bybit, whose GET rule already signs the query alone; the server also drops the body."""

    generator = GENERATOR

    def accept(self, request, creds, server_time):
        return unread_body(request)


# (id, comment, path, query parameters as a query string, the same as a JSON body)
CASES = {
    "okx-v5": [
        ("get-orders-pending", "GET /api/v5/trade/orders-pending with instType and instId",
         "/api/v5/trade/orders-pending", "instType=SPOT&instId=BTC-USDT", '{"instType":"SPOT","instId":"BTC-USDT"}'),
        ("get-balance-ccy", "GET /api/v5/account/balance with ccy",
         "/api/v5/account/balance", "ccy=BTC", '{"ccy":"BTC"}'),
    ],
    "bybit-v5": [
        ("get-order-realtime", "GET /v5/order/realtime with category and symbol",
         "/v5/order/realtime", "category=linear&symbol=BTCUSDT", '{"category":"linear","symbol":"BTCUSDT"}'),
        ("get-wallet-balance", "GET /v5/account/wallet-balance with accountType",
         "/v5/account/wallet-balance", "accountType=UNIFIED", '{"accountType":"UNIFIED"}'),
    ],
}


def parts_for(venue: str, path: str, query: str, body: str, ts: int) -> dict:
    if venue == "okx-v5":
        return dict(okx.get(path, query, ts), body=body, extra={"Content-Type": "application/json"} if body else {})
    return dict(bybit.get(path, query, ts), body=body)


def text_with_body(venue: str, rule, parts: dict) -> bytes:
    """What a client that signs a GET's body signs: the docs' layout with the body in it."""
    if venue == "okx-v5":
        return okx.Okx.prehash(rule, parts, rule.credentials)  # timestamp + GET + requestPath + body
    creds = rule.credentials
    return f"{parts['ts']}{creds['apiKey']}{parts['recv']}{parts['query']}{parts['body']}".encode("utf-8")


def vectors_for(venue: str, rule, start: int) -> list:
    tick = Clock(start).tick
    built = []
    for vid, what, path, query, body in CASES[venue]:
        ts = tick()
        built.append(rule.valid(f"{vid}--query", f"{what} in the query, as the docs ask: the reading the venue verifies.",
                                ["reads", "get-body", "get"], parts_for(venue, path, query, "", ts), ts + 300))
        ts = tick()
        sent = parts_for(venue, path, "", body, ts)
        client_prehash = text_with_body(venue, rule, sent)
        built.append(rule.invalid(f"{vid}-signed-body", f"{what} sent as a JSON body with the GET and signed with it: the venue "
                                  "reads no body on a GET, so it verifies the text without it and the signature does not match.",
                                  ["reads", "get-body", "get"], sent, Mistake("body_not_read", client_prehash=client_prehash), ts + 300))
        ts = tick()
        built.append(rule.invalid(f"{vid}-unsigned-body", f"{what} sent as a JSON body with the GET, signed without it: the "
                                  "signature is right for what the venue reads, but the parameters in the body never reach it.",
                                  ["reads", "get-body", "get"], parts_for(venue, path, "", body, ts),
                                  Mistake("body_not_read", signed_correctly=True), ts + 300))
    return built


def main() -> None:
    for venue, rule, start, sources in [
        ("okx-v5", OkxReads(okx.CREDENTIALS), 1_767_400_000_000, [okx.DOCS, okx.DOCS_WAAS]),
        ("bybit-v5", BybitReads(bybit.CREDENTIALS), 1_767_400_000_000, [bybit.DOCS, bybit.DOCS_REPO]),
    ]:
        rule.write("reads", "GET requests with a body, which the venue does not read (reads.ignoresBody), each beside the "
                   "same request with its parameters in the query", sources, vectors_for(venue, rule, start),
                   {"credentials": rule.credentials})


if __name__ == "__main__":
    main()
