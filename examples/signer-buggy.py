#!/usr/bin/env python3
"""A signer with the classic signing mistakes, for `sigconform check --signer` to catch.

Same protocol as examples/signer-correct.py (read that one first); each venue here makes the
mistake people actually make, and sigconform names it:

- binance-spot      signs the parameters sorted by key but sends them in insertion order
                    -> unsorted_params
- okx-v5            signs json.dumps(body) (Python's default ", " and ": " spacing) but sends
                    the compact body -> body_encoding
- openai-compatible sends "Authorization: <key>" without "Bearer " -> missing_bearer_prefix
- bybit-v5          signs only the query/body, leaving timestamp, api key and recv_window out
                    of the prehash (Binance code ported to Bybit) -> missing_component
- gateio-v4         HMAC-SHA256 instead of SHA-512, and an empty query line
                    -> wrong_hash (+ missing_component when the request has a query)
- kraken-spot       signed correctly: a control, it must pass.

Usage: sigconform check --signer "python3 examples/signer-buggy.py"
"""
import base64
import hashlib
import hmac
import json
import sys
from urllib.parse import unquote_plus


def header(request, name):
    for key, value in request["headers"].items():
        if key.lower() == name.lower():
            return value
    return None


def hmac_hex(secret, message, digest=hashlib.sha256):
    return hmac.new(secret.encode(), message.encode(), digest).hexdigest()


def sorted_params(text):
    """The parameters sorted by key: what `urlencode(sorted(params.items()))` signs."""
    return "&".join(sorted(text.split("&"), key=lambda item: item.partition("=")[0])) if text else ""


def sign_binance(request, credentials):
    # Mistake: the signature covers sorted parameters; the request goes out in the original order.
    signature = hmac_hex(credentials["secret"], sorted_params(request["query"]) + sorted_params(request["body"]))
    if request["body"] and not request["query"]:
        request["body"] += "&signature=" + signature
    else:
        request["query"] += ("&" if request["query"] else "") + "signature=" + signature


def sign_okx(request, credentials):
    # Mistake: the body is re-serialised for signing with json.dumps defaults (spaces after : and ,).
    body = json.dumps(json.loads(request["body"])) if request["body"] else ""
    path = request["path"] + ("?" + request["query"] if request["query"] else "")
    payload = header(request, "OK-ACCESS-TIMESTAMP") + request["method"] + path + body
    mac = hmac.new(credentials["secret"].encode(), payload.encode(), hashlib.sha256).digest()
    request["headers"]["OK-ACCESS-SIGN"] = base64.b64encode(mac).decode()


def sign_bearer(request, credentials):
    # Mistake: the bare key, without the "Bearer " scheme.
    request["headers"]["Authorization"] = credentials["apiKey"]


def sign_bybit(request, credentials):
    # Mistake: only the parameters are signed, as on Binance; Bybit prefixes timestamp + key + recv_window.
    request["headers"]["X-BAPI-SIGN"] = hmac_hex(credentials["secret"], request["query"] + request["body"])


def sign_gateio(request, credentials):
    # Mistakes: HMAC-SHA256 where Gate.io uses SHA-512, and the query string never passed in.
    payload = "\n".join([request["method"], request["path"], "",
                         hashlib.sha512(request["body"].encode()).hexdigest(), header(request, "Timestamp")])
    request["headers"]["SIGN"] = hmac_hex(credentials["secret"], payload, hashlib.sha256)


def sign_kraken(request, credentials):
    body = request["body"]
    if body.startswith("{"):
        nonce = str(json.loads(body)["nonce"])
    else:
        nonce = [unquote_plus(v) for k, _, v in (item.partition("=") for item in body.split("&")) if unquote_plus(k) == "nonce"][-1]
    inner = hashlib.sha256((nonce + body).encode()).digest()
    mac = hmac.new(base64.b64decode(credentials["secret"]), request["path"].encode() + inner, hashlib.sha512).digest()
    request["headers"]["API-Sign"] = base64.b64encode(mac).decode()


SIGNERS = {
    "binance-spot": sign_binance,
    "okx-v5": sign_okx,
    "openai-compatible": sign_bearer,
    "bybit-v5": sign_bybit,
    "gateio-v4": sign_gateio,
    "kraken-spot": sign_kraken,
}

if __name__ == "__main__":
    if sys.argv[1:] == ["--venues"]:
        print("\n".join(sorted(SIGNERS)))
        sys.exit(0)
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    for line in sys.stdin:
        if not line.strip():
            continue
        message = json.loads(line)
        sign = SIGNERS.get(message["venue"])
        if sign is None:
            print(json.dumps({"id": message["id"], "error": "unknown venue " + message["venue"]}), flush=True)
            continue
        sign(message["request"], message["credentials"])
        print(json.dumps({"id": message["id"], "request": message["request"]}, ensure_ascii=False), flush=True)
