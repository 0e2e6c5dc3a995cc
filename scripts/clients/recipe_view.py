"""What a venue's recipe reads from a request, in plain Python (no sigconform code).

The client matrix compares a real client's request with a bundled vector only on what the
venue signs or reads: the recipe's template variables and its located values (timestamp,
nonce, key, signature). This module reads venue.json and those values; it does not sign.
"""
from __future__ import annotations

import base64
import json
import re
from urllib.parse import parse_qsl

from signer_support import header, header_parameters

VARIABLE = re.compile(r"\{([A-Za-z][A-Za-z0-9_:.\-]*)\??\}")


def template_variables(prehash) -> set[str]:
    """Every variable a prehash (string, array, digest or conditional part) can read."""
    found: set[str] = set()

    def walk(part):
        if isinstance(part, str):
            found.update(match.group(1) for match in VARIABLE.finditer(part.replace("{{", "").replace("}}", "")))
        elif isinstance(part, list):
            for item in part:
                walk(item)
        elif isinstance(part, dict):
            if "if" in part:
                found.add(part["if"])
            for key in ("of", "then", "else"):
                if key in part:
                    walk(part[key])

    walk(prehash)
    return found


def read_location(request: dict, location: dict):
    """The value a recipe location names, or None."""
    if "header" in location:
        value = header(request, location["header"])
        if value is None:
            return None
        if "prefix" in location:
            return value[len(location["prefix"]):] if value.startswith(location["prefix"]) else None
        if "parameter" in location:
            return header_parameters(value, location.get("scheme")).get(location["parameter"])
        if location.get("decode") == "base64-json":
            try:
                member = json.loads(base64.b64decode(value))[location["member"]]
            except (ValueError, KeyError, TypeError):
                return None
            return member if isinstance(member, str) else json.dumps(member)
        return value
    if "query" in location:
        return dict(parse_qsl(request.get("query") or "", keep_blank_values=True)).get(location["query"])
    if "body" in location:
        return body_member(request.get("body") or "", location["body"])
    if "param" in location:
        found = dict(parse_qsl(request.get("query") or "", keep_blank_values=True)).get(location["param"])
        return found if found is not None else body_member(request.get("body") or "", location["param"])
    return None


def body_member(body: str, name: str):
    try:
        parsed = json.loads(body)
        if isinstance(parsed, dict) and name in parsed:
            value = parsed[name]
            return value if isinstance(value, str) else json.dumps(value)
        return None
    except ValueError:
        return dict(parse_qsl(body, keep_blank_values=True)).get(name)


def without_parameter(query: str, name: str) -> str:
    return "&".join(part for part in query.split("&") if part and part.split("=", 1)[0] != name)


class RecipeView:
    """The parts of one venue's recipe the matrix needs."""

    def __init__(self, venue: dict):
        self.venue = venue
        hmac = venue.get("hmac") or {}
        self.hmac = hmac
        self.variables = template_variables(hmac.get("prehash", ""))
        self.signature_location = (hmac.get("signature") or {}).get("in") or {}
        self.encoding = (hmac.get("signature") or {}).get("encoding", "hex")

    def signature(self, request: dict):
        return read_location(request, self.signature_location)

    def signed_view(self, request: dict) -> dict:
        """What the venue signs or reads of a request, component by component."""
        view: dict = {"method": request.get("method", "")}
        query = request.get("query") or ""
        for name in ("query", "body"):
            if name in self.signature_location:
                if name == "query":
                    query = without_parameter(query, self.signature_location["query"])
        if "param" in self.signature_location:
            query = without_parameter(query, self.signature_location["param"])
        variables = self.variables
        if variables & {"path", "requestPath"}:
            view["path"] = request.get("path", "")
        if variables & {"query", "requestPath"}:
            view["query"] = query
        elif variables & {"decodedQuery", "canonicalQuery"} or any(v.startswith("query:") for v in variables):
            view["query (decoded)"] = parse_qsl(query, keep_blank_values=True)
        if "body" in variables or any(v.startswith("body:") for v in variables) or "paramString" in variables:
            body = request.get("body") or ""
            if "body" in self.signature_location or "param" in self.signature_location:
                name = self.signature_location.get("body") or self.signature_location.get("param")
                if not body.lstrip().startswith("{"):
                    body = without_parameter(body, name)
            view["body"] = body
        for variable in sorted(variables):
            if variable.startswith("header:"):
                view[variable] = header(request, variable[len("header:"):])
        for member in ("timestamp", "nonce", "apiKey", "recvWindow"):
            location = (self.hmac.get(member) or {}).get("in")
            if location:
                view[member] = read_location(request, location)
        return view
