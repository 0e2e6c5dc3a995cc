#!/usr/bin/env bash
# Type-checks examples/library/LibraryAPI.swift, the library API users of the `SigConform` product
# rely on, against the modules `swift build` just built, as a client outside this package sees them
# (the compiler without -package-name: `package` declarations are invisible). A documented
# declaration narrowed too far fails here, in seconds.
#
#   swift build && scripts/check-public-api.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/built-modules.sh
swiftc -parse-as-library -typecheck -swift-version 6 -I "$BIN/Modules" "${C_MODULES[@]}" examples/library/LibraryAPI.swift
echo "public API: examples/library/LibraryAPI.swift type-checks against $BIN"
