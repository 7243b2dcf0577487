"""Recording a workflow's API traffic into a :class:`~gc_devtools.contracts.cassettes.Cassette`:
the transport wrappers, sanitising (no secrets, stable ids and times) and a deterministic
order for the requests of concurrent cases.
"""

from __future__ import annotations

import json
import re
import threading
import uuid
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from gc_devtools.contracts.cassettes import CASSETTE_DIR, HOST, Cassette, Exchange
from gc_devtools.contracts.schema import OperationIndex

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
