"""The reference engine: the one piece of plumbing every venue script in this folder uses.

A venue script is a transcription of one venue's docs: a `Venue` subclass that says how the
parts of a request become the prehash, the HMAC key and the wire request, and how a server
reads a wire request back (`read_wire`). The engine turns parts into vectors:

* `Venue.valid(...)`: the request a correct client sends, signed as the docs say;
* `Venue.invalid(..., Mistake(...))`: the request a client with exactly one mistake sent;
* `Venue.write(...)`: re-verifies every vector from its serialized wire request (the file's
  JSON text read back, as a venue would read the request: prehash rebuilt from the wire,
  signature recomputed and compared with the one on the wire) and only then writes
  `vectors/<venue>/<suite>.json`, byte for byte the same on every run.

Only the Python standard library (hmac, hashlib, base64, json, urllib.parse, datetime, uuid)
is used, and nothing from sigconform, so the expected values come from an implementation
that shares no code with the one they test.
"""
from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import importlib.util
import json
import os
import re
import urllib.parse
import uuid
from collections import OrderedDict
from dataclasses import dataclass

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FORMAT = "sigconform/vectors@1"


def _diagnosis_classes() -> set[str]:
    """The diagnosis class ids a vector may name, from the vector file schema (one list to keep)."""
    with open(os.path.join(REPO, "vectors", "schema", "vectors.schema.json"), encoding="utf-8") as handle:
        schema = json.load(handle)
    return set(schema["$defs"]["vector"]["properties"]["expect"]["properties"]["diagnosis"]["items"]["enum"])


CLASSES = _diagnosis_classes()



def venue_script(name: str):
    """A venue's reference script as a module (its file name has a dash, so it is loaded by path)."""
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(here, f"{name}.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- MACs and their text forms ------------------------------------------------------------

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


def as_bytes(text) -> bytes:
    """A prehash as bytes: text is signed as UTF-8."""
    return text if isinstance(text, bytes) else text.encode("utf-8")


def sign(hash_name: str, key: bytes, prehash, encoding: str) -> str:
    """The signature text of `prehash` (str as UTF-8, or bytes) under `key`."""
    return encode(mac(hash_name, key, as_bytes(prehash)), encoding)


# --- text forms clients send --------------------------------------------------------------

def compact_json(value) -> str:
    """JSON as most clients send it: no spaces, keys in insertion order, UTF-8 kept."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def spaced_json(value) -> str:
    """Python's json.dumps default: ', ' and ': ' separators, non-ASCII escaped."""
    return json.dumps(value)


def spaced(body: str) -> str:
    """Python's json.dumps default serialisation of a compact JSON body."""
    return json.dumps(json.loads(body, object_pairs_hook=OrderedDict))


def sorted_keys(body: str) -> str:
    """The same JSON with keys sorted, compact, UTF-8 kept."""
    return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def quote(value: str, safe: str = "", upper: bool = True, plus_for_space: bool = False) -> str:
    """Percent-encodes UTF-8 `value`; hex case and space handling are explicit."""
    encoded = urllib.parse.quote(value, safe=safe)
    if plus_for_space:
        encoded = encoded.replace("%20", "+")
    if not upper:
        encoded = re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), encoded)
    return encoded


def query_string(pairs, **quote_options) -> str:
    """Joins (key, value) pairs as k=v&k=v, percent-encoding each key and value."""
    return "&".join(f"{quote(k, **quote_options)}={quote(v, **quote_options)}" for k, v in pairs)


def split_query(query: str) -> list[tuple[str, str]]:
    """Raw (still encoded) key/value pairs of a query string, in wire order."""
    out = []
    for item in query.split("&") if query else []:
        k, _, v = item.partition("=")
        out.append((k, v))
    return out


def join_query(pairs) -> str:
    return "&".join(f"{k}={v}" for k, v in pairs)


def sorted_query(query: str) -> str:
    """The same raw pairs sorted by key (byte order), as a sorting client signs them."""
    out = join_query(sorted(split_query(query), key=lambda kv: kv[0].encode()))
    assert out != query, "sorting must change the order"
    return out


def replace_param(query: str, name: str, value: str) -> str:
    """Replaces the raw value of `name` (which must be present once)."""
    pairs = split_query(query)
    assert [k for k, _ in pairs].count(name) == 1, name
    return join_query([(k, value if k == name else v) for k, v in pairs])


def drop_param(query: str, name: str) -> str:
    pairs = split_query(query)
    assert [k for k, _ in pairs].count(name) == 1, name
    return join_query([(k, v) for k, v in pairs if k != name])


def lower_escapes(text: str) -> str:
    """%2F -> %2f: the same bytes percent-encoded with lower-case hex digits."""
    out = re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), text)
    assert out != text
    return out


def b64_decode_secret(secret: str) -> bytes:
    """What a client that base64-decodes a secret uses as its key."""
    return base64.b64decode(secret, validate=True)


def b64_secret(text_prefix: str, length: int) -> str:
    """A clearly fake, strictly canonical base64 secret of `length` decoded bytes.

    The text starts with `text_prefix` (base64 alphabet only) and is filled from a fixed
    SHA-512 stream; decoding and re-encoding fixes the final padding bits so that strict
    decoders accept it.
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


def pairs_request(method, path, query=(), body=(), **quote_options) -> dict:
    """Parts of a form/query request; `query`/`body` are (key, value) pairs encoded here."""
    return dict(method=method, path=path, query=query_string(query, **quote_options),
                body=query_string(body, **quote_options))


def with_(parts: dict, **changes) -> dict:
    """A copy of `parts` with some fields changed."""
    out = dict(parts)
    out.update(changes)
    return out


# --- time ---------------------------------------------------------------------------------

class Clock:
    """Deterministic, distinct client timestamps (ms) from a venue's own fixed start.

    Each venue script names its start; `tick()` hands out one timestamp per vector, `step`
    apart, and `at(n, ms)` the n-th one (plus `ms`) for scripts that number their vectors.
    """

    def __init__(self, start: int, step: int = 61_337):
        self.start, self.step, self.next = start, step, start

    def tick(self) -> int:
        t = self.next
        self.next += self.step
        return t

    def at(self, n: int, ms: int = 0) -> int:
        return self.start + n * self.step + ms

    def text(self, n: int, ms: int = 0) -> str:
        return str(self.at(n, ms))


def iso_ms(ms: int) -> str:
    """ISO-8601 UTC with milliseconds and 'Z', e.g. 2020-12-08T09:08:57.715Z."""
    moment = datetime.datetime.fromtimestamp(ms / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{ms % 1000:03d}Z"


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


# --- vector blocks ------------------------------------------------------------------------

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


def header(request: dict, name: str) -> str | None:
    """A header of a wire request, its name matched case-blind as HTTP does (RFC 9110 §5.1)."""
    for key, value in request["headers"].items():
        if key.lower() == name.lower():
            return value
    return None


def _put_text(block: OrderedDict, key: str, data, binary: bool) -> None:
    # A prehash that is not clean UTF-8 (Kraken's raw SHA-256 bytes) is stored as hex.
    if isinstance(data, str):
        block[key] = data
        return
    if not binary:
        try:
            block[key] = data.decode("utf-8")
            return
        except UnicodeDecodeError:
            pass
    block[key + "Hex"] = data.hex()


def expect(prehash=None, signature: str | None = None, headers=None, diagnosis: str | list | None = None,
           client_prehash=None, binary: bool = False) -> OrderedDict:
    """The expect block: prehash (or prehashHex), signature, headers, diagnosis, clientPrehash."""
    e = OrderedDict()
    if prehash is not None:
        _put_text(e, "prehash", prehash, binary)
    if signature is not None:
        e["signature"] = signature
    if headers:
        e["headers"] = OrderedDict(headers)
    if diagnosis is not None:
        classes = [diagnosis] if isinstance(diagnosis, str) else list(diagnosis)
        assert all(c in CLASSES for c in classes), classes
        e["diagnosis"] = classes
    if client_prehash is not None:
        _put_text(e, "clientPrehash", client_prehash, binary)
    return e


def server_time(ms: int) -> OrderedDict:
    """The `time` block: the venue clock when the request arrives."""
    return OrderedDict([("serverTime", ms)])


_time_block = server_time  # Venue methods take a `server_time` argument


def vector(id, comment, tags, request, expect, result="valid", time=None, credentials=None, **extra):
    """One vector with keys in the documented order (`extra`: e.g. keyOptions, after credentials)."""
    v = OrderedDict()
    v["id"] = id
    v["comment"] = comment
    v["tags"] = list(tags)
    if credentials is not None:
        v["credentials"] = credentials
    for key, value in extra.items():
        v[key] = value
    v["request"] = request
    if time is not None:
        v["time"] = time
    v["result"] = result
    v["expect"] = expect
    return v


# --- venues and mistakes ------------------------------------------------------------------

@dataclass
class Mistake:
    """What a client with exactly one mistake did differently from the venue's rule.

    It signed `client` (other parts: a re-ordered query, another timestamp...) or the literal
    `client_prehash`, under `key` with `hash_name` and `encoding` (None: the venue's own), or
    it sent `observed` verbatim (a published value). `signed_correctly` marks a request whose
    signature is right and whose defect is elsewhere (a clock outside the window, a wrong
    passphrase header, a nonce in the wrong unit signed as sent); clock_drift always is.
    """

    diagnosis: str
    client: dict | None = None
    client_prehash: str | bytes | None = None
    key: bytes | None = None
    hash_name: str | None = None
    encoding: str | None = None
    observed: str | None = None
    signed_correctly: bool = False
    # Further classes of a client that made several mistakes at once (issue 16: "two or three of
    # the above at once"); the vector expects all of them.
    also: tuple = ()

    def __post_init__(self):
        assert self.diagnosis in CLASSES, self.diagnosis
        assert all(c in CLASSES and c != self.diagnosis for c in self.also), self.also
        assert self.client is None or self.client_prehash is None, "client parts or client prehash, not both"
        if self.diagnosis == "clock_drift":
            self.signed_correctly = True


# What each built vector's client put on the wire, and whether the server should accept that
# signature: (signature text, accepted), by id() of the vector until its file is written.
_OBSERVED: dict[int, tuple[str, bool]] = {}


class Venue:
    """One venue's signing rule, transcribed from its docs.

    `parts` is whatever the venue needs to describe one request (a dict: method, path, query,
    body, timestamp...). Subclasses implement the hooks below; the engine does the rest.
    """

    name = ""
    generator = ""
    hash_name = "sha256"
    encoding = "hex"
    binary = False          # the prehash holds raw bytes: written as prehashHex

    def __init__(self, credentials: dict):
        self.credentials = credentials

    # --- hooks ----------------------------------------------------------------------------
    def prehash(self, parts: dict, creds: dict):
        """The exact HMAC input (str, signed as UTF-8, or bytes)."""
        raise NotImplementedError

    def wire(self, parts: dict, creds: dict, signature: str) -> OrderedDict:
        """The request as it goes on the wire, the signature where the venue carries it."""
        raise NotImplementedError

    def expect_headers(self, parts: dict, creds: dict, signature: str):
        """The auth headers a correct client sends (None: none to list)."""
        return None

    def read_wire(self, request: dict, creds: dict):
        """The server's view of a wire request: (prehash rebuilt from it, signature it carries)."""
        raise NotImplementedError

    def accept(self, request: dict, creds: dict, server_time: int | None) -> str | None:
        """Rules beyond the signature a venue's server applies (clock window, passphrase...):
        the reason it rejects `request`, or None. Called for venues that model them."""
        return None

    def arrival(self, parts: dict) -> int:
        """The server clock when the request arrives, when a vector does not give it."""
        raise NotImplementedError

    def key(self, creds: dict) -> bytes:
        """HMAC key bytes: the secret's UTF-8 bytes unless the venue says otherwise."""
        return creds["secret"].encode("utf-8")

    def same_signature(self, seen: str, want: str) -> bool:
        """How the server compares the signature it got with the one it computed."""
        return seen == want

    # --- signing --------------------------------------------------------------------------
    def defaults(self) -> dict:
        """The `defaults` block of a file whose vectors use this venue's credentials."""
        return {"credentials": self.credentials}

    def creds(self, override: dict | None) -> dict:
        merged = dict(self.credentials)
        merged.update(override or {})
        return merged

    def sign(self, prehash, creds: dict, key: bytes | None = None, hash_name: str | None = None,
             encoding: str | None = None) -> str:
        return sign(hash_name or self.hash_name, self.key(creds) if key is None else key, prehash,
                    encoding or self.encoding)

    def correct(self, parts: dict, creds: dict | None = None):
        """(prehash, signature) of `parts` signed as the docs say."""
        creds = self.creds(creds)
        pre = self.prehash(parts, creds)
        return pre, self.sign(pre, creds)

    # --- vectors --------------------------------------------------------------------------
    def valid(self, vid, comment, tags, parts, server_time=None, credentials=None, observed=None, **extra):
        """A request a correct client sends, signed as the docs say (`observed`: a published
        signature text the server also accepts, e.g. upper-case hex)."""
        creds = self.creds(credentials)
        pre = self.prehash(parts, creds)
        sig = self.sign(pre, creds)
        seen = sig if observed is None else observed
        v = vector(vid, comment, tags, self.wire(parts, creds, seen),
                   expect(pre, sig, self.expect_headers(parts, creds, sig), binary=self.binary),
                   result="valid", time=self._time(parts, server_time), credentials=credentials, **extra)
        _OBSERVED[id(v)] = (seen, True)
        return v

    def invalid(self, vid, comment, tags, parts, mistake: Mistake, server_time=None, credentials=None, **extra):
        """A request as a client with `mistake` sent it."""
        creds = self.creds(credentials)
        pre = self.prehash(parts, creds)
        sig = self.sign(pre, creds)
        if mistake.client is not None:
            client_pre = self.prehash(mistake.client, creds)
        else:
            client_pre = pre if mistake.client_prehash is None else mistake.client_prehash
        # clientPrehash shows what the client signed when it is not the right text (a wrong key,
        # hash or encoding, or a clock outside the window, leaves the text right: nothing to show).
        shown = client_pre if as_bytes(client_pre) != as_bytes(pre) else None
        seen = mistake.observed if mistake.observed is not None else self.sign(
            client_pre, creds, key=mistake.key, hash_name=mistake.hash_name, encoding=mistake.encoding)
        if mistake.signed_correctly and seen != sig:
            raise SystemExit(f"{self.name}/{vid}: a {mistake.diagnosis} request must carry the correct signature")
        if not mistake.signed_correctly and seen == sig:
            raise SystemExit(f"{self.name}/{vid}: the {mistake.diagnosis} mistake did not change the signature")
        v = vector(vid, comment, tags, self.wire(parts, creds, seen),
                   expect(pre, sig, self.expect_headers(parts, creds, sig), [mistake.diagnosis, *mistake.also], shown,
                          binary=self.binary),
                   result="invalid", time=self._time(parts, server_time), credentials=credentials, **extra)
        _OBSERVED[id(v)] = (seen, mistake.signed_correctly)
        return v

    def _time(self, parts, server_time):
        return _time_block(self.arrival(parts) if server_time is None else server_time)

    # --- re-verification and output -------------------------------------------------------
    def verify(self, suite: str, built, defaults) -> None:
        """Reads every vector back from the file's JSON text and checks it from the wire."""
        base = dict(defaults.get("credentials", {})) if defaults else dict(self.credentials)
        text = json.dumps(built, ensure_ascii=False)
        for original, v in zip(built, json.loads(text)):
            where = f"{self.name}/{suite}/{v['id']}"
            creds = dict(base)
            creds.update(v.get("credentials") or {})
            e = v["expect"]
            pre, seen = self.read_wire(v["request"], creds)
            signed = "prehash" in e or "prehashHex" in e
            if signed:
                want_pre = bytes.fromhex(e["prehashHex"]) if "prehashHex" in e else as_bytes(e["prehash"])
                if pre is None or as_bytes(pre) != want_pre:
                    raise SystemExit(f"{where}: the wire request rebuilds the prehash {pre!r}, expected {want_pre!r}")
            elif pre is not None:
                raise SystemExit(f"{where}: the venue signs, but the vector has no prehash")
            else:
                # Nothing signed (bearer keys): the credential headers on the wire are the check.
                sent = {k: header(v["request"], k) for k in e.get("headers", {})}
                if (sent == e.get("headers")) != (v["result"] == "valid"):
                    raise SystemExit(f"{where}: the wire headers {sent} do not fit the result {v['result']}")
            if "signature" in e:
                want = self.sign(pre, creds)
                if want != e["signature"]:
                    raise SystemExit(f"{where}: the prehash signs to {want}, expect.signature is {e['signature']}")
                observed, accepted = _OBSERVED[id(original)]
                if seen != observed:
                    raise SystemExit(f"{where}: the wire carries {seen!r}, the client sent {observed!r}")
                if self.same_signature(seen, want) != accepted:
                    raise SystemExit(f"{where}: the signature on the wire {'does not match' if accepted else 'matches'}")
            elif signed and seen is not None:
                raise SystemExit(f"{where}: a prehash-only vector carries a signature")
            reason = self.accept(v["request"], creds, (v.get("time") or {}).get("serverTime"))
            if v["result"] == "valid" and reason is not None:
                raise SystemExit(f"{where}: the server rejects a valid vector: {reason}")
            models_server = type(self).accept is not Venue.accept
            if v["result"] == "invalid" and models_server and reason is None and "signature" in e and accepted:
                raise SystemExit(f"{where}: the server accepts an invalid vector")

    def write(self, suite, description, sources, vectors, defaults=None, min_valid=0, min_classes=0,
              generator=None):
        """Checks the file's minimums, re-verifies every vector, writes the file, prints counts.
        `generator`: the script to name in the file when it is not the venue's own."""
        check_counts(f"{self.name}/{suite}", vectors, min_valid, min_classes)
        self.verify(suite, vectors, defaults)
        path = write_file(self.name, suite, description, sources, generator or self.generator, defaults, vectors)
        print(summary(f"{self.name}/{suite}", vectors))
        return path

    def write_all(self, suites, generator=None) -> None:
        """`write` for each (suite, description, sources, defaults, vectors, min_valid, min_classes)."""
        for suite, description, sources, defaults, vectors, min_valid, min_classes in suites:
            self.write(suite, description, sources, vectors, defaults, min_valid, min_classes, generator)


# --- files --------------------------------------------------------------------------------

def check_counts(name: str, vectors, minimum_valid: int = 0, minimum_classes: int = 0) -> None:
    """Fails the generator when a file falls short of the minimums its script asks for."""
    valid_count = sum(1 for v in vectors if v["result"] == "valid")
    classes = {v["expect"]["diagnosis"][0] for v in vectors if v["result"] == "invalid"}
    if valid_count < minimum_valid:
        raise SystemExit(f"{name}: {valid_count} valid vectors, want >= {minimum_valid}")
    if len(classes) < minimum_classes:
        raise SystemExit(f"{name}: {len(classes)} mistake classes, want >= {minimum_classes}")


def summary(name: str, vectors) -> str:
    counts: dict[str, int] = {}
    for v in vectors:
        label = v["result"] if v["result"] == "valid" else v["expect"]["diagnosis"][0]
        counts[label] = counts.get(label, 0) + 1
    return f"{name}: {len(vectors)} vectors " + ", ".join(f"{k} {n}" for k, n in sorted(counts.items()))


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
