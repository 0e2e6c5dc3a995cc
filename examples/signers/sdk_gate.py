"""gate-api (Gate's official SDK, generated from its OpenAPI spec) signs a vector's request.

The call is gate_api.ApiClient.call_api with auth `apiv4`, the path every generated endpoint
takes: ApiClient.gen_sign signs METHOD, path, `unquote_plus(urlencode(query))` (the query
DECODED), SHA-512 of the body and `time.time()`, and rest.py sends `urlencode(query)` and
`json.dumps(body)`. Its urllib3 pool is captured instead of sending; its clock is the
vector's `Timestamp`.
"""
from __future__ import annotations

import json
import types
from urllib.parse import parse_qsl, urlencode

from sdk_capture import Captured, sent_by, wire_request
from signer_support import CannotSign, header

HOST = "https://api.gateio.ws/api/v4"


def clock_for(stamp):
    """The time.time() value gen_sign turns into this Timestamp with str(): an int for whole
    seconds, else the float whose repr is the stamp (the SDK's own decimal form)."""
    if stamp is not None and stamp.isdigit():
        return int(stamp)
    try:
        value = float(stamp)
    except (TypeError, ValueError):
        value = None
    if value is None or str(value) != stamp:
        raise CannotSign("gate-api writes Timestamp as str(time.time()); no float prints as this one")
    return value


def gate_api(asked: dict) -> dict:
    import gate_api as gate
    import gate_api.api_client

    request, credentials = asked["request"], asked.get("credentials") or {}
    if not request["path"].startswith("/api/v4/"):
        raise CannotSign("gate-api calls /api/v4/ only")
    stamp = header(request, "Timestamp")
    clock = clock_for(stamp)
    body = request.get("body") or ""
    if body:
        try:
            body = json.loads(body)
        except ValueError as error:
            raise CannotSign("gate-api sends a JSON body only") from error
    configuration = gate.Configuration(host=HOST, key=credentials.get("apiKey"), secret=credentials.get("secret"))
    client = gate.ApiClient(configuration)

    def capture(method, url, body=None, headers=None, fields=None, **kwargs):
        # rest.py hands a GET's query to urllib3 as `fields`, which urlencodes them onto the URL.
        if fields and method in ("GET", "HEAD"):
            url += "?" + urlencode(fields)
        raise Captured(wire_request(method, url, headers, body))

    client.rest_client.pool_manager.request = capture
    # gen_sign reads the module's time.time(). Only this module's name is replaced, not the process's time module.
    gate_api.api_client.time = types.SimpleNamespace(time=lambda: clock)
    query = parse_qsl(request.get("query") or "", keep_blank_values=True)
    return sent_by(lambda: client.call_api(request["path"][len("/api/v4"):], request["method"], query_params=query,
                                           header_params={"Accept": "application/json", "Content-Type": "application/json"},
                                           body=body if body != "" else None, auth_settings=["apiv4"],
                                           _preload_content=False))
