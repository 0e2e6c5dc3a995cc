"""Helpers shared by the vectors-6 generators (binance-spot, bybit-v5, okx-v5,
kraken-spot, gateio-v4, openai-compatible).

Only request/expect plumbing lives here; every venue's signing rule stays in its
own script next to the docs it was written from.
"""
from __future__ import annotations

import base64
import datetime
import hashlib
from collections import OrderedDict

from common import vector

# Every vector file of these venues starts its clock here (2023-11-14T22:13:20Z),
# so regenerating never changes a byte.
EPOCH_MS = 1_700_000_000_000


def request(method: str, path: str, query: str = "", headers=None, body: str = "", host: str | None = None):
    """A wire request with keys in the documented order."""
    r = OrderedDict()
    r["method"] = method
    if host is not None:
        r["host"] = host
    r["path"] = path
    r["query"] = query
    r["headers"] = OrderedDict(headers or {})
    r["body"] = body
    return r


def _put_bytes(block: OrderedDict, key: str, data: bytes, binary: bool) -> None:
    # A prehash that is not clean UTF-8 (Kraken's raw SHA-256 bytes) is stored as hex.
    if not binary:
        try:
            block[key] = data.decode("utf-8")
            return
        except UnicodeDecodeError:
            pass
    block[key + "Hex"] = data.hex()


def expect(prehash: bytes | None, signature: str | None, headers=None, diagnosis: str | None = None,
           client_prehash: bytes | None = None, binary: bool = False):
    """The expect block: prehash or prehashHex, signature, headers, diagnosis, clientPrehash."""
    e = OrderedDict()
    if prehash is not None:
        _put_bytes(e, "prehash", prehash, binary)
    if signature is not None:
        e["signature"] = signature
    if headers:
        e["headers"] = OrderedDict(headers)
    if diagnosis is not None:
        e["diagnosis"] = [diagnosis]
    if client_prehash is not None:
        _put_bytes(e, "clientPrehash", client_prehash, binary)
    return e


def server_time(ms: int):
    return OrderedDict([("serverTime", ms)])


def valid(id, comment, tags, req, time, prehash, signature, headers, credentials=None, binary=False):
    return vector(id, comment, tags, req, expect(prehash, signature, headers, binary=binary),
                  result="valid", time=time, credentials=credentials)


def invalid(id, comment, tags, req, time, prehash, signature, headers, diagnosis, client_prehash=None,
            credentials=None, binary=False):
    return vector(id, comment, tags, req,
                  expect(prehash, signature, headers, diagnosis=diagnosis, client_prehash=client_prehash,
                         binary=binary),
                  result="invalid", time=time, credentials=credentials)


def require_different(vector_id: str, observed: str, correct: str) -> None:
    """An invalid vector whose wrong signature equals the right one would test nothing."""
    if observed == correct:
        raise SystemExit(f"{vector_id}: the mistake did not change the signature")


def b64_secret(text_prefix: str, length: int) -> str:
    """A clearly fake, strictly canonical base64 secret of `length` decoded bytes.

    The text starts with `text_prefix` (base64 alphabet only) and is filled from a
    fixed SHA-512 stream; decoding and re-encoding fixes the final padding bits so
    that strict decoders accept it.
    """
    needed = 4 * ((length + 2) // 3)
    stream = base64.b64encode(hashlib.sha512(text_prefix.encode()).digest() * 4).decode()
    text = (text_prefix + stream.replace("+", "A").replace("/", "B"))[:needed]
    pad = (3 - length % 3) % 3
    if pad:
        text = text[: needed - pad] + "=" * pad
    raw = base64.b64decode(text, validate=True)
    assert len(raw) == length
    return base64.b64encode(raw).decode()


def iso_ms(ms: int) -> str:
    """ISO-8601 UTC with milliseconds and 'Z', e.g. 2020-12-08T09:08:57.715Z."""
    dt = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


def check_counts(name: str, vectors, minimum_valid: int = 0, minimum_classes: int = 0) -> None:
    """Fails the generator when a file falls short of what the brief asks for."""
    valid_count = sum(1 for v in vectors if v["result"] == "valid")
    classes = {v["expect"]["diagnosis"][0] for v in vectors if v["result"] == "invalid"}
    if valid_count < minimum_valid:
        raise SystemExit(f"{name}: {valid_count} valid vectors, want >= {minimum_valid}")
    if len(classes) < minimum_classes:
        raise SystemExit(f"{name}: {len(classes)} mistake classes, want >= {minimum_classes}")


def summary(venue: str, files) -> str:
    parts = []
    for suite, vectors in files:
        valid_count = sum(1 for v in vectors if v["result"] == "valid")
        by_class: dict[str, int] = {}
        for v in vectors:
            if v["result"] == "invalid":
                c = v["expect"]["diagnosis"][0]
                by_class[c] = by_class.get(c, 0) + 1
        detail = ", ".join(f"{k} {n}" for k, n in sorted(by_class.items()))
        parts.append(f"{suite}: {valid_count} valid, {len(vectors) - valid_count} invalid" + (f" ({detail})" if detail else ""))
    return f"{venue}: " + "; ".join(parts)


class HmacVenue:
    """One venue's signing rule; subclasses say how parts become prehash, key and wire request.

    `parts` is whatever a venue needs to describe one request (a dict). The
    engine below signs it correctly, or applies exactly one client mistake:
    a different prehash, a different key, a different hash or output encoding.
    """

    hash_name = "sha256"
    encoding = "hex"
    binary = False  # True when the prehash has raw bytes (stored as prehashHex)

    def __init__(self, credentials):
        self.credentials = credentials

    def key(self, credentials) -> bytes:
        return credentials["secret"].encode("utf-8")

    def prehash(self, parts, credentials) -> bytes:
        raise NotImplementedError

    def wire(self, parts, credentials, sig: str):
        raise NotImplementedError

    def expect_headers(self, parts, credentials, sig: str):
        return None

    def sign(self, key: bytes, prehash: bytes, hash_name=None, encoding=None) -> str:
        from common import encode, mac
        return encode(mac(hash_name or self.hash_name, key, prehash), encoding or self.encoding)

    def correct(self, parts, credentials):
        pre = self.prehash(parts, credentials)
        return pre, self.sign(self.key(credentials), pre)

    def add_valid(self, out, id, comment, tags, parts, server_ms, credentials=None, observed=None):
        creds = credentials or self.credentials
        pre, sig = self.correct(parts, creds)
        req = self.wire(parts, creds, observed if observed is not None else sig)
        out.append(valid(id, comment, tags, req, server_time(server_ms), pre, sig,
                         self.expect_headers(parts, creds, sig), credentials=credentials, binary=self.binary))

    def add_mistake(self, out, id, comment, tags, diagnosis, parts, server_ms, client_prehash=None,
                    client_key=None, hash_name=None, encoding=None, credentials=None):
        """The request carries what a client with exactly one mistake would have sent."""
        creds = credentials or self.credentials
        pre, sig = self.correct(parts, creds)
        signed = client_prehash if client_prehash is not None else pre
        key = client_key if client_key is not None else self.key(creds)
        observed = self.sign(key, signed, hash_name, encoding)
        if diagnosis != "clock_drift":  # a clock_drift request carries the correct signature
            require_different(id, observed, sig)
        req = self.wire(parts, creds, observed)
        out.append(invalid(id, comment, tags, req, server_time(server_ms), pre, sig,
                           self.expect_headers(parts, creds, sig), diagnosis,
                           client_prehash=client_prehash, credentials=credentials, binary=self.binary))


class Clock:
    """Deterministic, distinct timestamps (ms): one per vector, 61.337 s apart."""

    def __init__(self, start: int):
        self.next = start

    def tick(self) -> int:
        t = self.next
        self.next += 61_337
        return t


def write_suites(venue, generator, suites, docs_sources=None):
    """Checks the brief's minimums, writes every suite and prints the counts.

    `suites` is a list of (suite, description, sources, defaults, vectors, min_valid, min_classes).
    """
    from common import write_file
    for suite, description, sources, defaults, vectors, min_valid, min_classes in suites:
        check_counts(f"{venue}/{suite}", vectors, min_valid, min_classes)
        write_file(venue, suite, description, sources, generator, defaults, vectors)
    print(summary(venue, [(s[0], s[4]) for s in suites]))
