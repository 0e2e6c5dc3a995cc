"""Binance's modular official SDKs (binance-sdk-spot, binance-sdk-derivatives-trading-usds-futures,
binance-sdk-derivatives-trading-coin-futures) sign a vector's request.

All three sign through binance_common.utils.send_request: the parameters urlencoded in the order
given, `timestamp` kept when the caller sets one, `signature` appended last, everything sent in
the query (the SDKs put no signed parameter in a body). The call is the one every typed endpoint
of these SDKs makes, `send_request(session, configuration, method, path, payload, is_signed=True)`,
with the session and configuration of the SDK's own `*RestAPI` client; that session is captured
instead of sending. (Their generic `*RestAPI.send_signed_request` cannot be used: in these
versions it calls `send_request[T](...)`, which raises TypeError, a plain function not being
subscriptable.)
"""
from __future__ import annotations

from sdk_capture import binance_params, requests_capture, sent_by
from signer_support import CannotSign

# venue -> (module, RestAPI class, base URL, path prefixes that SDK calls)
MODULAR = {
    "binance-spot": ("binance_sdk_spot.rest_api.rest_api", "SpotRestAPI", "https://api.binance.com", ("/api/",)),
    "binance-usdm": ("binance_sdk_derivatives_trading_usds_futures.rest_api.rest_api",
                     "DerivativesTradingUsdsFuturesRestAPI", "https://fapi.binance.com", ("/fapi/",)),
    "binance-coinm": ("binance_sdk_derivatives_trading_coin_futures.rest_api.rest_api",
                      "DerivativesTradingCoinFuturesRestAPI", "https://dapi.binance.com", ("/dapi/",)),
}


def binance_modular(asked: dict) -> dict:
    import importlib

    from binance_common.configuration import ConfigurationRestAPI
    from binance_common.utils import send_request

    module_name, class_name, base, prefixes = MODULAR[asked["venue"]]
    request, credentials = asked["request"], asked.get("credentials") or {}
    if not request["path"].startswith(prefixes):
        raise CannotSign(f"this SDK calls {', '.join(prefixes)} only")
    params = binance_params(request)
    if any(key != key.strip() or "_" in key for key in params):
        raise CannotSign("the SDK rewrites snake_case parameter names to camelCase")
    configuration = ConfigurationRestAPI(api_key=credentials.get("apiKey"), api_secret=credentials.get("secret"),
                                         base_path=base, retries=0, compression=False)
    client = getattr(importlib.import_module(module_name), class_name)(configuration)
    requests_capture(client._session)
    return sent_by(lambda: send_request(client._session, client.configuration, method=request["method"],
                                        path=request["path"], payload=params, is_signed=True))
