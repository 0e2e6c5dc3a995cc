#!/usr/bin/env python3
"""Reference vectors for OpenAI-compatible HTTP APIs (OpenAI, relays, local servers).

No signature: the only check is the header `Authorization: Bearer <apiKey>`.
Sources:
  https://platform.openai.com/docs/api-reference/authentication
    ("API keys should be provided via HTTP Bearer authentication":
     Authorization: Bearer OPENAI_API_KEY)
  https://www.rfc-editor.org/rfc/rfc6750#section-2.1  (b64token after "Bearer" and ONE space)
  https://www.rfc-editor.org/rfc/rfc9110#section-5.5  (field values carry no CR/LF)

Rules used:
  * A correct request carries exactly `Authorization: Bearer <apiKey>`: the word
    "Bearer", one space, the key, nothing else. The header NAME is
    case-insensitive (HTTP), so `authorization:` is valid (vector
    `header-name-lower-case`); the value is compared exactly, as relays do.
  * Nothing in the method, path, query or body is authenticated; vectors vary
    them only to show the check ignores them.

Decided, with reasons:
  * No time: there is no timestamp, nonce or window, so vectors carry no
    `time` block.
  * secret_whitespace IS included (2 vectors: key + "\\n", key + "\\r\\n"),
    although RFC 9110 §5.5 forbids CR/LF inside a field value and most HTTP
    stacks refuse to send it (Python requests raises InvalidHeader): the
    harness also checks requests produced by an external signer (--signer),
    where a key read from a .env file with its newline is exactly what a buggy
    client hands over. A trailing SPACE is not included: recipients strip
    trailing whitespace from field values (RFC 9110 §5.5), so on the wire it is
    indistinguishable from a correct header.
  * A key sent in another header (Azure's `api-key:`) with no Authorization at
    all is left out: it is not one of the listed missing_bearer_prefix shapes.

Run: python3 scripts/reference/openai-compatible.py  (rewrites vectors/openai-compatible/*.json)
"""
from __future__ import annotations

import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from engine import Venue, compact_json, expect, request, vector  # noqa: E402

VENUE = "openai-compatible"
GENERATOR = "scripts/reference/openai-compatible.py"
DOCS = "https://platform.openai.com/docs/api-reference/authentication"
RFC6750 = "https://www.rfc-editor.org/rfc/rfc6750#section-2.1"
RFC9110 = "https://www.rfc-editor.org/rfc/rfc9110#section-5.5"

CREDENTIALS = {"apiKey": "sk-test-sigconform-0000000000000000000000000000"}
JSON = "application/json"


class OpenAICompatible(Venue):
    """Nothing is signed: the key travels as `Authorization: Bearer <key>` (RFC 6750 §2.1).
    Vectors are built with `vector`/`expect` directly; `write` checks the header on the wire."""

    name = VENUE
    generator = GENERATOR

    def read_wire(self, request, credentials):
        return None, None


RULE = OpenAICompatible(CREDENTIALS)


def bearer(key: str) -> str:
    return f"Bearer {key}"


def call(method, path, key, body=None, query="", host="api.openai.com", auth=None, header_name="Authorization",
         **extra):
    """A request as sent; `auth` is the Authorization value actually sent (default: the correct one)."""
    headers = {header_name: auth if auth is not None else bearer(key)}
    text = ""
    if body is not None:
        text = body if isinstance(body, str) else compact_json(body)
        headers["Content-Type"] = JSON
    headers.update(extra)
    return request(method, path, query, headers, text, host=host)


def add_valid(out, id, comment, tags, method, path, body=None, key=None, **kw):
    k = key or CREDENTIALS["apiKey"]
    req = call(method, path, k, body, **kw)
    out.append(vector(id, comment, tags, req, expect(None, None, {"Authorization": bearer(k)}), result="valid",
                      credentials={"apiKey": k} if key else None))


def add_invalid(out, id, comment, tags, diagnosis, sent_auth, method, path, body=None, key=None, **kw):
    k = key or CREDENTIALS["apiKey"]
    if sent_auth == bearer(k):
        raise SystemExit(f"{id}: the Authorization value is the correct one")
    req = call(method, path, k, body, auth=sent_auth, **kw)
    out.append(vector(id, comment, tags, req, expect(None, None, {"Authorization": bearer(k)}, diagnosis=diagnosis),
                      result="invalid", credentials={"apiKey": k} if key else None))


def request_vectors():
    out = []
    chat = "/v1/chat/completions"
    hello = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Hello"}]}
    add_valid(out, "get-models", "List models: GET without a body.", ["get"], "GET", "/v1/models")
    add_valid(out, "get-model-by-id", "Retrieve one model, id in the path.", ["get", "path"], "GET",
              "/v1/models/gpt-4o-mini")
    add_valid(out, "get-files-query", "Query parameters are not authenticated.", ["get", "query"], "GET", "/v1/files",
              query="purpose=fine-tune&limit=20&order=desc")
    add_valid(out, "get-fine-tuning-jobs", "Pagination query.", ["get", "query"], "GET", "/v1/fine_tuning/jobs",
              query="limit=2&after=ftjob-abc123")
    add_valid(out, "get-files-encoded-query", "Percent-encoded query value ('+' as %2B).", ["get", "query",
                                                                                             "encoding"],
              "GET", "/v1/files", query="purpose=assistants&after=file-abc%2B1")
    add_valid(out, "post-chat-basic", "Minimal chat completion.", ["post", "json-body"], "POST", chat, hello)
    add_valid(out, "post-chat-stream", "Streaming with stream_options, floats and an SSE Accept header.",
              ["post", "json-body", "stream", "decimal"], "POST", chat,
              dict(hello, stream=True, stream_options={"include_usage": True}, temperature=0.1, top_p=1),
              Accept="text/event-stream")
    add_valid(out, "post-chat-tools-nested", "Tools with a nested JSON schema, arrays and booleans.",
              ["post", "json-body", "nested", "array", "boolean"], "POST", chat,
              dict(hello, tools=[{"type": "function", "function": {
                  "name": "get_weather", "description": "Current weather",
                  "parameters": {"type": "object", "properties": {"city": {"type": "string"},
                                                                  "unit": {"type": "string",
                                                                           "enum": ["c", "f"]}},
                                 "required": ["city"], "additionalProperties": False}, "strict": True}}],
                   tool_choice="auto", parallel_tool_calls=False))
    add_valid(out, "post-chat-non-ascii", "Raw UTF-8 message content.", ["post", "json-body", "non-ascii"], "POST",
              chat, {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "¿Qué tal? 你好 👋"}]})
    add_valid(out, "post-chat-non-ascii-escaped", "The same content as \\u escapes.", ["post", "json-body",
                                                                                      "non-ascii"],
              "POST", chat, json.dumps({"model": "gpt-4o-mini",
                                        "messages": [{"role": "user", "content": "¿Qué tal? 你好 👋"}]}))
    add_valid(out, "post-chat-null-and-numbers", "null, 0.0, negative and 1e-8 numbers, and a logit_bias map.",
              ["post", "json-body", "null", "decimal"], "POST", chat,
              '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}],"stop":null,"seed":42,'
              '"frequency_penalty":0.0,"presence_penalty":-0.5,"top_p":1e-8,"logprobs":false,'
              '"logit_bias":{"50256":-100}}')
    add_valid(out, "post-chat-json-schema", "response_format with a json_schema.", ["post", "json-body", "nested"],
              "POST", chat, dict(hello, response_format={"type": "json_schema", "json_schema": {
                  "name": "answer", "schema": {"type": "object", "properties": {"a": {"type": "integer"}}}}}))
    add_valid(out, "post-chat-pretty-printed", "Pretty-printed body with newlines.", ["post", "json-body",
                                                                                     "whitespace"],
              "POST", chat, json.dumps(hello, indent=2))
    add_valid(out, "post-completions-legacy", "Legacy completions endpoint.", ["post", "json-body"], "POST",
              "/v1/completions", {"model": "gpt-3.5-turbo-instruct", "prompt": "Say this is a test", "max_tokens": 7,
                                  "temperature": 0})
    add_valid(out, "post-embeddings", "Embeddings with an array input.", ["post", "json-body", "array"], "POST",
              "/v1/embeddings", {"model": "text-embedding-3-small", "input": ["alpha", "beta"],
                                 "encoding_format": "float", "dimensions": 256})
    add_valid(out, "post-moderations", "Moderations.", ["post", "json-body"], "POST", "/v1/moderations",
              {"model": "omni-moderation-latest", "input": "sample text"})
    add_valid(out, "post-images-generations", "Image generation.", ["post", "json-body"], "POST",
              "/v1/images/generations", {"model": "gpt-image-1", "prompt": "a lighthouse", "n": 1,
                                         "size": "1024x1024"})
    add_valid(out, "post-audio-speech", "Text to speech.", ["post", "json-body"], "POST", "/v1/audio/speech",
              {"model": "gpt-4o-mini-tts", "input": "Hello", "voice": "alloy"})
    add_valid(out, "post-responses", "Responses API.", ["post", "json-body"], "POST", "/v1/responses",
              {"model": "gpt-4.1", "input": "Write one line.", "store": False})
    add_valid(out, "post-batch-cancel-no-body", "POST without a body.", ["post", "no-body"], "POST",
              "/v1/batches/batch_abc123/cancel")
    add_valid(out, "delete-file", "DELETE, id in the path.", ["delete", "path"], "DELETE", "/v1/files/file-abc123")
    add_valid(out, "openrouter-relay", "A relay: its own host, path prefix /api/v1, sk-or-v1 key and attribution "
              "headers.", ["post", "json-body", "relay"], "POST", "/api/v1/chat/completions",
              dict(hello, model="openai/gpt-4o-mini"), key="sk-or-v1-sctest0000000000000000000000000000000000",
              host="openrouter.ai", **{"HTTP-Referer": "https://example.test", "X-Title": "sigconform"})
    add_valid(out, "local-server", "A local OpenAI-compatible server (e.g. vLLM) with an arbitrary token.",
              ["post", "json-body", "local"], "POST", chat, dict(hello, model="local-model"),
              key="sc-test-local-token", host="localhost:8000")
    add_valid(out, "project-key-with-underscores", "Project key with '-' and '_' characters.", ["get"], "GET",
              "/v1/models", key="sk-proj-scTest_0000-0000_abcdEFGH-ijkl_MNOP")
    add_valid(out, "organization-project-headers", "OpenAI-Organization and OpenAI-Project travel beside "
              "Authorization and do not change it.", ["post", "json-body", "headers"], "POST", chat, hello,
              **{"OpenAI-Organization": "org-sctest000", "OpenAI-Project": "proj_sctest000"})
    add_valid(out, "header-name-lower-case", "Header NAME in lower case: HTTP header names are case-insensitive.",
              ["post", "json-body", "headers"], "POST", chat, hello, header_name="authorization")
    return out


def mistake_vectors():
    out = []
    key = CREDENTIALS["apiKey"]
    chat = "/v1/chat/completions"
    body = {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "ping"}]}
    shapes = [
        ("bare-key", "Authorization is the bare key, no scheme.", key),
        ("lower-case-scheme", "Scheme in lower case: 'bearer <key>'.", f"bearer {key}"),
        ("upper-case-scheme", "Scheme in upper case: 'BEARER <key>'.", f"BEARER {key}"),
        ("token-scheme", "Wrong scheme word: 'Token <key>'.", f"Token {key}"),
        ("double-space", "Two spaces after 'Bearer'.", f"Bearer  {key}"),
        ("doubled-prefix", "Prefix applied twice: 'Bearer Bearer <key>' (key stored with its prefix).",
         f"Bearer Bearer {key}"),
        ("no-space", "No space between 'Bearer' and the key.", f"Bearer{key}"),
    ]
    for i, (name, comment, sent) in enumerate(shapes):
        method, path = ("GET", "/v1/models") if i % 2 else ("POST", chat)
        add_invalid(out, f"missing-bearer-{name}", comment, ["auth-header"], "missing_bearer_prefix", sent, method,
                    path, None if method == "GET" else body)
    add_invalid(out, "secret-trailing-newline", "Key read from a .env file with its newline: 'Bearer <key>\\n' "
                "(as an external signer returns it; a CR/LF cannot legally go on the wire).", ["auth-header",
                                                                                               "secret"],
                "secret_whitespace", f"Bearer {key}\n", "POST", chat, body)
    add_invalid(out, "secret-trailing-crlf", "Key with a Windows line end: 'Bearer <key>\\r\\n'.",
                ["auth-header", "secret"], "secret_whitespace", f"Bearer {key}\r\n", "GET", "/v1/models")
    return out


def main():
    defaults = {"credentials": CREDENTIALS}
    RULE.write_all([
        ("requests", "Valid OpenAI-compatible requests: 'Authorization: Bearer <key>' on many endpoints, hosts and "
         "bodies.", [DOCS, RFC6750], defaults, request_vectors(), 25, 0),
        ("mistakes", "OpenAI-compatible requests with a wrong Authorization header: every missing_bearer_prefix "
         "shape, and a key with a trailing line end.", [DOCS, RFC6750, RFC9110], defaults, mistake_vectors(), 0, 2),
    ])


if __name__ == "__main__":
    main()
