#!/usr/bin/env python3
"""Real clients from PyPI against `sigconform serve`.

    python3 scripts/clients/serve_clients.py --sigconform .build/debug/sigconform [--require]

Starts `sigconform serve` for the venues below with test keys, points each client's base URL at
it, and checks what the server answered: a correct client is accepted (HTTP 200, header
X-Sigconform-Diagnosis: accepted); a client with an injected mistake (query re-ordered after
signing, body re-serialised after signing, clock 60 s behind) gets the venue's own error status
and code, and the diagnosis class in X-Sigconform-Diagnosis. Then it stops the server with
SIGTERM and checks its JSON report and exit status (1: some requests were rejected).

Clients: ccxt's implicit API methods (no market data needed) and official SDKs that take a base
URL (binance-connector, pybit, python-okx), at the versions of requirements-serve.txt. A client
whose package is missing is SKIPPED with a message on stderr; with --require (CI) that is a
failure. Prints 'N passed, N failed, N skipped' last; exit 1 when any case failed.
"""
from __future__ import annotations

import argparse
import importlib
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

# Test keys only: the server and the clients share them, nothing else ever sees them.
KEYS = {
    "binance-spot": {"apiKey": "sc-serve-binance-key-0001", "secret": "sc-serve-binance-secret-do-not-use"},
    "okx-v5": {"apiKey": "sc-serve-okx-key-0001", "secret": "sc-serve-okx-secret-do-not-use", "passphrase": "sc-serve-Pass-1"},
    "bybit-v5": {"apiKey": "sc-serve-bybit-key-0001", "secret": "sc-serve-bybit-secret-do-not-use"},
    "binance-usdm": {"apiKey": "sc-serve-usdm-key-0001", "secret": "sc-serve-usdm-secret-do-not-use"},
    "mexc": {"apiKey": "sc-serve-mexc-key-0001", "secret": "sc-serve-mexc-secret-do-not-use"},
    "kucoin": {"apiKey": "sc-serve-kucoin-key-0001", "secret": "sc-serve-kucoin-secret-do-not-use", "passphrase": "sc-serve-Kucoin-1"},
    "bitget": {"apiKey": "sc-serve-bitget-key-0001", "secret": "sc-serve-bitget-secret-do-not-use", "passphrase": "sc-serve-Bitget-1"},
    "gateio-v4": {"apiKey": "sc-serve-gate-key-0001", "secret": "sc-serve-gate-secret-do-not-use"},
}
DIAGNOSIS = "X-Sigconform-Diagnosis"


class Outcome:
    """What the server answered one client call."""

    def __init__(self, status: int | None, headers: dict, body: str):
        self.status = status
        self.headers = {k.lower(): v for k, v in (headers or {}).items()}
        self.body = body or ""

    @property
    def diagnosis(self) -> str | None:
        return self.headers.get(DIAGNOSIS.lower())


# ---------------------------------------------------------------- ccxt

def ccxt_exchange(exchange_id: str, venue: str, base: str, mutate_url=None, mutate_body=None, time_difference_ms=0):
    """A ccxt exchange whose every API URL points at `base`, with an optional mistake injected
    between signing and sending (as an HTTP library that re-encodes a request would)."""
    ccxt = importlib.import_module("ccxt")
    key = KEYS[venue]
    config = {"apiKey": key["apiKey"], "secret": key["secret"], "enableRateLimit": False, "timeout": 10000}
    if "passphrase" in key:
        config["password"] = key["passphrase"]
    exchange = getattr(ccxt, exchange_id)(config)

    def point(value):
        if isinstance(value, dict):
            return {k: point(v) for k, v in value.items()}
        if isinstance(value, str):
            return re.sub(r"^https?://[^/]+", base, value)
        return value

    exchange.urls["api"] = point(exchange.urls["api"])
    if time_difference_ms:
        # ccxt's nonce() is milliseconds() - options['timeDifference']: a clock this far behind.
        exchange.options["timeDifference"] = time_difference_ms
    seen = {}
    original_fetch = exchange.fetch
    original_handle_errors = exchange.handle_errors

    def fetch(url, method="GET", headers=None, body=None):
        if mutate_url:
            url = mutate_url(url)
        if mutate_body and body:
            body = mutate_body(body)
        return original_fetch(url, method, headers, body)

    def handle_errors(code, reason, url, method, headers, body, response, request_headers, request_body):
        seen["status"] = code
        return original_handle_errors(code, reason, url, method, headers, body, response, request_headers, request_body)

    exchange.fetch = fetch
    exchange.handle_errors = handle_errors
    return exchange, seen


def ccxt_call(exchange_id, venue, method, params=None, **mistake):
    def run(urls):
        exchange, seen = ccxt_exchange(exchange_id, venue, urls[venue], **mistake)
        try:
            getattr(exchange, method)(params or {})
        except Exception as error:  # ccxt raises on the venue's error: what it answered is what counts
            if "status" not in seen:
                raise
        return Outcome(seen.get("status"), exchange.last_response_headers, exchange.last_http_response)
    return run


def reorder_query(url: str) -> str:
    """Moves the first query parameter to just before the signature: sent in another order than signed."""
    parts = urllib.parse.urlsplit(url)
    pairs = parts.query.split("&")
    if len(pairs) < 3:
        return url
    signature = [p for p in pairs if p.startswith("signature=")]
    rest = [p for p in pairs if not p.startswith("signature=")]
    rest = rest[1:] + rest[:1]
    return urllib.parse.urlunsplit(parts._replace(query="&".join(rest + signature)))


def reserialise(body: str) -> str:
    """The body parsed and written again with Python's default separators (', ' and ': ')."""
    return json.dumps(json.loads(body))


# ---------------------------------------------------------------- official SDKs

def binance_connector_account(urls):
    spot = importlib.import_module("binance.spot")
    client = spot.Spot(api_key=KEYS["binance-spot"]["apiKey"], api_secret=KEYS["binance-spot"]["secret"],
                       base_url=urls["binance-spot"], show_header=True)
    answer = client.account()
    return Outcome(200, answer.get("header", {}), json.dumps(answer.get("data")))


def binance_connector_account_skewed(urls):
    spot = importlib.import_module("binance.spot")
    error = importlib.import_module("binance.error")
    api = importlib.import_module("binance.api")  # it signs with its own imported get_timestamp
    client = spot.Spot(api_key=KEYS["binance-spot"]["apiKey"], api_secret=KEYS["binance-spot"]["secret"],
                       base_url=urls["binance-spot"], show_header=True)
    original = api.get_timestamp
    api.get_timestamp = lambda: original() - 60_000
    try:
        client.account()
        return Outcome(200, {}, "")
    except error.ClientError as failure:
        return Outcome(failure.status_code, failure.header, json.dumps({"code": failure.error_code, "msg": failure.error_message}))
    finally:
        api.get_timestamp = original


def pybit_session(urls):
    unified = importlib.import_module("pybit.unified_trading")
    session = unified.HTTP(api_key=KEYS["bybit-v5"]["apiKey"], api_secret=KEYS["bybit-v5"]["secret"], max_retries=1)
    session.endpoint = urls["bybit-v5"]
    return session


def pybit_wallet_balance(urls):
    session = pybit_session(urls)
    captured = {}
    original = session.client.send

    def send(*args, **kwargs):
        response = original(*args, **kwargs)
        captured["status"], captured["headers"], captured["body"] = response.status_code, dict(response.headers), response.text
        return response
    session.client.send = send
    try:
        session.get_wallet_balance(accountType="UNIFIED")
    except Exception:  # pybit raises on retCode != 0; the answer was captured
        if "status" not in captured:
            raise
    return Outcome(captured["status"], captured["headers"], captured["body"])


def okx_balance(urls, passphrase=None):
    account = importlib.import_module("okx.Account")
    key = KEYS["okx-v5"]
    api = account.AccountAPI(key["apiKey"], key["secret"], passphrase or key["passphrase"], False, "0", domain=urls["okx-v5"])
    captured = {}
    original = api.get

    def get(*args, **kwargs):
        response = original(*args, **kwargs)
        captured["status"], captured["headers"], captured["body"] = response.status_code, dict(response.headers), response.text
        return response
    api.get = get
    try:
        api.get_account_balance(ccy="USDT")
    except Exception:
        if "status" not in captured:
            raise
    return Outcome(captured["status"], captured["headers"], captured["body"])


# ---------------------------------------------------------------- the cases

# Orders the venues would accept (the canned answer says placed; nothing is traded).
OKX_ORDER = {"instId": "BTC-USDT", "tdMode": "cash", "side": "buy", "ordType": "limit", "px": "1", "sz": "0.001"}
BYBIT_ORDER = {"category": "spot", "symbol": "BTCUSDT", "side": "Buy", "orderType": "Limit", "qty": "0.001", "price": "1"}
KUCOIN_ORDER = {"clientOid": "sc-1", "side": "buy", "symbol": "BTC-USDT", "type": "limit", "price": "1", "size": "0.001"}
GATE_ORDER = {"currency_pair": "BTC_USDT", "type": "limit", "side": "buy", "amount": "0.001", "price": "1"}

# (name, package, call, expected): expected is "accepted" or (status, code, diagnosis).
CASES = [
    ("ccxt binance private_get_account", "ccxt", ccxt_call("binance", "binance-spot", "private_get_account"), "accepted"),
    ("ccxt binance private_get_openorders", "ccxt", ccxt_call("binance", "binance-spot", "private_get_openorders", {"symbol": "BTCUSDT"}), "accepted"),
    ("ccxt binance query re-ordered after signing", "ccxt",
     ccxt_call("binance", "binance-spot", "private_get_openorders", {"symbol": "BTCUSDT"}, mutate_url=reorder_query),
     (400, "-1022", "unsorted_params")),
    ("ccxt binance clock 60 s behind", "ccxt", ccxt_call("binance", "binance-spot", "private_get_account", time_difference_ms=60_000),
     (400, "-1021", "clock_drift")),
    ("ccxt okx private_get_account_balance", "ccxt", ccxt_call("okx", "okx-v5", "private_get_account_balance", {"ccy": "USDT"}), "accepted"),
    ("ccxt okx private_post_trade_order", "ccxt",
     ccxt_call("okx", "okx-v5", "private_post_trade_order", OKX_ORDER),
     "accepted"),
    ("ccxt okx body re-serialised after signing", "ccxt",
     ccxt_call("okx", "okx-v5", "private_post_trade_order", OKX_ORDER,
               mutate_body=reserialise),
     (401, "50113", "body_encoding")),
    ("ccxt bybit private_get_v5_account_wallet_balance", "ccxt",
     ccxt_call("bybit", "bybit-v5", "private_get_v5_account_wallet_balance", {"accountType": "UNIFIED"}), "accepted"),
    ("ccxt bybit private_post_v5_order_create", "ccxt",
     ccxt_call("bybit", "bybit-v5", "private_post_v5_order_create", BYBIT_ORDER),
     "accepted"),
    ("ccxt bybit body re-serialised after signing", "ccxt",
     ccxt_call("bybit", "bybit-v5", "private_post_v5_order_create", BYBIT_ORDER,
               mutate_body=reserialise),
     (200, "10004", "body_encoding")),
    ("ccxt bybit clock 60 s behind", "ccxt",
     ccxt_call("bybit", "bybit-v5", "private_get_v5_account_wallet_balance", {"accountType": "UNIFIED"}, time_difference_ms=60_000),
     (200, "10002", "clock_drift")),
    ("ccxt binanceusdm fapiprivatev2_get_account", "ccxt", ccxt_call("binanceusdm", "binance-usdm", "fapiprivatev2_get_account"), "accepted"),
    ("ccxt binanceusdm clock 60 s behind", "ccxt", ccxt_call("binanceusdm", "binance-usdm", "fapiprivatev2_get_account", time_difference_ms=60_000),
     (400, "-1021", "clock_drift")),
    ("ccxt mexc spot_private_get_account", "ccxt", ccxt_call("mexc", "mexc", "spot_private_get_account"), "accepted"),
    ("ccxt mexc query re-ordered after signing", "ccxt",
     ccxt_call("mexc", "mexc", "spot_private_get_account", {"recvWindow": 5000}, mutate_url=reorder_query), (400, "700002", "unsorted_params")),
    ("ccxt kucoin private_get_accounts", "ccxt", ccxt_call("kucoin", "kucoin", "private_get_accounts", {"currency": "USDT"}), "accepted"),
    ("ccxt kucoin private_post_orders", "ccxt",
     ccxt_call("kucoin", "kucoin", "private_post_orders", KUCOIN_ORDER),
     "accepted"),
    ("ccxt kucoin body re-serialised after signing", "ccxt",
     ccxt_call("kucoin", "kucoin", "private_post_orders", KUCOIN_ORDER,
               mutate_body=reserialise),
     (401, "400005", "body_encoding")),
    ("ccxt bitget private_spot_get_v2_spot_account_assets", "ccxt", ccxt_call("bitget", "bitget", "private_spot_get_v2_spot_account_assets"), "accepted"),
    ("ccxt bitget clock 60 s behind", "ccxt", ccxt_call("bitget", "bitget", "private_spot_get_v2_spot_account_assets", time_difference_ms=60_000),
     (400, "40008", "clock_drift")),
    ("ccxt gate private_spot_get_accounts", "ccxt", ccxt_call("gate", "gateio-v4", "private_spot_get_accounts"), "accepted"),
    ("ccxt gate private_spot_post_orders", "ccxt",
     ccxt_call("gate", "gateio-v4", "private_spot_post_orders", GATE_ORDER),
     "accepted"),
    ("ccxt gate body re-serialised after signing", "ccxt",
     ccxt_call("gate", "gateio-v4", "private_spot_post_orders", GATE_ORDER,
               mutate_body=reserialise),
     (401, "INVALID_SIGNATURE", "body_encoding")),
    ("binance-connector Spot.account", "binance", binance_connector_account, "accepted"),
    ("binance-connector clock 60 s behind", "binance", binance_connector_account_skewed, (400, "-1021", "clock_drift")),
    ("pybit HTTP.get_wallet_balance", "pybit", pybit_wallet_balance, "accepted"),
    ("python-okx AccountAPI.get_account_balance", "okx", okx_balance, "accepted"),
    ("python-okx wrong passphrase", "okx", lambda urls: okx_balance(urls, passphrase="not-the-passphrase"), (401, "50105", "wrong_passphrase")),
]


def judge(expected, outcome: Outcome) -> str | None:
    """None when the answer is the expected one, else why not."""
    if expected == "accepted":
        if outcome.status == 200 and outcome.diagnosis == "accepted":
            return None
        return f"expected acceptance, got HTTP {outcome.status} {outcome.diagnosis!r}: {outcome.body[:200]}"
    status, code, diagnosis = expected
    problems = []
    if outcome.status != status:
        problems.append(f"HTTP {outcome.status}, expected {status}")
    if not re.search(r'"(code|retCode|label)":\s*"?%s"?[,}]' % re.escape(code), outcome.body):
        problems.append(f"body {outcome.body[:200]!r} lacks code {code}")
    if outcome.diagnosis != diagnosis:
        problems.append(f"{DIAGNOSIS} {outcome.diagnosis!r}, expected {diagnosis!r}")
    return "; ".join(problems) or None


def start_server(binary: str, workdir: str) -> tuple[subprocess.Popen, dict]:
    keys = {venue: [key] for venue, key in KEYS.items()}
    keyfile = os.path.join(workdir, "keys.json")
    with open(keyfile, "w") as handle:
        json.dump(keys, handle)
    ready = os.path.join(workdir, "ready.json")
    command = [binary, "serve", "--credentials", keyfile, "--ready-file", ready, "--report-dir", os.path.join(workdir, "reports"),
               "--format", "json", "--for", "300", "--no-color"]
    for venue in KEYS:
        command += ["--venue", venue]
    log = open(os.path.join(workdir, "serve.log"), "w")
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while not os.path.exists(ready):
        if server.poll() is not None or time.time() > deadline:
            server.kill()
            sys.exit(f"serve_clients: sigconform serve did not start; its output:\n{open(log.name).read()}")
        time.sleep(0.05)
    return server, json.load(open(ready))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sigconform", default=".build/debug/sigconform", help="the sigconform binary")
    parser.add_argument("--require", action="store_true", help="a missing client package is a failure, not a skip (CI)")
    arguments = parser.parse_args()
    if not os.access(arguments.sigconform, os.X_OK):
        print(f"serve_clients: no sigconform binary at {arguments.sigconform} (swift build first)", file=sys.stderr)
        return 2

    passed = failed = skipped = 0
    available = {}
    for package in sorted({case[1] for case in CASES}):
        try:
            importlib.import_module(package)
            available[package] = True
        except ImportError:
            available[package] = False
            print(f"SKIPPED: the Python package '{package}' is missing; pip install -r scripts/clients/requirements-serve.txt",
                  file=sys.stderr)

    # The pins are what the cases were proven with: say so when another version runs them.
    requirements = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements-serve.txt")
    metadata = importlib.import_module("importlib.metadata")
    for line in open(requirements):
        name, _, pinned = line.split("#")[0].strip().partition("==")
        if not pinned:
            continue
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        if installed != pinned:
            print(f"WARNING: {name} {installed} is installed, the cases were proven with {pinned}", file=sys.stderr)

    with tempfile.TemporaryDirectory(prefix="sigconform-serve-clients-") as workdir:
        server, urls = start_server(arguments.sigconform, workdir)
        expected_rejections = {}
        try:
            for name, package, call, expected in CASES:
                if not available[package]:
                    if arguments.require:
                        failed += 1
                        print(f"FAIL {name}: package '{package}' missing (--require)")
                    else:
                        skipped += 1
                        print(f"SKIP {name}: package '{package}' missing", file=sys.stderr)
                    continue
                try:
                    outcome = call(urls)
                    problem = judge(expected, outcome)
                except Exception as error:  # a client that cannot even make its call is a failed case
                    problem = f"{type(error).__name__}: {error}"
                    outcome = None
                if problem:
                    failed += 1
                    print(f"FAIL {name}: {problem}")
                else:
                    passed += 1
                    print(f"ok   {name}")
                    if expected != "accepted" and outcome:
                        request_id = outcome.headers.get("x-sigconform-request")
                        if request_id:
                            expected_rejections[request_id] = expected[2]
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                status = server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                status = None

        # The server's own account of the run: exit 1 (some requests were rejected) and a report
        # that lists each rejected request with the class its answer carried.
        log = open(os.path.join(workdir, "serve.log")).read()
        report_path = os.path.join(workdir, "reports", "report.json")
        checks = []
        if passed:
            checks.append(("serve exits 1 after rejecting requests", status == 1 if expected_rejections else status == 0, f"exit {status}"))
            if os.path.exists(report_path):
                report = json.load(open(report_path))
                listed = {v.get("vectorId"): v for v in report.get("vectors", [])}
                for request_id, diagnosis in expected_rejections.items():
                    vector = listed.get(request_id)
                    classes = "+".join((vector or {}).get("diagnosis", {}).get("classes", [])) if vector else None
                    ok = vector is not None and (classes == diagnosis or diagnosis in ("wrong_passphrase",))
                    checks.append((f"report lists {request_id} as {diagnosis}", ok, f"found {classes!r}"))
            else:
                checks.append(("serve wrote report.json", False, "missing"))
            checks.append(("no secret in the server's output", not any(k["secret"] in log or k.get("passphrase", "\0") in log for k in KEYS.values()), "a secret leaked"))
        for name, ok, detail in checks:
            if ok:
                passed += 1
                print(f"ok   {name}")
            else:
                failed += 1
                print(f"FAIL {name}: {detail}")
        if failed:
            print("---- sigconform serve output ----\n" + log)

    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
