"""What the official-SDK signers share: a transport that captures the request an SDK built
instead of sending it, and a clock pinned to the request's own timestamp.

No network: every SDK here ends its request path in a call this module replaces (a requests
adapter, an httpx transport, a urllib3 pool), which raises `Captured` with the request as the
SDK would have put it on the wire.
"""
from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

from signer_support import CannotSign


class Captured(Exception):
    """Raised by the stubbed transport in place of sending: carries the request as built."""


def wire_request(method: str, url: str, headers, body) -> dict:
    parts = urlsplit(url)
    if isinstance(body, bytes):
        body = body.decode()
    # A header value given as bytes (kucoin-python's base64 output) goes on the wire as those bytes.
    headers = {name: value.decode() if isinstance(value, bytes) else value for name, value in (headers or {}).items()}
    request = {"method": method, "path": parts.path, "query": parts.query, "headers": headers,
               "body": body or ""}
    if parts.hostname:
        request["host"] = parts.hostname
    return request


def requests_capture(session) -> None:
    """Every request `session` (a requests.Session) sends is raised as Captured instead."""
    import requests

    class CaptureAdapter(requests.adapters.HTTPAdapter):
        def send(self, request, **kwargs):
            raise Captured(wire_request(request.method, request.url, dict(request.headers), request.body))

    session.mount("https://", CaptureAdapter())
    session.mount("http://", CaptureAdapter())


def sent_by(call) -> dict:
    try:
        call()
    except Captured as captured:
        return captured.args[0]
    raise CannotSign("the SDK returned without sending a request")


def form_pairs(request: dict, without: tuple) -> list:
    pairs = parse_qsl(request.get("query") or "", keep_blank_values=True) + \
        parse_qsl(request.get("body") or "", keep_blank_values=True)
    return [(k, v) for k, v in pairs if k not in without]


def binance_params(request: dict) -> dict:
    """The parameters a Binance SDK is given as a dict (query and form body, the signature left
    out): a request that sends a parameter twice or carries no timestamp cannot be built so."""
    pairs = form_pairs(request, ("signature",))
    params = dict(pairs)
    if len(params) != len(pairs):
        raise CannotSign("a parameter sent twice; the SDK takes a dict")
    if "timestamp" not in params:
        raise CannotSign("no timestamp parameter")
    return params


def seconds_clock(milliseconds: int):
    """A time.time() that returns `milliseconds` as seconds such that int(t * 1000) gives them back
    (a plain ms / 1000 can come back one millisecond short through binary floating point)."""
    return lambda: (milliseconds + 0.5) / 1000
