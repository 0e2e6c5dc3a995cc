#!/usr/bin/env bash
# Type-checks the fuzz package (Fuzz/) against the modules `swift build` just built, without the
# instrumented release build scripts/fuzz.sh does (minutes): an API change in the main package
# that breaks the harness fails here, in seconds, instead of at the next fuzz run.
#
#   swift build && scripts/check-fuzz-harness.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/built-modules.sh
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
COMMON=(-swift-version 6 -I "$BIN/Modules" -I "$WORK" "${C_MODULES[@]}" $(pkg-config --cflags-only-I libcrypto 2>/dev/null | sed 's/-I/-Xcc -I/g'))
swiftc -parse-as-library -emit-module -module-name FuzzTargets -emit-module-path "$WORK/FuzzTargets.swiftmodule" \
    "${COMMON[@]}" Fuzz/Sources/FuzzTargets/*.swift
count=0
for target in Fuzz/Sources/fuzz-*/; do
    swiftc -parse-as-library -typecheck "${COMMON[@]}" "$target"*.swift
    count=$((count + 1))
done
echo "fuzz harness: FuzzTargets and $count targets type-check against $BIN"
