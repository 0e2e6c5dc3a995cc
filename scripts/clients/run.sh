#!/usr/bin/env bash
# Installs the pinned real clients into a virtual environment under .build/ and runs
#   run.sh [matrix] --write | --check ...   the client matrix (matrix.py; --check: fail when
#                                           docs/clients.md is not what the clients produce today)
#   run.sh gate --sigconform BIN ...        the signer gate (signer_gate.py: ccxt and the official
#                                           SDKs pass `check --signer` but for known-faults.json)
# examples/signers/requirements.txt includes every pin (requirements.txt, requirements-serve.txt).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.build/clients-venv"
requirements="$root/examples/signers/requirements.txt"
stamp="$venv/.requirements"
script="matrix.py"
case "${1:-}" in
    matrix) shift ;;
    gate) script="signer_gate.py"; shift ;;
esac
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
pins="$(cat "$requirements" "$root/scripts/clients/requirements.txt" "$root/scripts/clients/requirements-serve.txt")"
if [ "$pins" != "$(cat "$stamp" 2>/dev/null)" ]; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    printf '%s' "$pins" > "$stamp"
fi
exec "$venv/bin/python" "$root/scripts/clients/$script" "$@"
