#!/usr/bin/env python3
"""Reference vectors for empty pairs in a query (`a=1&&b=2`, a trailing `&`), which HTX and
MEXC futures drop before they rebuild the text they verify.

Written from the venues' docs, not from sigconform: both sign a canonical text built from the
request's parameters (HTX "Authentication": the parameters sorted by name and joined with '&';
MEXC futures "Access and Authentication": the business parameters sorted in dictionary order
and joined with '&'), which their servers rebuild from the parameters they received. An empty
pair is no parameter, so it is not in that text: htx.py's canonical_params and mexc-futures.py's
pairs() skip empty items when they rebuild it from a wire query.

Each case is a pair:
  * `…-empty-pairs`: valid, the query sent with a doubled and a trailing '&', signed over the
    canonical text without them (what the venue rebuilds);
  * `…-empty-pairs-signed`: the same request, signed by a client that split the query on '&'
    and kept the empty items in its sorted text (`&&a=1&b=2`); no single known mistake
    reproduces that, so its diagnosis is `unexplained`, and sigconform's finding says what the
    venue rebuilds instead.

sigconform's recipes say so with `reads.emptyPairs: "dropped"`.

Run:  python3 scripts/reference/query-reads.py
It rewrites vectors/htx/reads.json and vectors/mexc-futures/reads.json deterministically.
"""
from __future__ import annotations

import os
import sys
from urllib.parse import unquote_plus

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from engine import Mistake, utc_text, venue_script  # noqa: E402

GENERATOR = "scripts/reference/query-reads.py"



htx = venue_script("htx")
mexc = venue_script("mexc-futures")


def with_empty_pairs(query: str) -> str:
    """`query` with its first '&' doubled and a trailing '&': how a client that appends
    parameters carelessly writes it."""
    return query.replace("&", "&&", 1) + "&"


def kept_empty_items(query: str) -> str:
    """The buggy client's text: the raw query split on '&' with the empty items kept, each
    item decoded and re-encoded as the venue's rule does, sorted by name."""
    items = []
    for item in query.split("&"):
        name, _, value = item.partition("=")
        items.append((unquote_plus(name), unquote_plus(value), bool(item)))
    items.sort(key=lambda entry: entry[0].encode("utf-8"))
    return "&".join(f"{htx.quote(n)}={htx.quote(v)}" if present else "" for n, v, present in items)


class HtxReads(htx.Htx):
    generator = GENERATOR

    def read_wire(self, request, creds):
        # The server's reading: empty pairs are no parameters.
        params = dict(p.split("=", 1) for p in request["query"].split("&") if p)
        signature = unquote_plus(params["Signature"]) if "Signature" in params else None
        return htx.prehash(request["method"], request["host"], request["path"], request["query"]), signature


class MexcReads(mexc.MexcFutures):
    generator = GENERATOR


def htx_vectors(rule) -> list:
    built = []
    for index, (vid, path, user) in enumerate([
        ("open-orders", "/v1/order/openOrders", [("account-id", "100009"), ("symbol", "btcusdt"), ("size", "10")]),
        ("order-by-id", "/v1/order/orders", [("order-id", "1234567890")]),
    ]):
        timestamp = utc_text(htx.CLOCK_START + 9_000_000 + index * 61_000)
        query = with_empty_pairs(htx.wire_query(user + htx.auth_params(timestamp)))
        parts = dict(method="GET", host=htx.SPOT, path=path, query=query, body="", timestamp=timestamp)
        built.append(rule.valid(f"{vid}-empty-pairs", "GET whose query has a doubled and a trailing '&', signed over the "
                                "canonical text HTX rebuilds from the parameters, which has no empty pair.",
                                ["reads", "empty-pairs", "get"], parts))
        client = "\n".join(["GET", htx.SPOT, path, kept_empty_items(query)])
        built.append(rule.invalid(f"{vid}-empty-pairs-signed", "The same request signed by a client that kept the empty "
                                  "items of its split query in the sorted text ('&&AccessKeyId=…'): HTX rebuilds the text "
                                  "without them.", ["reads", "empty-pairs", "get"], parts,
                                  Mistake("unexplained", client_prehash=client)))
    return built


def mexc_vectors(rule) -> list:
    built = []
    start = mexc.CLOCK_START + 9_000_000
    for index, (vid, path, query) in enumerate([
        ("open-positions", "/position/open_positions", "symbol=BTC_USDT&page_num=1"),
        ("history-orders", "/order/list/history_orders", "symbol=ETH_USDT&states=3&page_size=50"),
    ]):
        ts = str(start + index * 53_000)
        sent = with_empty_pairs(query)
        parts = dict(method="GET", path=mexc.P + path, query=sent, body="", ts=ts)
        built.append(rule.valid(f"{vid}-empty-pairs", "GET whose query has a doubled and a trailing '&', signed over the "
                                "parameter string the server rebuilds from the parameters, which has no empty pair.",
                                ["reads", "empty-pairs", "get"], parts))
        client = rule.credentials["apiKey"] + ts + kept_empty_items(sent)
        built.append(rule.invalid(f"{vid}-empty-pairs-signed", "The same request signed by a client that kept the empty "
                                  "items of its split query in the sorted parameter string ('&&page_num=1…'): the server "
                                  "rebuilds it without them.", ["reads", "empty-pairs", "get"], parts,
                                  Mistake("unexplained", client_prehash=client)))
    return built


def main() -> None:
    description = ("GET requests whose query has empty pairs, which the venue drops before it rebuilds the signed text "
                   "(reads.emptyPairs): signed without them, valid; signed with them kept, invalid")
    rule = HtxReads(htx.RULE.credentials)
    rule.write("reads", description, htx.SOURCES, htx_vectors(rule), rule.defaults())
    rule = MexcReads(mexc.V.credentials)
    rule.write("reads", description, [mexc.DOCS], mexc_vectors(rule), rule.defaults())


if __name__ == "__main__":
    main()
