"""ccxt's bitmart signs the bundled bitmart vectors (PyPI package `bitmart`, ccxt's build of
that one exchange: the main ccxt package no longer carries it).

The package installs itself as the module `ccxt` (sys.modules['ccxt'] = bitmart.ccxt), which
would clash with the main ccxt in one interpreter, so the matrix runs this file as a separate
process: JSON vectors on stdin, ccxt's requests (or the reason it cannot produce one) on stdout.
"""
from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

VERSION = f"bitmart {version('bitmart')}"
CLIENT = "ccxt-bitmart"


def _header(request, name):
    return next((v for k, v in (request.get("headers") or {}).items() if k.lower() == name.lower()), None)


def _sign_all(vectors: list) -> list:
    import bitmart  # noqa: F401  (installs bitmart.ccxt as `ccxt`)
    from bitmart.ccxt import bitmart as Bitmart

    out = []
    for vector in vectors:
        request = vector["request"]
        credentials = vector.get("credentials") or {}
        try:
            ms = int(_header(request, "X-BM-TIMESTAMP"))
            exchange = Bitmart({"apiKey": credentials.get("apiKey"), "secret": credentials.get("secret"),
                                "uid": credentials.get("memo")})
            exchange.milliseconds = lambda ms=ms: ms
            exchange.nonce = lambda ms=ms: ms
            method = request["method"].upper()
            if method in ("GET", "DELETE"):
                params = dict(parse_qsl(request.get("query") or "", keep_blank_values=True))
            elif request.get("query"):
                raise ValueError("ccxt sends a POST's parameters in the body only")
            else:
                params = json.loads(request.get("body") or "{}")
                if not isinstance(params, dict):
                    raise ValueError("the body is not a JSON object")
            result = exchange.sign(request["path"].lstrip("/"), "private", method, params)
            url = urlsplit(result["url"])
            headers = {k: str(v) for k, v in (result.get("headers") or {}).items() if v is not None}
            out.append({"request": {"method": result["method"], "path": url.path, "query": url.query,
                                    "headers": headers, "body": result.get("body") or ""}})
        except Exception as error:  # noqa: BLE001 - any refusal is "not producible", with its reason
            out.append({"error": f"{type(error).__name__}: {error}"})
    return out


_cache: dict = {}
ADAPTERS = {"bitmart": None}


class NotProducible(Exception):
    pass


def sign(venue: str, vector: dict) -> dict:
    if venue != "bitmart":
        raise NotProducible("no adapter")
    key = id(vector)
    if key not in _cache:
        raise NotProducible("not prepared")
    answer = _cache[key]
    if "error" in answer:
        raise NotProducible(answer["error"])
    return answer["request"]


def prepare(venue: str, vectors: list) -> None:
    """Signs every vector of the venue in one child process (see the module comment)."""
    if venue != "bitmart" or not vectors:
        return
    run = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--worker"], input=json.dumps(vectors),
                         capture_output=True, text=True, check=True)
    for vector, answer in zip(vectors, json.loads(run.stdout)):
        _cache[id(vector)] = answer


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    json.dump(_sign_all(json.load(sys.stdin)), sys.stdout)
