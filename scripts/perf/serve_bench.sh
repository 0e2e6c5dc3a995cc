#!/usr/bin/env bash
# Signed requests per second through `sigconform serve` on one core (docs/performance.md).
#
#     scripts/perf/serve_bench.sh [SIGCONFORM_BINARY] [SECONDS]
#
# Starts a release `serve` for binance-spot with one event loop and one verification thread,
# pinned to CPU 0, and drives it from wrk (Debian's package) pinned to CPU 1 with 16 keep-alive
# connections. Every request is a signed GET /api/v3/account that the server verifies in full
# (key lookup, the HMAC on both backends, the clock against recvWindow=60000), so a run must
# stay under a minute after signing. A second run sends a request signed over the parameters in
# another order, which the server rejects and diagnoses (unsorted_params) every time.
# Loopback only; the server stops by itself (--for) even if wrk fails.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
binary="${1:-.build/release/sigconform}"
seconds="${2:-10}"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk" >&2; exit 2; }
[ -x "$binary" ] || { echo "no binary at $binary: swift build -c release --product sigconform" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
key="sc-bench-binance-key-0001"
secret="sc-bench-binance-secret-do-not-use"
printf '{"binance-spot": [{"apiKey": "%s", "secret": "%s"}]}' "$key" "$secret" > "$work/keys.json"

run() {  # $1: label, $2: the query the client signs, $3: the query it sends
    taskset -c 0 "$binary" serve --venue binance-spot --credentials "$work/keys.json" --threads 1 --quiet --no-reports \
        --for $((seconds + 20)) --ready-file "$work/ready.json" > "$work/serve.log" 2>&1 &
    local server=$!
    for _ in $(seq 200); do [ -s "$work/ready.json" ] && break; sleep 0.05; done
    local url
    url="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["binance-spot"])' "$work/ready.json")"
    local signature
    signature="$(printf '%s' "$2" | openssl dgst -sha256 -hmac "$secret" -r | cut -d' ' -f1)"
    echo "== $1"
    taskset -c 1 wrk -t1 -c16 -d"${seconds}s" -H "X-MBX-APIKEY: $key" "$url/api/v3/account?$3&signature=$signature" > "$work/wrk.txt"
    grep -E "Requests/sec|Latency|requests in|Non-2xx" "$work/wrk.txt"
    # The server's own CPU time: on a shared machine, requests per CPU-second is the steadier number.
    local ticks requests
    ticks="$(awk '{print $14 + $15}' "/proc/$server/stat")"
    requests="$(awk '/requests in/ {print $1}' "$work/wrk.txt")"
    python3 -c 'import sys; t = int(sys.argv[1]) / int(sys.argv[3]); print(f"  server CPU {t:.2f} s: {int(sys.argv[2]) / t:,.0f} requests per CPU-second")' \
        "$ticks" "$requests" "$(getconf CLK_TCK)"
    kill -INT "$server"
    wait "$server" || true
    rm -f "$work/ready.json"
}

now=$(($(date +%s%N) / 1000000))
run "accepted (HTTP 200): verified on both backends" "timestamp=$now&recvWindow=60000" "timestamp=$now&recvWindow=60000"
now=$(($(date +%s%N) / 1000000))
run "rejected (HTTP 400, -1022): verified and diagnosed" "recvWindow=60000&timestamp=$now" "timestamp=$now&recvWindow=60000"
