#!/usr/bin/env python3
"""Official exchange SDKs as the client under test:
`sigconform check --signer "python3 examples/signers/sdk_signer.py" --venue binance-spot --venue bybit-v5 --venue okx-v5`.

Each SDK builds and signs the request through its own code path, the one a bot calls; only
the last step, the HTTP send, is replaced by a transport that captures the request instead of
sending it. The clock the SDK reads is set to the request's timestamp; the credentials are the
line's test credentials. The answer is the request exactly as the SDK would put it on the wire
(its parameter order and encoding, its JSON, its default headers).

- binance-spot: binance-connector (`binance.spot.Spot.sign_request`), requests transport;
- bybit-v5: pybit (`pybit.unified_trading.HTTP._submit_request`), requests transport;
- okx-v5: python-okx (`okx.okxclient.OkxClient._request`), httpx transport.

Versions pinned in examples/signers/requirements.txt. Other venues, and calls an SDK has no
path for, are answered {"id": ..., "error": "why"}.
"""
from __future__ import annotations

import json
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

from signer_support import CannotSign, header, raw_query_value, run


class Captured(Exception):
    """Raised by the stubbed transport in place of sending: carries the request as built."""


def wire_request(method: str, url: str, headers, body) -> dict:
    parts = urlsplit(url)
    if isinstance(body, bytes):
        body = body.decode()
    return {"method": method, "path": parts.path, "query": parts.query, "headers": headers, "body": body or ""}


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


# --- binance-connector --------------------------------------------------------------------

def binance_connector(asked: dict) -> dict:
    import binance.api
    from binance.spot import Spot

    request, credentials = asked["request"], asked.get("credentials") or {}
    if not request["path"].startswith(("/api/", "/sapi/")):
        raise CannotSign("binance-connector's Spot client calls /api/ and /sapi/ only")
    pairs = form_pairs(request, ("signature",))
    params = dict(pairs)
    if len(params) != len(pairs):
        raise CannotSign("a parameter sent twice; the SDK takes a dict")
    if "timestamp" not in params:
        raise CannotSign("no timestamp parameter")
    timestamp = int(params.pop("timestamp"))
    client = Spot(api_key=credentials.get("apiKey"), api_secret=credentials.get("secret"))
    requests_capture(client.session)
    # binance.api signs with its own imported get_timestamp (binance/api.py sign_request).
    binance.api.get_timestamp = lambda: timestamp
    return sent_by(lambda: client.sign_request(request["method"], request["path"], params))


# --- pybit --------------------------------------------------------------------------------

def pybit(asked: dict) -> dict:
    import pybit._helpers
    from pybit.unified_trading import HTTP

    request, credentials = asked["request"], asked.get("credentials") or {}
    if request["method"] not in ("GET", "POST"):
        raise CannotSign("pybit sends GET and POST only")
    window = header(request, "X-BAPI-RECV-WINDOW")
    timestamp = int(header(request, "X-BAPI-TIMESTAMP"))
    if request["method"] == "GET":
        params = dict(parse_qsl(request.get("query") or "", keep_blank_values=True))
        if "cursor" in params:
            # Bybit returns nextPageCursor percent-encoded and pybit's users pass it on as returned.
            params["cursor"] = raw_query_value(request["query"], "cursor")
    else:
        if request.get("query"):
            raise CannotSign("pybit sends a POST's parameters in the JSON body only")
        params = json.loads(request.get("body") or "{}")
        if not isinstance(params, dict):
            raise CannotSign("the body is not a JSON object")
    session = HTTP(api_key=credentials.get("apiKey"), api_secret=credentials.get("secret"),
                   recv_window=int(window) if window else 5000, max_retries=1)
    requests_capture(session.client)
    pybit._helpers.generate_timestamp = lambda: timestamp
    return sent_by(lambda: session._submit_request(method=request["method"], path=session.endpoint + request["path"],
                                                   query=params, auth=True))


# --- python-okx ---------------------------------------------------------------------------

def python_okx(asked: dict) -> dict:
    import httpx
    import okx.utils
    from okx.okxclient import OkxClient

    request, credentials = asked["request"], asked.get("credentials") or {}
    if request["method"] not in ("GET", "POST"):
        raise CannotSign("python-okx sends GET and POST only")
    stamp = header(request, "OK-ACCESS-TIMESTAMP")
    try:
        datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    except (TypeError, ValueError) as error:
        raise CannotSign("python-okx writes an ISO 8601 timestamp with milliseconds only") from error
    if request["method"] == "GET":
        params = dict(parse_qsl(request.get("query") or "", keep_blank_values=True))
    else:
        if request.get("query"):
            raise CannotSign("python-okx sends a POST's parameters in the JSON body only")
        params = json.loads(request.get("body") or "{}")
        if not isinstance(params, dict):
            raise CannotSign("the body is not a JSON object; python-okx sends objects")
    simulated = header(request, "x-simulated-trading") or "0"
    client = OkxClient(credentials.get("apiKey"), credentials.get("secret"), credentials.get("passphrase"), flag=simulated)

    def capture(sent: httpx.Request):
        headers = {name.decode(): value.decode() for name, value in sent.headers.raw}
        raise Captured(wire_request(sent.method, str(sent.url), headers, sent.content))

    client._transport = httpx.MockTransport(capture)
    okx.utils.get_timestamp = lambda: stamp
    return sent_by(lambda: client._request(request["method"], request["path"], params))


SDKS = {"binance-spot": binance_connector, "bybit-v5": pybit, "okx-v5": python_okx}


def sign(asked: dict) -> dict:
    build = SDKS.get(asked["venue"])
    if build is None:
        raise CannotSign(f"no official SDK set up here for {asked['venue']} (this signer: {', '.join(SDKS)})")
    try:
        return build(asked)
    except ImportError as error:
        raise CannotSign(f"the SDK is not installed ({error.name}): pip install -r examples/signers/requirements.txt") from error


if __name__ == "__main__":
    raise SystemExit(run(sign))
