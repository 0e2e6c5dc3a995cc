"""KuCoin's official Python SDKs sign a vector's request.

- kucoin-universal-sdk (the current one): DefaultTransport.process_request builds the request
  (query sent `urlencode`d, signed as raw `k=v` pairs; body `to_json()`), KcSigner signs
  timestamp + METHOD + path[?raw query] + body and sends the HMAC'd passphrase with
  KC-API-KEY-VERSION 3. Spot and futures share the transport (`spot`/`futures` endpoint).
- kucoin-python (the older one, `kucoin.base_request`): signs whole seconds times 1000, sorts a
  GET's parameters by name, and sends either the plain passphrase without a version header
  (`is_v1api=True`: a key of version 1) or the HMAC'd one with KC-API-KEY-VERSION 2.

Each one's requests session is captured instead of sending; its clock is the vector's
KC-API-TIMESTAMP.
"""
from __future__ import annotations

import json
import types
from urllib.parse import parse_qsl

from sdk_capture import requests_capture, seconds_clock, sent_by
from signer_support import CannotSign, header

ENDPOINTS = {"kucoin": "https://api.kucoin.com", "kucoin-futures": "https://api-futures.kucoin.com"}


class ParameterObject:
    """The request object the universal SDK's transport reads (its generated models give it
    to_dict() for a query and to_json() for a body); holds the vector's parameters as they are,
    in their order, so the SDK's own code serialises them."""

    model_fields: dict = {}

    def __init__(self, query: list, body: str):
        self.query, self.body = query, body

    def to_dict(self) -> dict:
        return dict(self.query)

    def to_json(self) -> str:
        return self.body


def endpoint_for(asked: dict) -> str:
    """The SDK's spot or futures endpoint: the request's own host when it names one of them
    (KuCoin's futures API on api-futures.kucoin.com is bundled under both venues)."""
    host = asked["request"].get("host")
    for endpoint in ENDPOINTS.values():
        if host and endpoint == f"https://{host}":
            return endpoint
    return ENDPOINTS[asked["venue"]]


def parameters(request: dict) -> tuple[list, str]:
    query = parse_qsl(request.get("query") or "", keep_blank_values=True)
    if len(dict(query)) != len(query):
        raise CannotSign("a parameter sent twice; the SDK takes a dict")
    return query, request.get("body") or ""


def kucoin_universal(asked: dict) -> dict:
    from kucoin_universal_sdk.internal.infra import default_signer
    from kucoin_universal_sdk.internal.infra.default_transport import DefaultTransport
    from kucoin_universal_sdk.model.client_option import ClientOptionBuilder

    request, credentials = asked["request"], asked.get("credentials") or {}
    if header(request, "KC-API-KEY-VERSION") not in ("2", "3"):
        raise CannotSign("kucoin-universal-sdk signs for keys of version 2 and 3 only (it sends KC-API-KEY-VERSION 3)")
    query, body = parameters(request)
    method = request["method"].upper()
    if method in ("GET", "DELETE") and body:
        raise CannotSign("the SDK sends no body with GET or DELETE")
    if method not in ("GET", "DELETE") and query:
        raise CannotSign("the SDK sends a POST's parameters in its JSON body only")
    option = (ClientOptionBuilder().set_key(credentials.get("apiKey")).set_secret(credentials.get("secret"))
              .set_passphrase(credentials.get("passphrase")).set_spot_endpoint(ENDPOINTS["kucoin"])
              .set_futures_endpoint(ENDPOINTS["kucoin-futures"]).build())
    transport = DefaultTransport(option, "matrix")
    default_signer.time = types.SimpleNamespace(time=seconds_clock(int(header(request, "KC-API-TIMESTAMP"))))
    prepared = transport.process_request(ParameterObject(query, body), broker=False, path=request["path"],
                                         endpoint=endpoint_for(asked), method=method,
                                         request_as_json=method not in ("GET", "DELETE"))
    requests_capture(transport.http_client)
    return sent_by(lambda: transport.do_with_retry(prepared))


def kucoin_python(asked: dict) -> dict:
    from kucoin.base_request import base_request

    request, credentials = asked["request"], asked.get("credentials") or {}
    version = header(request, "KC-API-KEY-VERSION")
    if version not in (None, "2"):
        raise CannotSign(f"kucoin-python sends KC-API-KEY-VERSION 2 or none (a v1 key), not {version}")
    stamp = int(header(request, "KC-API-TIMESTAMP"))
    if stamp % 1000:
        raise CannotSign("kucoin-python signs int(time.time()) * 1000: whole seconds only")
    query, body = parameters(request)
    method = request["method"].upper()
    if method in ("GET", "DELETE"):
        if body:
            raise CannotSign("kucoin-python sends no body with GET or DELETE")
        params = dict(query)
    else:
        if query:
            raise CannotSign("kucoin-python sends a POST's parameters in its JSON body only")
        params = json.loads(body) if body else None
        if params is not None and not isinstance(params, dict):
            raise CannotSign("kucoin-python sends a JSON object body only")
    client = base_request.KucoinBaseRestApi(key=credentials.get("apiKey"), secret=credentials.get("secret"),
                                            passphrase=credentials.get("passphrase"), url=endpoint_for(asked),
                                            is_v1api=version is None)
    import requests

    client.session = requests.Session()
    requests_capture(client.session)
    base_request.time = types.SimpleNamespace(time=lambda: stamp // 1000)
    return sent_by(lambda: client._request(method, request["path"], params=params))
