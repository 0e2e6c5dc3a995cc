"""bitmex (BitMEX's official Python client from BitMEX/api-connectors, a bravado wrapper) signs
a vector's request.

The client loads the swagger spec from the network before any call, so the matrix takes the
one part of it that signs, `BitMEXAPIKeyAuthenticator.APIKeyAuthenticator`, the authenticator
bravado applies to every request: it sets api-expires = round(time.time()) + 5 and api-key, then
signs METHOD + prepared.path_url + expires + body. The request is prepared and sent the way
bravado's RequestsClient does (Request -> authenticator.apply -> session.prepare_request ->
session.send); the send is captured. The clock is the vector's api-expires less those 5 s.
"""
from __future__ import annotations

import types

from sdk_capture import requests_capture, sent_by
from signer_support import CannotSign, header

BASE = "https://www.bitmex.com"


def bitmex_official(asked: dict) -> dict:
    import BitMEXAPIKeyAuthenticator as authenticator_module
    import requests

    request, credentials = asked["request"], asked.get("credentials") or {}
    expires = header(request, "api-expires")
    if expires is None or not expires.isdigit():
        raise CannotSign("the official client sends api-expires (whole seconds) only, not the retired api-nonce")
    authenticator_module.time = types.SimpleNamespace(time=lambda: int(expires) - 5)
    authenticator = authenticator_module.APIKeyAuthenticator(BASE, credentials.get("apiKey"), credentials.get("secret"))
    query = request.get("query") or ""
    body = request.get("body") or None
    content_type = header(request, "Content-Type")
    headers = {"Content-Type": content_type} if content_type else {}
    prepared_request = requests.Request(request["method"], BASE + request["path"] + ("?" + query if query else ""),
                                        data=body, headers=headers)
    session = requests.Session()
    requests_capture(session)
    signed = authenticator.apply(prepared_request)
    return sent_by(lambda: session.send(session.prepare_request(signed)))
