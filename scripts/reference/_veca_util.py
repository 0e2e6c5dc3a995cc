"""Plumbing shared by the vectors-a generators (binance-usdm, mexc, kucoin, bitmex,
deribit, coinbase-exchange).

Each venue script defines a `Venue` subclass with the venue's own rule, written from
its docs: `prehash(parts)` (the exact HMAC input), `wire(parts, signature, creds)`
(the request as it goes on the wire, signature where the venue carries it),
`auth_headers(...)` (the headers a correct client must send) and `accept(...)`, an
independent server-side check used only to self-test the generated files.

`parts` is a plain dict describing what the client meant to send: method, path, raw
query (as sent, no '?'), raw body, and the venue's timestamp/nonce fields.

Mistakes are produced by signing something else than what goes on the wire: a
different `client` parts dict (re-ordered query, spaced JSON, other timestamp...), a
different key, hash or output encoding. Nothing here reads sigconform's code.
"""
from __future__ import annotations

import base64
import json
import re
import urllib.parse
from collections import OrderedDict

from common import encode, mac, query_string, vector, write_file

# The diagnosis ids of /work/shared/design/vector-format.md that these scripts use.
CLASSES = {
    "unsorted_params", "body_encoding", "query_encoding", "clock_drift",
    "timestamp_mismatch", "timestamp_units", "wrong_secret_encoding",
    "secret_whitespace", "wrong_hash", "wrong_output_encoding", "method_case",
    "path_mismatch", "missing_component", "unexplained",
}


class Venue:
    """One venue's signing rule. Subclasses override the four hooks below."""

    venue = ""
    host = ""
    hash_name = "sha256"
    encoding = "hex"

    def __init__(self, credentials: dict):
        self.credentials = credentials

    # --- hooks -------------------------------------------------------------
    def prehash(self, parts: dict) -> str:
        raise NotImplementedError

    def wire(self, parts: dict, signature: str, creds: dict) -> OrderedDict:
        raise NotImplementedError

    def auth_headers(self, parts: dict, signature: str, creds: dict) -> dict:
        raise NotImplementedError

    def request_time_ms(self, parts: dict) -> int:
        """The client's clock reading carried by the request, in ms."""
        raise NotImplementedError

    def accept(self, request: dict, creds: dict, server_time: int) -> tuple[bool, str, str]:
        """Server-side view: (accepted, prehash rebuilt from the wire, reason)."""
        raise NotImplementedError

    # --- signing -----------------------------------------------------------
    def key(self, secret: str) -> bytes:
        """Key bytes for the HMAC; raw UTF-8 unless the venue says otherwise."""
        return secret.encode("utf-8")

    def sign(self, text: str, creds: dict, key: bytes | None = None,
             hash_name: str | None = None, encoding: str | None = None) -> str:
        raw = mac(hash_name or self.hash_name,
                  self.key(creds["secret"]) if key is None else key,
                  text.encode("utf-8"))
        return encode(raw, encoding or self.encoding)

    def creds(self, override: dict | None) -> dict:
        merged = dict(self.credentials)
        merged.update(override or {})
        return merged

    # --- vectors -----------------------------------------------------------
    def valid(self, id, comment, tags, parts, server_time=None, credentials=None):
        """A request a correct client sends, signed as the docs say."""
        creds = self.creds(credentials)
        pre = self.prehash(parts)
        sig = self.sign(pre, creds)
        time = {"serverTime": self.request_time_ms(parts) + 300 if server_time is None else server_time}
        expect = OrderedDict(prehash=pre, signature=sig, headers=self.auth_headers(parts, sig, creds))
        return vector(id, comment, tags, self.wire(parts, sig, creds), expect,
                      time=time, credentials=credentials)

    def invalid(self, id, comment, tags, parts, diagnosis, *, client=None, key=None,
                hash_name=None, encoding=None, observed=None, server_time=None,
                credentials=None, defect_elsewhere=False):
        """A request as a buggy client sent it: the observed signature comes from
        signing `client` (default: `parts`) with the given key/hash/encoding, or is
        `observed` verbatim (published doc values). `defect_elsewhere` marks a request
        whose signature is right but another auth header is wrong."""
        assert diagnosis in CLASSES, diagnosis
        creds = self.creds(credentials)
        pre = self.prehash(parts)
        sig = self.sign(pre, creds)
        client_pre = self.prehash(client) if client is not None else pre
        seen = observed if observed is not None else self.sign(
            client_pre, creds, key=key, hash_name=hash_name, encoding=encoding)
        if diagnosis == "clock_drift" or defect_elsewhere:
            assert seen == sig, f"{id}: expected the correct signature on the wire"
        else:
            assert seen != sig, f"{id}: the mistake did not change the signature"
        time = {"serverTime": self.request_time_ms(parts) + 300 if server_time is None else server_time}
        expect = OrderedDict(prehash=pre, signature=sig,
                             headers=self.auth_headers(parts, sig, creds),
                             diagnosis=[diagnosis])
        if client_pre != pre:
            expect["clientPrehash"] = client_pre
        tags = list(tags) + ([diagnosis.replace("_", "-")] if diagnosis.replace("_", "-") not in tags else [])
        return vector(id, comment, tags, self.wire(parts, seen, creds), expect,
                      result="invalid", time=time, credentials=credentials)

    # --- output ------------------------------------------------------------
    def write(self, suite, description, sources, generator, vectors, defaults=True):
        """Self-checks every vector against `accept`, then writes the file."""
        for v in vectors:
            creds = self.creds(v.get("credentials"))
            ok, rebuilt, reason = self.accept(v["request"], creds, v["time"]["serverTime"])
            assert rebuilt == v["expect"]["prehash"], (
                f"{self.venue}/{suite}/{v['id']}: wire request rebuilds prehash {rebuilt!r}, "
                f"expected {v['expect']['prehash']!r}")
            wanted = v["result"] == "valid"
            assert ok == wanted, f"{self.venue}/{suite}/{v['id']}: server check says {reason}"
        d = OrderedDict(credentials=self.credentials) if defaults else None
        path = write_file(self.venue, suite, description, sources, generator, d, vectors)
        json.load(open(path, encoding="utf-8"))  # the file must load back
        counts = {}
        for v in vectors:
            label = v["result"] if v["result"] == "valid" else v["expect"]["diagnosis"][0]
            counts[label] = counts.get(label, 0) + 1
        print(f"{path}: {len(vectors)} vectors {dict(sorted(counts.items()))}")
        return path


# --- query/body helpers ---------------------------------------------------------

def pairs_query(pairs, **quote_options) -> str:
    """k=v&k=v with each key and value percent-encoded (UTF-8, upper-case hex unless
    `upper=False`, '%20' for space unless `plus_for_space=True`)."""
    return query_string(pairs, **quote_options)


T0 = 1767225600000  # 2026-01-01T00:00:00Z, the base of every synthetic timestamp here


def clock(step_ms: int):
    """ts(n, ms) = T0 + n * step_ms + ms, as text: one distinct timestamp per vector."""
    return lambda n, ms=0: str(T0 + n * step_ms + ms)


def pairs_request(method, path, query=(), body=(), **quote_options) -> dict:
    """Parts of a form/query request; `query`/`body` are (key, value) pairs encoded here."""
    return dict(method=method, path=path, query=pairs_query(query, **quote_options),
                body=pairs_query(body, **quote_options))


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
    pairs = split_query(query)
    out = join_query(sorted(pairs, key=lambda kv: kv[0].encode()))
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


def spaced(body: str) -> str:
    """Python's json.dumps default serialisation of a compact JSON body."""
    return json.dumps(json.loads(body, object_pairs_hook=OrderedDict))


def sorted_keys(body: str) -> str:
    """The same JSON with keys sorted, compact, UTF-8 kept."""
    return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def b64_decode_secret(secret: str) -> bytes:
    """What a client that base64-decodes a secret uses as its key."""
    return base64.b64decode(secret, validate=True)


def with_(parts: dict, **changes) -> dict:
    """A copy of `parts` with some fields changed."""
    out = dict(parts)
    out.update(changes)
    return out


def unquote_plus(text: str) -> str:
    return urllib.parse.unquote_plus(text)


# --- the Binance family (Binance USD-M futures, MEXC spot v3) ----------------------

def strip_signature(query: str, body: str) -> tuple[str, str, str]:
    """Takes the trailing `signature=` parameter off the body, else off the query."""
    for where in ("body", "query"):
        text = body if where == "body" else query
        pairs = split_query(text)
        if pairs and pairs[-1][0] == "signature":
            rest = join_query(pairs[:-1])
            return (query, rest, pairs[-1][1]) if where == "body" else (rest, body, pairs[-1][1])
    return query, body, ""


class BinanceFamily(Venue):
    """totalParams = query string + request body, concatenated WITHOUT separator,
    HMAC-SHA256 with the secret's UTF-8 bytes, hex; `signature` is the last parameter
    of the body when there is one, else of the query; API key in a header; `timestamp`
    (ms) and optional `recvWindow` (default 5000) are ordinary signed parameters.
    Subclasses set the header name and whether the server compares hex case-blind."""

    api_key_header = ""
    hex_case_insensitive = True
    default_recv_window = 5000

    def prehash(self, parts):
        return parts["query"] + parts["body"]

    def wire(self, parts, signature, creds):
        query, body = parts["query"], parts["body"]
        if body:
            body = body + "&signature=" + signature
        else:
            query = (query + "&" if query else "") + "signature=" + signature
        headers = OrderedDict([(self.api_key_header, creds["apiKey"])])
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return OrderedDict(method=parts["method"], host=self.host, path=parts["path"],
                           query=query, headers=headers, body=body)

    def auth_headers(self, parts, signature, creds):
        return {self.api_key_header: creds["apiKey"]}

    @staticmethod
    def params(text: str) -> dict:
        return {urllib.parse.unquote_plus(k): urllib.parse.unquote_plus(v)
                for k, v in split_query(text)}

    def request_time_ms(self, parts):
        return int(self.params(parts["query"] + "&" + parts["body"])["timestamp"])

    def accept(self, request, creds, server_time):
        query, body, seen = strip_signature(request["query"], request["body"])
        pre = query + body
        want = self.sign(pre, creds)
        same = seen.lower() == want if self.hex_case_insensitive else seen == want
        if not same:
            return False, pre, "signature mismatch"
        if request["headers"].get(self.api_key_header) != creds["apiKey"]:
            return False, pre, "api key header"
        p = self.params(query + "&" + body)
        ts, window = int(p["timestamp"]), int(p.get("recvWindow", self.default_recv_window))
        # Accept iff timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
        if not (ts < server_time + 1000 and server_time - ts <= window):
            return False, pre, "outside recvWindow"
        return True, pre, "ok"
