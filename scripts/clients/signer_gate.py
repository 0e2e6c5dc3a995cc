#!/usr/bin/env python3
"""The real-client gate: pinned ccxt and official SDKs pass `sigconform check --signer`.

Runs `sigconform check --signer` with each signer of examples/signers/ on the bundled vectors
and reads its JSON report. A vector the signer declines ({"error": ...}: its client has no
call for that request) is "not mapped". Every mapped vector must pass, except the client's own
documented faults listed in examples/signers/known-faults.json, each with its reason and source.

Fails (exit 1) when a mapped vector fails that the baseline does not list, when a listed
fault passes now (the entry is stale: remove it), when a signer maps fewer vectors than the
baseline's `minimumMapped` (a mapping broke and now declines), or when a signer crashed or
timed out. Exit 2 when sigconform could not run. Prints the pass rate per signer and venue.

Usage (through run.sh, which installs the pinned clients):
  scripts/clients/run.sh gate --sigconform .build/release/sigconform
"""
from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SIGNERS_DIR = ROOT / "examples" / "signers"
BASELINE = SIGNERS_DIR / "known-faults.json"
DECLINED = "the signer declined: "

# name -> (signer script and its arguments, venues it is asked about; empty: every venue).
# `sdk` answers each venue with the first official SDK sdk_signer.py lists for it; the others run
# the second SDK of a venue that has two.
SIGNERS = {
    "ccxt": (["ccxt_signer.py"], []),
    "sdk": (["sdk_signer.py"], ["binance-spot", "bybit-v5", "okx-v5", "gateio-v4", "kucoin", "kucoin-futures",
                                "binance-usdm", "binance-coinm", "bitmex"]),
    "binance-sdk": (["sdk_signer.py", "--sdk", "binance-sdk"], ["binance-spot"]),
    "kucoin-python": (["sdk_signer.py", "--sdk", "kucoin-python"], ["kucoin", "kucoin-futures"]),
}


def run_signer(sigconform: str, script: list, venues: list, reports: Path) -> dict:
    """sigconform's JSON report of one signer over the bundled vectors."""
    words = [sys.executable, str(SIGNERS_DIR / script[0]), *script[1:]]
    command = [sigconform, "check", "--signer", " ".join(shlex.quote(word) for word in words),
               "--format", "json", "--report-dir", str(reports), "--no-color",
               # Importing ccxt (and, in a child, ccxt's bitmart build) before the first answer
               # takes seconds on a busy CI machine; a signer that hangs still fails, later.
               "--signer-timeout", "60"]
    for venue in venues:
        command += ["--venue", venue]
    run = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    report = reports / "report.json"
    # Exit 1 (failures) and 2 (declined vectors count as errors) still write the report.
    if not report.is_file():
        sys.stderr.write(run.stdout[-4000:] + run.stderr[-4000:])
        raise SystemExit(f"signer_gate: sigconform wrote no report for {' '.join(script)} (exit {run.returncode})")
    return json.loads(report.read_text())


def outcome(vector: dict) -> str:
    """passed, failed, or declined (the signer's client has no call for it)."""
    if vector["status"] == "passed":
        return "passed"
    problems = vector.get("problems") or []
    if vector["status"] == "error" and problems and all(p.startswith(DECLINED) for p in problems):
        return "declined"
    return "failed"


def gate(name: str, report: dict, baseline: dict) -> tuple[list[str], list[str]]:
    """The table lines and the problems of one signer's run."""
    faults = {entry["id"]: entry for entry in baseline.get("faults", [])}
    counts: dict = defaultdict(lambda: defaultdict(int))
    problems, passed_faults = [], []
    kinds: dict = defaultdict(int)
    for vector in report["vectors"]:
        if vector.get("result") != "valid":
            continue
        venue, seen = vector["venue"], outcome(vector)
        counts[venue][seen] += 1
        if seen == "failed":
            if vector["id"] in faults:
                counts[venue]["known"] += 1
                kinds[faults[vector["id"]].get("kind", "client")] += 1
            else:
                reason = "; ".join(vector.get("problems") or []) or vector["status"]
                problems.append(f"{name}: {vector['id']} fails: {reason[:600]}")
        elif seen == "passed" and vector["id"] in faults:
            passed_faults.append(vector["id"])
    for vector_id in passed_faults:
        problems.append(f"{name}: {vector_id} passes now; remove it from {BASELINE.relative_to(ROOT)}")
    lines = [f"{name}: venue                 mapped  passed  known faults  declined  pass rate",
             "-" * 80]
    total = defaultdict(int)
    for venue in sorted(counts):
        row = counts[venue]
        mapped = row["passed"] + row["failed"]
        for key in ("passed", "failed", "known", "declined"):
            total[key] += row[key]
        rate = f"{100 * row['passed'] / mapped:5.1f} %" if mapped else "    —"
        lines.append(f"{name}: {venue:<21} {mapped:>6}  {row['passed']:>6}  {row['known']:>12}  {row['declined']:>8}  {rate}")
    mapped = total["passed"] + total["failed"]
    rate = f"{100 * total['passed'] / mapped:.1f} %" if mapped else "—"
    lines.append(f"{name}: all venues: {total['passed']} of {mapped} mapped valid vectors pass ({rate}); "
                 f"{total['known']} known faults ({kinds['client']} the client's, {kinds['judge']} the judge's); "
                 f"{total['declined']} not mapped")
    minimum = baseline.get("minimumMapped", 1)
    if mapped < minimum:
        problems.append(f"{name}: maps {mapped} vectors, the baseline expects at least {minimum}: a mapping now declines "
                        "(see the 'signer declined' reasons in the report)")
    return lines, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sigconform", default=str(ROOT / ".build" / "release" / "sigconform"), help="the sigconform binary")
    parser.add_argument("--signer", action="append", choices=sorted(SIGNERS), help="only this signer (repeatable)")
    parser.add_argument("--keep-reports", metavar="DIR", help="keep each signer's report.json under DIR/<signer>/")
    args = parser.parse_args()
    if not os.access(args.sigconform, os.X_OK):
        print(f"error: no sigconform binary at {args.sigconform} (swift build first, or --sigconform PATH)", file=sys.stderr)
        return 2
    baselines = json.loads(BASELINE.read_text())["signers"]
    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="sigconform-signer-gate-") as scratch:
        for name in args.signer or sorted(SIGNERS):
            script, venues = SIGNERS[name]
            folder = Path(args.keep_reports or scratch) / name
            report = run_signer(args.sigconform, script, venues, folder)
            lines, found = gate(name, report, baselines.get(name, {}))
            print("\n".join(lines) + "\n")
            problems += found
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if problems:
        return 1
    print("every mapped valid vector passes, apart from the documented faults in "
          f"{BASELINE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
