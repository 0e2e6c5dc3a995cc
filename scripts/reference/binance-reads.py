#!/usr/bin/env python3
"""Reference vectors for where Binance reads the signature: only as the LAST parameter.

Binance verifies `signature` only when it ends the query string, or the body when the request
has one (futures docs: "Please make sure the signature is the end part of your query string or
request body"; binance-exchange/binance-official-api-docs PR #44, merged: "For signed requests
it is crucial for the signature param to come last, otherwise error is returned";
binance/binance-connector-rust PR #42: a signature sorted before `timestamp` is answered
"Signature for this request is not valid."). binance_family.py's server model already reads
the signature off the end only; these requests carry the RIGHT signature in another place, so
the venue rejects them although every byte it would sign is right. The venues' recipes say so
with `reads.signatureLast`, and sigconform flags such a request with what the venue will see.

Each file also holds the same requests with the signature last, valid, so a reader sees the
pair. Diagnosis: the signature is right for the secret, so no signing mistake explains the
rejection; its place does (`signature_not_last`, Binance -1022), and the finding names the
parameters after the signature.

Run:  python3 scripts/reference/binance-reads.py
It rewrites vectors/binance-spot/reads.json and vectors/binance-usdm/reads.json deterministically.
"""
from __future__ import annotations

from collections import OrderedDict

from binance_family import BinanceFamily
from engine import Clock, Mistake, join_query, split_query

GENERATOR = "scripts/reference/binance-reads.py"
SOURCES = [
    "https://github.com/binance-exchange/binance-official-api-docs/pull/44",
    "https://github.com/binance/binance-connector-rust/pull/42",
    "https://github.com/Binance-docs/Binance_Futures_python/pull/24",
]


class SignaturePlaced(BinanceFamily):
    """The Binance rule with the signature put at `parts["signatureAt"]` among the parameters of
    the part it travels in (None: last, as the docs ask)."""

    generator = GENERATOR
    api_key_header = "X-MBX-APIKEY"
    hex_case_insensitive = True

    def wire(self, parts, creds, signature):
        request = super().wire(parts, creds, signature)
        where = parts.get("signatureAt")
        if where is None:
            return request
        part = "body" if request["body"] else "query"
        pairs = split_query(request[part])
        signed = pairs.pop()  # the signature the family's wire put last
        pairs.insert(where, signed)
        request[part] = join_query(pairs)
        return request

    @staticmethod
    def without_signature(text: str) -> tuple[str, str | None, bool]:
        """`text` without its signature parameter, the signature, and whether it was last."""
        pairs = split_query(text)
        names = [name for name, _ in pairs]
        if "signature" not in names:
            return text, None, True
        index = names.index("signature")
        return join_query(pairs[:index] + pairs[index + 1:]), pairs[index][1], index == len(pairs) - 1

    def read_wire(self, request, creds):
        # The bytes Binance signs are right wherever the signature sits; accept() says where it must.
        part = "body" if request["body"] else "query"
        rest, seen, _ = self.without_signature(request[part])
        query, body = (request["query"], rest) if part == "body" else (rest, request["body"])
        return query + body, seen or ""

    def accept(self, request, creds, server_time):
        part = "body" if request["body"] else "query"
        rest, _, last = self.without_signature(request[part])
        if not last:
            return "the signature is not the last parameter"
        return super().accept(dict(request, **{part: request[part]}), creds, server_time)


class Spot(SignaturePlaced):
    name = "binance-spot"
    host = "api.binance.com"


class Usdm(SignaturePlaced):
    name = "binance-usdm"
    host = "fapi.binance.com"


CASES = [
    # (id, comment, method, path, query, body, signatureAt)
    ("signature-first-in-query", "GET with `signature` as the first query parameter (a client that sorts its parameters "
     "by name, or builds a map with the signature in front): Binance reads the signature only at the end.",
     "GET", "/{api}/openOrders", "symbol=BTCUSDT&recvWindow=5000&timestamp={t}", "", 0),
    ("signature-before-timestamp", "GET with `signature` sorted before `timestamp` (binance-connector-rust PR #42's "
     "BTreeMap): timestamp follows the signature.",
     "GET", "/{api}/allOrders", "symbol=ETHUSDT&limit=10&timestamp={t}", "", 2),
    ("signature-mid-body", "POST form body with `signature` in the middle of the body: price and timestamp follow it.",
     "POST", "/{api}/order", "", "symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.010&price=65000.5&timestamp={t}", 5),
]
VENUES = [
    (Spot({"apiKey": "sc-test-binance-spot-reads-key-0001", "secret": "sc-test-binance-spot-reads-secret-7a1c"}),
     "api/v3", 1_767_312_000_000),
    (Usdm({"apiKey": "sc-test-binance-usdm-reads-key-0001", "secret": "sc-test-binance-usdm-reads-secret-5d2e"}),
     "fapi/v1", 1_767_315_600_000),
]


def vectors_for(rule, api: str, start: int) -> list:
    clock = Clock(start, 61_000)
    built = []
    for vid, comment, method, path, query, body, where in CASES:
        stamp = str(clock.tick())
        parts = OrderedDict(method=method, path=path.format(api=api), query=query.format(t=stamp),
                            body=body.format(t=stamp))
        built.append(rule.valid(f"{vid}--last", "The same request with `signature` last, as Binance reads it.",
                                ["reads", "signature-position", method.lower()], dict(parts)))
        built.append(rule.invalid(vid, comment, ["reads", "signature-position", method.lower()],
                                  dict(parts, signatureAt=where), Mistake("signature_not_last", signed_correctly=True)))
    return built


def main() -> None:
    for rule, api, start in VENUES:
        rule.write("reads", "Requests whose right signature is not the last parameter, which Binance does not verify "
                   "(reads.signatureLast), each beside the same request with the signature last",
                   SOURCES, vectors_for(rule, api, start), rule.defaults())


if __name__ == "__main__":
    main()
