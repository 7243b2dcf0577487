#!/usr/bin/env python3
"""Contract checks: every exchange the client was recorded making, checked against a schema.

Cassettes (``tests/contract/cassettes/<workflow>.json``) hold what the end-to-end tests sent
and received, per workflow: operation id, method, path, query, request body, status and
response body; sanitised (no token, no presigned signatures, stable ids).

``python scripts/contracts.py`` checks them against the patched vendored schema;
``--schema PATH_OR_URL`` applies our patches to a new schema and checks them against that
instead (``generated/`` is not touched), printing the API change report and, for each breaking
change, the recorded workflows it touches.

Each recorded request and response is validated with openapi-core against the schema made
strict (an object may not carry fields the schema does not declare: a field the client reads
must still exist). Against the vendored schema, the generated models must also parse every
recorded response and serialise every recorded request body back unchanged.

Exit codes: 0 nothing recorded breaks; 1 something does; 2 bad input (unreadable schema, a
patch that no longer applies, with the patch named; no cassettes).

Fidelity loop: ``--record-from API_URL --out DIR`` runs the same recorded workflows against
any grand-challenge instance (token from ``GRAND_CHALLENGE_AUTHORIZATION``) and compares the
requests made and the response shapes with the committed cassettes.

Example::

    python scripts/contracts.py                       # the committed contract
    python scripts/contracts.py --schema https://grand-challenge.org/api/schema/?format=json
"""

from __future__ import annotations

import argparse
import copy
import importlib
import json
import re
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_diff import Change, diff_schemas, format_report
from openapi_patches import (
    PATCHED_SCHEMA,
    ROOT,
    VENDORED_SCHEMA,
    PatchError,
    apply_patches,
    load_patches,
    load_schema,
)

CASSETTE_DIR = ROOT / "tests" / "contract" / "cassettes"
HOST = "https://grand-challenge.org"
HTTP_METHODS = ("get", "put", "post", "delete", "patch")


# --------------------------------------------------------------------------------------------
# Cassettes


@dataclass
class Exchange:
    """One recorded API request and its response."""

    operation: str
    method: str
    path: str
    query: dict[str, list[str]]
    request_body: Any
    status: int
    response_body: Any
    response_content_type: str = "application/json"

    def to_json(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "method": self.method,
            "path": self.path,
            "query": self.query,
            "request_body": self.request_body,
            "status": self.status,
            "response_content_type": self.response_content_type,
            "response_body": self.response_body,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Exchange:
        return cls(
            operation=data["operation"],
            method=data["method"],
            path=data["path"],
            query=data.get("query", {}),
            request_body=data.get("request_body"),
            status=data["status"],
            response_body=data.get("response_body"),
            response_content_type=data.get("response_content_type", "application/json"),
        )


@dataclass
class Cassette:
    workflow: str
    description: str
    exchanges: list[Exchange] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Cassette:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            workflow=data["workflow"],
            description=data.get("description", ""),
            exchanges=[Exchange.from_json(e) for e in data["exchanges"]],
        )

    def dump(self) -> str:
        doc = {
            "workflow": self.workflow,
            "description": self.description,
            "exchanges": [e.to_json() for e in self.exchanges],
        }
        return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def load_cassettes(directory: Path = CASSETTE_DIR) -> list[Cassette]:
    return [Cassette.load(p) for p in sorted(directory.glob("*.json"))]


# --------------------------------------------------------------------------------------------
# Recording

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_SIGNED_PARAMS = re.compile(
    r"((?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|X-Amz-Date|Signature"
    r"|AWSAccessKeyId|Expires|uploadId)=)[^&\"\s]+"
)
RECORDED_DATETIME = "2025-01-01T00:00:00Z"


class Sanitiser:
    """Makes recordings reviewable and secret-free.

    The API origin becomes ``https://grand-challenge.org``; any other origin (presigned
    storage) becomes ``https://storage.invalid``; signatures, credentials, expiry and upload
    ids in URLs become ``REDACTED``; UUIDs become stable placeholders in order of first
    appearance; date-times a fixed instant; S3 upload ids ``s3-upload-id-N``.
    """

    def __init__(self, api_origin: str, secrets: Iterable[str] = ()) -> None:
        self.api_origin = api_origin.rstrip("/")
        self.secrets = [s for s in secrets if s]
        self._uuids: dict[str, str] = {}
        self._upload_ids: dict[str, str] = {}

    def _uuid(self, match: re.Match[str]) -> str:
        value = match.group(0)
        if value not in self._uuids:
            self._uuids[value] = f"00000000-0000-4000-8000-{len(self._uuids) + 1:012d}"
        return self._uuids[value]

    def text(self, value: str) -> str:
        for secret in self.secrets:
            value = value.replace(secret, "REDACTED")
        value = value.replace(self.api_origin, HOST)
        value = re.sub(
            r"https?://(?:127\.0\.0\.1|localhost|\[::1\]):\d+", "https://storage.invalid", value
        )
        value = _SIGNED_PARAMS.sub(r"\1REDACTED", value)
        for raw, stable in self._upload_ids.items():
            value = value.replace(raw, stable)
        value = _UUID.sub(self._uuid, value)
        return RECORDED_DATETIME if _DATETIME.match(value) else value

    def data(self, value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "s3_upload_id" and isinstance(v, str) and v:
                    self._upload_ids.setdefault(v, f"s3-upload-id-{len(self._upload_ids) + 1}")
            return {k: self.data(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [self.data(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value


class CassetteRecorder:
    """Collects the API exchanges of one workflow into a :class:`Cassette`.

    Wrap the client's transport with :meth:`transport` / :meth:`async_transport`; only
    requests under ``/api/`` with JSON (or empty) bodies are kept: storage traffic and media
    downloads are not part of the API contract.
    """

    def __init__(self, workflow: str, description: str, *, api_url: str, schema: dict[str, Any],
                 secrets: Iterable[str] = ()) -> None:  # fmt: skip
        origin = re.match(r"^(https?://[^/]+)", api_url)
        self.sanitiser = Sanitiser(origin.group(1) if origin else api_url, secrets)
        self.cassette = Cassette(workflow, description)
        self.index = OperationIndex(schema)

    def record(self, request: Any, response: Any) -> None:
        path = request.url.path
        if not path.startswith("/api/"):
            return
        op = self.index.match(request.method, path)
        content_type = response.headers.get("content-type", "").split(";")[0].strip()
        body: Any = None
        if response.content:
            body = response.json() if content_type == "application/json" else None
        req_body = json.loads(request.content) if request.content else None
        query: dict[str, list[str]] = {}
        for k, v in request.url.params.multi_items():
            query.setdefault(k, []).append(v)
        s = self.sanitiser
        self.cassette.exchanges.append(
            Exchange(
                operation=op.operation_id if op else "(unknown)",
                method=request.method,
                path=s.text(path),
                query=s.data(query),
                request_body=s.data(req_body),
                status=response.status_code,
                response_body=s.data(body),
                response_content_type=content_type or "none",
            )
        )

    def transport(self, inner: Any) -> Any:
        import httpx

        recorder = self

        class RecordingTransport(httpx.BaseTransport):
            def handle_request(self, request: httpx.Request) -> httpx.Response:
                response = inner.handle_request(request)
                if request.url.path.startswith("/api/"):
                    response.read()
                    recorder.record(request, response)
                return response

            def close(self) -> None:
                inner.close()

        return RecordingTransport()

    def async_transport(self, inner: Any) -> Any:
        import httpx

        recorder = self

        class AsyncRecordingTransport(httpx.AsyncBaseTransport):
            async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
                response = await inner.handle_async_request(request)
                if request.url.path.startswith("/api/"):
                    await response.aread()
                    recorder.record(request, response)
                return response

            async def aclose(self) -> None:
                await inner.aclose()

        return AsyncRecordingTransport()

    def save(self, directory: Path = CASSETTE_DIR) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{self.cassette.workflow}.json"
        path.write_text(self.cassette.dump(), encoding="utf-8")
        return path


# --------------------------------------------------------------------------------------------
# Operation look-up


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    template: str
    spec: dict[str, Any]


def _template_regex(template: str) -> re.Pattern[str]:
    """``/a/{id}/`` -> ``^/a/(?P<id>[^/]+)/$``."""
    parts = re.split(r"\{([^}]+)\}", template)
    pattern = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{pattern}$")


class OperationIndex:
    """Finds the schema operation behind a recorded method + path."""

    def __init__(self, schema: dict[str, Any]) -> None:
        self.by_id: dict[str, Operation] = {}
        self._routes: list[tuple[re.Pattern[str], int, Operation]] = []
        for template, item in schema.get("paths", {}).items():
            for method in HTTP_METHODS:
                if method in item:
                    spec = item[method]
                    op = Operation(spec.get("operationId", ""), method.upper(), template, spec)
                    self.by_id[op.operation_id] = op
                    # Literal segments beat parameters: /answers/mine/ before /answers/{id}/.
                    self._routes.append((_template_regex(template), template.count("{"), op))
        self._routes.sort(key=lambda r: r[1])

    def match(self, method: str, path: str) -> Operation | None:
        found = self.match_with_params(method, path)
        return found[0] if found else None

    def match_with_params(self, method: str, path: str) -> tuple[Operation, dict[str, str]] | None:
        for regex, _, op in self._routes:
            m = regex.match(path) if op.method == method.upper() else None
            if m:
                return op, m.groupdict()
        return None


# --------------------------------------------------------------------------------------------
# Checking


@dataclass(frozen=True)
class Problem:
    """A recorded exchange that the schema (or the generated models) no longer accepts."""

    cassette: str
    index: int
    operation: str
    where: str  # "request", "response", "operation", "model"
    json_path: str
    rule: str
    message: str

    def __str__(self) -> str:
        return (
            f"{self.cassette} exchange #{self.index} ({self.operation}) {self.where} "
            f"at {self.json_path}: {self.message} [rule: {self.rule}]"
        )


def make_strict(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of the schema in which objects may not carry undeclared fields."""
    strict = copy.deepcopy(schema)

    def visit(node: Any) -> None:
        if isinstance(node, dict):
            if "properties" in node and "additionalProperties" not in node:
                node["additionalProperties"] = False
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    def nullable_refs(node: Any) -> Any:
        # openapi-core rejects null for drf-spectacular's {"allOf": [ref], "nullable": true};
        # the same meaning, spelled so that it accepts it.
        if isinstance(node, dict):
            node = {k: nullable_refs(v) for k, v in node.items()}
            if node.get("nullable") and len(node.get("allOf", [])) == 1:
                ref = node.pop("allOf")[0]
                node.pop("nullable")
                node["anyOf"] = [ref, {"nullable": True, "enum": [None]}]
            return node
        if isinstance(node, list):
            return [nullable_refs(v) for v in node]
        return node

    strict = nullable_refs(strict)
    visit(strict.get("components", {}))
    for item in strict.get("paths", {}).values():
        visit(item)
    return strict


def _json_path(path: Iterable[Any]) -> str:
    out = "$"
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _schema_errors(exc: BaseException) -> Iterator[tuple[str, str, str]]:
    """(json path, rule, message) for each leaf schema error behind an openapi-core error."""
    seen = False
    stack: list[BaseException] = [exc]
    while stack:
        current = stack.pop()
        for error in getattr(current, "schema_errors", []) or []:
            seen = True
            leaves = [error]
            while any(getattr(e, "context", None) for e in leaves):
                leaves = [c for e in leaves for c in (getattr(e, "context", None) or [e])]
            for leaf in leaves:
                yield (_json_path(leaf.absolute_path), str(leaf.validator), leaf.message)
        if current.__cause__ is not None:
            stack.append(current.__cause__)
        if current.__context__ is not None and current.__context__ is not current.__cause__:
            stack.append(current.__context__)
    if not seen:
        yield ("$", type(exc).__name__, str(exc) or repr(exc))


class ContractChecker:
    """Validates recorded exchanges against one (patched) schema."""

    def __init__(self, schema: dict[str, Any], *, check_models: bool = False) -> None:
        from openapi_core import OpenAPI

        self.schema = schema
        self.index = OperationIndex(schema)
        self.openapi = OpenAPI.from_dict(make_strict(schema))
        self.check_models = check_models

    def check(self, cassettes: list[Cassette]) -> list[Problem]:
        problems: list[Problem] = []
        for cassette in cassettes:
            for i, exchange in enumerate(cassette.exchanges):
                problems.extend(self.check_exchange(cassette.workflow, i, exchange))
        return problems

    def check_exchange(self, workflow: str, index: int, ex: Exchange) -> list[Problem]:
        from openapi_core.testing import MockRequest, MockResponse

        found = self.index.match_with_params(ex.method, ex.path)
        op, path_params = found if found else (None, {})
        if op is None or op.operation_id != ex.operation:
            found = f"now {op.operation_id}" if op else "no longer in the schema"
            return [
                Problem(
                    workflow,
                    index,
                    ex.operation,
                    "operation",
                    "$",
                    "operation",
                    f"{ex.method} {ex.path}: operation {found}",
                )
            ]
        problems = []
        request = MockRequest(
            HOST,
            ex.method.lower(),
            ex.path,
            path_pattern=op.template,
            view_args=path_params,
            args=ex.query,
            headers={"Authorization": "Bearer recorded"},
            data=None if ex.request_body is None else json.dumps(ex.request_body).encode(),
        )
        try:
            self.openapi.validate_request(request)
        except Exception as exc:
            problems += [
                Problem(workflow, index, ex.operation, "request", p, r, m)
                for p, r, m in _schema_errors(exc)
            ]
        documented = str(ex.status) in op.spec.get("responses", {})
        if ex.response_content_type == "application/json" and documented:
            response = MockResponse(json.dumps(ex.response_body).encode(), status_code=ex.status)
            try:
                self.openapi.validate_response(request, response)
            except Exception as exc:
                problems += [
                    Problem(workflow, index, ex.operation, "response", p, r, m)
                    for p, r, m in _schema_errors(exc)
                ]
        if self.check_models:
            problems += self._check_models(workflow, index, ex, op)
        return problems

    def _check_models(
        self, workflow: str, index: int, ex: Exchange, op: Operation
    ) -> list[Problem]:
        """The generated package must parse the response and reproduce the request body."""
        import httpx

        problems = []
        tag = op.spec.get("tags", ["default"])[0].replace("-", "_")
        module = importlib.import_module(f"gc_api.api.{tag}.{op.operation_id}")
        if ex.response_content_type == "application/json" and 200 <= ex.status < 300:
            client = importlib.import_module("gc_api").AuthenticatedClient(
                base_url=HOST, token="recorded"
            )
            response = httpx.Response(ex.status, json=ex.response_body)
            try:
                parsed = module._parse_response(client=client, response=response)
                if parsed is None:
                    raise ValueError(f"no model for status {ex.status}")
            except Exception as exc:
                problems.append(
                    Problem(workflow, index, ex.operation, "model", "$", "parse", repr(exc))
                )
        if ex.request_body is not None:
            ref = (
                op.spec.get("requestBody", {})
                .get("content", {})
                .get("application/json", {})
                .get("schema", {})
                .get("$ref", "")
            )
            model_name = ref.rsplit("/", 1)[-1]
            model = getattr(importlib.import_module("gc_api.models"), model_name, None)
            if model is not None:
                try:
                    again = model.from_dict(ex.request_body).to_dict()
                except Exception as exc:
                    again = repr(exc)
                if again != ex.request_body:
                    problems.append(
                        Problem(
                            workflow,
                            index,
                            ex.operation,
                            "model",
                            "$",
                            "serialise",
                            f"{model_name} round trip gives {again!r}",
                        )
                    )
        return problems


# --------------------------------------------------------------------------------------------
# Which workflows a breaking change touches


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        if "$ref" in node:
            yield node["$ref"].rsplit("/", 1)[-1]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def schemas_used(schema: dict[str, Any], operation: dict[str, Any]) -> set[str]:
    """Component schemas reachable from an operation's parameters, body and responses."""
    components = schema.get("components", {}).get("schemas", {})
    todo, seen = list(_refs(operation)), set()
    while todo:
        name = todo.pop()
        if name not in seen and name in components:
            seen.add(name)
            todo.extend(_refs(components[name]))
    return seen


def affected_workflows(
    change: Change, old_schema: dict[str, Any], cassettes: list[Cassette]
) -> list[str]:
    """Where a change touches what was recorded: ``workflow #i (operation)`` strings."""
    index = OperationIndex(old_schema)
    hits = []
    target_schema = change.location.split(".", 1)[0]
    for cassette in cassettes:
        for i, ex in enumerate(cassette.exchanges):
            op = index.by_id.get(ex.operation)
            if op is None:
                continue
            if change.location == f"{op.method} {op.template}" or (
                target_schema in schemas_used(old_schema, op.spec)
            ):
                hits.append(f"{cassette.workflow} #{i} ({ex.operation})")
    return hits


# --------------------------------------------------------------------------------------------
# Fidelity loop: the same workflows recorded elsewhere, compared by shape


def shape(value: Any) -> Any:
    """The structure of a JSON value: key sets and types, not the data.

    A list's items are merged into one shape (the union of their keys), so which items a list
    happens to hold at the moment of recording does not matter.
    """
    if isinstance(value, dict):
        return {k: shape(v) for k, v in sorted(value.items())}
    if isinstance(value, list):
        merged: Any = None
        for item in value:
            merged = shape(item) if merged is None else _merge_shapes(merged, shape(item))
        return [] if merged is None else [merged]
    if value is None:
        return "null"
    return type(value).__name__


_ANY = "any"


def _merge_shapes(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        return {
            k: _merge_shapes(a[k], b[k]) if k in a and k in b else a.get(k, b.get(k))
            for k in sorted(a.keys() | b.keys())
        }
    if isinstance(a, list) and isinstance(b, list):
        if not a or not b:
            return a or b
        return [_merge_shapes(a[0], b[0])]
    if a == b or b == "null":
        return a
    return b if a == "null" else _ANY


def _shape_differences(a: Any, b: Any, path: str = "$") -> Iterator[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        for key in sorted(a.keys() - b.keys()):
            yield f"{path}.{key}: only in the committed cassette"
        for key in sorted(b.keys() - a.keys()):
            yield f"{path}.{key}: only in the new recording"
        for key in sorted(a.keys() & b.keys()):
            yield from _shape_differences(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, list) and isinstance(b, list):
        if a and b:
            yield from _shape_differences(a[0], b[0], f"{path}[]")
    elif a != b and "null" not in (a, b) and _ANY not in (a, b):
        yield f"{path}: {a} in the committed cassette, {b} in the new recording"


def compare_cassettes(
    committed: list[Cassette], recorded: list[Cassette]
) -> tuple[list[str], list[str]]:
    """(differences, notes) between two recordings of the same workflows.

    Differences: a request answered with other statuses, or a response of another shape
    (compared on the first exchange of each method + operation + status). Notes: requests
    made on one side only. How often and in which order requests happen varies (parallel
    uploads, polling rounds, a check made only when a round shows no progress), so their
    presence alone is reported, not counted.
    """
    differences: list[str] = []
    notes: list[str] = []
    new = {c.workflow: c for c in recorded}
    for old in committed:
        other = new.get(old.workflow)
        if other is None:
            differences.append(f"{old.workflow}: not recorded")
            continue
        before, after = _by_request(old), _by_request(other)
        for key in sorted(before.keys() - after.keys()):
            notes.append(f"{old.workflow}: {' '.join(key)} only in the committed cassette")
        for key in sorted(after.keys() - before.keys()):
            notes.append(f"{old.workflow}: {' '.join(key)} only in the new recording")
        for key in sorted(before.keys() & after.keys()):
            if set(before[key]) != set(after[key]):
                differences.append(
                    f"{old.workflow}: {' '.join(key)} answered {sorted(before[key])} "
                    f"in the committed cassette, {sorted(after[key])} now"
                )
                continue
            for status, a in before[key].items():
                b = after[key][status]
                for diff in _shape_differences(shape(a.response_body), shape(b.response_body)):
                    differences.append(f"{old.workflow} ({a.operation} {status}) response {diff}")
    return differences, notes


def _by_request(cassette: Cassette) -> dict[tuple[str, str], dict[int, Exchange]]:
    """method + operation -> status -> the first exchange with it."""
    out: dict[tuple[str, str], dict[int, Exchange]] = {}
    for exchange in cassette.exchanges:
        statuses = out.setdefault((exchange.method, exchange.operation), {})
        statuses.setdefault(exchange.status, exchange)
    return out


def record_from(api_url: str, out_dir: Path) -> int:
    """Run the recorded workflows against ``api_url`` (token from the environment)."""
    import os
    import subprocess

    if not os.environ.get("GRAND_CHALLENGE_AUTHORIZATION"):
        print(
            "error: set GRAND_CHALLENGE_AUTHORIZATION to a token for that instance", file=sys.stderr
        )
        return 2
    env = dict(os.environ, GC_CONTRACT_API_URL=api_url, GC_CASSETTE_DIR=str(out_dir))
    test = ROOT / "tests" / "contract" / "test_recorded_workflows.py"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(test)],
        env=env,
        cwd=ROOT,
    )
    return proc.returncode


# --------------------------------------------------------------------------------------------
# CLI


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", help="a new schema (file or URL); default: the vendored one")
    parser.add_argument("--cassettes", type=Path, default=CASSETTE_DIR)
    parser.add_argument(
        "--record-from",
        metavar="API_URL",
        help="record the workflows against this grand-challenge (token from "
        "GRAND_CHALLENGE_AUTHORIZATION) into --out and compare them with --cassettes",
    )
    parser.add_argument("--out", type=Path, help="where --record-from writes its cassettes")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    if args.record_from:
        if args.out is None:
            print("error: --record-from needs --out DIR", file=sys.stderr)
            return 2
        if (code := record_from(args.record_from, args.out)) != 0:
            print(f"error: recording against {args.record_from} failed", file=sys.stderr)
            return 2 if code == 2 else 1
        differences, notes = compare_cassettes(
            load_cassettes(args.cassettes), load_cassettes(args.out)
        )
        for line in notes:
            print(f"  note: {line}")
        for line in differences:
            print(f"  {line}")
        print(
            f"{len(differences)} difference(s) between {args.cassettes} and {args.out}"
            if differences
            else f"no differences between {args.cassettes} and {args.out}"
        )
        return 1 if differences else 0

    try:
        vendored = load_schema(VENDORED_SCHEMA)
        new = load_schema(args.schema) if args.schema else vendored
        patched = apply_patches(new, load_patches())
    except PatchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"error: cannot read schema: {exc}", file=sys.stderr)
        return 2
    cassettes = load_cassettes(args.cassettes)
    if not cassettes:
        print(f"error: no cassettes in {args.cassettes}", file=sys.stderr)
        return 2

    old_patched = load_schema(PATCHED_SCHEMA)
    if args.schema:
        changes = diff_schemas(old_patched, patched)
        print(format_report(changes))
        breaking = [c for c in changes if c.breaking]
        if breaking:
            print("\nRecorded workflows touched by breaking changes:")
            for change in breaking:
                hits = affected_workflows(change, old_patched, cassettes)
                where = ", ".join(hits[:6]) + (f" (+{len(hits) - 6} more)" if len(hits) > 6 else "")
                print(f"  {change.detail}\n      {where or 'no recorded workflow'}")

    checker = ContractChecker(patched, check_models=not args.schema)
    problems = checker.check(cassettes)
    n_exchanges = sum(len(c.exchanges) for c in cassettes)
    elapsed = time.perf_counter() - started
    if problems:
        print(f"\nCONTRACT BROKEN: {len(problems)} problem(s) in {n_exchanges} recorded exchanges:")
        for problem in problems:
            print(f"  {problem}")
        broken = sorted({p.cassette for p in problems})
        print(f"workflows that break: {', '.join(broken)}")
        return 1
    ops = {e.operation for c in cassettes for e in c.exchanges}
    print(
        f"\ncontract holds: {len(cassettes)} cassettes, {n_exchanges} exchanges, "
        f"{len(ops)} of {len(checker.index.by_id)} operations, {elapsed:.1f} s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
