#!/usr/bin/env python3
"""Builds the fuzzers' seed corpora from the bundled files under vectors/.

Seeds are derived, never committed: run by scripts/fuzz.sh into Fuzz/.seeds/<target>/.
Small seeds mutate faster, so vector files are also cut into one-vector files.
"""
import hashlib
import json
import pathlib
import shlex
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = ROOT / "vectors"


def write(out: pathlib.Path, target: str, data: bytes) -> None:
    folder = out / target
    folder.mkdir(parents=True, exist_ok=True)
    (folder / hashlib.sha1(data).hexdigest()).write_bytes(data)


def compact(value) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def templates(prehash):
    if isinstance(prehash, str):
        yield prehash
    elif isinstance(prehash, list):
        for part in prehash:
            if isinstance(part, dict):
                yield from templates(part.get("of"))
            else:
                yield from templates(part)


def main(out: pathlib.Path) -> None:
    for venue_file in sorted(VECTORS.glob("*/venue.json")):
        data = venue_file.read_bytes()
        write(out, "venue-json", data)
        venue = json.loads(data)
        prehash = venue.get("hmac", {}).get("prehash")
        for template in templates(prehash):
            write(out, "template", template.encode())
    for vector_file in sorted(VECTORS.glob("*/*.json")):
        if vector_file.name == "venue.json" or "standard" in vector_file.parts:
            continue
        # Whole files are tens of kilobytes and mutate slowly; one-vector files carry the same structure.
        document = json.loads(vector_file.read_bytes())
        entries = []
        for vector in document.get("vectors", []):
            single = {key: value for key, value in document.items() if key != "vectors"}
            single.pop("$schema", None)
            single["vectors"] = [vector]
            write(out, "vector-json", compact(single))
            write(out, "check", compact(single))
            request = {**document.get("defaults", {}).get("request", {}), **vector.get("request", {})}
            host = request.get("host", "api.example.com")
            query = request.get("query", "")
            url = f"https://{host}{request.get('path', '/')}" + (f"?{query}" if query else "")
            write(out, "url", url.encode())
            write(out, "url", (request.get("path", "/") + (f"?{query}" if query else "")).encode())
            if query:
                write(out, "percent", query.encode())
            if request.get("body"):
                write(out, "percent", request["body"].encode())
            for value in request.get("headers", {}).values():
                write(out, "timestamp", value.encode())
            curl = ["curl", "-X", request.get("method", "GET"), url]
            for name, value in request.get("headers", {}).items():
                curl += ["-H", f"{name}: {value}"]
            if request.get("body"):
                curl += ["--data-raw", request["body"]]
            write(out, "curl", " ".join(shlex.quote(word) for word in curl).encode())
            target = request.get("path", "/") + (f"?{query}" if query else "")
            body = request.get("body", "").encode()
            head = [f"{request.get('method', 'GET')} {target} HTTP/1.1", f"Host: {host}"]
            head += [f"{name}: {value}" for name, value in request.get("headers", {}).items()]
            if body:
                head.append(f"Content-Length: {len(body)}")
            write(out, "http", ("\r\n".join(head) + "\r\n\r\n").encode() + body)
            answer = {"id": "binance-spot/get-account", "request": {k: request[k] for k in ("method", "host", "path", "query", "headers", "body") if k in request}}
            write(out, "signer-answer", compact(answer))
            write(out, "signer-answer", compact({"id": "binance-spot/get-account", "error": "unsupported venue"}))
            entries.append({
                "request": {
                    "method": request.get("method", "GET"),
                    "url": url,
                    "headers": [{"name": k, "value": v} for k, v in request.get("headers", {}).items()],
                    **({"postData": {"mimeType": "application/json", "text": request["body"]}} if request.get("body") else {}),
                }
            })
        for start in range(0, len(entries), 4):
            write(out, "har", compact({"log": {"version": "1.2", "entries": entries[start:start + 4]}}))
    for example in sorted((ROOT / "examples" / "requests").glob("*")):
        target = {".http": "http", ".har": "har", ".curl": "curl", ".sh": "curl"}.get(example.suffix)
        if target:
            write(out, target, example.read_bytes())
    # report-json: the JSON reports that `report merge` reads (written by the test suite's golden files).
    for report in sorted((ROOT / "Tests" / "SigConformReportsTests" / "Golden").glob("*.json")):
        write(out, "report-json", report.read_bytes())
    for text in ["1700000000", "1700000000123", "1700000000123456", "1700000000.123", "2023-11-14T22:13:20.000Z",
                 "2023-11-14T22:13:20", "-9223372036854775808", "9223372036854775807"]:
        write(out, "timestamp", text.encode())


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "Fuzz" / ".seeds")
