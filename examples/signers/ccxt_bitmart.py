#!/usr/bin/env python3
"""ccxt's bitmart signs bitmart requests (PyPI package `bitmart`, ccxt's build of that one
exchange: the main ccxt package no longer carries it).

The package installs itself as the module `ccxt` (sys.modules['ccxt'] = bitmart.ccxt), which
would clash with the main ccxt in one interpreter, so this file runs as its own process: a
signer for `sigconform check --signer` (JSON Lines, docs/signer.md). ccxt_signer.py hands it the
bitmart lines; the client matrix (scripts/clients/matrix.py) imports it for `prepare`/`sign`.
"""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from signer_support import CannotSign, header, run

try:
    VERSION = f"bitmart {version('bitmart')}"
except PackageNotFoundError:
    VERSION = "bitmart (not installed)"
CLIENT = "ccxt-bitmart"
ADAPTERS = {"bitmart": None}
NotProducible = CannotSign


def sign_request(asked: dict) -> dict:
    """ccxt's bitmart request for one asked line (runs in this file's own process)."""
    if asked.get("venue") != "bitmart":
        raise CannotSign(f"ccxt's bitmart build signs bitmart only, not {asked.get('venue')}")
    import bitmart  # noqa: F401  (installs bitmart.ccxt as `ccxt`)
    from bitmart.ccxt import bitmart as Bitmart

    request = asked["request"]
    credentials = asked.get("credentials") or {}
    ms = int(header(request, "X-BM-TIMESTAMP"))
    exchange = Bitmart({"apiKey": credentials.get("apiKey"), "secret": credentials.get("secret"),
                        "uid": credentials.get("memo")})
    exchange.milliseconds = lambda: ms
    exchange.nonce = lambda: ms
    method = request["method"].upper()
    if method in ("GET", "DELETE"):
        params = dict(parse_qsl(request.get("query") or "", keep_blank_values=True))
    elif request.get("query"):
        raise CannotSign("ccxt sends a POST's parameters in the body only")
    else:
        params = json.loads(request.get("body") or "{}")
        if not isinstance(params, dict):
            raise CannotSign("the body is not a JSON object")
    result = exchange.sign(request["path"].lstrip("/"), "private", method, params)
    url = urlsplit(result["url"])
    headers = {k: str(v) for k, v in (result.get("headers") or {}).items() if v is not None}
    return {"method": result["method"], "path": url.path, "query": url.query, "headers": headers,
            "body": result.get("body") or ""}


# --- the client matrix's interface (scripts/clients/matrix.py) ------------------------------

_answers: dict = {}


def prepare(venue: str, vectors: list) -> None:
    """Signs every vector of the venue in one child process (see the module comment)."""
    if venue != "bitmart" or not vectors:
        return
    lines = "".join(json.dumps({"id": str(index), "venue": venue, "credentials": vector.get("credentials") or {},
                                "request": vector["request"]}) + "\n" for index, vector in enumerate(vectors))
    child = subprocess.run([sys.executable, str(Path(__file__).resolve())], input=lines, capture_output=True,
                           text=True, check=True)
    for vector, line in zip(vectors, child.stdout.splitlines()):
        _answers[id(vector)] = json.loads(line)


def sign(venue: str, vector: dict) -> dict:
    answer = _answers.get(id(vector)) if venue == "bitmart" else {"error": "no adapter"}
    if answer is None:
        raise CannotSign("not prepared")
    if "error" in answer:
        raise CannotSign(answer["error"])
    return answer["request"]


if __name__ == "__main__":
    raise SystemExit(run(sign_request))
