#!/usr/bin/env bash
# Type-checks the fuzz package (Fuzz/) against the modules `swift build` just built, without the
# instrumented release build scripts/fuzz.sh does (minutes): an API change in the main package
# that breaks the harness fails here, in seconds, instead of at the next fuzz run.
#
#   swift build && scripts/check-fuzz-harness.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=$(swift build --show-bin-path)
if [ ! -d "$BIN/Modules" ]; then
    echo "error: $BIN/Modules is missing: run swift build first" >&2
    exit 1
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# The C modules the main package's modules import (their module maps), as SwiftPM passes them.
C_MODULES=()
for map in "$PWD"/Sources/*/module.modulemap "$BIN"/*.build/module.modulemap; do
    [ -f "$map" ] && C_MODULES+=(-Xcc "-fmodule-map-file=$map")
done
COMMON=(-swift-version 6 -I "$BIN/Modules" -I "$WORK" "${C_MODULES[@]}" $(pkg-config --cflags-only-I libcrypto 2>/dev/null | sed 's/-I/-Xcc -I/g'))
swiftc -parse-as-library -emit-module -module-name FuzzTargets -emit-module-path "$WORK/FuzzTargets.swiftmodule" \
    "${COMMON[@]}" Fuzz/Sources/FuzzTargets/*.swift
count=0
for target in Fuzz/Sources/fuzz-*/; do
    swiftc -parse-as-library -typecheck "${COMMON[@]}" "$target"*.swift
    count=$((count + 1))
done
echo "fuzz harness: FuzzTargets and $count targets type-check against $BIN"
