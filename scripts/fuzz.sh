#!/usr/bin/env bash
# Builds the libFuzzer targets in Fuzz/ (AddressSanitizer + coverage) and runs each for SECONDS.
#
#   scripts/fuzz.sh [SECONDS] [TARGET...]     default: 60 seconds, every target
#   JOBS=2 scripts/fuzz.sh 600                two targets at a time
#
# Seeds are rebuilt from vectors/ each run (Fuzz/.seeds); what the fuzzer learns stays in
# Fuzz/corpus/<target> between runs; a crash is written to Fuzz/crashes/<target>-crash-<sha1>
# and makes the script exit 1. Logs: Fuzz/logs/<target>.log. See docs/fuzzing.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
FUZZ=$ROOT/Fuzz

SECONDS_PER_TARGET=${1:-60}
shift || true
ALL_TARGETS=(vector-json venue-json template har url percent timestamp check curl http signer-answer report-json)
TARGETS=("${@:-${ALL_TARGETS[@]}}")
JOBS=${JOBS:-1}

dictionary_for() {
    case "$1" in
        vector-json|venue-json|har|check|signer-answer|report-json) echo "$FUZZ/dictionaries/json.dict" ;;
        *) echo "$FUZZ/dictionaries/text.dict" ;;
    esac
}

echo "==> building Fuzz/ (release, -sanitize=fuzzer,address)"
# SwiftPM's --sanitize=fuzzer links libFuzzer but instruments only the executables; passing the
# flag to every compile instruments the main package's modules too, which is where coverage counts.
COVERAGE="-Xswiftc -sanitize=fuzzer,address"
# The main package's resolved dependencies, so the fuzz package resolves offline the same way.
if [ ! -f "$FUZZ/Package.resolved" ] && [ -f "$ROOT/Package.resolved" ]; then cp "$ROOT/Package.resolved" "$FUZZ/"; fi
(cd "$FUZZ" && swift build -c release --sanitize=fuzzer --sanitize=address $COVERAGE 2>&1 | grep -v "Cannot export local symbol" | tail -n 3)
BIN=$(cd "$FUZZ" && swift build -c release --sanitize=fuzzer --sanitize=address $COVERAGE --show-bin-path)

echo "==> seeds from vectors/"
rm -rf "$FUZZ/.seeds"
python3 "$FUZZ/make_seeds.py" "$FUZZ/.seeds"
mkdir -p "$FUZZ/corpus" "$FUZZ/crashes" "$FUZZ/logs"

# Let AddressSanitizer and libFuzzer report a crash, not Swift's own backtracer as well.
export SWIFT_BACKTRACE=enable=no
# The leak reports every one of which was read and is not sigconform's (scripts/lsan.supp says
# why for each); libFuzzer's leak check runs LeakSanitizer after inputs and at exit.
export LSAN_OPTIONS="suppressions=$ROOT/scripts/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

# Seconds one input may take before libFuzzer calls it a hang. The check target diagnoses a
# rejected request (thousands of HMACs on several threads), which a loaded machine slows down.
timeout_for() {
    case "$1" in
        check) echo 30 ;;
        *) echo 10 ;;
    esac
}

run_target() {
    local target=$1
    local log=$FUZZ/logs/$target.log
    mkdir -p "$FUZZ/corpus/$target" "$FUZZ/.seeds/$target"
    # -timeout: an input that takes this long is a denial of service and counts as a finding.
    # -rss_limit_mb: a hostile file must not need gigabytes either.
    "$BIN/fuzz-$target" "$FUZZ/corpus/$target" "$FUZZ/.seeds/$target" \
        -dict="$(dictionary_for "$target")" -max_total_time="$SECONDS_PER_TARGET" \
        -timeout="$(timeout_for "$target")" -rss_limit_mb=4096 -max_len=16384 -print_final_stats=1 \
        -artifact_prefix="$FUZZ/crashes/$target-" >"$log" 2>&1
}

status=0
running=0
declare -A pids=()
for target in "${TARGETS[@]}"; do
    echo "==> fuzz-$target for ${SECONDS_PER_TARGET}s (log: Fuzz/logs/$target.log)"
    run_target "$target" &
    pids[$target]=$!
    running=$((running + 1))
    if [ "$running" -ge "$JOBS" ]; then
        wait -n || true
        running=$((running - 1))
    fi
done
wait || true

echo
printf '%-12s %12s %10s %8s  %s\n' target executions exec/s corpus result
for target in "${TARGETS[@]}"; do
    log=$FUZZ/logs/$target.log
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    speed=$(grep -o 'stat::average_exec_per_sec: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
    corpus=$(find "$FUZZ/corpus/$target" -type f | wc -l)
    if grep -q -E '^(==[0-9]+==ERROR|SUMMARY: libFuzzer|Fatal error|.*invariant broken)' "$log"; then
        result="FOUND: $(grep -m1 -o "Test unit written to .*" "$log" || echo "see log")"
        status=1
    else
        result=ok
    fi
    printf '%-12s %12s %10s %8s  %s\n' "$target" "$runs" "$speed" "$corpus" "$result"
done
exit $status
