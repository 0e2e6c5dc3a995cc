#!/usr/bin/env python3
"""ccxt as the client under test: `sigconform check --signer "python3 examples/signers/ccxt_signer.py"`.

Every request sigconform asks for (JSON Lines, docs/signer.md) is mapped onto ccxt's own
`sign(path, api, method, params)` for that exchange (ccxt_requests.py), with ccxt's clock and
nonce set to the request's and the line's test credentials. The answer is the request exactly
as ccxt would send it: its own parameter order, its own client order id, its recvWindow, its
form or JSON body, its headers. Nothing is sent anywhere: `sign()` makes no request and no
market is loaded. Bitmart goes to ccxt's separate bitmart build in a child process
(ccxt_bitmart.py). A request ccxt has no call for is answered {"id": ..., "error": "why"}.

Install the pinned versions first: pip install -r examples/signers/requirements.txt
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import ccxt_requests
from signer_support import CannotSign, run


class BitmartChild:
    """ccxt's bitmart build in its own process (it replaces the module `ccxt`), started on the
    first bitmart line and fed one line at a time."""

    def __init__(self):
        self.process = None

    def sign(self, asked: dict) -> dict:
        if self.process is None:
            self.process = subprocess.Popen([sys.executable, str(Path(__file__).with_name("ccxt_bitmart.py"))],
                                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.process.stdin.write(json.dumps(asked) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            self.process = None
            raise CannotSign("ccxt's bitmart build (PyPI package bitmart) ended without answering; is it installed?")
        answered = json.loads(line)
        if "error" in answered:
            raise CannotSign(answered["error"])
        return answered["request"]


bitmart = BitmartChild()


def sign(asked: dict) -> dict:
    if asked["venue"] == "bitmart":
        return bitmart.sign(asked)
    return ccxt_requests.sign(asked["venue"], asked)


if __name__ == "__main__":
    raise SystemExit(run(sign))
