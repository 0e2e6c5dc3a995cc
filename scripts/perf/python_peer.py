#!/usr/bin/env python3
"""The verifier a user would write instead of sigconform: the peer of `sigconform check` (issue 20).

Plain Python, standard library only (json, hmac, hashlib, base64, urllib.parse, datetime), five venues
hard-coded the way their documentation describes them: binance-spot, okx-v5, bybit-v5,
gateio-v4, kraken-spot. For each JSON Lines vector it rebuilds the prehash from the request,
signs it with the vector's secret, and checks that

  - the prehash equals the vector's expected prehash (`prehash` or `prehashHex`), when given;
  - the signature equals the expected one and the one the request carries;
  - the timestamp is inside the venue's window around the vector's `serverTime`.

It checks no more than that (no diagnosis, no reports), so it is a lower bound on the work
`sigconform check --no-reports` does for a valid vector. Vectors of other venues are counted as
skipped. Prints one line: checked, passed, failed, skipped. Exit code 1 if any vector failed.

usage: scripts/perf/python_peer.py CORPUS.jsonl [--verbose]
"""
import base64
import hashlib
import hmac
import json
import sys
from datetime import datetime, timezone
from urllib.parse import unquote_plus


def without_param(query, name):
    """`query` without the `name=…` item, and that item's value (or None)."""
    kept, value = [], None
    for item in query.split("&") if query else []:
        key, _, item_value = item.partition("=")
        if key == name and value is None:
            value = item_value
        else:
            kept.append(item)
    return "&".join(kept), value


def params(text):
    out = {}
    for item in text.split("&") if text else []:
        key, _, value = item.partition("=")
        out.setdefault(key, value)
    return out


def header(headers, name):
    lower = name.lower()
    for key, value in headers.items():
        if key.lower() == lower:
            return value
    return None


def in_window(timestamp_ms, server_ms, past_ms, future_ms):
    return server_ms - past_ms <= timestamp_ms <= server_ms + future_ms


def binance_spot(vector, request, secret):
    query, signature = without_param(request.get("query", ""), "signature")
    body = request.get("body", "")
    if signature is None:
        body, signature = without_param(body, "signature")
    prehash = (query + body).encode()
    mac = hmac.new(secret.encode(), prehash, hashlib.sha256).hexdigest()
    values = params(query)
    values.update({k: v for k, v in params(body).items() if k not in values})
    window = float(values.get("recvWindow", "5000"))  # Binance accepts microsecond decimals
    timestamp = int(values["timestamp"])
    return prehash, mac, signature and signature.lower(), (timestamp, window, 1000)


def okx_v5(vector, request, secret):
    headers = request.get("headers", {})
    timestamp = header(headers, "OK-ACCESS-TIMESTAMP")
    query = request.get("query", "")
    path = request["path"] + ("?" + query if query else "")
    prehash = (timestamp + request["method"] + path + request.get("body", "")).encode()
    mac = base64.b64encode(hmac.new(secret.encode(), prehash, hashlib.sha256).digest()).decode()
    when = datetime.strptime(timestamp, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    return prehash, mac, header(headers, "OK-ACCESS-SIGN"), (int(when.timestamp() * 1000), 30000, 30000)


def bybit_v5(vector, request, secret):
    headers = request.get("headers", {})
    timestamp = header(headers, "X-BAPI-TIMESTAMP")
    window = header(headers, "X-BAPI-RECV-WINDOW") or "5000"
    prehash = (timestamp + vector["credentials"]["apiKey"] + window + request.get("query", "") + request.get("body", "")).encode()
    mac = hmac.new(secret.encode(), prehash, hashlib.sha256).hexdigest()
    return prehash, mac, header(headers, "X-BAPI-SIGN"), (int(timestamp), int(window), 1000)


def gateio_v4(vector, request, secret):
    headers = request.get("headers", {})
    timestamp = header(headers, "Timestamp")
    body_hash = hashlib.sha512(request.get("body", "").encode()).hexdigest()
    query = unquote_plus(request.get("query", ""))  # Gate signs the decoded query
    prehash = "\n".join([request["method"], request["path"], query, body_hash, timestamp]).encode()
    mac = hmac.new(secret.encode(), prehash, hashlib.sha512).hexdigest()
    return prehash, mac, header(headers, "SIGN"), (int(float(timestamp) * 1000), 60000, 60000)


def kraken_spot(vector, request, secret):
    headers = request.get("headers", {})
    body = request.get("body", "")
    if body.lstrip().startswith("{"):  # JSON bodies (AddOrderBatch) carry the nonce as a member
        nonce = str(json.loads(body)["nonce"])
    else:
        nonce = params(body).get("nonce", "")
    prehash = request["path"].encode() + hashlib.sha256((nonce + body).encode()).digest()
    mac = base64.b64encode(hmac.new(base64.b64decode(secret), prehash, hashlib.sha512).digest()).decode()
    return prehash, mac, header(headers, "API-Sign"), None


VENUES = {
    "binance-spot": binance_spot,
    "okx-v5": okx_v5,
    "bybit-v5": bybit_v5,
    "gateio-v4": gateio_v4,
    "kraken-spot": kraken_spot,
}


def check(vector):
    request = vector["request"]
    expect = vector.get("expect", {})
    prehash, mac, sent, window = VENUES[vector["venue"]](vector, request, vector["credentials"]["secret"])
    if "prehash" in expect and expect["prehash"].encode() != prehash:
        return False
    if "prehashHex" in expect and bytes.fromhex(expect["prehashHex"]) != prehash:
        return False
    if "signature" in expect and not hmac.compare_digest(expect["signature"], mac):
        return False
    if sent is not None and not hmac.compare_digest(sent, mac):
        return False
    if window is not None:
        timestamp, past, future = window
        server = vector.get("time", {}).get("serverTime")
        if server is not None and not in_window(timestamp, server, past, future):
            return False
    return vector.get("result") == "valid"


def main():
    verbose = "--verbose" in sys.argv[1:]
    arguments = [a for a in sys.argv[1:] if a != "--verbose"]
    if len(arguments) != 1:
        sys.exit(__doc__.strip().splitlines()[-1])
    checked = passed = skipped = 0
    with open(arguments[0], encoding="utf-8") as corpus:
        for line in corpus:
            if not line.strip():
                continue
            vector = json.loads(line)
            if vector.get("venue") not in VENUES:
                skipped += 1
                continue
            checked += 1
            try:
                ok = check(vector)
            except (KeyError, ValueError):
                ok = False
            passed += ok
            if not ok and verbose:
                print("failed:", vector["venue"], vector["id"], file=sys.stderr)
    print(f"checked {checked}, passed {passed}, failed {checked - passed}, skipped {skipped}")
    sys.exit(1 if passed < checked else 0)


if __name__ == "__main__":
    main()
