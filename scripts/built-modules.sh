# Sourced by the scripts that type-check code outside the package (the fuzz harness, the public API
# example) against the modules `swift build` just built: sets BIN, the debug build's folder, and
# C_MODULES, the module maps of the C modules the package's modules import, as SwiftPM passes them.
BIN=$(swift build --show-bin-path)
if [ ! -d "$BIN/Modules" ]; then
    echo "error: $BIN/Modules is missing: run swift build first" >&2
    exit 1
fi
C_MODULES=()
for map in "$PWD"/Sources/*/module.modulemap "$BIN"/*.build/module.modulemap; do
    [ -f "$map" ] && C_MODULES+=(-Xcc "-fmodule-map-file=$map")
done
