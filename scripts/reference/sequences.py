#!/usr/bin/env python3
"""Request sequences for a mistake only a sequence shows (issue 16): HMAC or digest state reused
across requests.

A client keeps one keyed HMAC object and writes each request's prehash into it without resetting
it. Go's `hash.Hash.Sum` "does not change the underlying hash state"
(https://pkg.go.dev/hash#Hash) and Python's `hmac.HMAC.digest()` returns the digest "of the bytes
passed to the update() method so far" (https://docs.python.org/3/library/hmac.html#hmac.HMAC.digest),
so request n is signed with HMAC(key, prehash_1 + ... + prehash_n): the first request is
accepted, every later one rejected. Each sequence is signed here with Python's `hmac`, from the
venue's own reference rule (its script in this folder); sigconform computes none of it.

The same holds for a plain digest object: `hashlib`'s `digest()` returns the digest "of the data
passed to the update() method so far" (https://docs.python.org/3/library/hashlib.html#hashlib.hash.digest)
and Go's `hash.Hash.Sum` does not reset it either. A client that keeps the inner digest of a
prehash (Kraken's SHA-256 of nonce + POST data, Gate's SHA-512 body hash) in one object signs
request n with a fresh HMAC over a prehash whose inner digest covers the inputs of requests 1..n.

Writes examples/requests/sequences/<venue>-reused-hmac.har and <venue>-reused-digest.har (HAR 1.2,
what a browser or a proxy saves), which `sigconform diagnose` reads with the venue's test secret:

    python3 scripts/reference/sequences.py
"""
from __future__ import annotations

import hashlib
import hmac
import importlib.util
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
OUT = os.path.join(ROOT, "examples", "requests", "sequences")
sys.path.insert(0, HERE)

from engine import as_bytes, encode  # noqa: E402


def venue_script(name: str):
    """The venue's reference script as a module (its file name has a dash)."""
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def signed_sequence(rule, requests, client_signature):
    """The wire requests of `requests` (each the rule's parts), each signed with
    `client_signature(parts, correct_prehash)`, and a check that only the first carries the correct
    signature and that each reads back from the wire as the server reads it."""
    creds = rule.credentials
    out = []
    for index, parts in enumerate(requests):
        prehash = as_bytes(rule.prehash(parts, creds))
        signature = client_signature(parts, prehash)
        correct = rule.sign(prehash, creds)
        if (signature == correct) != (index == 0):
            raise SystemExit(f"{rule.name}: request {index + 1} of the sequence is {'not ' if index == 0 else ''}signed correctly")
        # The server's view of the wire request gives back the correct prehash and this signature.
        wire = rule.wire(parts, creds, signature)
        seen_prehash, seen = rule.read_wire(wire, creds)
        if as_bytes(seen_prehash) != prehash or seen != signature:
            raise SystemExit(f"{rule.name}: request {index + 1} does not read back from the wire")
        out.append(wire)
    return out


def reused_sequence(rule, requests):
    """`requests` signed by one HMAC object that is never reset."""
    kept = hmac.new(rule.key(rule.credentials), digestmod=getattr(hashlib, rule.hash_name))

    def client_signature(parts, prehash):
        kept.update(prehash)
        return encode(kept.digest(), rule.encoding)

    return signed_sequence(rule, requests, client_signature)


def reused_digest_sequence(rule, requests, digest_name, digest_input, prehash_with):
    """`requests` signed with a fresh HMAC each, over a prehash whose inner digest comes from one
    `digest_name` object that is never reset: each request writes `digest_input(parts)` into it
    and `prehash_with(parts, digest_object)` builds the prehash around its digest. That builder must
    give the reference rule's own prehash when the object is fresh, which is checked here."""
    kept = hashlib.new(digest_name)

    def client_signature(parts, prehash):
        fresh = hashlib.new(digest_name, digest_input(parts))
        if prehash_with(parts, fresh) != prehash:
            raise SystemExit(f"{rule.name}: the inner-digest builder does not give the reference prehash")
        kept.update(digest_input(parts))
        return rule.sign(prehash_with(parts, kept), rule.credentials)

    return signed_sequence(rule, requests, client_signature)


def har(host: str, wires, comment: str) -> dict:
    entries = []
    for wire in wires:
        url = f"https://{host}{wire['path']}" + (f"?{wire['query']}" if wire["query"] else "")
        request = {
            "method": wire["method"], "url": url, "httpVersion": "HTTP/1.1",
            "headers": [{"name": name, "value": value} for name, value in wire["headers"].items()],
            "queryString": [], "headersSize": -1, "bodySize": len(wire["body"].encode("utf-8")),
        }
        if wire["body"]:
            mime = wire["headers"].get("Content-Type", "application/json")
            request["postData"] = {"mimeType": mime, "text": wire["body"]}
        entries.append({"request": request})
    return {"log": {"version": "1.2", "creator": {"name": "scripts/reference/sequences.py", "version": "1", "comment": comment},
                    "entries": entries}}


def write(name: str, document: dict) -> None:
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        json.dump(document, f, indent=2, ensure_ascii=False)
        f.write("\n")


def main() -> None:
    binance = venue_script("binance-spot")
    ts = binance.CLOCK_START + 9_000_000
    wires = reused_sequence(binance.VENUE_RULE, [
        binance.parts("GET", "/api/v3/account", f"timestamp={ts}"),
        binance.parts("GET", "/api/v3/openOrders", f"symbol=BTCUSDT&timestamp={ts + 1_250}"),
        binance.parts("POST", "/api/v3/order", "", f"symbol=BTCUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=0.01"
                      f"&price=30000&timestamp={ts + 2_500}"),
    ])
    write("binance-spot-reused-hmac.har", har("api.binance.com", wires,
          "One HMAC-SHA256 object signs three requests without a reset: the second and third signatures cover the earlier "
          "query strings too."))

    gate = venue_script("gateio-v4")
    ts = gate.CLOCK_START + 9_000_000
    wires = reused_sequence(gate.RULE, [
        gate.req("GET", "/api/v4/spot/accounts", ts),
        gate.req("GET", "/api/v4/spot/orders", ts + 2_000, query="currency_pair=BTC_USDT&status=open"),
        gate.req("POST", "/api/v4/spot/orders", ts + 4_000,
                 body='{"currency_pair":"BTC_USDT","side":"buy","amount":"0.01","price":"30000"}'),
    ])
    write("gateio-v4-reused-hmac.har", har("api.gateio.ws", wires,
          "One HMAC-SHA512 object signs three requests without a reset: the second and third signatures cover the earlier "
          "signature strings too."))

    # Kraken: the inner SHA-256 of nonce + POST data kept in one object; the outer HMAC is fresh.
    kraken = venue_script("kraken-spot")
    n = kraken.CLOCK_START + 9_000_000
    wires = reused_digest_sequence(kraken.RULE, [
        kraken.form("/0/private/Balance", "nonce={n}", n),
        kraken.form("/0/private/OpenOrders", "nonce={n}&trades=true", n + 1_250),
        kraken.form("/0/private/AddOrder", "nonce={n}&ordertype=limit&pair=XXBTZUSD&price=30000&type=buy&volume=0.01",
                    n + 2_500),
    ], "sha256", lambda parts: (parts["nonce"] + parts["body"]).encode("utf-8"),
        lambda parts, digest: parts["path"].encode("utf-8") + digest.digest())
    write("kraken-spot-reused-digest.har", har("api.kraken.com", wires,
          "One SHA-256 object computes the inner digest of three requests without a reset (the HMAC-SHA512 is "
          "fresh each time): the second and third inner digests cover the earlier nonce + POST data too."))

    # Gate: the SHA-512 body hash kept in one object. The first request needs a body: an empty one
    # leaves the object as it was, so a GET after two POSTs still hashes the two POST bodies.
    ts = gate.CLOCK_START + 9_100_000
    wires = reused_digest_sequence(gate.RULE, [
        gate.req("POST", "/api/v4/spot/orders", ts,
                 body='{"currency_pair":"BTC_USDT","side":"buy","amount":"0.01","price":"30000"}'),
        gate.req("POST", "/api/v4/spot/orders", ts + 2_000,
                 body='{"currency_pair":"ETH_USDT","side":"sell","amount":"0.5","price":"2000"}'),
        gate.req("GET", "/api/v4/spot/orders", ts + 4_000, query="currency_pair=BTC_USDT&status=open"),
    ], "sha512", lambda parts: parts["body"].encode("utf-8"),
        lambda parts, digest: f"{parts['method']}\n{parts['path']}\n{gate.signed_query(parts['query'])}\n"
                              f"{digest.hexdigest()}\n{parts['ts']}".encode("utf-8"))
    write("gateio-v4-reused-digest.har", har("api.gateio.ws", wires,
          "One SHA-512 object hashes the bodies of three requests without a reset (the HMAC-SHA512 is fresh each "
          "time): the second body hash covers both POST bodies, and so does the third, a GET whose empty body adds "
          "nothing."))


if __name__ == "__main__":
    main()
