"""Who is right where a real client and the bundled vectors part, with the sources.

Keyed by (venue, client). matrix.py prints each note above that pair's table in
docs/clients.md and fails when a pair has a DISAGREES or OWN REQUEST REJECTED row but no note
here. Facts carry a citation; the judgement is ours and says so.
"""

EVIDENCE = {
    ("bitget", "ccxt"): (
        "**The client is right: Bitget verifies the percent-DECODED query.** ccxt signs `rawencode` "
        "(the decoded query) while sending it encoded; it changed to this after Bitget answered "
        "40009 to the encoded form (ccxt issue #28888, fix PR #28890). Bitget's own SDK did the "
        "same (BitgetLimited/v3-bitget-api-sdk commit d4ef5cb \"sign decode\", with a `$AIUSDT` "
        "test), and JKorf/Bitget.Net#48 reports `%24` rejected. The recipe and vectors follow this "
        "since issue 14 (they signed the bytes as sent before, and this matrix showed ccxt disagreeing)."
    ),
    ("bitmart", "ccxt-bitmart"): (
        "**ccxt and the docs agree; the official SDK differs on GET, unresolved.** ccxt (PyPI `bitmart`, "
        "its build of this exchange) signs `timestamp#uid#` + the urlencoded query (GET/DELETE) or the "
        "JSON body, `uid` being the memo, as the docs' Q&A example does. The official "
        "bitmart-python-sdk-api 2.8.0 signs the body for every method (`timestamp#memo#` and nothing "
        "for a GET with parameters); the vectors follow the docs and ccxt (vectors/bitmart/venue.json)."
    ),
    ("cryptocom", "ccxt"): (
        "**The vectors follow the docs' JavaScript and Java helpers; ccxt-python is wrong on null and "
        "disputed on booleans.** ccxt's `params_to_string` writes `str(value)`: `None` for a JSON null and "
        "`True`/`False` for booleans. The docs' JavaScript and Java reference helpers write `null` and "
        "`true`/`false` (vectors/cryptocom/venue.json notes); no docs helper writes `None`, so "
        "`null-value` is kept as a vector that catches ccxt-python's form. The docs' own Python helper "
        "writes `True`/`False` as ccxt does, so for `boolean-values` the docs disagree with themselves: "
        "the recipe follows the JavaScript helper (reading-js) and the disagreement stays recorded here. "
        "Every other ccxt request (its JSON-RPC id equals its nonce) is accepted."
    ),
    ("gemini", "ccxt"): (
        "**Both nonce modes are right; the key decides (docs, 'Private API invocation').** ccxt's "
        "gemini `nonce()` is milliseconds unless `options['nonce']` says otherwise (then seconds), and "
        "`sign()` writes it as a JSON string: right for a key without a time-based nonce "
        "(increasing-nonce.json agrees byte for byte), and for a time-based key only with "
        "`options['nonce'] = 'seconds'` (mistakes.json `ms-nonce-on-time-based-key`). The matrix pins "
        "ccxt's nonce to each vector's, so the seconds vectors differ from ccxt only in the nonce "
        "being a string, which Gemini reads alike; sigconform accepts those requests."
    ),
    ("bybit-v5", "pybit"): (
        "**The vectors are right; pybit signs bytes it does not send.** pybit 5.17.0 joins a GET's "
        "parameters unencoded (`pybit/_http_manager.py` prepare_payload(), `str(k) + '=' + str(v)`), signs "
        "that text, and hands `f\"{path}?{params}\"` to requests, whose prepare_url() re-quotes it before "
        "sending (requests 2.34.2 `models.py` requote_uri). For a value with a space or non-ASCII text the "
        "signed string is not the query Bybit receives and verifies (Bybit V5 docs, 'Authentication': "
        "the signed queryString is the query as sent). The signer gate lists the same vectors as pybit's "
        "faults (examples/signers/known-faults.json, `sdk`). Every other request agrees or is accepted."
    ),
    ("okx-v5", "python-okx"): (
        "**The vectors are right; python-okx signs bytes it does not send.** python-okx 0.4.4 writes a "
        "GET's query unencoded (`okx/utils.py` parse_params_to_str(), `str(key) + '=' + str(value)`), signs "
        "the path with that text and lets httpx percent-encode the URL it sends. OKX signs the requestPath "
        "as sent (OKX V5 docs, 'REST Authentication': timestamp + method + requestPath + body), so a value "
        "with a space or non-ASCII text fails. Known faults in examples/signers/known-faults.json (`sdk`)."
    ),
    ("kucoin", "kucoin-python"): (
        "**The vectors are right for `get-query-literal-plus`.** The older official SDK kucoin-python "
        "1.0.26 writes a GET's parameters into the URL unencoded (`kucoin/base_request/base_request.py` "
        "_request(), `\"{}={}\".format(key, params[key])`, sorted by name), as ccxt does (kucoin × ccxt "
        "below): a literal `+` travels raw and KuCoin's form decoding reads a space. It also signs "
        "`int(time.time()) * 1000` (whole seconds) and sends the plain passphrase with no "
        "KC-API-KEY-VERSION when built with `is_v1api=True` (a key of version 1), the HMAC'd one with "
        "version 2 otherwise. Its version-2 requests agree with the vectors; key v1 was retired in 2021 "
        "(https://www.kucoin.com/support/900006465403), so its v1 requests are another scheme that "
        "sigconform names (`unsupported_scheme`) and never calls correct."
    ),
    ("kucoin", "ccxt"): (
        "**The vectors are right for `get-query-literal-plus`.** ccxt's kucoin `sign()` puts "
        "`rawencode(query)` (values NOT percent-encoded) into the URL itself, so a value with a "
        "literal `+` travels as a raw `+`, which the server's form decoding reads as a space, while "
        "ccxt signed the `+`. The vector sends `%2B` and signs the decoded `+` (docs/venues.md, "
        "kucoin notes). Every other row agrees or is accepted as sent."
    ),
}

# Official (or venue-published) Python SDKs on PyPI that the matrix does not run, and why.
# matrix.py prints these under the table so a reader sees which venues have no SDK column.
NOT_RUN = [
    "`bitmart-python-sdk-api` 2.8.0 (BitMart's official SDK): installs the import package `bitmart`, "
    "as ccxt's bitmart build (`bitmart` 0.0.141) that the matrix runs does; in one environment each "
    "overwrites the other's `bitmart/__init__.py`. Its signing (`bitmart/lib/cloud_client.py` _request(): "
    "`timestamp#memo#` + the JSON body, nothing for a GET's query) is weighed under bitmart × ccxt-bitmart.",
    "`bitfinex-api-py` 4.0.0 (Bitfinex's official SDK): requires `requests~=2.32.3`, while "
    "`binance-sdk-spot` 13.3.0 requires `requests>=2.34.2`; no one environment satisfies both.",
    "`binance-futures-connector` 4.2.0 (deprecated by Binance): installs `binance/api.py` over "
    "binance-connector's; the modular `binance-sdk-derivatives-trading-*` packages replace it and run here.",
    "`coinbase-advanced-py`: signs Coinbase Advanced Trade (JWT keys), not the Coinbase Exchange API "
    "of vectors/coinbase-exchange.",
    "`mexc-sdk` 0.0.1 (2022, \"the sole officially authorized of Mexc SDK\"): the wheel holds no module, "
    "only its metadata.",
    "No official Python SDK on PyPI found for Bitget (BitgetLimited/v3-bitget-api-sdk is not published "
    "there), HTX (HuobiRDCenter/huobi_Python likewise), Kraken (python-kraken-sdk and krakenex are "
    "community clients), Deribit, Gemini, Bitstamp or Crypto.com.",
]
