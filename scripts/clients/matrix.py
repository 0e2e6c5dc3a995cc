#!/usr/bin/env python3
"""The client matrix: real clients sign every bundled valid vector, and we compare.

For each venue with an adapter and each valid vector with a signature, the client (ccxt or an
official SDK, pinned in requirements.txt) signs the same request through its own `sign()`, with the
vector's credentials and its clock and nonce pinned to the vector's. Then:

* the client built the same signed content (what the venue's recipe reads: method, path,
  query, body, signed headers, timestamp, nonce, key) -> its signature must equal the
  vector's: `agrees`, else `DISAGREES` (the vector or the client is wrong; evidence.py says
  which);
* the client built other bytes (its own parameter order, encoding, JSON, nonce form) -> the
  request it would really send is checked by sigconform (`--sigconform BIN`): `own request
  accepted`, or `OWN REQUEST REJECTED` with sigconform's diagnosis (sigconform or the client
  is wrong; evidence.py says which);
* the client has no call that produces it -> `not producible`, with the reason.

Usage (through run.sh, which installs the pinned clients):
  scripts/clients/run.sh --sigconform .build/debug/sigconform --write   # regenerate docs/clients.md
  scripts/clients/run.sh --sigconform .build/debug/sigconform --check   # CI: fail when stale
Exit status: 0 ok, 1 docs/clients.md is stale or a disagreement has no recorded evidence,
2 unusable input.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
# The mapping of a vector onto ccxt's sign() is shared with the ccxt signer (examples/signers/).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "examples" / "signers"))

import ccxt_bitmart  # noqa: E402
import ccxt_requests  # noqa: E402
import sdk_signer  # noqa: E402
from evidence import EVIDENCE, NOT_RUN  # noqa: E402
from recipe_view import RecipeView  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT / "vectors"
DOC = ROOT / "docs" / "clients.md"

# ccxt, then every official SDK examples/signers/sdk_signer.py drives (by PyPI name).
CLIENTS = {"ccxt": ccxt_requests, "ccxt-bitmart": ccxt_bitmart, **sdk_signer.matrix_clients()}


def merged(defaults: dict, vector: dict) -> dict:
    result = dict(defaults)
    for key, value in vector.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = dict(result[key], **value)
        else:
            result[key] = value
    return result


def load_venues() -> dict:
    venues = {}
    for folder in sorted(VECTORS.iterdir()):
        recipe = folder / "venue.json"
        if not recipe.is_file():
            continue
        venue = json.loads(recipe.read_text())
        vectors = []
        for path in sorted(folder.glob("*.json")):
            if path.name == "venue.json":
                continue
            data = json.loads(path.read_text())
            defaults = data.get("defaults") or {}
            for vector in data["vectors"]:
                full = merged(defaults, vector)
                if full["result"] == "valid" and (full.get("expect") or {}).get("signature"):
                    full["file"] = path.name
                    vectors.append(full)
        venues[folder.name] = (venue, vectors)
    return venues


def differences(ours: dict, theirs: dict) -> list[str]:
    return [key for key in ours if ours[key] != theirs.get(key)]


def compare(venue_id: str, venue: dict, vector: dict, client) -> dict:
    view = RecipeView(venue)
    try:
        produced = client.sign(venue_id, vector)
    except client.NotProducible as reason:
        return {"outcome": "not producible", "why": str(reason)}
    differ = differences(view.signed_view(vector["request"]), view.signed_view(produced))
    signature = view.signature(produced)
    if not differ:
        expected = vector["expect"]["signature"]
        same = signature == expected or (view.encoding.startswith("hex") and (signature or "").lower() == expected.lower())
        return {"outcome": "agrees" if same else "DISAGREES", "produced": produced, "signature": signature}
    return {"outcome": "other bytes", "differ": differ, "produced": produced, "signature": signature}


def judge(sigconform: str, pending: list) -> dict:
    """sigconform's verdict on each client's own request: {line id: None (accepted) | diagnosis}."""
    if not pending:
        return {}
    with tempfile.TemporaryDirectory() as scratch:
        corpus = Path(scratch) / "clients.jsonl"
        with corpus.open("w") as out:
            for line_id, venue_id, vector, outcome in pending:
                request = dict(outcome["produced"])
                if venue_id not in ("htx", "bitstamp-v2"):
                    request.pop("host", None)
                line = {"id": line_id, "venue": venue_id, "credentials": vector.get("credentials") or {},
                        "request": request, "result": "valid", "expect": {"signature": outcome["signature"] or ""}}
                for member in ("time", "keyOptions"):
                    if member in vector:
                        line[member] = vector[member]
                out.write(json.dumps(line) + "\n")
        reports = Path(scratch) / "reports"
        run = subprocess.run([sigconform, "check", str(corpus), "--format", "json", "--report-dir", str(reports),
                              "--no-color"], capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.stderr.write(run.stdout + run.stderr)
            raise SystemExit(2)
        report = json.loads((reports / "report.json").read_text())
    verdicts = {}
    for result in report["vectors"]:
        if result["status"] == "passed":
            verdicts[result["vectorId"]] = None
        else:
            classes = (result.get("diagnosis") or {}).get("classes") or []
            kinds = [finding["kind"] for finding in result.get("findings") or []]
            verdicts[result["vectorId"]] = ", ".join(classes or kinds) or result["status"]
    return verdicts


def run(sigconform: str) -> dict:
    venues = load_venues()
    table: dict = {}
    pending = []
    for venue_id, (venue, vectors) in venues.items():
        for client_name, client in CLIENTS.items():
            if venue_id not in client.ADAPTERS:
                continue
            if hasattr(client, "prepare"):
                client.prepare(venue_id, vectors)
            rows = []
            for vector in vectors:
                outcome = compare(venue_id, venue, vector, client)
                outcome["id"] = vector["id"]
                if outcome["outcome"] == "other bytes":
                    line_id = f"{vector['id']}--{client_name}"
                    outcome["line"] = line_id
                    pending.append((line_id, venue_id, vector, outcome))
                rows.append(outcome)
            table[(venue_id, client_name)] = rows
    verdicts = judge(sigconform, pending)
    for rows in table.values():
        for row in rows:
            if row["outcome"] == "other bytes":
                verdict = verdicts.get(row["line"], "not checked")
                row["outcome"] = "own request accepted" if verdict is None else "OWN REQUEST REJECTED"
                row["verdict"] = verdict
    return {"venues": venues, "table": table}


def render(result: dict) -> str:
    venues, table = result["venues"], result["table"]
    lines = [
        "# Real clients against the bundled vectors",
        "",
        "<!-- Generated by scripts/clients/run.sh --write; .ci/run checks it with --check. Do not edit. -->",
        "",
        "Every bundled valid vector with a signature is signed again by real clients from PyPI, ccxt and",
        "the venues' official SDKs (versions pinned in `scripts/clients/requirements.txt` and",
        "`requirements-serve.txt`), through the client's own signing code (ccxt's `sign()`; an SDK's",
        "request path up to its HTTP transport, which captures the request instead of sending it:",
        "`examples/signers/sdk_signer.py`), with the vector's test credentials and its clock and nonce",
        "pinned to the vector's; no network.",
        "",
        "- **agrees**: the client built the same signed content (what the venue's recipe reads) and",
        "  the same signature.",
        "- **DISAGREES**: same signed content, another signature: the vector or the client is wrong;",
        "  the evidence below says which.",
        "- **own request accepted**: the client sends other bytes for the same call (its own parameter",
        "  order, encoding, JSON or nonce form); sigconform checked that request and accepts it.",
        "- **OWN REQUEST REJECTED**: sigconform rejects the request the client really sends (its",
        "  diagnosis given): sigconform or the client is wrong; the evidence says which.",
        "- **not producible**: the client has no call that sends this request (reason given).",
        "",
        "Clients: " + ", ".join(f"`{name}` {client.VERSION}" for name, client in CLIENTS.items()) + ".",
        "",
        "Official SDKs not run here, and why:",
        "",
        *[f"- {line}" for line in NOT_RUN],
        "",
        "| venue | client | vectors | agrees | DISAGREES | own request accepted | OWN REQUEST REJECTED | not producible |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    outcomes = ["agrees", "DISAGREES", "own request accepted", "OWN REQUEST REJECTED", "not producible"]
    for venue_id in venues:
        clients = [name for (v, name) in table if v == venue_id]
        if not clients:
            lines.append(f"| {venue_id} | — | {len(venues[venue_id][1])} | | | | | no client adapter yet |")
            continue
        for name in clients:
            rows = table[(venue_id, name)]
            counts = [sum(1 for row in rows if row["outcome"] == outcome) for outcome in outcomes]
            lines.append(f"| {venue_id} | {name} | {len(rows)} | " + " | ".join(str(c) for c in counts) + " |")
    for (venue_id, name), rows in table.items():
        lines += ["", f"## {venue_id} × {name}", ""]
        note = EVIDENCE.get((venue_id, name))
        if note:
            lines += [note, ""]
        odd = [row for row in rows if row["outcome"] != "agrees"]
        if not odd:
            lines.append(f"All {len(rows)} vectors agree.")
            continue
        lines += ["| vector | outcome | detail |", "|---|---|---|"]
        for row in odd:
            if row["outcome"] == "not producible":
                detail = row["why"]
            elif row["outcome"] in ("own request accepted", "OWN REQUEST REJECTED"):
                detail = "client differs in " + ", ".join(row["differ"])
                if row.get("verdict"):
                    detail += f"; sigconform: {row['verdict']}"
            else:
                detail = "same signed content, signature differs"
            lines.append(f"| `{row['id']}` | {row['outcome']} | {detail} |")
    return "\n".join(lines) + "\n"


def unexplained(result: dict) -> list[str]:
    """Disagreements and rejections on a venue whose evidence note is missing."""
    missing = []
    for (venue_id, name), rows in result["table"].items():
        bad = [row for row in rows if row["outcome"] in ("DISAGREES", "OWN REQUEST REJECTED")]
        if bad and (venue_id, name) not in EVIDENCE:
            missing.append(f"{venue_id} × {name}: {len(bad)} disagreements without recorded evidence")
    return missing


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sigconform", default=str(ROOT / ".build" / "debug" / "sigconform"),
                        help="the sigconform binary that judges a client's own request")
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true", help="regenerate docs/clients.md")
    mode.add_argument("--check", action="store_true", help="fail when docs/clients.md is stale")
    mode.add_argument("--print", action="store_true", help="print the matrix")
    args = parser.parse_args()
    if not os.access(args.sigconform, os.X_OK):
        print(f"error: no sigconform binary at {args.sigconform} (swift build first, or --sigconform PATH)", file=sys.stderr)
        return 2
    result = run(args.sigconform)
    text = render(result)
    problems = unexplained(result)
    if args.print:
        sys.stdout.write(text)
    elif args.write:
        DOC.write_text(text)
        print(f"wrote {DOC.relative_to(ROOT)}")
    else:
        current = DOC.read_text() if DOC.is_file() else ""
        if current != text:
            print("docs/clients.md is stale: the pinned clients now give another matrix; rerun "
                  "scripts/clients/run.sh --write and read the diff", file=sys.stderr)
            return 1
        print("docs/clients.md matches what the pinned clients produce")
    for problem in problems:
        print(f"error: {problem} (add it to scripts/clients/evidence.py)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
