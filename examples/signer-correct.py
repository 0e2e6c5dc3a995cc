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
from urllib.parse import quote, unquote_plus


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


def decoded_query(request):
    """The query with keys and values percent-decoded form style ('+' is a space), order kept:
    what Gate.io, KuCoin and Bitget verify."""
    items = []
    for item in request["query"].split("&") if request["query"] else []:
        key, equals, value = item.partition("=")
        items.append(unquote_plus(key) + (equals + unquote_plus(value) if equals else ""))
    return "&".join(items)


def sign_gateio(request, credentials):
    """https://www.gate.io/docs/developers/apiv4/en/#authentication
    HMAC-SHA512 (hex) of METHOD \\n path \\n query (not URL-encoded) \\n hex(SHA512(body)) \\n
    timestamp, into the SIGN header."""
    payload = "\n".join([request["method"], request["path"], decoded_query(request),
                         hashlib.sha512(request["body"].encode()).hexdigest(), header(request, "Timestamp")])
    set_header(request, "SIGN", hmac_hex(credentials["secret"], payload, hashlib.sha512))


def sign_bitfinex(request, credentials):
    """https://docs.bitfinex.com/docs/rest-auth
    bfx-signature = hex(HMAC-SHA384(secret, '/api' + path + bfx-nonce + body))."""
    payload = "/api" + request["path"] + header(request, "bfx-nonce") + request["body"]
    set_header(request, "bfx-signature", hmac_hex(credentials["secret"], payload, hashlib.sha384))


def request_path(request):
    """The path with '?query' when there is a query."""
    return request["path"] + ("?" + request["query"] if request["query"] else "")


def hmac_base64(key, message, digest=hashlib.sha256):
    return base64.b64encode(hmac.new(key, message.encode(), digest).digest()).decode()


def sign_bitget(request, credentials):
    """https://www.bitget.com/api-doc/common/signature
    ACCESS-SIGN = base64(HMAC-SHA256(secret, timestamp + METHOD + path + '?' + query + body)), the
    query percent-decoded (ccxt #28888 / PR #28890, the official SDK's "sign decode")."""
    query = "?" + decoded_query(request) if request["query"] else ""
    payload = header(request, "ACCESS-TIMESTAMP") + request["method"] + request["path"] + query + request["body"]
    set_header(request, "ACCESS-SIGN", hmac_base64(credentials["secret"].encode(), payload))


def sign_bitmart(request, credentials):
    """https://developer-pro.bitmart.com/en/part2/auth.html
    X-BM-SIGN = hex(HMAC-SHA256(secret, timestamp + '#' + memo + '#' + (body, else the query))); the
    memo is a credential that is never sent."""
    signed = request["body"] if request["body"] else request["query"]
    payload = header(request, "X-BM-TIMESTAMP") + "#" + credentials["memo"] + "#" + signed
    set_header(request, "X-BM-SIGN", hmac_hex(credentials["secret"], payload))


def sign_bitmex(request, credentials):
    """https://www.bitmex.com/app/apiKeysUsage
    api-signature = hex(HMAC-SHA256(secret, verb + path (with query) + expires + data)); the
    retired api-nonce takes the place of expires on old clients."""
    expires = header(request, "api-expires") or header(request, "api-nonce")
    payload = request["method"] + request_path(request) + expires + request["body"]
    set_header(request, "api-signature", hmac_hex(credentials["secret"], payload))


def sign_bitstamp(request, credentials):
    """https://www.bitstamp.net/api/#section/Authentication
    X-Auth-Signature = hex(HMAC-SHA256(secret, 'BITSTAMP ' + api key + METHOD + host + path +
    query + content type (only with a body) + nonce + timestamp + 'v2' + body))."""
    api_key = header(request, "X-Auth")[len("BITSTAMP "):]
    host = request.get("host") or header(request, "Host") or "www.bitstamp.net"
    content_type = (header(request, "Content-Type") or "") if request["body"] else ""
    payload = ("BITSTAMP " + api_key + request["method"] + host + request["path"] + request["query"] + content_type
               + header(request, "X-Auth-Nonce") + header(request, "X-Auth-Timestamp") + "v2" + request["body"])
    set_header(request, "X-Auth-Signature", hmac_hex(credentials["secret"], payload))


def sign_coinbase(request, credentials):
    """https://docs.cdp.coinbase.com/exchange/rest-api/authentication
    CB-ACCESS-SIGN = base64(HMAC-SHA256(base64-decoded secret, timestamp + METHOD + requestPath + body))."""
    payload = header(request, "CB-ACCESS-TIMESTAMP") + request["method"] + request_path(request) + request["body"]
    set_header(request, "CB-ACCESS-SIGN", hmac_base64(base64.b64decode(credentials["secret"]), payload))


def javascript_number(value):
    """A number as JavaScript's String(n) writes it (ECMAScript Number::toString)."""
    value = float(value)
    if value == 0:
        return "0"
    if value < 0:
        return "-" + javascript_number(-value)
    mantissa, _, exponent = repr(value).partition("e")
    whole, _, fraction = mantissa.partition(".")
    all_digits = whole + fraction
    digits = all_digits.lstrip("0")
    point = len(whole) + int(exponent or 0) - (len(all_digits) - len(digits))
    digits = digits.rstrip("0") or "0"
    if len(digits) <= point <= 21:
        return digits + "0" * (point - len(digits))
    if 0 < point <= 21:
        return digits[:point] + "." + digits[point:]
    if -6 < point <= 0:
        return "0." + "0" * -point + digits
    exponent = point - 1
    text = digits[0] + ("." + digits[1:] if len(digits) > 1 else "")
    return text + "e" + ("+" if exponent >= 0 else "-") + str(abs(exponent))


def parameter_string(value):
    """The docs' JavaScript helper: object keys sorted (JavaScript's sort(), UTF-16 order), each
    key then its value, arrays and nested objects flattened, scalars as JavaScript writes them."""
    if isinstance(value, dict):
        return "".join(key + parameter_string(value[key]) for key in sorted(value, key=lambda k: k.encode("utf-16-be")))
    if isinstance(value, list):
        return "".join(parameter_string(item) for item in value)
    if isinstance(value, tuple):  # a number, kept as ("number", text) by the parser below
        return javascript_number(value[1])
    if value is True or value is False:
        return "true" if value else "false"
    if value is None:
        return "null"
    return value


def sign_cryptocom(request, credentials):
    """https://exchange-developer.crypto.com/exchange/v1/rest-ws/index.html#digital-signature
    sig = hex(HMAC-SHA256(secret, method + id + api_key + parameter string + nonce)), added to
    the JSON body; id and nonce as the body writes them."""
    number = lambda text: ("number", text)
    body = json.loads(request["body"], parse_int=number, parse_float=number)
    text = lambda value: value[1] if isinstance(value, tuple) else str(value)
    payload = (text(body["method"]) + text(body["id"]) + text(body["api_key"]) + parameter_string(body.get("params", {}))
               + text(body["nonce"]))
    # Append the member to the body as sent, so every other byte stays as it was.
    request["body"] = request["body"].rstrip()[:-1] + ',"sig":"' + hmac_hex(credentials["secret"], payload) + '"}'


def sign_deribit(request, credentials):
    """https://docs.deribit.com/#authentication
    sig = hex(HMAC-SHA256(secret, ts + '\\n' + nonce + '\\n' + METHOD + '\\n' + URI + '\\n' + body + '\\n')), in the
    header 'Authorization: deri-hmac-sha256 id=ClientId,ts=Timestamp,sig=Signature,nonce=Nonce'."""
    scheme, _, rest = header(request, "Authorization").partition(" ")
    fields = dict(item.strip().split("=", 1) for item in rest.split(","))
    payload = "\n".join([fields["ts"], fields["nonce"], request["method"].upper(), request_path(request), request["body"], ""])
    signature = hmac_hex(credentials["secret"], payload)
    separator = ", " if ", " in rest else ","  # the client's own separator, as it writes the other fields
    items = [f"id={fields['id']}", f"ts={fields['ts']}", f"sig={signature}", f"nonce={fields['nonce']}"]
    set_header(request, "Authorization", scheme + " " + separator.join(items))


def sign_gemini(request, credentials):
    """https://developer.gemini.com/authentication/api-key
    X-GEMINI-SIGNATURE = hex(HMAC-SHA384(secret, the base64 X-GEMINI-PAYLOAD as sent))."""
    set_header(request, "X-GEMINI-SIGNATURE", hmac_hex(credentials["secret"], header(request, "X-GEMINI-PAYLOAD"), hashlib.sha384))


def sign_htx(request, credentials):
    """https://huobiapi.github.io/docs/spot/v1/en/#authentication
    Signature = base64(HMAC-SHA256(secret, METHOD \n host \n path \n the query parameters sorted
    by name, each name and value URL-encoded with upper-case hex)), sent URL-encoded in the query."""
    pairs = []
    for item in request["query"].split("&") if request["query"] else []:
        if not item:
            continue  # HTX drops empty pairs (a doubled or trailing '&') before it rebuilds the signed text
        key, _, value = item.partition("=")
        pairs.append((unquote_plus(key), unquote_plus(value)))
    pairs.sort(key=lambda pair: pair[0].encode())
    canonical = "&".join(quote(key, safe="-._~") + "=" + quote(value, safe="-._~") for key, value in pairs)
    payload = "\n".join([request["method"], request.get("host") or header(request, "Host"), request["path"], canonical])
    signature = hmac_base64(credentials["secret"].encode(), payload)
    request["query"] += ("&" if request["query"] else "") + "Signature=" + quote(signature, safe="")


def sign_kucoin(request, credentials):
    """https://www.kucoin.com/docs/basic-info/connection-method/authentication/signing-a-message
    KC-API-SIGN = base64(HMAC-SHA256(secret, timestamp + METHOD + endpoint (with the query,
    not URL-encoded) + body))."""
    endpoint = request["path"] + ("?" + decoded_query(request) if request["query"] else "")
    payload = header(request, "KC-API-TIMESTAMP") + request["method"] + endpoint + request["body"]
    set_header(request, "KC-API-SIGN", hmac_base64(credentials["secret"].encode(), payload))


def sign_bearer(request, credentials):
    """https://platform.openai.com/docs/api-reference/authentication
    Authorization: Bearer <api key>."""
    set_header(request, "Authorization", "Bearer " + credentials["apiKey"])


SIGNERS = {
    "binance-spot": sign_binance,
    # Binance USDⓈ-M futures and MEXC sign exactly as Binance spot does (their docs, "SIGNED").
    "binance-usdm": sign_binance,
    "binance-coinm": sign_binance,
    "mexc": sign_binance,
    "bitfinex-v2": sign_bitfinex,
    "bitget": sign_bitget,
    "bitmart": sign_bitmart,
    "bitmex": sign_bitmex,
    "bitstamp-v2": sign_bitstamp,
    "coinbase-exchange": sign_coinbase,
    "cryptocom": sign_cryptocom,
    "deribit": sign_deribit,
    "gemini": sign_gemini,
    "htx": sign_htx,
    "kucoin": sign_kucoin,
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
