#!/usr/bin/env python3
"""`sigconform check` against the Python peer, in the same run (issue 20; docs/performance.md).

Generates a corpus of the five venues the peer knows (scripts/perf/generate_corpus.py), then runs,
round after round in turn, each of

  peer        scripts/perf/python_peer.py CORPUS
  no-reports  sigconform check CORPUS --no-reports
  reports     sigconform check CORPUS --report-dir DIR      (all five reports)
  (more with --extra NAME='ARGS': sigconform check CORPUS ARGS)

and takes each command's CPU time (user + system of the finished child, from wait4) and peak
RSS. Each round's ratio to the peer is taken within the round; the medians of those ratios are
printed, with the CPU time per vector and vectors per CPU-second as context. Ratios are what
to quote: the machine may be shared.

With --before PATH, the same two cases of another build run in the same rounds (before/after
ratios are then before/peer against after/peer, round by round).

usage: scripts/perf/check_vs_peer.py [--binary PATH] [--before PATH] [--vectors N] [--rounds R] [--no-reports-only] [--extra NAME='ARGS']...
"""
import argparse
import os
import pathlib
import shlex
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
VENUES = "binance-spot,okx-v5,bybit-v5,gateio-v4,kraken-spot"


def run(command):
    """CPU seconds (user + system) and peak RSS in MiB of one run of `command`; fails loudly."""
    with open(os.devnull, "wb") as null:
        process = subprocess.Popen(command, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(process.pid, 0)
        error = process.stderr.read().decode(errors="replace")
        process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{shlex.join(command)} exited with {code}:\n{error[-2000:]}")
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", default=str(ROOT / ".build/release/sigconform"))
    parser.add_argument("--vectors", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", help="use this corpus instead of generating one")
    parser.add_argument("--extra", action="append", default=[], help="NAME='check arguments' (another case)")
    parser.add_argument("--before", help="another sigconform build (e.g. main's): its two cases run in the same rounds, "
                                         "so before/after ratios are paired like the peer's")
    parser.add_argument("--no-reports-only", action="store_true", help="leave out the cases with all five reports")
    arguments = parser.parse_args()
    work = tempfile.mkdtemp(prefix="sigconform-perf-")
    corpus = arguments.corpus or os.path.join(work, "corpus.jsonl")
    if not arguments.corpus:
        subprocess.run([sys.executable, str(ROOT / "scripts/perf/generate_corpus.py"), str(arguments.vectors), corpus,
                        "--venues", VENUES], check=True)
    vectors = sum(1 for line in open(corpus, "rb") if line.strip())
    cases = {
        "peer": [sys.executable, str(ROOT / "scripts/perf/python_peer.py"), corpus],
        "no-reports": [arguments.binary, "check", corpus, "--no-reports"],
        "reports": [arguments.binary, "check", corpus, "--report-dir", os.path.join(work, "reports")],
    }
    if arguments.before:
        cases["before-no-reports"] = [arguments.before, "check", corpus, "--no-reports"]
        cases["before-reports"] = [arguments.before, "check", corpus, "--report-dir", os.path.join(work, "reports-before")]
    if arguments.no_reports_only:
        cases = {name: command for name, command in cases.items() if not name.endswith("reports") or name.endswith("no-reports")}
    for extra in arguments.extra:
        name, _, args = extra.partition("=")
        cases[name] = [arguments.binary, "check", corpus] + shlex.split(args)
    times = {name: [] for name in cases}
    peaks = {name: [] for name in cases}
    for round_index in range(arguments.rounds + 1):  # the first round warms the caches and is not counted
        order = list(cases) if round_index % 2 == 0 else list(reversed(cases))
        for name in order:
            cpu, peak = run(cases[name])
            if round_index > 0:
                times[name].append(cpu)
                peaks[name].append(peak)
    print(f"{vectors:,} vectors ({VENUES}), {arguments.rounds} rounds, medians; CPU time = user + system")
    print(f"{'case':<12} {'× peer':>8} {'(min–max)':>14} {'µs/vector':>10} {'vectors/CPU-s':>14} {'peak MiB':>9}")
    for name in cases:
        ratios = [a / b for a, b in zip(times[name], times["peer"])]
        cpu = statistics.median(times[name])
        print(f"{name:<12} {statistics.median(ratios):>8.2f} {min(ratios):>6.2f}–{max(ratios):<6.2f} "
              f"{cpu / vectors * 1e6:>10.1f} {vectors / cpu:>14,.0f} {statistics.median(peaks[name]):>9.0f}")
    subprocess.run(["rm", "-rf", work])


if __name__ == "__main__":
    main()
