#!/usr/bin/env python3
"""Writes a large JSON Lines corpus for measuring `sigconform check` throughput (issue 7).

The lines are the bundled *valid* vectors (vectors/<venue>/*.json, file defaults merged in),
repeated with unique ids until COUNT lines are written. Invalid vectors are left out: each one
costs a full diagnosis (up to a second), which the diagnose benchmark measures separately.
The output is generated data: write it outside the repository (e.g. /tmp) and do not commit it.

With --venues only those venues' vectors are used (the Python peer, scripts/perf/python_peer.py,
knows five).

usage: scripts/perf/generate_corpus.py COUNT OUTPUT.jsonl [--vectors DIR] [--venues A,B,...]
"""
import argparse
import json
import pathlib
import sys


def merged(defaults, vector):
    """`defaults` deep-merged under `vector` (the vector's own members win), as the decoder does."""
    if not isinstance(defaults, dict) or not isinstance(vector, dict):
        return vector
    result = dict(defaults)
    for key, value in vector.items():
        result[key] = merged(defaults.get(key), value) if key in defaults else value
    return result


def valid_vectors(root):
    for venue_dir in sorted(p for p in root.iterdir() if p.is_dir() and (p / "venue.json").exists()):
        for path in sorted(venue_dir.glob("*.json")):
            if path.name == "venue.json":
                continue
            document = json.loads(path.read_text())
            if not isinstance(document, dict) or "vectors" not in document:
                continue
            defaults = document.get("defaults", {})
            for vector in document["vectors"]:
                if vector.get("result") != "valid":
                    continue
                line = {key: value for key, value in merged(defaults, vector).items() if not key.startswith("$")}
                line["venue"] = document["venue"]
                yield line


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("output")
    parser.add_argument("--vectors", default=str(pathlib.Path(__file__).resolve().parents[2] / "vectors"))
    parser.add_argument("--venues", help="comma-separated venue ids to take vectors from (default: all)")
    arguments = parser.parse_args()
    templates = list(valid_vectors(pathlib.Path(arguments.vectors)))
    if arguments.venues:
        wanted = set(arguments.venues.split(","))
        templates = [t for t in templates if t["venue"] in wanted]
    if not templates:
        sys.exit(f"no valid vectors under {arguments.vectors}")
    with open(arguments.output, "w") as out:
        for index in range(arguments.count):
            line = dict(templates[index % len(templates)])
            line["id"] = f"{line['id']}-{index}"
            out.write(json.dumps(line, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{arguments.count} lines from {len(templates)} valid vectors → {arguments.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
