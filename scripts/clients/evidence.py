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
    ("kucoin", "ccxt"): (
        "**The vectors are right for `get-query-literal-plus`.** ccxt's kucoin `sign()` puts "
        "`rawencode(query)` (values NOT percent-encoded) into the URL itself, so a value with a "
        "literal `+` travels as a raw `+`, which the server's form decoding reads as a space, while "
        "ccxt signed the `+`. The vector sends `%2B` and signs the decoded `+` (docs/venues.md, "
        "kucoin notes). Every other row agrees or is accepted as sent."
    ),
}
