"""A small trading bot, as a user of `sigconform serve` has one: ccxt against Binance Spot.

BINANCE_BASE_URL points it at another server (sigconform serve in CI); the keys come from the
environment. Only the calls its tests need are here.
"""
import os
import re

import ccxt


def exchange():
    client = ccxt.binance({"apiKey": os.environ["BINANCE_API_KEY"], "secret": os.environ["BINANCE_API_SECRET"]})
    base = os.environ.get("BINANCE_BASE_URL")
    if base:
        def point(value):
            if isinstance(value, dict):
                return {key: point(item) for key, item in value.items()}
            return re.sub(r"^https?://[^/]+", base, value) if isinstance(value, str) else value
        client.urls["api"] = point(client.urls["api"])
    return client


def free_balance(client, asset):
    account = client.private_get_account()
    return next((float(b["free"]) for b in account["balances"] if b["asset"] == asset), 0.0)


def place_limit_buy(client, symbol, quantity, price):
    return client.private_post_order({"symbol": symbol, "side": "BUY", "type": "LIMIT", "timeInForce": "GTC",
                                      "quantity": quantity, "price": price})
