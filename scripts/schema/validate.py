#!/usr/bin/env python3
"""Validates venue.json files, vector files and JSON Lines corpora against vectors/schema/.

    python3 scripts/schema/validate.py [--json] PATH...

A folder is searched recursively (its schema/ and standard/ folders are skipped). venue.json
files are checked against venue.schema.json, other .json files against vectors.schema.json,
and each line of a .jsonl file against vectors.schema.json#/$defs/lineVector. JSON is read as
strictly as sigconform reads it: a byte-order mark, a duplicate key, NaN/Infinity or invalid
UTF-8 is an error. Exit status: 0 when every file is valid, 1 when any is not, 2 when the
`jsonschema` package is missing (pip install jsonschema).

With --json, prints one JSON object per file: {"file", "valid", "errors": [{"pointer", "message"}]}.
Used by Tests/SigConformCoreTests/Schema/SchemaTests.swift; editors use the schemas directly.
"""
from __future__ import annotations

import json
import os
import sys

try:
    import jsonschema
except ImportError:  # pragma: no cover - reported to the caller
    sys.stderr.write("validate.py: the jsonschema package is missing (pip install jsonschema)\n")
    sys.exit(2)

SCHEMA_DIR = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))), "vectors", "schema")
SKIPPED_FOLDERS = {"schema", "standard"}


class StrictJSONError(ValueError):
    pass


def _no_duplicates(pairs):
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise StrictJSONError(f'duplicate key "{key}" in the same object')
        seen[key] = value
    return seen


def _no_constants(name):
    raise StrictJSONError(f"{name} is not JSON")


def load_strict(data: bytes):
    if data.startswith(b"\xef\xbb\xbf"):
        raise StrictJSONError("the file starts with a UTF-8 byte-order mark")
    text = data.decode("utf-8")  # UnicodeDecodeError is a ValueError
    return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_no_constants)


def validator(name: str, definition: str | None = None):
    with open(os.path.join(SCHEMA_DIR, name), encoding="utf-8") as handle:
        schema = json.load(handle)
    if definition:
        schema = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VENUE = validator("venue.schema.json")
VECTORS = validator("vectors.schema.json")
LINE = validator("vectors.schema.json", "lineVector")


def pointer(path) -> str:
    return "".join("/" + str(token).replace("~", "~0").replace("/", "~1") for token in path)


def errors_of(checker, instance, prefix: str = ""):
    found = []
    for error in sorted(checker.iter_errors(instance), key=lambda e: list(map(str, e.absolute_path))):
        found.append({"pointer": prefix + pointer(error.absolute_path), "message": error.message})
    return found


def check_file(path: str) -> dict:
    errors = []
    try:
        with open(path, "rb") as handle:
            data = handle.read()
        if path.endswith(".jsonl"):
            for number, line in enumerate(data.split(b"\n"), start=1):
                if not line.strip():
                    continue
                try:
                    errors += errors_of(LINE, load_strict(line.rstrip(b"\r")), prefix=f"line {number}:")
                except ValueError as error:
                    errors.append({"pointer": f"line {number}:", "message": f"invalid JSON: {error}"})
        else:
            checker = VENUE if os.path.basename(path) == "venue.json" else VECTORS
            errors = errors_of(checker, load_strict(data))
    except ValueError as error:
        errors.append({"pointer": "", "message": f"invalid JSON: {error}"})
    except OSError as error:
        errors.append({"pointer": "", "message": f"cannot read: {error}"})
    return {"file": path, "valid": not errors, "errors": errors}


def collect(paths):
    for path in paths:
        if os.path.isdir(path):
            for root, folders, files in os.walk(path):
                folders[:] = sorted(f for f in folders if f not in SKIPPED_FOLDERS and not f.startswith("."))
                for name in sorted(files):
                    if name.endswith(".json") or name.endswith(".jsonl"):
                        yield os.path.join(root, name)
        else:
            yield path


def main(argv) -> int:
    as_json = "--json" in argv
    paths = [a for a in argv if a != "--json"]
    if not paths:
        sys.stderr.write(__doc__)
        return 2
    status = 0
    for path in collect(paths):
        result = check_file(path)
        if not result["valid"]:
            status = 1
        if as_json:
            print(json.dumps(result, ensure_ascii=False))
        else:
            for error in result["errors"]:
                print(f"{path}: {error['pointer'] or '/'}: {error['message']}")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
