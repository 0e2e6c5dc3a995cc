#!/usr/bin/env bash
# Regenerates every bundled vector file from the reference scripts in this folder and fails when
# the result differs from what is committed (a changed, missing or new file under vectors/ or
# examples/requests/sequences/).
# Each script re-verifies its vectors from their wire requests before it writes them, so this
# also fails when a reference rule and the vectors it wrote no longer agree.
# Usage: scripts/reference/regenerate.sh [--write]   (--write: keep the regenerated files, no check)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

check=yes
case "${1:-}" in
    --write) check=no ;;
    "") ;;
    *) echo "usage: $0 [--write]" >&2; exit 2 ;;
esac

# The scripts are the files that run as programs; engine.py and the shared rule modules do not.
mapfile -t scripts < <(grep -l '^if __name__ == "__main__":' scripts/reference/*.py | sort)
if [ "${#scripts[@]}" -eq 0 ]; then
    echo "error: no reference scripts found in scripts/reference" >&2
    exit 2
fi
for script in "${scripts[@]}"; do
    PYTHONDONTWRITEBYTECODE=1 python3 "$script" >/dev/null
done
echo "${#scripts[@]} reference scripts ran"

if [ "$check" = yes ]; then
    # vectors/, and the request sequences (scripts/reference/sequences.py) that diagnose reads.
    untracked=$(git ls-files --others --exclude-standard vectors/ examples/requests/sequences/)
    if ! git diff --exit-code --stat vectors/ examples/requests/sequences/ || [ -n "$untracked" ]; then
        [ -z "$untracked" ] || printf 'new files:\n%s\n' "$untracked"
        echo "error: the reference scripts no longer reproduce the committed vectors (see the diff above;" >&2
        echo "       'git diff vectors/' shows it in full, 'git checkout vectors/' restores the committed files)" >&2
        exit 1
    fi
    echo "vectors/ unchanged: every committed vector is reproduced"
fi
