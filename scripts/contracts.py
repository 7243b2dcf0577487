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
strict (an object may not carry fields the schema does not declare). Against the vendored
schema, the generated models must also parse every recorded response and serialise every
recorded request body back unchanged.

Breaking or drift: a field a recorded response carries that the schema no longer declares
breaks the contract only if the client reads it; one it never reads is drift, listed
("drift: field X no longer sent, not read by the client: <where>") but not breaking, and the
change report marks its removal "(drift: not read by the client)" instead of BREAKING.
Which fields the client reads is derived from its source (:func:`client_reads`): mypy's type
inference over ``gc_highlevel``, every ``x.field`` / ``getattr(x, "field")`` on a value typed
as a generated model being a read of that model's field. Static rather than recorded at run
time: the client is type-checked strictly, so this sees every code path (the CLI, error
handling, what no recorded workflow reaches), and it is computed from the code being checked,
so it cannot go stale. When in doubt a field counts as read (untyped values, ``to_dict()``,
``Target.from_dict(x.to_dict())``, a failed analysis).

When a patch no longer applies to the new schema there is no patched schema to check
against; the raw change report (vendored -> new) then decides: a breaking change to an
operation or component a recorded exchange uses breaks its workflow (exit 1, the stale patch
is a note), otherwise the stale patch is the problem (exit 2, naming it).

Exit codes: 0 nothing recorded breaks (drift at most); 1 something does; 2 bad input
(unreadable schema, a patch that no longer applies while no recorded workflow breaks, with the
patch named; no cassettes).

Fidelity loop: ``--api-url API_URL --out DIR`` (alias ``--record-from``) runs the same
recorded workflows against any grand-challenge instance (token from
``GRAND_CHALLENGE_AUTHORIZATION``) and compares the requests made and the response shapes
with the committed cassettes. Every workflow runs whatever happens to the others; one that
fails is named with its error in one line, the rest are compared, and the exit status is 1
if anything failed or differs. Maps (objects the schema types by ``additionalProperties``
alone, or keyed by ids: the ground truth, ``descriptions_map_safe``) are compared by the
shape of their values, not by their keys, which differ from server to server.

Example::

    python scripts/contracts.py                       # the committed contract
    python scripts/contracts.py --schema https://grand-challenge.org/api/schema/?format=json
    GRAND_CHALLENGE_AUTHORIZATION=... python scripts/contracts.py \\
        --api-url https://grand-challenge.org/api/v1/ --out /tmp/real-cassettes
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import importlib
import json
import re
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from api_diff import Change, diff_schemas, format_report
from openapi_patches import (
    PATCHED_SCHEMA,
    ROOT,
    VENDORED_SCHEMA,
    PatchError,
    SchemaPatch,
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
# The same ids without dashes (uuid4().hex: e.g. the client's "gc-client:<hex>" title markers).
_HEX_UUID4 = re.compile(r"(?<![0-9a-f])[0-9a-f]{12}4[0-9a-f]{3}[89ab][0-9a-f]{15}(?![0-9a-f])")
# Media keys shard by the object's id: images/50/aa/50aa…/ (the shards are its first 4 digits).
_MAYBE_SHARDED = re.compile(r"(?:/([0-9a-f]{2})/([0-9a-f]{2})/)?(" + _UUID.pattern + ")")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
_SIGNED_PARAMS = re.compile(
    r"((?:X-Amz-Signature|X-Amz-Credential|X-Amz-Security-Token|X-Amz-Date|Signature"
    r"|AWSAccessKeyId|Expires|uploadId)=)[^&\"\s]+"
)
# Measured times (``average_duration``, ``exec_duration``, ``durations``...): never the same twice.
_TIMING_KEY = re.compile(r"(^|_)durations?$")
RECORDED_DATETIME = "2025-01-01T00:00:00Z"


def timing_placeholder(value: Any) -> Any:
    """A measured time replaced by one of the same JSON type and format: ``0``, ``0.0``, a
    string with every digit ``0`` (``"P0DT00H00M03.2S"`` -> ``"P0DT00H00M00.0S"``); ``null``
    stays ``null`` (whether a time was measured yet is part of the contract)."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return 0
    if isinstance(value, float):
        return 0.0
    if isinstance(value, str):
        return re.sub(r"\d", "0", value)
    if isinstance(value, list):
        return [timing_placeholder(v) for v in value]
    if isinstance(value, dict):
        return {k: timing_placeholder(v) for k, v in value.items()}
    return value


class Sanitiser:
    """Makes recordings reviewable and secret-free.

    The API origin becomes ``https://grand-challenge.org``; any other origin (presigned
    storage) becomes ``https://storage.invalid``; signatures, credentials, expiry and upload
    ids in URLs become ``REDACTED``; UUIDs become stable placeholders in order of first
    appearance (in object keys too: maps keyed by pk), and the hash shards of media paths
    (``images/50/aa/<id>/``) are recomputed from the placeholder; date-times a fixed instant; measured durations a placeholder
    (:func:`timing_placeholder`); S3 upload ids ``s3-upload-id-N``; socket values' integer
    pks are numbered in order of first appearance too.
    """

    def __init__(self, api_origin: str, secrets: Iterable[str] = ()) -> None:
        self.api_origin = api_origin.rstrip("/")
        self.secrets = [s for s in secrets if s]
        self._uuids: dict[str, str] = {}
        self._upload_ids: dict[str, str] = {}
        self._value_pks: dict[int, int] = {}

    def stable_id(self, value: str) -> str:
        if value not in self._uuids:
            self._uuids[value] = f"00000000-0000-4000-8000-{len(self._uuids) + 1:012d}"
        return self._uuids[value]

    def _uuid(self, match: re.Match[str]) -> str:
        first, second, value = match.groups()
        stable = self.stable_id(value)
        if first is None:
            return stable
        if first + second != value[:4]:
            return f"/{first}/{second}/{stable}"
        return f"/{stable[:2]}/{stable[2:4]}/{stable}"

    def _hex_uuid(self, match: re.Match[str]) -> str:
        h = match.group(0)
        return self.stable_id(str(uuid.UUID(h))).replace("-", "")

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
        value = _MAYBE_SHARDED.sub(self._uuid, value)
        value = _HEX_UUID4.sub(self._hex_uuid, value)
        return RECORDED_DATETIME if _DATETIME.match(value) else value

    def data(self, value: Any, key: str = "") -> Any:
        if _TIMING_KEY.search(key):
            value = timing_placeholder(value)
        if isinstance(value, dict):
            for k, v in value.items():
                if k == "s3_upload_id" and isinstance(v, str) and v:
                    self._upload_ids.setdefault(v, f"s3-upload-id-{len(self._upload_ids) + 1}")
            # Keys too: a map keyed by pk (the ground truth, by question) names ids.
            out = {self.text(k): self.data(v, k) for k, v in value.items()}
            pk = value.get("pk")
            if "interface" in value and isinstance(pk, int) and not isinstance(pk, bool):
                # A socket value's integer pk: numbered by the server's worker in the order
                # it finishes imports, so as first seen here instead.
                out["pk"] = self._value_pks.setdefault(pk, len(self._value_pks) + 1)
            return out
        if isinstance(value, list):
            return [self.data(v) for v in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def exchange(self, ex: Exchange) -> Exchange:
        return Exchange(
            operation=ex.operation,
            method=ex.method,
            path=self.text(ex.path),
            query=self.data(ex.query),
            request_body=self.data(ex.request_body),
            status=ex.status,
            response_body=self.data(ex.response_body),
            response_content_type=ex.response_content_type,
        )


def _ids_in(value: Any) -> list[str]:
    """The UUIDs a JSON value mentions (dashless ones written with dashes), in order."""
    text = json.dumps(value)
    found = _UUID.findall(text)
    found.extend(str(uuid.UUID(h)) for h in _HEX_UUID4.findall(text))
    return found


def _lanes(exchanges: list[Exchange]) -> list[int]:
    """For each exchange, the first exchange of its lane (itself for exchanges in none).

    A lane is the chain of writes one concurrent task makes: a POST that creates an object
    (an upload, an item, a display set, a job) starts one, and every later write whose path,
    query or body names that object (its pk, or its URL) joins it. Ids the writes only read
    (the archive, the algorithm) tie nothing; reads belong to no lane.
    """
    parent = list(range(len(exchanges)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    made_by: dict[str, int] = {}
    for i, ex in enumerate(exchanges):
        if ex.method == "GET":
            continue
        for value in _ids_in([ex.path, ex.query, ex.request_body]):
            if value in made_by:
                a, b = root(made_by[value]), root(i)
                parent[max(a, b)] = min(a, b)
        body = ex.response_body
        if ex.method == "POST" and isinstance(body, dict) and isinstance(body.get("pk"), str):
            made_by.setdefault(body["pk"], i)
    return [root(i) for i in range(len(exchanges))]


def _upload_name(ex: Exchange) -> str | None:
    if ex.operation == "uploads_create" and isinstance(ex.request_body, dict):
        name = ex.request_body.get("filename")
        return name if isinstance(name, str) else ""
    return None


def canonical_order(exchanges: list[Exchange]) -> list[Exchange]:
    """The exchanges with those of concurrent cases in a deterministic order.

    The batch calls upload files and handle cases in parallel, so the requests of two cases
    (an upload's create / presign / complete, then the object's create and PATCH, or the job
    POST) interleave differently from run to run. Each case's writes form a lane
    (:func:`_lanes`). Where lanes that upload files overlap in time, the stretch they span is
    rewritten lane after lane: lanes by the name of the first file they upload, each lane's
    requests in the order they were made; then the lanes that upload nothing and the reads
    made meanwhile, in their order. Everything else keeps its place. Without at least two
    overlapping uploading lanes nothing moves: sequential traffic is its own order.
    """
    lane = _lanes(exchanges)
    members: dict[int, list[int]] = {}
    for i, head in enumerate(lane):
        if exchanges[i].method != "GET":
            members.setdefault(head, []).append(i)
    names = {
        head: next((n for i in idx if (n := _upload_name(exchanges[i])) is not None), None)
        for head, idx in members.items()
    }
    sections: list[list[int]] = []  # [start, end, *lane heads]
    for head, idx in sorted(members.items()):
        if sections and idx[0] <= sections[-1][1]:
            sections[-1][1] = max(sections[-1][1], idx[-1])
            sections[-1].append(head)
        else:
            sections.append([idx[0], idx[-1], head])
    out: list[Exchange] = []
    position = 0
    for start, end, *heads in sections:
        uploading = sorted((names[h], h) for h in heads if names[h] is not None)
        if len(uploading) < 2:
            continue
        out.extend(exchanges[position:start])
        placed = [i for _, h in uploading for i in members[h]]
        taken = set(placed)
        out.extend(exchanges[i] for i in placed)
        out.extend(exchanges[i] for i in range(start, end + 1) if i not in taken)
        position = end + 1
    out.extend(exchanges[position:])
    return out


class CassetteRecorder:
    """Collects the API exchanges of one workflow into a :class:`Cassette`.

    Wrap the client's transport with :meth:`transport` / :meth:`async_transport`; only
    requests under ``/api/`` with JSON (or empty) bodies are kept: storage traffic and media
    downloads are not part of the API contract. The exchanges are kept as they were made and
    sanitised only when :attr:`cassette` is read, after the concurrent uploads among them were
    put in a deterministic order (:func:`canonical_order`), so that stable ids are
    handed out in the same order on every recording.
    """

    def __init__(self, workflow: str, description: str, *, api_url: str, schema: dict[str, Any],
                 secrets: Iterable[str] = ()) -> None:  # fmt: skip
        origin = re.match(r"^(https?://[^/]+)", api_url)
        self.api_origin = origin.group(1) if origin else api_url
        self.secrets = list(secrets)
        self.workflow = workflow
        self.description = description
        self.index = OperationIndex(schema)
        self.raw: list[Exchange] = []
        self._lock = threading.Lock()

    @property
    def cassette(self) -> Cassette:
        sanitiser = Sanitiser(self.api_origin, self.secrets)
        with self._lock:
            raw = list(self.raw)
        exchanges = [sanitiser.exchange(ex) for ex in canonical_order(raw)]
        return Cassette(self.workflow, self.description, exchanges)

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
        exchange = Exchange(
            operation=op.operation_id if op else "(unknown)",
            method=request.method,
            path=path,
            query=query,
            request_body=req_body,
            status=response.status_code,
            response_body=body,
            response_content_type=content_type or "none",
        )
        with self._lock:
            self.raw.append(exchange)

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
        path = directory / f"{self.workflow}.json"
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
# What the client reads: which fields of the generated models gc_highlevel uses

CLIENT_DIR = ROOT / "gc_highlevel"
MODELS_DIR = ROOT / "generated" / "gc_api" / "models"
GENERATOR_CONFIG = ROOT / "openapi" / "config.yaml"
# Not the client: the emulated grand-challenge the tests run against.
NOT_CLIENT = ("gc_highlevel.testing",)
# Calls that read every field of the model they are given.
_WHOLE_MODEL_CALLS = {
    f"{module}.{name}" for module in ("attr", "attrs") for name in ("asdict", "astuple", "evolve")
}


@dataclass
class ClientReads:
    """Which fields of the generated ``gc_api`` models the client (``gc_highlevel``) reads.

    ``typed``: model class -> attribute names read on values of that class (``job.status``,
    ``getattr(job, "status")``, and the fields of ``Target`` in ``Target.from_dict(job.to_dict())``);
    ``whole``: model classes whose every field the client uses (``.to_dict()``,
    ``attrs.asdict``/``evolve``; with the models nested in them); ``by_name``: attribute names
    (or JSON keys) read on values whose type does not say which model they are (``Any``,
    ``object``, a protocol, an unbound type variable): they count for every model with such a
    field; ``json_keys``: model class -> JSON key -> attribute name (``ETag`` -> ``e_tag``).
    ``error``: the analysis failed, and every field counts as read.
    """

    typed: dict[str, set[str]] = field(default_factory=dict)
    whole: set[str] = field(default_factory=set)
    by_name: set[str] = field(default_factory=set)
    json_keys: dict[str, dict[str, str]] = field(default_factory=dict)
    error: str | None = None

    def reads(self, model: str | None, key: str) -> bool:
        """Whether the client reads JSON field ``key`` of model class ``model``. Unknown
        models (None, or no such generated class) count as read: when in doubt, breaking."""
        if self.error is not None or model is None or model not in self.json_keys:
            return True
        attr = self.json_keys[model].get(key, key)
        return (
            model in self.whole
            or attr in self.typed.get(model, ())
            or attr in self.by_name
            or key in self.by_name
        )


def model_json_keys(models_dir: Path = MODELS_DIR) -> dict[str, dict[str, str]]:
    """Model class -> JSON key -> attribute name, read from the generated ``to_dict`` methods
    (``field_dict.update({"ETag": e_tag})``, ``field_dict["next"] = next_``: the generator
    names the local after the attribute)."""
    import ast

    def pairs(node: ast.AST) -> Iterator[tuple[ast.expr | None, ast.expr]]:
        if isinstance(node, ast.Dict):
            yield from zip(node.keys, node.values, strict=True)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Subscript):
                    yield target.slice, node.value

    out: dict[str, dict[str, str]] = {}
    for path in sorted(models_dir.glob("*.py")):
        for cls in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(cls, ast.ClassDef):
                continue
            keys = out.setdefault(cls.name, {})
            for fn in cls.body:
                if isinstance(fn, ast.FunctionDef) and fn.name == "to_dict":
                    for node in ast.walk(fn):
                        for key, value in pairs(node):
                            if (
                                isinstance(key, ast.Constant)
                                and isinstance(key.value, str)
                                and isinstance(value, ast.Name)
                            ):
                                keys[key.value] = value.id
    return out


def _class_overrides() -> dict[str, str]:
    """Schema name -> generated class name, from the generator config's ``class_overrides``."""
    try:
        import yaml  # type: ignore[import-untyped,unused-ignore]

        config = yaml.safe_load(GENERATOR_CONFIG.read_text(encoding="utf-8")) or {}
    except (ImportError, OSError, ValueError):
        return {}
    overrides = config.get("class_overrides") or {}
    return {
        name: spec["class_name"]
        for name, spec in overrides.items()
        if isinstance(spec, dict) and "class_name" in spec
    }


def _pascal(name: str) -> str:
    return "".join(p[:1].upper() + p[1:] for p in re.split(r"[^0-9A-Za-z]+", name) if p)


def model_class(where: str) -> str:
    """The generated class for a schema location (see :func:`annotate_schema_names`):
    ``HyperlinkedImage`` -> ``HyperlinkedImage``, ``Timezone`` -> ``UserTimezone`` (config),
    ``DisplaySet.descriptions_map_safe`` -> ``DisplaySetDescriptionsMapSafe``, ``X.y[]`` ->
    ``XYItem`` (the generator's names for inline objects)."""
    head, *rest = re.findall(r"[^.\[\]{}]+|\[\]|\{\}", where)
    name = str(_class_overrides().get(head, head))
    for part in rest:
        name += {"[]": "Item", "{}": "AdditionalProperty"}.get(part) or _pascal(part)
    return name


def client_reads() -> ClientReads:
    """What ``gc_highlevel`` reads of the generated models (computed once per process).

    Static analysis with mypy's own type inference: the client is type-checked strictly, so
    the type of the object in every ``x.attr`` (and ``getattr(x, "attr")``) is known; an
    access on a ``gc_api.models`` class (through unions, ``None``, type-variable bounds) reads
    that field of that model. This covers every code path of the client (the CLI, error
    handling, code the recorded workflows never reach) from the source itself, so it cannot
    go stale. Where the type does not tell the model (``Any``, ``object``, a protocol), the
    name counts for every model: when in doubt, a field is read.
    """
    global _CLIENT_READS
    if _CLIENT_READS is None:
        try:
            _CLIENT_READS = _analyse_client_reads()
        except Exception as exc:  # mypy missing or failing: no basis for calling anything drift
            _CLIENT_READS = ClientReads(error=f"{type(exc).__name__}: {exc}".splitlines()[0])
    return _CLIENT_READS


_CLIENT_READS: ClientReads | None = None


def field_is_read(where: str, key: str) -> bool:
    """Whether the client reads JSON field ``key`` of the schema's ``where`` (a component, or
    a place in one: :func:`model_class`)."""
    return client_reads().reads(model_class(where), key)


def _analyse_client_reads() -> ClientReads:
    import os

    from mypy import build
    from mypy import types as mt
    from mypy.find_sources import create_source_list
    from mypy.nodes import CallExpr, MemberExpr, RefExpr, StrExpr, TypeInfo, Var
    from mypy.options import Options
    from mypy.traverser import NameAndMemberCollector

    options = Options()
    options.mypy_path = [str(ROOT / "generated")]
    options.export_types = True
    options.preserve_asts = True
    options.incremental = False
    options.cache_dir = os.devnull
    options.ignore_missing_imports = True
    # Only what the client's types are made of: third-party code it merely calls is Any.
    options.follow_imports = "skip"
    options.per_module_options = {
        pattern: {"follow_imports": "silent"}
        for module in ("gc_api", "httpx", "httpcore", "attr", "attrs")
        for pattern in (module, f"{module}.*")
    }
    options.build_per_module_cache()
    sources = [
        s
        for s in create_source_list([str(CLIENT_DIR)], options)
        if s.module and not s.module.startswith(NOT_CLIENT)
    ]
    result = build.build(sources, options)  # type errors do not matter; types are inferred

    def is_model(info: TypeInfo) -> bool:
        return info.fullname.startswith("gc_api.models.")

    def classify(typ: mt.Type | None) -> tuple[set[TypeInfo], bool]:
        """(the model classes a value of this type may be, whether it may be untyped)."""
        t = mt.get_proper_type(typ)
        if isinstance(t, mt.UnionType):
            models: set[TypeInfo] = set()
            untyped = False
            for item in t.items:
                m, u = classify(item)
                models |= m
                untyped |= u
            return models, untyped
        if isinstance(t, mt.TypeVarType):
            return classify(t.upper_bound)
        if isinstance(t, mt.AnyType):
            return set(), True
        if isinstance(t, mt.Instance):
            if is_model(t.type):
                return {t.type}, False
            return set(), t.type.is_protocol or t.type.fullname == "builtins.object"
        return set(), False

    def class_object(typ: mt.Type | None) -> TypeInfo | None:
        """The model class when the value is the class itself (``HyperlinkedJob.from_dict``)."""
        t = mt.get_proper_type(typ)
        if isinstance(t, mt.CallableType) and t.is_type_obj():
            info = t.type_object()
            return info if is_model(info) else None
        if isinstance(t, mt.TypeType):
            item = mt.get_proper_type(t.item)
            if isinstance(item, mt.Instance) and is_model(item.type):
                return item.type
        return None

    reads = ClientReads(json_keys=model_json_keys())
    whole: set[TypeInfo] = set()

    def access(base: mt.Type | None, name: str) -> None:
        if class_object(base) is not None:  # Model.from_dict: see the calls below
            return
        models, untyped = classify(base)
        for info in models:
            reads.typed.setdefault(info.name, set()).add(name)
            if name == "to_dict":
                whole.add(info)
        if untyped:
            reads.by_name.add(name)

    ours: set[int] = set()
    for module, state in result.graph.items():
        if state.tree is None or not (
            module == CLIENT_DIR.name or module.startswith(CLIENT_DIR.name + ".")
        ):
            continue
        if module.startswith(NOT_CLIENT):
            continue
        collector = NameAndMemberCollector()
        state.tree.accept(collector)
        ours.update(id(e) for e in collector.name_exprs)
        ours.update(id(e) for e in collector.member_exprs)
        for member in collector.member_exprs:
            access(result.types.get(member.expr), member.name)
    for expr in result.types:
        if not (isinstance(expr, CallExpr) and id(expr.callee) in ours and expr.args):
            continue
        callee = expr.callee
        name = callee.fullname if isinstance(callee, RefExpr) else ""
        if name in ("builtins.getattr", "builtins.hasattr") and len(expr.args) >= 2:
            attr = expr.args[1]
            if isinstance(attr, StrExpr):
                access(result.types.get(expr.args[0]), attr.value)
        elif name in _WHOLE_MODEL_CALLS:
            whole.update(classify(result.types.get(expr.args[0]))[0])
        elif isinstance(callee, MemberExpr) and callee.name == "from_dict":
            # One model made from another: Target.from_dict(source.to_dict()) needs Target's
            # fields in the source (on its model, or by name when its type says none).
            target = class_object(result.types.get(callee.expr))
            source = expr.args[0]
            if not (
                target is not None
                and isinstance(source, CallExpr)
                and isinstance(source.callee, MemberExpr)
                and source.callee.name == "to_dict"
            ):
                continue
            keys = reads.json_keys.get(target.name, {})
            models, untyped = classify(result.types.get(source.callee.expr))
            for info in models:
                attrs = reads.json_keys.get(info.name, {})
                reads.typed.setdefault(info.name, set()).update(
                    attrs[k] for k in keys if k in attrs
                )
            if untyped:
                reads.by_name.update(keys)

    def nested(typ: mt.Type | None, found: set[TypeInfo]) -> None:
        t = mt.get_proper_type(typ)
        if isinstance(t, mt.Instance):
            if is_model(t.type):
                found.add(t.type)
            for arg in t.args:
                nested(arg, found)
        elif isinstance(t, (mt.UnionType, mt.TupleType)):
            for item in t.items:
                nested(item, found)

    todo = list(whole)
    while todo:  # the models nested in one serialised whole are serialised whole too
        info = todo.pop()
        inner: set[TypeInfo] = set()
        for symbol in info.names.values():
            if isinstance(symbol.node, Var):
                nested(symbol.node.type, inner)
        for model in inner - whole:
            whole.add(model)
            todo.append(model)
    reads.whole = {info.name for info in whole}
    return reads


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
    # A response field the schema does not declare: (schema location, JSON key), e.g.
    # ("HyperlinkedImage", "patient_id"); see ContractChecker.check.
    undeclared: tuple[str, str] | None = None

    def __str__(self) -> str:
        return (
            f"{self.cassette} exchange #{self.index} ({self.operation}) {self.where} "
            f"at {self.json_path}: {self.message} [rule: {self.rule}]"
        )


@dataclass(frozen=True)
class Drift:
    """A field a recorded response carries that the schema no longer declares, and that the
    client never reads (:class:`ClientReads`): not breaking, but worth knowing."""

    cassette: str
    index: int
    operation: str
    json_path: str
    field: str  # "Schema.field"

    @property
    def place(self) -> str:
        return f"{self.cassette} #{self.index} ({self.operation}) at {self.json_path}"


SCHEMA_NAME = "x-gc-schema"


def annotate_schema_names(schema: dict[str, Any]) -> dict[str, Any]:
    """A copy of the schema in which every object schema with properties says where it is
    (``x-gc-schema``): its component (``HyperlinkedImage``) or its place in one
    (``DisplaySet.descriptions_map_safe``, ``X.items[]``, ``X.map{}``), so that a validation
    error names the model whose field it is about (:func:`model_class`)."""
    out = copy.deepcopy(schema)

    def visit(node: Any, where: str) -> None:
        if not isinstance(node, dict) or "$ref" in node:
            return
        if isinstance(node.get("properties"), dict):
            node[SCHEMA_NAME] = where
            for name, value in node["properties"].items():
                visit(value, f"{where}.{name}")
        visit(node.get("items"), f"{where}[]")
        visit(node.get("additionalProperties"), f"{where}{{}}")
        for key in ("allOf", "anyOf", "oneOf"):
            for value in node.get(key) or []:
                visit(value, where)

    for name, component in out.get("components", {}).get("schemas", {}).items():
        visit(component, name)
    return out


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


def _schema_errors(exc: BaseException) -> Iterator[tuple[str, str, str, tuple[str, str] | None]]:
    """(json path, rule, message, undeclared) for each leaf schema error behind an
    openapi-core error. An object carrying fields its (annotated) schema does not declare
    gives one error per field, with ``undeclared`` = (schema location, JSON key)."""
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
                path = list(leaf.absolute_path)
                schema, instance = getattr(leaf, "schema", None), getattr(leaf, "instance", None)
                where = schema.get(SCHEMA_NAME) if isinstance(schema, dict) else None
                if (
                    leaf.validator == "additionalProperties"
                    and isinstance(schema, dict)
                    and where
                    and isinstance(instance, dict)
                ):
                    declared = schema.get("properties") or {}
                    for key in sorted(k for k in instance if k not in declared):
                        yield (
                            _json_path([*path, key]),
                            "additionalProperties",
                            f"'{key}' was unexpected: {where} does not declare it",
                            (where, key),
                        )
                    continue
                yield (_json_path(path), str(leaf.validator), leaf.message, None)
        if current.__cause__ is not None:
            stack.append(current.__cause__)
        if current.__context__ is not None and current.__context__ is not current.__cause__:
            stack.append(current.__context__)
    if not seen:
        yield ("$", type(exc).__name__, str(exc) or repr(exc), None)


class ContractChecker:
    """Validates recorded exchanges against one (patched) schema.

    The schema is made strict (:func:`make_strict`): a recorded response may carry only
    declared fields. A field it carries that the schema does not declare (typically: one the
    new schema removed) is breaking only if the client reads it (:func:`client_reads`);
    otherwise it is drift (:attr:`drift`), and the exchange is checked again with that field
    allowed (so that, under a nullable ``anyOf``, the other branch's error goes too).
    """

    def __init__(
        self,
        schema: dict[str, Any],
        *,
        check_models: bool = False,
        reads: ClientReads | None = None,
    ) -> None:
        from openapi_core import OpenAPI

        self.schema = schema
        self.index = OperationIndex(schema)
        self._strict = make_strict(annotate_schema_names(schema))
        self.openapi = OpenAPI.from_dict(self._strict)
        self.check_models = check_models
        self._reads = reads
        self.drift: list[Drift] = []

    @property
    def reads(self) -> ClientReads:
        """What the client reads; computed (:func:`client_reads`) only when first needed."""
        if self._reads is None:
            self._reads = client_reads()
        return self._reads

    def is_read(self, where: str, key: str) -> bool:
        return self.reads.reads(model_class(where), key)

    def check(self, cassettes: list[Cassette]) -> list[Problem]:
        """The problems (breaking) in the recorded exchanges; drift goes to :attr:`drift`."""
        from openapi_core import OpenAPI

        self.drift = []
        exchanges = {(c.workflow, i): ex for c in cassettes for i, ex in enumerate(c.exchanges)}
        found = {key: self.check_exchange(*key, ex) for key, ex in exchanges.items()}
        for _ in range(10):  # allowing a field can uncover another one, nested in it
            drifted = [
                p
                for problems in found.values()
                for p in problems
                if p.undeclared is not None and not self.is_read(*p.undeclared)
            ]
            if not drifted:
                break
            for p in drifted:
                assert p.undeclared is not None
                self._allow(*p.undeclared)
                where, key = p.undeclared
                self.drift.append(
                    Drift(p.cassette, p.index, p.operation, p.json_path, f"{where}.{key}")
                )
            self.openapi = OpenAPI.from_dict(self._strict)
            for again in {(p.cassette, p.index) for p in drifted}:
                found[again] = self.check_exchange(*again, exchanges[again])
        return [
            replace(p, message=f"{p.message}, and the client reads it") if p.undeclared else p
            for problems in found.values()
            for p in problems
        ]

    def _allow(self, where: str, key: str) -> None:
        """Declare ``key`` (any value) in the strict schema's objects at ``where``."""

        def visit(node: Any) -> None:
            if isinstance(node, dict):
                if node.get(SCHEMA_NAME) == where and isinstance(node.get("properties"), dict):
                    node["properties"].setdefault(key, {})
                for value in node.values():
                    visit(value)
            elif isinstance(node, list):
                for value in node:
                    visit(value)

        visit(self._strict)

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
                for p, r, m, _ in _schema_errors(exc)
            ]
        documented = str(ex.status) in op.spec.get("responses", {})
        if ex.response_content_type == "application/json" and documented:
            response = MockResponse(json.dumps(ex.response_body).encode(), status_code=ex.status)
            try:
                self.openapi.validate_response(request, response)
            except Exception as exc:
                problems += [
                    Problem(workflow, index, ex.operation, "response", p, r, m, undeclared)
                    for p, r, m, undeclared in _schema_errors(exc)
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
            # Strictly: the models may parse leniently (keeping what does not fit) by default.
            parse_mode = getattr(importlib.import_module("gc_api.types"), "parse_mode", None)
            strict = parse_mode(strict=True) if parse_mode else contextlib.nullcontext()
            try:
                with strict:
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
    return workflows_touched([change], old_schema, cassettes)[change]


def workflows_touched(
    changes: list[Change], old_schema: dict[str, Any], cassettes: list[Cassette]
) -> dict[Change, list[str]]:
    """For each change, the recorded exchanges it touches: ``workflow #i (operation)``.

    An exchange is touched by a change to its operation (``GET /api/v1/x/``) or to a component
    schema its operation reaches (its parameters, body or responses, through ``$ref``s).
    """
    index = OperationIndex(old_schema)
    reach: dict[str, tuple[str, set[str]]] = {}
    for op_id in {e.operation for c in cassettes for e in c.exchanges}:
        op = index.by_id.get(op_id)
        if op is not None:
            reach[op_id] = (f"{op.method} {op.template}", schemas_used(old_schema, op.spec))
    hits: dict[Change, list[str]] = {}
    for change in changes:
        target_schema = change.location.split(".", 1)[0]
        hits[change] = [
            f"{cassette.workflow} #{i} ({ex.operation})"
            for cassette in cassettes
            for i, ex in enumerate(cassette.exchanges)
            if ex.operation in reach
            and (
                change.location == reach[ex.operation][0] or target_schema in reach[ex.operation][1]
            )
        ]
    return hits


def _where(hits: list[str]) -> str:
    shown = ", ".join(hits[:6]) + (f" (+{len(hits) - 6} more)" if len(hits) > 6 else "")
    return shown or "no recorded workflow"


# --------------------------------------------------------------------------------------------
# Patches that no longer apply


def patch_failures(schema: dict[str, Any], patches: list[SchemaPatch]) -> list[str]:
    """One short line per patch that does not apply to ``schema``: the patch file, the index
    of its first failing operation, that operation and its JSON pointer, and why.

    Each patch is tried operation by operation on what the patches before it made (a failing
    patch is skipped whole), so every stale patch is named, not just the first.
    """
    import jsonpatch
    import jsonpointer

    failures = []
    current = copy.deepcopy(schema)
    for patch in patches:
        trial = copy.deepcopy(current)
        for i, operation in enumerate(patch.operations):
            try:
                trial = jsonpatch.JsonPatch([operation]).apply(trial, in_place=True)
            except jsonpatch.JsonPatchTestFailed:
                missing = object()
                there = jsonpointer.resolve_pointer(trial, operation.get("path", ""), missing)
                why = "its target is gone" if there is missing else "the tested value changed"
            except (jsonpatch.JsonPatchConflict, jsonpointer.JsonPointerException):
                why = "its target is gone"
            except jsonpatch.JsonPatchException as exc:
                why = type(exc).__name__
            else:
                continue
            failures.append(
                f"patch {patch.name}: operation #{i} ({operation.get('op')} "
                f"{operation.get('path')}) no longer applies: {why}"
            )
            break
        else:
            current = trial
    return failures


def _short(exc: PatchError) -> str:
    """A PatchError in one line of reasonable length (jsonpatch may quote whole documents)."""
    text = str(exc).splitlines()[0]
    return text if len(text) <= 300 else text[:300] + "…"


# --------------------------------------------------------------------------------------------
# Fidelity loop: the same workflows recorded elsewhere, compared by shape

# Keys that are data, not field names: ids (uuids, with or without dashes) and integer pks.
_ID_KEY = re.compile(rf"^(?:{_UUID.pattern}|[0-9a-f]{{32}}|\d+)$")


@dataclass(frozen=True)
class MapShape:
    """The shape of a map, whose keys are data (question pks, socket slugs, part numbers):
    the merged shape of its values (None for an empty map)."""

    values: Any


def _null_schema(node: Any) -> bool:
    return isinstance(node, dict) and (node.get("enum") == [None] or node.get("type") == "null")


def _resolve(node: Any, components: dict[str, Any]) -> dict[str, Any] | None:
    """The object schema behind ``$ref``s, one-branch ``allOf`` and nullable ``anyOf`` /
    ``oneOf``; None where the schema does not say one thing (or there is none)."""
    for _ in range(32):
        if not isinstance(node, dict):
            return None
        if "$ref" in node:
            node = components.get(str(node["$ref"]).rsplit("/", 1)[-1])
            continue
        branches = [
            b
            for key in ("allOf", "anyOf", "oneOf")
            for b in node.get(key) or []
            if not _null_schema(b)
        ]
        if not branches:
            return node
        if len(branches) > 1 or "properties" in node:
            return None
        node = branches[0]
    return None


def _is_map_schema(node: dict[str, Any] | None) -> bool:
    """An object whose keys are data: ``additionalProperties`` and no declared properties."""
    return (
        node is not None
        and not node.get("properties")
        and node.get("additionalProperties") not in (None, False)
    )


def shape(value: Any, schema: Any = None, components: dict[str, Any] | None = None) -> Any:
    """The structure of a JSON value: key sets and types, not the data.

    A list's items are merged into one shape (the union of their keys), so which items a list
    happens to hold at the moment of recording does not matter. A map (an object the schema
    types by ``additionalProperties`` alone, or whose keys are all ids: the ground truth,
    keyed by question pk; ``descriptions_map_safe``, keyed by socket slug) is a
    :class:`MapShape`: its values merged, its keys not compared, as they differ from server
    to server.
    """
    components = components or {}
    node = _resolve(schema, components)
    if isinstance(value, dict):
        if _is_map_schema(node) or (value and all(_ID_KEY.match(k) for k in value)):
            inner = node.get("additionalProperties") if node and _is_map_schema(node) else None
            merged: Any = None
            for item in value.values():
                item_shape = shape(item, inner, components)
                merged = item_shape if merged is None else _merge_shapes(merged, item_shape)
            return MapShape(merged)
        properties = (node or {}).get("properties") or {}
        return {k: shape(v, properties.get(k), components) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = (node or {}).get("items")
        merged = None
        for item in value:
            item_shape = shape(item, items, components)
            merged = item_shape if merged is None else _merge_shapes(merged, item_shape)
        return [] if merged is None else [merged]
    if value is None:
        return "null"
    return type(value).__name__


_ANY = "any"


def _as_map(value: Any) -> MapShape | None:
    """A map's shape, or an object's shape read as a map (its values merged)."""
    if isinstance(value, MapShape):
        return value
    if isinstance(value, dict):
        merged: Any = None
        for item in value.values():
            merged = item if merged is None else _merge_shapes(merged, item)
        return MapShape(merged)
    return None


def _merge_shapes(a: Any, b: Any) -> Any:
    if isinstance(a, MapShape) or isinstance(b, MapShape):
        if "null" in (a, b):
            return b if a == "null" else a
        am, bm = _as_map(a), _as_map(b)
        if am is None or bm is None:
            return _ANY
        if am.values is None or bm.values is None:
            return MapShape(am.values if bm.values is None else bm.values)
        return MapShape(_merge_shapes(am.values, bm.values))
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
    if isinstance(a, MapShape) or isinstance(b, MapShape):
        am, bm = _as_map(a), _as_map(b)
        if am is not None and bm is not None:
            if am.values is not None and bm.values is not None:
                yield from _shape_differences(am.values, bm.values, f"{path}.*")
            return
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
        yield f"{path}: {_describe_shape(a)} in the committed cassette, {_describe_shape(b)} in the new recording"


def _describe_shape(value: Any) -> str:
    if isinstance(value, MapShape):
        return "a map"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return str(value)


def compare_cassettes(
    committed: list[Cassette],
    recorded: list[Cassette],
    schema: dict[str, Any] | None = None,
    failed: Iterable[str] = (),
) -> tuple[list[str], list[str]]:
    """(differences, notes) between two recordings of the same workflows.

    Differences: a request answered with other statuses, or a response of another shape
    (the shapes of all exchanges of each method + operation + status, merged, compared; with
    ``schema``, objects it types as maps compare as maps, see :func:`shape`). Notes: requests
    made on one side only. How often and in which order requests happen varies (parallel
    uploads, polling rounds, a check made only when a round shows no progress), so their
    presence alone is reported, not counted. Workflows in ``failed`` (they failed while being
    recorded, and are reported as such) are not reported as missing.
    """
    differences: list[str] = []
    notes: list[str] = []
    new = {c.workflow: c for c in recorded}
    failed = set(failed)
    index = OperationIndex(schema) if schema else None
    components = (schema or {}).get("components", {}).get("schemas", {})

    def merged_shape(exchanges: list[Exchange]) -> Any:
        out: Any = None
        for ex in exchanges:
            node = _response_schema(index, ex) if index else None
            s = shape(ex.response_body, node, components)
            out = s if out is None else _merge_shapes(out, s)
        return out

    for old in committed:
        other = new.get(old.workflow)
        if other is None:
            if old.workflow not in failed:
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
                operation = a[0].operation
                for diff in _shape_differences(merged_shape(a), merged_shape(b)):
                    differences.append(f"{old.workflow} ({operation} {status}) response {diff}")
    return differences, notes


def _response_schema(index: OperationIndex, ex: Exchange) -> Any:
    op = index.by_id.get(ex.operation)
    if op is None:
        return None
    response = op.spec.get("responses", {}).get(str(ex.status)) or {}
    return response.get("content", {}).get("application/json", {}).get("schema")


def _by_request(cassette: Cassette) -> dict[tuple[str, str], dict[int, list[Exchange]]]:
    """method + operation -> status -> the exchanges with it."""
    out: dict[tuple[str, str], dict[int, list[Exchange]]] = {}
    for exchange in cassette.exchanges:
        statuses = out.setdefault((exchange.method, exchange.operation), {})
        statuses.setdefault(exchange.status, []).append(exchange)
    return out


WORKFLOW_TESTS = ROOT / "tests" / "contract" / "test_recorded_workflows.py"


@dataclass(frozen=True)
class WorkflowFailure:
    """A workflow that failed while being recorded elsewhere: its cassette is missing."""

    workflow: str
    test: str
    error: str  # one line

    def __str__(self) -> str:
        return f"workflow {self.workflow} failed ({self.test}): {self.error}"


def workflow_names(test_file: Path = WORKFLOW_TESTS) -> dict[str, str]:
    """Test function -> the workflow (cassette name) it records: the name it passes to
    ``recorded(target, "<workflow>", ...)``."""
    import ast

    names: dict[str, str] = {}
    for fn in ast.parse(test_file.read_text(encoding="utf-8")).body:
        if not isinstance(fn, ast.FunctionDef):
            continue
        for node in ast.walk(fn):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "recorded"
                and len(node.args) >= 2
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
            ):
                names[fn.name] = node.args[1].value
                break
    return names


def _one_line(text: str, limit: int = 300) -> str:
    line = next((s.strip() for s in text.splitlines() if s.strip()), "") or "(no message)"
    return line if len(line) <= limit else line[: limit - 1] + "…"


def junit_failures(report: Path, names: dict[str, str]) -> list[WorkflowFailure]:
    """The failed (or erroring) tests in a pytest JUnit XML report, as workflow failures."""
    import xml.etree.ElementTree as ET

    failures = []
    for case in ET.parse(report).getroot().iter("testcase"):
        for outcome in ("failure", "error"):
            found = case.find(outcome)
            if found is None:
                continue
            test = case.get("name", "?")
            message = found.get("message") or found.text or ""
            failures.append(
                WorkflowFailure(names.get(test.split("[", 1)[0], test), test, _one_line(message))
            )
            break
    return failures


def record_from(api_url: str, out_dir: Path) -> tuple[int, list[WorkflowFailure]]:
    """Run the recorded workflows against ``api_url`` (token from the environment), each
    whatever happens to the others: (0, the workflows that failed), or (2, ...) when the
    run itself could not happen (no token; pytest could not run the tests)."""
    import os
    import subprocess
    import tempfile

    if not os.environ.get("GRAND_CHALLENGE_AUTHORIZATION"):
        print(
            "error: set GRAND_CHALLENGE_AUTHORIZATION to a token for that instance", file=sys.stderr
        )
        return 2, []
    # Lenient parsing, as users get it: a field that instance does not send (or sends
    # differently) must show as a shape difference in the comparison, not stop the workflow.
    env = dict(
        os.environ,
        GC_CONTRACT_API_URL=api_url,
        GC_CASSETTE_DIR=str(out_dir),
        GC_CLIENT_STRICT_RESPONSES="0",
    )
    with tempfile.TemporaryDirectory(prefix="gc-contracts-") as tmp:
        report = Path(tmp) / "report.xml"
        proc = subprocess.run(
            [sys.executable, "-m", "pytest", "-q", "--tb=short", "-p", "no:cacheprovider",
             f"--junitxml={report}", str(WORKFLOW_TESTS)],
            env=env,
            cwd=ROOT,
        )  # fmt: skip
        failures = junit_failures(report, workflow_names()) if report.exists() else []
    if proc.returncode == 1 and not failures:
        failures = [WorkflowFailure("?", "pytest", "tests failed; see pytest's output above")]
    if proc.returncode not in (0, 1):  # interrupted, internal or usage error, nothing collected
        print(
            f"error: pytest could not run the workflows (exit {proc.returncode})", file=sys.stderr
        )
        return 2, failures
    return 0, failures


# --------------------------------------------------------------------------------------------
# CLI


def report_unpatchable(
    vendored: dict[str, Any], new: dict[str, Any], cassettes: list[Cassette], failures: list[str]
) -> int:
    """Our patches do not all apply to the new schema, so there is no patched schema to
    validate against: judge on the raw change report instead.

    A patch usually stops applying because the API changed under it (the operation it edits
    is gone, the field it tests is now required...). If a breaking raw change touches a
    recorded workflow, that is the news: exit 1, naming the workflows, with the stale patches
    as notes. Otherwise a patch simply went stale: exit 2, naming it. A removed response field
    the client never reads is drift here too (:func:`mark_drift`): when a patch removed it
    already (patches 150, 160), the news is only that the patch can go.
    """
    changes = mark_drift(diff_schemas(vendored, new), field_is_read)
    print(format_report(changes))
    breaking = [c for c in changes if c.breaking]
    touched = {c: h for c, h in workflows_touched(breaking, vendored, cassettes).items() if h}
    if not touched:
        for failure in failures:
            print(f"error: {failure}", file=sys.stderr)
        print(
            "error: no recorded workflow depends on what changed; fix or delete the patch",
            file=sys.stderr,
        )
        return 2
    print(
        "\nRecorded workflows broken by breaking changes (judged on the raw schemas: "
        "the patched schema cannot be built):"
    )
    for change, hits in touched.items():
        print(f"  {change.detail}\n      {_where(hits)}")
    for failure in failures:
        print(f"  note: {failure}; update or delete it along with the client fix")
    broken = sorted({hit.split(" #", 1)[0] for hits in touched.values() for hit in hits})
    print(f"\nCONTRACT BROKEN: workflows that break: {', '.join(broken)}")
    return 1


def mark_drift(changes: list[Change], is_read: Callable[[str, str], bool]) -> list[Change]:
    """The change report with each removed response field the client never reads marked as
    drift (not breaking): regenerating the models is all it takes."""
    out = []
    for change in changes:
        if change.kind == "field-removed" and change.breaking and "." in change.location:
            where, key = change.location.rsplit(".", 1)
            if not is_read(where, key):
                detail = f"{change.detail} (drift: not read by the client)"
                change = Change(change.kind, change.location, detail, False)
        out.append(change)
    return out


def print_drift(checker: ContractChecker) -> None:
    """One line per field the recorded responses carry undeclared and the client never reads."""
    places: dict[str, list[str]] = {}
    for drift in checker.drift:
        places.setdefault(drift.field, []).append(drift.place)
    if places:
        print(
            f"\nDrift (not breaking): {len(places)} field(s) in recorded responses that the "
            "schema does not declare and the client never reads:"
        )
        for name, where in places.items():
            print(f"  drift: field {name} no longer sent, not read by the client: {_where(where)}")
    reads = checker._reads
    if reads is not None and reads.error is not None:
        print(
            f"  note: cannot tell which fields the client reads ({reads.error}): every "
            "undeclared field counts as read"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schema", help="a new schema (file or URL); default: the vendored one")
    parser.add_argument("--cassettes", type=Path, default=CASSETTE_DIR)
    parser.add_argument(
        "--api-url",
        "--record-from",
        dest="api_url",
        metavar="API_URL",
        help="record the workflows against this grand-challenge (token from "
        "GRAND_CHALLENGE_AUTHORIZATION) into --out and compare them with --cassettes "
        "(--record-from: the same)",
    )
    parser.add_argument("--out", type=Path, help="where --api-url writes its cassettes")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    if args.api_url:
        if args.out is None:
            print("error: --api-url needs --out DIR", file=sys.stderr)
            return 2
        code, failures = record_from(args.api_url, args.out)
        if code != 0:
            print(f"error: recording against {args.api_url} failed", file=sys.stderr)
            return code
        recorded = load_cassettes(args.out) if args.out.is_dir() else []
        differences, notes = compare_cassettes(
            load_cassettes(args.cassettes),
            recorded,
            schema=load_schema(PATCHED_SCHEMA),
            failed={f.workflow for f in failures},
        )
        print(f"\nRecorded {len(recorded)} workflow(s) against {args.api_url} into {args.out}")
        for failure in failures:
            print(f"  FAILED: {failure}")
        for line in notes:
            print(f"  note: {line}")
        for line in differences:
            print(f"  {line}")
        print(
            f"{len(differences)} difference(s) between {args.cassettes} and {args.out}"
            if differences
            else f"no differences between {args.cassettes} and {args.out}"
        )
        if failures:
            failed = ", ".join(sorted({f.workflow for f in failures}))
            print(f"{len(failures)} workflow(s) failed: {failed}")
        return 1 if differences or failures else 0

    import httpx

    try:
        vendored = load_schema(VENDORED_SCHEMA)
        new = load_schema(args.schema) if args.schema else vendored
    except (OSError, ValueError, httpx.HTTPError) as exc:
        print(f"error: cannot read schema: {exc}", file=sys.stderr)
        return 2
    cassettes = load_cassettes(args.cassettes)
    if not cassettes:
        print(f"error: no cassettes in {args.cassettes}", file=sys.stderr)
        return 2
    try:
        patches = load_patches()
    except PatchError as exc:
        print(f"error: {_short(exc)}", file=sys.stderr)
        return 2
    try:
        patched = apply_patches(new, patches)
    except PatchError as exc:
        stale = patch_failures(new, patches) or [_short(exc)]
        if args.schema:
            return report_unpatchable(vendored, new, cassettes, stale)
        for line in stale:
            print(f"error: {line}", file=sys.stderr)
        return 2

    old_patched = load_schema(PATCHED_SCHEMA)
    checker = ContractChecker(patched, check_models=not args.schema)
    if args.schema:
        changes = mark_drift(diff_schemas(old_patched, patched), checker.is_read)
        print(format_report(changes))
        breaking = [c for c in changes if c.breaking]
        if breaking:
            print("\nRecorded workflows touched by breaking changes:")
            for change, hits in workflows_touched(breaking, old_patched, cassettes).items():
                print(f"  {change.detail}\n      {_where(hits)}")

    problems = checker.check(cassettes)
    n_exchanges = sum(len(c.exchanges) for c in cassettes)
    elapsed = time.perf_counter() - started
    print_drift(checker)
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
