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
export TSAN_OPTIONS=${TSAN_OPTIONS:-halt_on_error=1:second_deadlock_stack=1}

for step in "${STEPS[@]}"; do
    case "$step" in
        asan) timed asan swift test --sanitize=address --scratch-path .build-asan ;;
        tsan) timed tsan swift test --sanitize=thread --scratch-path .build-tsan ;;
        leaks)
            if command -v valgrind >/dev/null 2>&1; then
                swift build --product sigconform >/dev/null || status=1
                # definite leaks fail the run; the Swift runtime's metadata caches are "still reachable".
                timed leaks valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
                    --error-exitcode=3 "$(swift build --show-bin-path)/sigconform" selftest
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
