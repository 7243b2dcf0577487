"""Live contract check: every API request and response against the patched OpenAPI schema.

Rules:

* responses with a status documented in the schema (2xx) are validated; error responses are
  defined by the server's behaviour, not by the schema, and are not;
* a request is flagged when the server *accepted* it (2xx) but the schema says it is invalid
  (or always, with ``check_requests_always``, useful when testing a client);
* security requirements are not checked (anonymous reads of public objects are real).

Mismatches are recorded in :attr:`Contract.mismatches`, announced on the response with the
header ``X-GC-Contract-Mismatch``, and in strict mode raised by
:meth:`~gc_highlevel.testing.LocalGrandChallenge.stop` as :class:`ContractError`.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.wrappers import Request, Response

DEFAULT_SCHEMA = Path(__file__).resolve().parents[2] / "openapi" / "grand-challenge.patched.json"


@dataclass(frozen=True)
class KnownSchemaIssue:
    """A place where the patched schema is wrong about the real server.

    Mismatches matching ``pattern`` are kept apart (:attr:`Contract.known`) instead of failing
    strict mode, until a patch under ``openapi/patches/`` fixes the schema (then the entry is
    dead and can go).
    """

    pointer: str
    pattern: str
    reason: str


#: None at the moment: Question.default_annotation_color ('' by default) was the last one,
#: fixed by openapi/patches/140-question-annotation-color-blank.json.
KNOWN_SCHEMA_ISSUES: tuple[KnownSchemaIssue, ...] = ()


class ContractError(AssertionError):
    """Raised (in strict mode) when traffic did not match the OpenAPI schema."""


@dataclass(frozen=True)
class ContractMismatch:
    """One request or response that does not match the schema."""

    method: str
    path: str
    status: int
    direction: str  # "request" or "response"
    operation_id: str
    errors: tuple[str, ...]

    def __str__(self) -> str:
        lines = "\n".join(f"    - {e}" for e in self.errors)
        return (
            f"{self.direction} of {self.method} {self.path} -> {self.status} "
            f"({self.operation_id}) does not match the schema:\n{lines}"
        )


def _describe(exc: BaseException, depth: int = 0) -> list[str]:
    out: list[str] = []
    schema_errors = getattr(exc, "schema_errors", None)
    if schema_errors:
        for se in schema_errors:
            path = "/" + "/".join(str(p) for p in getattr(se, "absolute_path", []))
            inst = json.dumps(getattr(se, "instance", None), default=str)
            if len(inst) > 120:
                inst = inst[:117] + "..."
            out.append(f"{path}: {getattr(se, 'message', se)} (got {inst})")
    cause = exc.__cause__ or exc.__context__
    if not out and cause is not None and depth < 5:
        out = _describe(cause, depth + 1)
    if not out:
        out.append(f"{type(exc).__name__}: {exc}")
    return out


def normalize_nullable_allof(node: Any) -> Any:
    """Rewrite drf-spectacular's ``{"allOf": [X], "nullable": true}`` to
    ``{"anyOf": [X, {"enum": [null], "nullable": true}]}``.

    Both mean "X or null" (drf-spectacular's intent); openapi-core applies ``nullable`` per
    ``allOf`` branch and would reject ``null``. Nothing else is changed.

    Example:
        >>> normalize_nullable_allof({"allOf": [{"$ref": "#/x"}], "nullable": True})
        {'anyOf': [{'$ref': '#/x'}, {'enum': [None], 'nullable': True}]}
    """
    if isinstance(node, list):
        return [normalize_nullable_allof(v) for v in node]
    if not isinstance(node, dict):
        return node
    out = {k: normalize_nullable_allof(v) for k, v in node.items()}
    if out.get("nullable") is True and isinstance(out.get("allOf"), list):
        branches = out.pop("allOf")
        out.pop("nullable")
        target = branches[0] if len(branches) == 1 else {"allOf": branches}
        out["anyOf"] = [target, {"enum": [None], "nullable": True}]
    return out


def find_schema() -> Path:
    """The patched schema: the repository copy, or the one shipped next to this package."""
    for candidate in (
        DEFAULT_SCHEMA,
        Path(__file__).resolve().parent / "grand-challenge.patched.json",
    ):
        if candidate.exists():
            return candidate
    raise FileNotFoundError("grand-challenge.patched.json not found")


class Contract:
    """Validates traffic against the OpenAPI document (loaded in a background thread).

    Example:
        >>> c = Contract(enabled=False); c.mismatches
        []
    """

    def __init__(
        self,
        *,
        schema_path: Path | None = None,
        enabled: bool = True,
        check_requests_always: bool = False,
    ) -> None:
        self.enabled = enabled
        self.check_requests_always = check_requests_always
        self.mismatches: list[ContractMismatch] = []
        self.known: list[ContractMismatch] = []
        self._known_rx = [re.compile(k.pattern) for k in KNOWN_SCHEMA_ISSUES]
        self._lock = threading.Lock()
        self._ready = threading.Event()
        self._validators: tuple[Any, Any, Any] | None = None
        self._load_error: BaseException | None = None
        self._documented: dict[tuple[str, str], set[str]] = {}
        if enabled and schema_path is None:
            try:
                schema_path = find_schema()
            except FileNotFoundError:
                import warnings

                warnings.warn(
                    "grand-challenge.patched.json not found: contract checking is off",
                    RuntimeWarning,
                    stacklevel=2,
                )
                enabled = self.enabled = False
        if enabled:
            assert schema_path is not None
            self._schema_path = schema_path
            threading.Thread(target=self._load, name="gc-contract-load", daemon=True).start()
        else:
            self._ready.set()

    def _load(self) -> None:
        try:
            from jsonschema_path import SchemaPath
            from openapi_core.validation.request.validators import (
                V30RequestBodyValidator,
                V30RequestParametersValidator,
            )
            from openapi_core.validation.response.validators import V30ResponseDataValidator

            data = normalize_nullable_allof(
                json.loads(self._schema_path.read_text(encoding="utf-8"))
            )
            for p, ops in data["paths"].items():
                for m, op in ops.items():
                    if isinstance(op, dict) and "responses" in op:
                        self._documented[(m.upper(), p)] = set(op["responses"])
            spec = SchemaPath.from_dict(data)
            self._validators = (
                V30RequestBodyValidator(spec),
                V30RequestParametersValidator(spec),
                V30ResponseDataValidator(spec),
            )
        except BaseException as e:  # pragma: no cover - surfaced at check time
            self._load_error = e
        finally:
            self._ready.set()

    def wait_ready(self, timeout: float = 30.0) -> None:
        self._ready.wait(timeout)

    def check(self, request: Request, response: Response, operation_id: str) -> None:
        """Validate one exchange; record and announce mismatches."""
        if not self.enabled:
            return
        self._ready.wait(60)
        if self._load_error is not None:
            raise self._load_error
        assert self._validators is not None
        from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse

        body_v, params_v, resp_v = self._validators
        status = response.status_code
        oreq = WerkzeugOpenAPIRequest(request)
        found: list[ContractMismatch] = []
        if (200 <= status < 300) or self.check_requests_always:
            errs = [
                line
                for v in (body_v, params_v)
                for e in v.iter_errors(oreq)
                for line in _describe(e)
            ]
            if errs:
                found.append(
                    ContractMismatch(
                        request.method,
                        request.full_path.rstrip("?"),
                        status,
                        "request",
                        operation_id,
                        tuple(errs),
                    )
                )
        if 200 <= status < 300 and response.mimetype == "application/json":
            oresp = WerkzeugOpenAPIResponse(response)
            errs = [line for e in resp_v.iter_errors(oreq, oresp) for line in _describe(e)]
            if errs:
                found.append(
                    ContractMismatch(
                        request.method,
                        request.full_path.rstrip("?"),
                        status,
                        "response",
                        operation_id,
                        tuple(errs),
                    )
                )
        real: list[ContractMismatch] = []
        for m in found:
            unknown = tuple(e for e in m.errors if not any(rx.search(e) for rx in self._known_rx))
            known = tuple(e for e in m.errors if e not in unknown)
            if known:
                with self._lock:
                    self.known.append(
                        ContractMismatch(
                            m.method, m.path, m.status, m.direction, m.operation_id, known
                        )
                    )
            if unknown:
                real.append(
                    ContractMismatch(
                        m.method, m.path, m.status, m.direction, m.operation_id, unknown
                    )
                )
        found = real
        if found:
            with self._lock:
                self.mismatches.extend(found)
            summary = "; ".join(f"{m.direction}: {m.errors[0]}" for m in found)
            response.headers["X-GC-Contract-Mismatch"] = summary.encode(
                "ascii", "replace"
            ).decode()[:1000]

    def clear(self) -> None:
        """Forget recorded mismatches."""
        with self._lock:
            self.mismatches.clear()
            self.known.clear()

    def report(self) -> str:
        """All recorded mismatches as readable text."""
        with self._lock:
            return "\n".join(str(m) for m in self.mismatches)

    def raise_if_mismatches(self) -> None:
        """Raise :class:`ContractError` listing every recorded mismatch (then clear them)."""
        with self._lock:
            if not self.mismatches:
                return
            text = "\n".join(str(m) for m in self.mismatches)
            self.mismatches.clear()
        raise ContractError(f"OpenAPI contract mismatches:\n{text}")
