"""The Binance family's signing rule, shared by binance-usdm.py, binance-coinm.py and mexc.py
(each venue's docs state it in the same words; the scripts set the host, the API-key header and
whether the server compares hex case-blind).

totalParams = query string + request body, concatenated WITHOUT separator, HMAC-SHA256 with
the secret's UTF-8 bytes, hex; `signature` is the last parameter of the body when there is one,
else of the query; API key in a header; `timestamp` (ms) and optional `recvWindow` (default
5000) are ordinary signed parameters.
"""
from __future__ import annotations

import urllib.parse
from collections import OrderedDict

from engine import Venue, join_query, split_query


def strip_signature(query: str, body: str) -> tuple[str, str, str]:
    """Takes the trailing `signature=` parameter off the body, else off the query."""
    for where in ("body", "query"):
        text = body if where == "body" else query
        pairs = split_query(text)
        if pairs and pairs[-1][0] == "signature":
            rest = join_query(pairs[:-1])
            return (query, rest, pairs[-1][1]) if where == "body" else (rest, body, pairs[-1][1])
    return query, body, ""


class BinanceFamily(Venue):
    """parts: method, path, query and body as sent (without the signature)."""

    host = ""
    api_key_header = ""
    hex_case_insensitive = True
    default_recv_window = 5000

    def prehash(self, parts, creds=None):
        return parts["query"] + parts["body"]

    def wire(self, parts, creds, signature):
        query, body = parts["query"], parts["body"]
        if body:
            body = body + "&signature=" + signature
        else:
            query = (query + "&" if query else "") + "signature=" + signature
        headers = OrderedDict([(self.api_key_header, creds["apiKey"])])
        if body:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return OrderedDict(method=parts["method"], host=self.host, path=parts["path"],
                           query=query, headers=headers, body=body)

    def expect_headers(self, parts, creds, signature):
        return {self.api_key_header: creds["apiKey"]}

    @staticmethod
    def params(text: str) -> dict:
        return {urllib.parse.unquote_plus(k): urllib.parse.unquote_plus(v)
                for k, v in split_query(text)}

    def arrival(self, parts):
        return int(self.params(parts["query"] + "&" + parts["body"])["timestamp"]) + 300

    def read_wire(self, request, creds):
        query, body, seen = strip_signature(request["query"], request["body"])
        return query + body, seen

    def same_signature(self, seen, want):
        return seen.lower() == want if self.hex_case_insensitive else seen == want

    def accept(self, request, creds, server_time):
        query, body, _ = strip_signature(request["query"], request["body"])
        if request["headers"].get(self.api_key_header) != creds["apiKey"]:
            return "api key header"
        p = self.params(query + "&" + body)
        ts, window = int(p["timestamp"]), int(p.get("recvWindow", self.default_recv_window))
        # Accepted iff timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
        if not (ts < server_time + 1000 and server_time - ts <= window):
            return "outside recvWindow"
        return None
