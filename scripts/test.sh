#!/usr/bin/env bash
# `swift test` (arguments are passed on), then the tests it skipped and why: a missing test tool
# (README.md, "Test tools") skips its tests instead of failing them, and says so at the end.
# Exits with the status of `swift test`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift test "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
echo
scripts/skipped-tests.sh "$log"
exit "$status"
