#!/usr/bin/env bash
# Installs the pinned real clients (requirements.txt) into a virtual environment under .build/
# and runs the client matrix. Arguments go to matrix.py: --write (regenerate docs/clients.md)
# or --check (fail when docs/clients.md is not what the clients produce today; CI runs this).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.build/clients-venv"
requirements="$root/scripts/clients/requirements.txt"
stamp="$venv/.requirements"
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
if ! cmp -s "$requirements" "$stamp"; then
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    cp "$requirements" "$stamp"
fi
exec "$venv/bin/python" "$root/scripts/clients/matrix.py" "$@"
