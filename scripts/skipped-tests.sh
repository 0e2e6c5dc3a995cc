#!/usr/bin/env bash
# Reads the output of `swift test` (a file, or standard input) and prints how many tests were
# skipped and why, one line each. A test whose tool is missing (Chromium, xmllint, Python's
# jsonschema) skips rather than fails; this puts those skips where they are seen, at the end.
set -euo pipefail
skipped=$(grep -E '^[^ ]+ Test .* skipped' "${1:-/dev/stdin}" | sed -E 's/^[^ ]+ Test //' || true)
if [ -z "$skipped" ]; then
    echo "skipped: 0 tests"
    exit 0
fi
count=$(printf '%s\n' "$skipped" | wc -l | tr -d ' ')
if [ "$count" -eq 1 ]; then echo "skipped: 1 test"; else echo "skipped: $count tests"; fi
printf '%s\n' "$skipped" | sed 's/^/  /'
