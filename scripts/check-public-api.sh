#!/usr/bin/env bash
# Type-checks examples/library/LibraryAPI.swift, the library API users of the `SigConform` product
# rely on, against the modules `swift build` just built, as a client outside this package sees them
# (swiftc without -package-name: `package` declarations are invisible). A documented declaration
# narrowed too far fails here, in seconds.
#
#   swift build && scripts/check-public-api.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
BIN=$(swift build --show-bin-path)
if [ ! -d "$BIN/Modules" ]; then
    echo "error: $BIN/Modules is missing: run swift build first" >&2
    exit 1
fi
# The C module maps the main package's modules import, as SwiftPM passes them.
C_MODULES=()
for map in "$PWD"/Sources/*/module.modulemap "$BIN"/*.build/module.modulemap; do
    [ -f "$map" ] && C_MODULES+=(-Xcc "-fmodule-map-file=$map")
done
swiftc -parse-as-library -typecheck -swift-version 6 -I "$BIN/Modules" "${C_MODULES[@]}" examples/library/LibraryAPI.swift
echo "public API: examples/library/LibraryAPI.swift type-checks against $BIN"
