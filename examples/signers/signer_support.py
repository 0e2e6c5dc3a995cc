"""What the real-client signers in this folder share: the JSON Lines loop of
`sigconform check --signer` (docs/signer.md) and reading a request's headers.

A signer module supplies one function, `sign(asked) -> request`, that turns one line sigconform
wrote ({"id", "venue", "credentials", "request"}) into the request its client would send; it
raises `CannotSign` with a reason for a request its client has no call for. `run(sign)` does the
rest: one answer line per asked line, flushed, in order.
"""
from __future__ import annotations

import json
import sys


class CannotSign(Exception):
    """The client has no call that sends this request (another API family, an option it lacks,
    a venue it does not support). The message says why; it becomes the answer's "error"."""


def header(request: dict, name: str):
    """The value of header `name` (case-insensitive), or None."""
    for key, value in (request.get("headers") or {}).items():
        if key.lower() == name.lower():
            return value
    return None


def header_parameters(value: str, scheme: str | None) -> dict:
    """`<scheme> k=v,k=v` into its items, the way the venue parses it (order and spacing free)."""
    if scheme:
        if not value.lower().startswith(scheme.lower()):
            return {}
        value = value[len(scheme):]
    items = {}
    for item in value.split(","):
        if "=" in item:
            key, _, val = item.strip().partition("=")
            items[key.strip()] = val.strip()
    return items


def raw_query_value(query: str, name: str) -> str:
    """The value of `name` in `query` as sent (still percent-encoded)."""
    return next(part.partition("=")[2] for part in query.split("&") if part.partition("=")[0] == name)


def answer(asked: dict, sign) -> dict:
    """The answer line for one asked line."""
    try:
        request = sign(asked)
    except CannotSign as reason:
        return {"id": asked["id"], "error": str(reason)}
    except Exception as error:  # noqa: BLE001 - a client that breaks on one request costs that request only
        return {"id": asked["id"], "error": f"the client raised {type(error).__name__}: {error}"}
    if "host" not in asked["request"]:
        # sigconform gives the host only for venues that sign it; the others take no host back.
        request.pop("host", None)
    return {"id": asked["id"], "request": request}


def run(sign, source=None, sink=None) -> int:
    """Answers every line of `source` (standard input) on `sink` (standard output), until end of input."""
    source = source or sys.stdin
    sink = sink or sys.stdout
    for line in source:
        if not line.strip():
            continue
        sink.write(json.dumps(answer(json.loads(line), sign)) + "\n")
        sink.flush()
    return 0
