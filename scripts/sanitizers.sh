#!/usr/bin/env bash
# Runs the test suite under AddressSanitizer and ThreadSanitizer, and `sigconform selftest`
# under valgrind (falling back to LeakSanitizer where valgrind is missing), timing each step.
#
#   scripts/sanitizers.sh [asan] [tsan] [leaks]     default: all three
#
# Each sanitizer builds into its own scratch folder (.build-asan, .build-tsan) so the normal
# .build is never rebuilt with other flags. Exit status: non-zero when any step fails.
# See docs/fuzzing.md for the measured times and what each step covers.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

STEPS=("${@:-asan tsan leaks}")
STEPS=(${STEPS[*]})
status=0
declare -a summary=()

timed() {
    local name=$1
    shift
    local start=$SECONDS
    echo "==> $name: $*"
    if "$@"; then result=ok; else result=FAILED; status=1; fi
    summary+=("$(printf '%-8s %-7s %5ds' "$name" "$result" $((SECONDS - start)))")
}

# Swift's own crash backtracer and the sanitizers both want the fatal signal; let the sanitizer
# report it. halt_on_error makes the first finding fail the run instead of scrolling past.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=0}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/scripts/lsan.supp:print_suppressions=0}
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

for step in "${STEPS[@]}"; do
    case "$step" in
        asan) timed asan swift test --sanitize=address --scratch-path .build-asan ;;
        tsan)
            # The whole suite under TSan takes too long on two cores (the bundled corpus alone is
            # minutes natively); TSAN_FILTER picks the suites with threads in them, and a TSan
            # build of the CLI checks three venues, whose invalid vectors run the diagnoser's
            # concurrent timestamp search. TSAN_FILTER= (empty) runs everything.
            timed tsan swift test --sanitize=thread --scratch-path .build-tsan \
                ${TSAN_FILTER-"--filter" "OpenSSLContextTests|MACContractTests|BackendDivergenceTests|TimeFieldTests|ReportWriterSafetyTests"}
            swift build --sanitize=thread --scratch-path .build-tsan --product sigconform >/dev/null || status=1
            timed tsan-cli "$(swift build --sanitize=thread --scratch-path .build-tsan --show-bin-path)/sigconform" \
                check vectors/okx-v5 vectors/binance-spot vectors/kraken-spot --no-reports --no-color
            ;;
        leaks)
            if command -v valgrind >/dev/null 2>&1; then
                swift build --product sigconform >/dev/null || status=1
                # Definite and indirect leaks fail the run; the Swift runtime's metadata caches are
                # "still reachable", and its lazy metadata initialisation reads words valgrind thinks
                # uninitialised (swift_initStructMetadata), hence --undef-value-errors=no.
                # valgrind 3.19 (Debian 12) gives up on the DWARF 5 forms clang writes for the SwiftNIO
                # C modules linked in since `serve`; a copy without debug info finds the same leaks,
                # only without file:line in a report.
                undebugged=$(mktemp /tmp/sigconform-valgrind.XXXXXX)
                objcopy --strip-debug "$(swift build --show-bin-path)/sigconform" "$undebugged" || status=1
                timed leaks valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
                    --undef-value-errors=no \
                    --error-exitcode=3 "$undebugged" selftest
                rm -f "$undebugged"
            else
                echo "valgrind not installed (apt-get install valgrind): using LeakSanitizer in the ASan build"
                swift build --sanitize=address --scratch-path .build-asan --product sigconform >/dev/null || status=1
                timed leaks "$(swift build --sanitize=address --scratch-path .build-asan --show-bin-path)/sigconform" selftest
            fi
            ;;
        *) echo "unknown step $step (asan, tsan, leaks)" >&2; exit 64 ;;
    esac
done

echo
printf '%s\n' "${summary[@]}"
exit $status
