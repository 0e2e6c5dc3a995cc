"""How ccxt signs the request of a bundled vector, venue by venue.

Each adapter turns a vector's request into the arguments of ccxt's own `sign(path, api,
method, params)` for that exchange, with the exchange's clock and nonce pinned to the
vector's and the vector's test credentials. ccxt then builds the URL, headers and body itself;
nothing here signs. No network: `sign()` makes no request, and no market is loaded.
"""
from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlsplit

import ccxt

from signer_support import CannotSign, header, header_parameters, raw_query_value


# ccxt has no call that produces this request (another API family, an option it lacks).
NotProducible = CannotSign


class PinnedKey(str):
    """The test key. ccxt's gemini refuses keys without 'account' in their name (it supports
    account keys only, a policy, not a signing rule); the test keys are named otherwise."""

    def find(self, sub, *args):  # noqa: D401 - str API
        return 0 if sub == "account" else str.find(self, sub, *args)


def unique(pairs: list) -> dict:
    """Decoded form pairs as the dict ccxt's sign() takes; a key sent twice has no dict form."""
    params = dict(pairs)
    if len(params) != len(pairs):
        raise NotProducible("a parameter sent twice; ccxt's sign() takes a dict (one value per key)")
    return params


def ordered_params(vector: dict, arrays: bool = False):
    """The request's parameters as ccxt's sign() takes them; a JSON array body stays a list
    where the exchange's sign() takes one (`arrays`: its batch calls)."""
    request = vector["request"]
    method = request["method"].upper()
    body = request.get("body") or ""
    if method in ("GET", "DELETE") or not body:
        return unique(parse_qsl(request.get("query") or "", keep_blank_values=True))
    try:
        parsed = json.loads(body)
    except ValueError:
        return unique(parse_qsl(body, keep_blank_values=True))
    if isinstance(parsed, list) and arrays:
        return parsed
    if not isinstance(parsed, dict):
        raise NotProducible("the body is a JSON array; this ccxt exchange's sign() takes an object")
    return parsed


def exchange(exchange_id: str, vector: dict, milliseconds: int, nonce=None, options=None):
    credentials = vector.get("credentials") or {}
    instance = getattr(ccxt, exchange_id)({
        "apiKey": credentials.get("apiKey"),
        "secret": credentials.get("secret"),
        "password": credentials.get("passphrase"),
        "options": dict({"timeDifference": 0}, **(options or {})),
    })
    instance.milliseconds = lambda: milliseconds
    instance.seconds = lambda: milliseconds // 1000
    pinned = milliseconds if nonce is None else nonce
    instance.nonce = lambda: pinned
    instance.incrementing_nonce = lambda: pinned
    return instance


def as_request(result: dict, host_default: str | None = None) -> dict:
    url = urlsplit(result["url"])
    return {
        "method": result["method"],
        "host": url.hostname or host_default,
        "path": url.path,
        "query": url.query,
        "headers": {k: str(v) for k, v in (result.get("headers") or {}).items() if v is not None},
        "body": result.get("body") or "",
    }


def strip_prefix(path: str, prefix: str) -> str:
    if not path.startswith(prefix):
        raise NotProducible(f"path outside {prefix}")
    return path[len(prefix):]


def iso_to_ms(text: str) -> int:
    return int(datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc).timestamp() * 1000 + 0.5)


# --- venues -------------------------------------------------------------------------------

def bitget(vector):
    request = vector["request"]
    ms = int(header(request, "ACCESS-TIMESTAMP"))
    path = strip_prefix(request["path"], "/api/")
    family = "mix" if "/mix/" in request["path"] else "spot"
    ex = exchange("bitget", vector, ms)
    return ex.sign(path, ["private", family], request["method"], ordered_params(vector))


def okx(vector):
    request = vector["request"]
    ms = iso_to_ms(header(request, "OK-ACCESS-TIMESTAMP"))
    path = strip_prefix(request["path"], "/api/v5/")
    ex = exchange("okx", vector, ms)
    params = ordered_params(vector, arrays=True)
    demo = header(request, "x-simulated-trading") == "1"
    if demo:
        # ccxt's demo trading: set_sandbox_mode(True) adds x-simulated-trading: 1 to the
        # exchange's headers, which fetch() sends along with sign()'s.
        ex.set_sandbox_mode(True)
    result = ex.sign(path, ["private"], request["method"], params)
    if demo:
        result["headers"] = dict(ex.headers, **(result.get("headers") or {}))
    return result


def bybit(vector):
    request = vector["request"]
    ms = int(header(request, "X-BAPI-TIMESTAMP"))
    window = header(request, "X-BAPI-RECV-WINDOW")
    if window is None:
        raise NotProducible("ccxt always sends X-BAPI-RECV-WINDOW")
    path = strip_prefix(request["path"], "/")
    ex = exchange("bybit", vector, ms, options={"recvWindow": int(window)})
    params = ordered_params(vector)
    if "cursor" in params and request["method"] == "GET":
        # Bybit returns nextPageCursor percent-encoded and ccxt's users pass it on as returned;
        # ccxt sends GET values unencoded (rawencode), so the cursor travels as Bybit gave it.
        params["cursor"] = raw_query_value(request.get("query") or "", "cursor")
    return ex.sign(path, ["private"], request["method"], params)


def kucoin(vector):
    request = vector["request"]
    ms = int(header(request, "KC-API-TIMESTAMP"))
    if (header(request, "KC-API-KEY-VERSION") or "") != "2":
        raise NotProducible("ccxt sends KC-API-KEY-VERSION 2 only")
    rest = strip_prefix(request["path"], "/api/")
    version, _, path = rest.partition("/")
    futures = request.get("host") == "api-futures.kucoin.com"
    ex = exchange("kucoinfutures" if futures else "kucoin", vector, ms)
    params = ordered_params(vector)
    params["version"] = version
    return ex.sign(path, ["futuresPrivate" if futures else "private"], request["method"], params)


def gate(vector):
    request = vector["request"]
    try:
        seconds = float(header(request, "Timestamp"))
    except (TypeError, ValueError) as error:
        raise NotProducible("the Timestamp header is not a number of seconds") from error
    rest = strip_prefix(request["path"], "/api/v4/")
    family, _, path = rest.partition("/")
    if family in ("sub_accounts", "withdrawals"):
        # ccxt's APIs whose paths start at /api/v4/ (gate.sign(): entirePath = endPart).
        family, path = ("subAccounts" if family == "sub_accounts" else family), rest
    params = ordered_params(vector, arrays=True)
    if request["method"] not in ("GET", "DELETE") and request.get("query"):
        # ccxt sends a POST's parameters in its JSON body, the query's included.
        params = dict(unique(parse_qsl(request["query"], keep_blank_values=True)), **params)
    # ccxt's clock set to the vector's; ccxt writes whole seconds of it.
    ex = exchange("gate", vector, int(seconds * 1000))
    return ex.sign(path, ["private", family], request["method"], params)


def deribit(vector):
    request = vector["request"]
    fields = header_parameters(header(request, "Authorization") or "", "deri-hmac-sha256")
    if request.get("body"):
        raise NotProducible("ccxt sends every private call as a GET query, never a JSON-RPC body")
    path = strip_prefix(request["path"], "/api/v2/private/")
    ex = exchange("deribit", vector, int(fields["ts"]), nonce=fields["nonce"])
    return ex.sign(path, ["private"], request["method"], ordered_params(vector))


def gemini(vector):
    request = vector["request"]
    payload = json.loads(base64.b64decode(header(request, "X-GEMINI-PAYLOAD")))
    nonce = payload.pop("nonce")
    endpoint = payload.pop("request")
    ex = exchange("gemini", vector, int(nonce) if str(nonce).isdigit() else 0, nonce=nonce)
    ex.apiKey = PinnedKey(ex.apiKey)
    return ex.sign(strip_prefix(endpoint, "/"), ["private"], request["method"], payload)


BINANCE_APIS = [("/api/v3/", "private"), ("/sapi/v1/", "sapi"), ("/sapi/v2/", "sapiV2"), ("/fapi/v1/", "fapiPrivate"),
                ("/fapi/v2/", "fapiPrivateV2"), ("/fapi/v3/", "fapiPrivateV3"), ("/dapi/v1/", "dapiPrivate"),
                ("/dapi/v2/", "dapiPrivateV2")]


def binance_family(exchange_id):
    def adapter(vector):
        request = vector["request"]
        api = next(((prefix, name) for prefix, name in BINANCE_APIS if request["path"].startswith(prefix)), None)
        if api is None:
            raise NotProducible("no ccxt API for this path")
        pairs = parse_qsl(request.get("query") or "", keep_blank_values=True) + \
            parse_qsl(request.get("body") or "", keep_blank_values=True)
        params = unique([(k, v) for k, v in pairs if k != "signature"])
        if request["path"].endswith("/batchOrders") and params.get("batchOrders", "").startswith("["):
            # ccxt's sign() writes batchOrders itself, from the list of orders it is given.
            params["batchOrders"] = json.loads(params["batchOrders"])
        if "timestamp" not in params:
            raise NotProducible("no timestamp parameter")
        # ccxt puts its own timestamp first and sends GET/DELETE parameters in the query, the
        # others in a form body; options.recvWindow unset so that it adds none of its own.
        ex = exchange(exchange_id, vector, int(params["timestamp"]), options={"recvWindow": None})
        return ex.sign(request["path"][len(api[0]):], [api[1]], request["method"], params)
    return adapter


def cryptocom(vector):
    request = vector["request"]
    try:
        body = json.loads(request.get("body") or "")
    except ValueError as error:
        raise NotProducible("the body is not JSON") from error
    if not isinstance(body.get("params", {}), dict):
        raise NotProducible("params is not an object")
    # ccxt writes its nonce as the JSON-RPC id too; pinning nonce() to the vector's nonce
    # reproduces the vector only when the vector's id equals its nonce.
    nonce = body.get("nonce")
    ex = exchange("cryptocom", vector, int(nonce) if str(nonce).isdigit() else 0, nonce=nonce)
    if not request["path"].startswith("/exchange/v1/"):
        raise NotProducible("path outside /exchange/v1/")
    return ex.sign(body.get("method", ""), ["v1", "private"], request["method"], body.get("params", {}))


def kraken(vector):
    request = vector["request"]
    if (request.get("body") or "").lstrip().startswith("{"):
        raise NotProducible("ccxt sends a JSON body only for AddOrderBatch, CancelOrderBatch and trigger-percent prices")
    pairs = parse_qsl(request.get("body") or "", keep_blank_values=True)
    params = {k: v for k, v in pairs if k != "nonce"}
    nonce = dict(pairs).get("nonce")
    if nonce is None:
        raise NotProducible("no nonce parameter")
    ex = exchange("kraken", vector, int(nonce), nonce=nonce)
    return ex.sign(strip_prefix(request["path"], "/0/private/"), ["private"], request["method"], params)


def mexc(vector):
    request = vector["request"]
    # ccxt sends spot parameters in the query only, a form body's included.
    pairs = parse_qsl(request.get("query") or "", keep_blank_values=True) + \
        parse_qsl(request.get("body") or "", keep_blank_values=True)
    params = unique([(k, v) for k, v in pairs if k != "signature"])
    if "timestamp" not in params:
        raise NotProducible("no timestamp parameter")
    # ccxt appends its own timestamp and recvWindow (options.recvWindow, default 5000).
    window = params.pop("recvWindow", None)
    timestamp = int(params.pop("timestamp"))
    ex = exchange("mexc", vector, timestamp, options={"recvWindow": int(window) if window else 5000})
    return ex.sign(strip_prefix(request["path"], "/api/v3/"), ["spot", "private"], request["method"], params)


def bitfinex(vector):
    request = vector["request"]
    nonce = header(request, "bfx-nonce")
    if request["method"] != "POST":
        raise NotProducible("ccxt sends every authenticated v2 call as a POST")
    try:
        params = json.loads(request.get("body") or "{}")
    except ValueError as error:
        raise NotProducible("the body is not JSON") from error
    if not isinstance(params, dict):
        raise NotProducible("the body is not a JSON object; ccxt's sign() takes an object")
    # ccxt's nonce is milliseconds (bitfinex.nonce); pinned to the vector's, whatever its unit.
    ex = exchange("bitfinex", vector, int(nonce) // 1000 if nonce.isdigit() else 0, nonce=nonce)
    return ex.sign(strip_prefix(request["path"], "/v2/"), ["private"], "POST", params)


def bitstamp(vector):
    request = vector["request"]
    stamp = header(request, "X-Auth-Timestamp")
    ex = exchange("bitstamp", vector, int(stamp) if (stamp or "").isdigit() else 0)
    nonce = header(request, "X-Auth-Nonce")
    ex.uuid = lambda: nonce
    # ccxt sends private parameters in a form body only: the query's and a JSON body's go there.
    params = unique(parse_qsl(request.get("query") or "", keep_blank_values=True))
    body = request.get("body") or ""
    if body.lstrip().startswith("{"):
        members = json.loads(body)
        if any(value is None or isinstance(value, (dict, list)) for value in members.values()):
            raise NotProducible("a null or nested JSON value has no form (ccxt sends private parameters as a form)")
        params.update(members)
    else:
        params.update(unique(parse_qsl(body, keep_blank_values=True)))
    return ex.sign(strip_prefix(request["path"], "/api/v2/"), ["private"], request["method"], params)


def coinbase_exchange(vector):
    request = vector["request"]
    stamp = header(request, "CB-ACCESS-TIMESTAMP") or ""
    try:
        ms = int(float(stamp) * 1000)
    except ValueError as error:
        raise NotProducible("the timestamp is not a number of seconds") from error
    # ccxt's clock set to the vector's; ccxt writes it its own way (whole seconds).
    ex = exchange("coinbaseexchange", vector, ms, nonce=ms // 1000)
    params = ordered_params(vector)
    return ex.sign(strip_prefix(request["path"], "/"), ["private"], request["method"], params)


def mexc_futures(vector):
    request = vector["request"]
    ms = int(header(request, "Request-Time"))
    path = strip_prefix(request["path"], "/api/v1/private/")
    if request["method"] == "POST":
        params = ordered_params(vector)
    else:
        params = unique(parse_qsl(request.get("query") or "", keep_blank_values=True))
    # ccxt's contract section: apiKey + Request-Time + (json(params) for POST, else the keysorted query).
    ex = exchange("mexc", vector, ms)
    # ccxt sends to api.mexc.com, the docs to contract.mexc.com (the host is not signed); a user
    # picks it with urls['api'], as here.
    host = request.get("host") or "contract.mexc.com"
    ex.urls["api"]["contract"] = dict(ex.urls["api"]["contract"], private=f"https://{host}/api/v1/private")
    return ex.sign(path, ["contract", "private"], request["method"], params)


KRAKEN_FUTURES_APIS = [("/derivatives/api/v3/", "private", "v3"), ("/api/history/v2/", "history", "v2")]


def kraken_futures(vector):
    request = vector["request"]
    if header(request, "Nonce") is not None:
        raise NotProducible("ccxt sends no Nonce header (it is optional)")
    api = next((entry for entry in KRAKEN_FUTURES_APIS if request["path"].startswith(entry[0])), None)
    if api is None:
        raise NotProducible("no ccxt API for this path")
    prefix, name, version = api
    path = request["path"][len(prefix):]
    body = request.get("body") or ""
    batch = dict(parse_qsl(request.get("query") or body)).get("json") if path == "batchorder" else None
    if batch is not None:
        # ccxt writes the batch itself, from the orders: body 'json=' + json(params).
        params = json.loads(batch)
    else:
        pairs = parse_qsl(request.get("query") or body, keep_blank_values=True)
        keys = [k for k, _ in pairs]
        if keys.count("orderIds") > 1 and len(set(keys)) == 1:
            # ccxt repeats an orderIds list as orderIds=a&orderIds=b.
            params = {"orderIds": [v for _, v in pairs]}
        else:
            params = unique(pairs)
    params["version"] = version
    ex = exchange("krakenfutures", vector, 0)
    return ex.sign(path, [name], request["method"], params)


HTX_AUTH = ("AccessKeyId", "SignatureMethod", "SignatureVersion", "Timestamp", "Signature")


def htx(vector):
    request = vector["request"]
    pairs = parse_qsl(request.get("query") or "", keep_blank_values=True)
    stamp = dict(pairs).get("Timestamp")
    if stamp is None:
        raise NotProducible("no Timestamp parameter")
    ms = int(datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%S").replace(tzinfo=timezone.utc).timestamp() * 1000)
    params = {k: v for k, v in pairs if k not in HTX_AUTH}
    if request["method"] == "POST":
        params = ordered_params({"request": dict(request, query="")}, arrays=True)
    ex = exchange("htx", vector, ms)
    # ccxt signs the host it sends to; a user picks it with urls['hostnames'] (spot: api.huobi.pro
    # or api-aws.huobi.pro; contracts: api.hbdm.com or ccxt's default api.hbdm.vn).
    host = request.get("host") or "api.huobi.pro"
    family = "contract" if "hbdm" in host else "spot"
    ex.urls["hostnames"] = dict(ex.urls["hostnames"], **{family: host})
    return ex.sign(strip_prefix(request["path"], "/"), [family, "private"], request["method"], params)


ADAPTERS = {
    "cryptocom": cryptocom,
    "kraken-spot": kraken,
    "mexc": mexc,
    "binance-spot": binance_family("binance"),
    "binance-usdm": binance_family("binanceusdm"),
    "binance-coinm": binance_family("binancecoinm"),
    "bitget": bitget,
    "okx-v5": okx,
    "bybit-v5": bybit,
    "kucoin": kucoin,
    "gateio-v4": gate,
    "deribit": deribit,
    "gemini": gemini,
    "bitfinex-v2": bitfinex,
    "bitstamp-v2": bitstamp,
    "coinbase-exchange": coinbase_exchange,
    "htx": htx,
    "kucoin-futures": kucoin,
    "mexc-futures": mexc_futures,
    "kraken-futures": kraken_futures,
}


def unsupported(reason: str):
    """A venue ccxt does not carry at this version: every request is declined with `reason`."""
    def adapter(vector):
        raise NotProducible(reason)
    return adapter


ADAPTERS["bitmex"] = unsupported(f"ccxt {ccxt.__version__} has no bitmex exchange (it is not in ccxt.exchanges)")


def sign(venue: str, vector: dict) -> dict:
    """ccxt's request for the vector, in the vector's request shape; raises NotProducible."""
    adapter = ADAPTERS.get(venue)
    if adapter is None:
        raise NotProducible(f"no mapping onto ccxt {ccxt.__version__} for the venue {venue}")
    try:
        result = adapter(vector)
    except NotProducible:
        raise
    except ccxt.BaseError as error:
        raise NotProducible(f"ccxt refused: {type(error).__name__}") from error
    except (KeyError, TypeError, ValueError) as error:
        raise NotProducible(f"no ccxt API for this path ({type(error).__name__} {error})") from error
    return as_request(result)


VERSION = ccxt.__version__
