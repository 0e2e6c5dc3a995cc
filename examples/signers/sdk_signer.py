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
- okx-v5: python-okx (`okx.okxclient.OkxClient._request`), httpx transport;
- gateio-v4: gate-api (sdk_gate.py); kucoin, kucoin-futures: kucoin-universal-sdk and
  kucoin-python (sdk_kucoin.py); binance-spot, binance-usdm, binance-coinm: Binance's modular
  binance-sdk-* packages (sdk_binance_modular.py); bitmex: BitMEX's official client's
  authenticator (sdk_bitmex.py).

`--sdk NAME` (a PyPI name below) answers with that SDK only; without it each venue gets the
first SDK listed for it. Versions pinned in examples/signers/requirements.txt. Other venues,
and calls an SDK has no path for, are answered {"id": ..., "error": "why"}.
"""
from __future__ import annotations

import json
import sys
from datetime import datetime, timezone
from urllib.parse import parse_qsl

import sdk_binance_modular
import sdk_bitmex
import sdk_gate
import sdk_kucoin
from sdk_capture import Captured, binance_params, requests_capture, sent_by, wire_request
from signer_support import CannotSign, header, raw_query_value, run


# --- binance-connector --------------------------------------------------------------------

def binance_connector(asked: dict) -> dict:
    import binance.api
    from binance.spot import Spot

    request, credentials = asked["request"], asked.get("credentials") or {}
    if not request["path"].startswith(("/api/", "/sapi/")):
        raise CannotSign("binance-connector's Spot client calls /api/ and /sapi/ only")
    params = binance_params(request)
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


# PyPI name -> (venues it signs, its build function). Order matters: without --sdk a venue gets
# the first SDK that lists it.
SDKS = {
    "binance-connector": (("binance-spot",), binance_connector),
    "pybit": (("bybit-v5",), pybit),
    "python-okx": (("okx-v5",), python_okx),
    "gate-api": (("gateio-v4",), sdk_gate.gate_api),
    "kucoin-universal-sdk": (("kucoin", "kucoin-futures"), sdk_kucoin.kucoin_universal),
    "binance-sdk": (("binance-usdm", "binance-coinm", "binance-spot"), sdk_binance_modular.binance_modular),
    "kucoin-python": (("kucoin", "kucoin-futures"), sdk_kucoin.kucoin_python),
    "bitmex": (("bitmex",), sdk_bitmex.bitmex_official),
}
# The PyPI distributions behind each name (binance-sdk is one per API family), for the versions.
DISTRIBUTIONS = {
    "binance-sdk": ("binance-sdk-spot", "binance-sdk-derivatives-trading-usds-futures",
                    "binance-sdk-derivatives-trading-coin-futures"),
}


def signer_for(venue: str, only: str | None = None):
    for name, (venues, build) in SDKS.items():
        if venue in venues and (only is None or name == only):
            return build
    return None


def sign(asked: dict, only: str | None = None) -> dict:
    build = signer_for(asked["venue"], only)
    if build is None:
        raise CannotSign(f"no official SDK set up here for {asked['venue']}" + (f" in {only}" if only else ""))
    try:
        return build(asked)
    except ImportError as error:
        raise CannotSign(f"the SDK is not installed ({error.name}): pip install -r examples/signers/requirements.txt") from error


def version_of(name: str) -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = []
    for distribution in DISTRIBUTIONS.get(name, (name,)):
        try:
            found = version(distribution)
            parts.append(found if distribution == name else f"{distribution} {found}")
        except PackageNotFoundError:
            parts.append(f"{distribution} (not installed)")
    return ", ".join(parts)


class MatrixClient:
    """One SDK as the client matrix (scripts/clients/matrix.py) drives a client: the venues it
    has adapters for, its version, and sign(venue, vector) -> the request it would send."""

    NotProducible = CannotSign

    def __init__(self, name: str):
        self.name = name
        self.ADAPTERS = dict.fromkeys(SDKS[name][0])
        self.VERSION = version_of(name)

    def sign(self, venue: str, vector: dict) -> dict:
        asked = {"venue": venue, "credentials": vector.get("credentials") or {}, "request": vector["request"]}
        request = sign(asked, self.name)
        if "host" not in vector["request"]:
            request.pop("host", None)
        return request


def matrix_clients() -> dict:
    return {name: MatrixClient(name) for name in SDKS}


def main(argv: list) -> int:
    only = None
    if argv[:1] == ["--sdk"] and len(argv) == 2 and argv[1] in SDKS:
        only = argv[1]
    elif argv:
        print(f"usage: sdk_signer.py [--sdk {'|'.join(SDKS)}]", file=sys.stderr)
        return 2
    return run(lambda asked: sign(asked, only))


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
