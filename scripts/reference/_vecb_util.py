"""Helpers private to the vectors-b generators.

Used by bitfinex-v2.py, gemini.py, htx.py, bitstamp-v2.py, bitget.py and
cryptocom.py. Nothing here knows a venue's signing rule: it only signs a
prehash, formats times, derives fixed nonces and assembles the expectation
blocks, so each venue script stays a readable transcription of its docs.
Standard library only (hmac/hashlib via common.py, datetime, uuid).
"""
from __future__ import annotations

import datetime
import hashlib
import uuid
from collections import OrderedDict
from dataclasses import dataclass, field

from common import encode, mac, vector


def sign(hash_name: str, key: bytes, prehash: str, encoding: str) -> str:
    """HMAC of the UTF-8 prehash, in the venue's text encoding."""
    return encode(mac(hash_name, key, prehash.encode("utf-8")), encoding)


def utc_text(ms: int) -> str:
    """`YYYY-MM-DDThh:mm:ss` in UTC, no fraction and no zone letter (HTX's form)."""
    moment = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S")


def utc_ms(text: str) -> int:
    """Inverse of utc_text: ms since the epoch of a `YYYY-MM-DDThh:mm:ss` UTC text."""
    moment = datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S")
    return int(moment.replace(tzinfo=datetime.timezone.utc).timestamp()) * 1000


def uuid4_for(seed: str) -> str:
    """A fixed, well-formed UUID4 derived from `seed` (stands in for uuid.uuid4())."""
    return str(uuid.UUID(bytes=hashlib.sha256(seed.encode("utf-8")).digest()[:16], version=4))


def server_time(ms: int) -> OrderedDict:
    """The `time` block: the venue clock at arrival."""
    block = OrderedDict()
    block["serverTime"] = ms
    return block


def expectation(prehash: str, signature: str, headers=None, diagnosis=None, client_prehash=None) -> OrderedDict:
    """The `expect` block with keys in the documented order."""
    block = OrderedDict()
    block["prehash"] = prehash
    block["signature"] = signature
    if headers:
        block["headers"] = headers
    if diagnosis is not None:
        block["diagnosis"] = [diagnosis]
    # An unexplained signature has no known client prehash to show.
    if client_prehash is not None and diagnosis != "unexplained":
        block["clientPrehash"] = client_prehash
    return block


@dataclass
class Signer:
    """How a venue turns a prehash into its signature text."""

    hash_name: str
    encoding: str

    def __call__(self, secret: str, prehash: str) -> str:
        return sign(self.hash_name, secret.encode("utf-8"), prehash, self.encoding)


@dataclass
class Mistake:
    """What a buggy client did differently from the venue's rule.

    `client_prehash` is what it signed; `key`, `hash_name` and `encoding`
    override the key bytes, the hash and the output encoding it used.
    `sent` carries venue-specific changes to the request as it went on the
    wire (e.g. the timestamp header that differs from the signed one).
    """

    diagnosis: str
    comment: str
    client_prehash: str
    key: bytes | None = None
    hash_name: str | None = None
    encoding: str | None = None
    sent: dict = field(default_factory=dict)

    def observed(self, signer: Signer, secret: str) -> str:
        """The wrong signature the client produced."""
        return sign(
            self.hash_name or signer.hash_name,
            self.key if self.key is not None else secret.encode("utf-8"),
            self.client_prehash,
            self.encoding or signer.encoding,
        )


def valid_vector(vid, comment, tags, signer, secret, prehash, build_request, expected_headers, time, credentials=None):
    """A `valid` vector: the request carries the correct signature.

    `build_request(signature)` returns the wire request with the signature in
    place; `expected_headers(signature)` the auth headers a correct client sends.
    """
    signature = signer(secret, prehash)
    return vector(vid, comment, tags, build_request(signature),
                  expectation(prehash, signature, expected_headers(signature)),
                  time=time, credentials=credentials)


def invalid_vector(vid, tags, mistake, signer, secret, prehash, build_request, expected_headers, time, credentials=None):
    """An `invalid` vector: the request carries the signature the buggy client made."""
    signature = signer(secret, prehash)
    observed = mistake.observed(signer, secret)
    # A clock_drift request is correctly signed; so may a timestamp_units one be (a nonce in
    # the wrong unit, signed as sent); every other mistake must show in the signature.
    correctly_signed_ok = mistake.diagnosis in ("clock_drift", "timestamp_units")
    if (observed == signature and not correctly_signed_ok) or (observed != signature and mistake.diagnosis == "clock_drift"):
        raise SystemExit(f"{vid}: signature does not fit the {mistake.diagnosis} mistake")
    return vector(vid, mistake.comment, tags, build_request(observed),
                  expectation(prehash, signature, expected_headers(signature), mistake.diagnosis,
                              mistake.client_prehash),
                  result="invalid", time=time, credentials=credentials)
