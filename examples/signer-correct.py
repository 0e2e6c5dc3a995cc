#!/usr/bin/env python3
"""A correct request signer for `sigconform check --signer`, in plain Python (standard library only).

It stands for your trading bot: sigconform writes one JSON line per request on standard input,

    {"id": "...", "venue": "binance-spot", "credentials": {"apiKey": ..., "secret": ...}, "request": {...}}

where "request" is the request your client is about to send, without its signature. The signer
answers one JSON line per request with the request as the client sends it, signature included:

    {"id": "...", "request": {"method": ..., "path": ..., "query": ..., "headers": {...}, "body": ...}}

or {"id": "...", "error": "..."} for a request it cannot sign. Everything else in the request
(timestamp, nonce, API-key header, parameter order, body bytes) is kept exactly as given: the
signature covers those bytes.

Each venue below is written from that venue's own signing documentation (URL in its docstring),
not from sigconform's code. Run `python3 examples/signer-correct.py --venues` to list them.
Usage: sigconform check --signer "python3 examples/signer-correct.py"
"""
import base64
import hashlib
import hmac
import json
import sys
from urllib.parse import unquote_plus


def header(request, name):
    """The value of header `name` (case-insensitive), or None."""
    for key, value in request["headers"].items():
        if key.lower() == name.lower():
            return value
    return None


def set_header(request, name, value):
    request["headers"][name] = value


def hmac_hex(secret, message, digest=hashlib.sha256):
    return hmac.new(secret.encode(), message.encode(), digest).hexdigest()


def sign_binance(request, credentials):
    """https://developers.binance.com/docs/binance-spot-api-docs/rest-api/request-security
    HMAC-SHA256 (hex) of the query string followed directly by the body, as sent; the result
    goes into the `signature` parameter (appended to the query, or to a form body when the
    parameters travel in the body)."""
    signature = hmac_hex(credentials["secret"], request["query"] + request["body"])
    if request["body"] and not request["query"]:
        request["body"] += "&signature=" + signature
    else:
        request["query"] += ("&" if request["query"] else "") + "signature=" + signature


def sign_bybit(request, credentials):
    """https://bybit-exchange.github.io/docs/v5/guide#authentication
    HMAC-SHA256 (hex) of timestamp + api key + recv_window + (query string for GET | raw JSON
    body for POST), into the X-BAPI-SIGN header."""
    payload = (header(request, "X-BAPI-TIMESTAMP") + header(request, "X-BAPI-API-KEY")
               + (header(request, "X-BAPI-RECV-WINDOW") or "5000") + request["query"] + request["body"])
    set_header(request, "X-BAPI-SIGN", hmac_hex(credentials["secret"], payload))


def sign_okx(request, credentials):
    """https://www.okx.com/docs-v5/en/#overview-rest-authentication
    Base64 of HMAC-SHA256 over timestamp + METHOD + requestPath (with ?query) + body, into
    OK-ACCESS-SIGN."""
    path = request["path"] + ("?" + request["query"] if request["query"] else "")
    payload = header(request, "OK-ACCESS-TIMESTAMP") + request["method"].upper() + path + request["body"]
    mac = hmac.new(credentials["secret"].encode(), payload.encode(), hashlib.sha256).digest()
    set_header(request, "OK-ACCESS-SIGN", base64.b64encode(mac).decode())


def kraken_nonce(body):
    if body.startswith("{"):
        return str(json.loads(body)["nonce"])
    nonce = None
    for item in body.split("&"):
        key, _, value = item.partition("=")
        if unquote_plus(key) == "nonce":
            nonce = unquote_plus(value)
    return nonce


def sign_kraken(request, credentials):
    """https://docs.kraken.com/api/docs/guides/spot-rest-auth
    API-Sign = base64(HMAC-SHA512(base64-decoded secret, URI path + SHA256(nonce + POST data)))."""
    inner = hashlib.sha256((kraken_nonce(request["body"]) + request["body"]).encode()).digest()
    key = base64.b64decode(credentials["secret"])
    mac = hmac.new(key, request["path"].encode() + inner, hashlib.sha512).digest()
    set_header(request, "API-Sign", base64.b64encode(mac).decode())


def sign_gateio(request, credentials):
    """https://www.gate.io/docs/developers/apiv4/en/#authentication
    HMAC-SHA512 (hex) of METHOD \\n path \\n query (not URL-encoded) \\n hex(SHA512(body)) \\n
    timestamp, into the SIGN header."""
    items = []
    for item in request["query"].split("&") if request["query"] else []:
        key, equals, value = item.partition("=")
        items.append(unquote_plus(key) + (equals + unquote_plus(value) if equals else ""))
    payload = "\n".join([request["method"], request["path"], "&".join(items),
                         hashlib.sha512(request["body"].encode()).hexdigest(), header(request, "Timestamp")])
    set_header(request, "SIGN", hmac_hex(credentials["secret"], payload, hashlib.sha512))


def sign_bearer(request, credentials):
    """https://platform.openai.com/docs/api-reference/authentication
    Authorization: Bearer <api key>."""
    set_header(request, "Authorization", "Bearer " + credentials["apiKey"])


SIGNERS = {
    "binance-spot": sign_binance,
    "bybit-v5": sign_bybit,
    "okx-v5": sign_okx,
    "kraken-spot": sign_kraken,
    "gateio-v4": sign_gateio,
    "openai-compatible": sign_bearer,
}


def serve(signers):
    """Answers each request line on stdin with one line on stdout, until end of input."""
    # The protocol is UTF-8 whatever the locale says.
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        sign = signers.get(message["venue"])
        if sign is None:
            answer = {"id": message["id"], "error": "this signer does not know venue " + message["venue"]}
        else:
            request = message["request"]
            sign(request, message["credentials"])
            answer = {"id": message["id"], "request": request}
        # ensure_ascii=False keeps the body's characters as they are; flush so sigconform reads it now.
        print(json.dumps(answer, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["--venues"]:
        print("\n".join(sorted(SIGNERS)))
    else:
        serve(SIGNERS)
