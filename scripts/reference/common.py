"""Shared plumbing for the reference vector generators.

Everything here is deliberately small and uses only the Python standard library
(hmac, hashlib, base64, json, urllib.parse), so that the expected values in
vectors/ come from an implementation that shares no code with sigconform.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import urllib.parse
from collections import OrderedDict

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FORMAT = "sigconform/vectors@1"


def mac(hash_name: str, key: bytes, message: bytes) -> bytes:
    """HMAC of `message` under `key` with hashlib's `hash_name` (e.g. "sha256")."""
    return hmac.new(key, message, getattr(hashlib, hash_name.replace("-", "_"))).digest()


def encode(raw: bytes, encoding: str) -> str:
    """Text form of a MAC: hex, hex-upper, base64 or base64url."""
    if encoding == "hex":
        return raw.hex()
    if encoding == "hex-upper":
        return raw.hex().upper()
    if encoding == "base64":
        return base64.b64encode(raw).decode()
    if encoding == "base64url":
        return base64.urlsafe_b64encode(raw).decode()
    raise ValueError(encoding)


def compact_json(value) -> str:
    """JSON as most clients send it: no spaces, keys in insertion order, UTF-8 kept."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def spaced_json(value) -> str:
    """Python's json.dumps default: ', ' and ': ' separators, non-ASCII escaped."""
    return json.dumps(value)


def quote(value: str, safe: str = "", upper: bool = True, plus_for_space: bool = False) -> str:
    """Percent-encodes UTF-8 `value`; hex case and space handling are explicit."""
    encoded = urllib.parse.quote(value, safe=safe)
    if plus_for_space:
        encoded = encoded.replace("%20", "+")
    if not upper:
        # Lower-case only the two hex digits of each escape.
        out, i = [], 0
        while i < len(encoded):
            if encoded[i] == "%":
                out.append(encoded[i:i + 3].lower())
                i += 3
            else:
                out.append(encoded[i])
                i += 1
        encoded = "".join(out)
    return encoded


def query_string(pairs, **quote_options) -> str:
    """Joins (key, value) pairs as k=v&k=v, percent-encoding each key and value."""
    return "&".join(f"{quote(k, **quote_options)}={quote(v, **quote_options)}" for k, v in pairs)


def vector(id, comment, tags, request, expect, result="valid", time=None, credentials=None):
    """One vector with keys in the documented order."""
    v = OrderedDict()
    v["id"] = id
    v["comment"] = comment
    v["tags"] = list(tags)
    if credentials is not None:
        v["credentials"] = credentials
    v["request"] = request
    if time is not None:
        v["time"] = time
    v["result"] = result
    v["expect"] = expect
    return v


def write_file(venue: str, suite: str, description: str, sources, generator: str, defaults, vectors) -> str:
    """Writes vectors/<venue>/<suite>.json deterministically and returns its path."""
    ids = [v["id"] for v in vectors]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise SystemExit(f"{venue}/{suite}: duplicate vector ids {sorted(duplicates)}")
    doc = OrderedDict()
    doc["$schema"] = "../schema/vectors.schema.json"
    doc["format"] = FORMAT
    doc["venue"] = venue
    doc["description"] = description
    doc["sources"] = list(sources)
    doc["generator"] = generator
    if defaults:
        doc["defaults"] = defaults
    doc["vectors"] = vectors
    folder = os.path.join(REPO, "vectors", venue)
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"{suite}.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(doc, handle, indent=2, ensure_ascii=False)
        handle.write("\n")
    return path
